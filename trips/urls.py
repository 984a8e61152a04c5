"""Trips URLs: home (dashboard, profile), the trips, their itinerary and approval, the directory."""

from django.urls import path

from .views import approval, calendar, directory, home, trips
from .views import checklists as checklist_views
from .views import notices as notice_views
from .views import seating as seating_views

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
    path("trips/<int:pk>/timeline/", trips.trip_timeline, name="trip_timeline"),
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
    # logistics checklists: the trip's list, my items, templates
    path("trips/<int:pk>/checklist/", checklist_views.checklist, name="checklist"),
    path(
        "trips/<int:pk>/checklist/new/", checklist_views.item_create, name="checklist_item_create"
    ),
    path(
        "trips/<int:pk>/checklist/<int:item_pk>/edit/",
        checklist_views.item_edit,
        name="checklist_item_edit",
    ),
    path(
        "trips/<int:pk>/checklist/<int:item_pk>/delete/",
        checklist_views.item_delete,
        name="checklist_item_delete",
    ),
    path(
        "trips/<int:pk>/checklist/<int:item_pk>/move/",
        checklist_views.item_move,
        name="checklist_item_move",
    ),
    path(
        "trips/<int:pk>/checklist/<int:item_pk>/tick/",
        checklist_views.item_tick,
        name="checklist_item_tick",
    ),
    path("trips/<int:pk>/checklist/apply/", checklist_views.apply_template, name="checklist_apply"),
    path(
        "trips/<int:pk>/checklist/save-as-template/",
        checklist_views.save_as_template,
        name="checklist_save_template",
    ),
    path("my-items/", checklist_views.my_checklist, name="my_checklist"),
    path("checklist-templates/", checklist_views.template_list, name="checklist_template_list"),
    path(
        "checklist-templates/<int:pk>/",
        checklist_views.template_edit,
        name="checklist_template_edit",
    ),
    path(
        "checklist-templates/<int:pk>/delete/",
        checklist_views.template_delete,
        name="checklist_template_delete",
    ),
    # people's needs, the protocol register (gifts), vehicle allocation: team only
    path("trips/<int:pk>/needs/", checklist_views.needs, name="needs"),
    path("trips/<int:pk>/needs/people/new/", checklist_views.need_edit, name="need_create"),
    path("trips/<int:pk>/needs/people/<int:need_pk>/", checklist_views.need_edit, name="need_edit"),
    path("trips/<int:pk>/needs/gifts/new/", checklist_views.gift_edit, name="gift_create"),
    path("trips/<int:pk>/needs/gifts/<int:gift_pk>/", checklist_views.gift_edit, name="gift_edit"),
    path("trips/<int:pk>/needs/cars/new/", checklist_views.vehicle_edit, name="vehicle_create"),
    path(
        "trips/<int:pk>/needs/cars/<int:vehicle_pk>/",
        checklist_views.vehicle_edit,
        name="vehicle_edit",
    ),
    path(
        "trips/<int:pk>/needs/<str:what>/<int:entry_pk>/delete/",
        checklist_views.needs_delete,
        name="needs_delete",
    ),
    # seating plans of meetings, forums and ceremonies
    path(
        "trips/<int:pk>/items/<int:item_pk>/seating/",
        seating_views.seating_plan,
        name="seating_plan",
    ),
    path(
        "trips/<int:pk>/items/<int:item_pk>/seating/edit/",
        seating_views.seating_edit,
        name="seating_edit",
    ),
    # notices to host units: the secretary's page, sending, "leaving now", the unit's page
    path("trips/<int:pk>/notices/", notice_views.notice_board, name="notices"),
    path("trips/<int:pk>/notices/send/", notice_views.notices_send, name="notices_send"),
    path(
        "trips/<int:pk>/notices/units/<int:unit_pk>/requirements/",
        notice_views.notice_requirements,
        name="notice_requirements",
    ),
    path(
        "trips/<int:pk>/items/<int:item_pk>/leaving/",
        notice_views.item_leaving,
        name="item_leaving",
    ),
    path("n/<str:token>/", notice_views.notice_ack, name="notice_ack"),
    path("n/<str:token>/message/", notice_views.notice_reply, name="notice_reply"),
]
