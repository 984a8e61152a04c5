"""Follow-ups URLs: notes taken on the trip, and the follow-up items decided on it."""

from django.urls import path

from followups.views import department, evidence, items, notes, review, stats, units, urging
from followups.views import report as report_views

app_name = "followups"

urlpatterns = [
    # notes taken on the trip
    path("trips/<int:pk>/notes/", notes.note_list, name="note_list"),
    path("trips/<int:pk>/notes/new/", notes.note_capture, name="note_capture"),
    path("trips/<int:pk>/notes/panel/", notes.trip_notes, name="trip_notes"),
    # follow-up items: from a note, the item page, the board, the trip's panel
    path(
        "trips/<int:pk>/notes/<int:note_pk>/follow-up/",
        items.item_create,
        name="item_create",
    ),
    path("follow-ups/", items.board, name="board"),
    path("follow-ups/<int:pk>/", items.item_detail, name="item"),
    path("follow-ups/<int:pk>/update/", items.item_update, name="item_update"),
    path("follow-ups/<int:pk>/urge/", urging.item_urge, name="item_urge"),
    path("follow-ups/<int:pk>/call/", urging.item_call, name="item_call"),
    path("follow-ups/<int:pk>/review/", review.item_review, name="item_review"),
    path(
        "follow-ups/<int:pk>/leader-review/", review.item_leader_review, name="item_leader_review"
    ),
    path("follow-ups/<int:pk>/parts/<int:part_pk>/review/", review.part_review, name="part_review"),
    path("follow-ups/<int:pk>/more-time/", review.item_extension, name="item_extension"),
    path(
        "follow-ups/<int:pk>/more-time/<int:extension_pk>/",
        review.extension_decide,
        name="extension_decide",
    ),
    path("trips/<int:pk>/follow-ups/panel/", items.trip_panel, name="trip_panel"),
    path("trips/<int:pk>/follow-ups/close/", items.trip_close, name="trip_close"),
    # --- department links and evidence (helper A adds here) ---
    path("follow-ups/<int:pk>/evidence/", evidence.evidence_add, name="evidence_add"),
    path("follow-ups/evidence/<int:pk>/", evidence.evidence_download, name="evidence"),
    path("follow-ups/evidence/<int:pk>/remove/", evidence.evidence_remove, name="evidence_remove"),
    path(
        "follow-ups/<int:pk>/send-link/",
        department.send_department_link,
        name="send_department_link",
    ),
    path(
        "follow-ups/<int:pk>/replace-link/",
        department.send_department_link,
        {"replace": True},
        name="replace_department_link",
    ),
    path("follow-ups/my-department/", department.my_department_items, name="my_department_items"),
    # the department's signed link (no account); config/logging.py redacts the token
    path("follow-ups/d/<str:token>/", department.department_items, name="department_items"),
    path(
        "follow-ups/d/<str:token>/<int:pk>/",
        department.department_item,
        name="department_item",
    ),
    path(
        "follow-ups/d/<str:token>/<int:pk>/more-time/",
        department.department_item_extension,
        name="department_item_extension",
    ),
    path(
        "follow-ups/d/<str:token>/<int:pk>/evidence/<int:evidence_pk>/",
        department.department_evidence,
        name="department_evidence",
    ),
    # --- the post-trip report and exports (helper C adds here) ---
    path("trips/<int:pk>/report/", report_views.report_detail, name="report"),
    path("trips/<int:pk>/report/final/", report_views.report_final, name="report_final"),
    path("trips/<int:pk>/report/revise/", report_views.report_revise, name="report_revise"),
    path(
        "trips/<int:pk>/report/revisions/<int:number>/",
        report_views.report_revision,
        name="report_revision",
    ),
    path("trips/<int:pk>/report/docx/", report_views.report_docx, name="report_docx"),
    path(
        "trips/<int:pk>/report/revisions/<int:number>/docx/",
        report_views.report_docx,
        name="report_revision_docx",
    ),
    path("trips/<int:pk>/follow-ups/xlsx/", report_views.trip_tracker, name="trip_tracker"),
    path("follow-ups/xlsx/", report_views.board_tracker, name="board_tracker"),
    # --- 督办统计: the departments counted ---
    path("follow-ups/stats/", stats.stats_page, name="stats"),
    path("follow-ups/stats/xlsx/", stats.stats_xlsx, name="stats_xlsx"),
    # --- panels for other apps' pages: host unit (helper D adds here) ---
    path("units/<int:pk>/follow-ups/panel/", units.unit_panel, name="unit_panel"),
]
