"""Notices URLs: the secretary's page and sending, the trip page's panels, cancelling the
trip, "leaving now", and the unit's page behind its signed link. The paths are those they had
under trips (links already e-mailed keep working)."""

from django.urls import path

from notices import letter_views, reception_views, views

app_name = "notices"

urlpatterns = [
    path("trips/<int:pk>/cancel/", views.trip_cancel, name="trip_cancel"),
    # the party's day on the road (trips.today), with the units' on-site contacts
    path("trips/<int:pk>/today/", views.trip_today, name="today"),
    # the trip page's panels, loaded by URL (trips does not know notices)
    path("trips/<int:pk>/notices/panel/", views.trip_panel, name="trip_panel"),
    path("trips/<int:pk>/notices/leaving/", views.leaving_buttons, name="leaving_buttons"),
    # notices to host units: the secretary's page, sending, "leaving now", the unit's page
    path("trips/<int:pk>/notices/", views.notice_board, name="notices"),
    path("trips/<int:pk>/notices/send/", views.notices_send, name="notices_send"),
    path(
        "trips/<int:pk>/notices/units/<int:unit_pk>/requirements/",
        views.notice_requirements,
        name="notice_requirements",
    ),
    path(
        "trips/<int:pk>/notices/units/<int:unit_pk>/text/",
        views.notice_text,
        name="notice_text",
    ),
    path(
        "trips/<int:pk>/notices/units/<int:unit_pk>/phone/",
        views.notice_phone,
        name="notice_phone",
    ),
    path(
        "trips/<int:pk>/notices/units/<int:unit_pk>/answer/",
        views.notice_answer,
        name="notice_answer",
    ),
    path(
        "trips/<int:pk>/notices/messages/<int:message_pk>/read/",
        views.notice_message_read,
        name="notice_message_read",
    ),
    path(
        "trips/<int:pk>/items/<int:item_pk>/leaving/",
        views.item_leaving,
        name="item_leaving",
    ),
    # the 公函 to each host unit and phone notices (电话通知)
    path("trips/<int:pk>/letters/", letter_views.letters_page, name="letters"),
    path(
        "trips/<int:pk>/letters/units/<int:unit_pk>/write/",
        letter_views.letter_generate,
        name="letter_generate",
    ),
    path(
        "trips/<int:pk>/letters/units/<int:unit_pk>/phone/",
        letter_views.letter_phone,
        name="letter_phone",
    ),
    path(
        "trips/<int:pk>/letters/<int:letter_pk>/text/",
        letter_views.letter_text,
        name="letter_text",
    ),
    path(
        "trips/<int:pk>/letters/<int:letter_pk>/issue/",
        letter_views.letter_issue,
        name="letter_issue",
    ),
    # after the visit: the units' 接待清单, the differences and the settlement
    path("trips/<int:pk>/reception/", reception_views.reception_board, name="reception"),
    path("trips/<int:pk>/reception/xlsx/", reception_views.reception_xlsx, name="reception_xlsx"),
    path(
        "trips/<int:pk>/reception/units/<int:unit_pk>/",
        reception_views.reception_unit,
        name="reception_unit",
    ),
    path(
        "trips/<int:pk>/reception/units/<int:unit_pk>/waive/",
        reception_views.reception_waive,
        name="reception_waive",
    ),
    path(
        "trips/<int:pk>/reception/units/<int:unit_pk>/settle/",
        reception_views.reception_settle,
        name="reception_settle",
    ),
    path(
        "trips/<int:pk>/reception/units/<int:unit_pk>/settlement-receipt/",
        reception_views.settlement_receipt,
        name="settlement_receipt",
    ),
    path(
        "trips/<int:pk>/reception/receipts/<int:receipt_pk>/",
        reception_views.reception_receipt,
        name="reception_receipt",
    ),
    path("n/<str:token>/", views.notice_ack, name="notice_ack"),
    path("n/<str:token>/message/", views.notice_reply, name="notice_reply"),
    path("n/<str:token>/list/", reception_views.reception_list, name="reception_list"),
]
