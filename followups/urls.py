"""Follow-ups URLs: notes taken on the trip, and the follow-up items decided on it."""

from django.urls import path

from followups.views import items, notes

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
    path("trips/<int:pk>/follow-ups/panel/", items.trip_panel, name="trip_panel"),
    path("trips/<int:pk>/follow-ups/close/", items.trip_close, name="trip_close"),
    # --- department links and evidence (helper A adds here) ---
    # --- the post-trip report and exports (helper C adds here) ---
    # --- panels for other apps' pages: host unit (helper D adds here) ---
]
