"""Logistics URLs: checklists and templates, needs, gifts, cars, seating plans."""

from django.urls import path

from logistics.views import checklists as checklist_views
from logistics.views import needs as needs_views
from logistics.views import seating as seating_views

app_name = "logistics"

urlpatterns = [
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
    path("trips/<int:pk>/checklist/assign/", checklist_views.items_assign, name="checklist_assign"),
    path("trips/<int:pk>/checklist/apply/", checklist_views.apply_template, name="checklist_apply"),
    path(
        "trips/<int:pk>/checklist/save-as-template/",
        checklist_views.save_as_template,
        name="checklist_save_template",
    ),
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
    path("trips/<int:pk>/needs/", needs_views.needs, name="needs"),
    path("trips/<int:pk>/needs/people/new/", needs_views.need_edit, name="need_create"),
    path("trips/<int:pk>/needs/people/<int:need_pk>/", needs_views.need_edit, name="need_edit"),
    path("trips/<int:pk>/needs/gifts/new/", needs_views.gift_edit, name="gift_create"),
    path("trips/<int:pk>/needs/gifts/<int:gift_pk>/", needs_views.gift_edit, name="gift_edit"),
    path("trips/<int:pk>/needs/cars/new/", needs_views.vehicle_edit, name="vehicle_create"),
    path(
        "trips/<int:pk>/needs/cars/<int:vehicle_pk>/",
        needs_views.vehicle_edit,
        name="vehicle_edit",
    ),
    path(
        "trips/<int:pk>/items/<int:item_pk>/cars/",
        needs_views.item_cars,
        name="item_cars",
    ),
    path(
        "trips/<int:pk>/needs/<str:what>/<int:entry_pk>/delete/",
        needs_views.needs_delete,
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
]
