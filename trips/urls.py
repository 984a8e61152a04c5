"""Trips URLs: home (dashboard, profile), the trips and their itinerary, the directory."""

from django.urls import path

from .views import calendar, directory, home, trips

app_name = "trips"

urlpatterns = [
    # home
    path("", home.dashboard, name="dashboard"),
    path("profile/", home.profile, name="profile"),
    path("profile/test-email/", home.send_test_email, name="send_test_email"),
    # trips and itinerary
    path("trips/", trips.trip_list, name="trip_list"),
    path("trips/new/", trips.trip_create, name="trip_create"),
    path("trips/<int:pk>/", trips.trip_detail, name="trip_detail"),
    path("trips/<int:pk>/edit/", trips.trip_edit, name="trip_edit"),
    path("trips/<int:pk>/items/new/", trips.item_create, name="item_create"),
    path("trips/<int:pk>/items/<int:item_pk>/edit/", trips.item_edit, name="item_edit"),
    path("trips/<int:pk>/items/<int:item_pk>/delete/", trips.item_delete, name="item_delete"),
    path(
        "trips/<int:pk>/items/<int:item_pk>/duplicate/",
        trips.item_duplicate,
        name="item_duplicate",
    ),
    # directory: host units and contacts
    path("host-units/", directory.hostunit_list, name="hostunit_list"),
    path("host-units/new/", directory.hostunit_create, name="hostunit_create"),
    path("host-units/<int:pk>/", directory.hostunit_detail, name="hostunit_detail"),
    path("host-units/<int:pk>/edit/", directory.hostunit_edit, name="hostunit_edit"),
    path("contacts/", directory.contact_list, name="contact_list"),
    path("contacts/new/", directory.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", directory.contact_edit, name="contact_edit"),
    path("contacts/import/", directory.contact_import, name="contact_import"),
    # calendars (.ics): a trip's download, the private feed, a new feed address
    path("trips/<int:pk>/calendar.ics", calendar.trip_ics, name="trip_ics"),
    path("calendar/<str:token>.ics", calendar.feed, name="calendar_feed"),
    path("profile/calendar/new/", calendar.feed_regenerate, name="calendar_regenerate"),
]
