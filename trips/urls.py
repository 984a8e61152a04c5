"""Trips URLs: the trips, their itinerary and approval, calendars."""

from django.urls import path

from trips.views import approval, calendar, trips

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
    path("trips/<int:pk>/costs/", trips.trip_costs, name="trip_costs"),
    path("trips/<int:pk>/costs/xlsx/", trips.trip_costs_xlsx, name="trip_costs_xlsx"),
    # the party's day on a phone, kept for reading without signal
    path("host-units/<int:unit_pk>/visits/", trips.unit_visits, name="unit_visits"),
    # approval: submit a version, the leader's decision, the status workflow
    path("trips/<int:pk>/submit/", approval.version_submit, name="version_submit"),
    path("trips/<int:pk>/advance/", approval.trip_advance, name="trip_advance"),
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
    path("profile/calendar/details/", calendar.feed_details, name="calendar_details"),
]
