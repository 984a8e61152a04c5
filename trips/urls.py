"""Trips URLs: the trips, their itinerary and approval, calendars, notices to host units."""

from django.urls import path

from trips.views import approval, calendar, today, trips
from trips.views import notices as notice_views

app_name = "trips"

urlpatterns = [
    # trips and itinerary
    path("trips/", trips.trip_list, name="trip_list"),
    path("trips/new/", trips.trip_create, name="trip_create"),
    path("trips/<int:pk>/", trips.trip_detail, name="trip_detail"),
    path("trips/<int:pk>/edit/", trips.trip_edit, name="trip_edit"),
    path("trips/<int:pk>/items/new/", trips.item_create, name="item_create"),
    path("trips/<int:pk>/items/contacts/", trips.item_contacts, name="item_contacts"),
    path("trips/<int:pk>/items/<int:item_pk>/edit/", trips.item_edit, name="item_edit"),
    path("trips/<int:pk>/items/<int:item_pk>/delete/", trips.item_delete, name="item_delete"),
    path(
        "trips/<int:pk>/items/<int:item_pk>/duplicate/",
        trips.item_duplicate,
        name="item_duplicate",
    ),
    path("trips/<int:pk>/items/<int:item_pk>/move/", trips.item_move, name="item_move"),
    path("trips/<int:pk>/timeline/", trips.trip_timeline, name="trip_timeline"),
    # the party's day on a phone, kept for reading without signal
    path("trips/<int:pk>/today/", today.trip_today, name="today"),
    path("host-units/<int:unit_pk>/visits/", trips.unit_visits, name="unit_visits"),
    # approval: submit a version, the leader's decision, the status workflow
    path("trips/<int:pk>/submit/", approval.version_submit, name="version_submit"),
    path("trips/<int:pk>/advance/", approval.trip_advance, name="trip_advance"),
    path("trips/<int:pk>/cancel/", approval.trip_cancel, name="trip_cancel"),
    path("trips/<int:pk>/versions/<int:number>/", approval.version_detail, name="version_detail"),
    path(
        "trips/<int:pk>/versions/<int:number>/confirm-brief/",
        approval.version_confirm_brief,
        name="version_confirm_brief",
    ),
    path(
        "trips/<int:pk>/versions/<int:number>/decide/",
        approval.version_decide,
        name="version_decide",
    ),
    path(
        "trips/<int:pk>/comments/<int:comment_pk>/done/",
        approval.item_comment_done,
        name="item_comment_done",
    ),
    # calendars (.ics): a trip's download, the private feed, a new feed address
    path("trips/<int:pk>/calendar.ics", calendar.trip_ics, name="trip_ics"),
    path("calendar/<str:token>.ics", calendar.feed, name="calendar_feed"),
    path("profile/calendar/new/", calendar.feed_regenerate, name="calendar_regenerate"),
    # notices to host units: the secretary's page, sending, "leaving now", the unit's page
    path("trips/<int:pk>/notices/", notice_views.notice_board, name="notices"),
    path("trips/<int:pk>/notices/send/", notice_views.notices_send, name="notices_send"),
    path(
        "trips/<int:pk>/notices/units/<int:unit_pk>/requirements/",
        notice_views.notice_requirements,
        name="notice_requirements",
    ),
    path(
        "trips/<int:pk>/notices/units/<int:unit_pk>/text/",
        notice_views.notice_text,
        name="notice_text",
    ),
    path(
        "trips/<int:pk>/notices/units/<int:unit_pk>/phone/",
        notice_views.notice_phone,
        name="notice_phone",
    ),
    path(
        "trips/<int:pk>/notices/units/<int:unit_pk>/answer/",
        notice_views.notice_answer,
        name="notice_answer",
    ),
    path(
        "trips/<int:pk>/notices/messages/<int:message_pk>/read/",
        notice_views.notice_message_read,
        name="notice_message_read",
    ),
    path(
        "trips/<int:pk>/items/<int:item_pk>/leaving/",
        notice_views.item_leaving,
        name="item_leaving",
    ),
    path("n/<str:token>/", notice_views.notice_ack, name="notice_ack"),
    path("n/<str:token>/message/", notice_views.notice_reply, name="notice_reply"),
]
