"""Briefings URLs: the book of a trip, a host unit's and a visit's material, and the facts."""

from django.urls import path, register_converter

from briefings import views


class KindConverter:
    """The kinds of material: section, figure, person, attachment."""

    regex = "section|figure|person|attachment"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KindConverter, "kind")

app_name = "briefings"

urlpatterns = [
    path("trip/<int:pk>/", views.book_page, name="book"),
    path("trip/<int:pk>/items/<int:item_pk>/", views.item, name="item"),
    path("trip/<int:pk>/items/<int:item_pk>/<kind:kind>/new/", views.item_add, name="item_add"),
    path("unit/<int:pk>/", views.unit, name="unit"),
    path("unit/<int:pk>/<kind:kind>/new/", views.unit_add, name="unit_add"),
    path("<kind:kind>/<int:pk>/edit/", views.edit, name="edit"),
    path("<kind:kind>/<int:pk>/delete/", views.delete, name="delete"),
    path("<kind:kind>/<int:pk>/verify/", views.verify, name="verify"),
    path("attachment/<int:pk>/download/", views.attachment, name="attachment"),
]
