"""Directory URLs: host units, contacts and their CSV import, departments, the reception
standards."""

from django.urls import path

from directory import views as directory

app_name = "directory"

urlpatterns = [
    # directory: host units, contacts and departments
    path("host-units/", directory.hostunit_list, name="hostunit_list"),
    path("host-units/new/", directory.hostunit_create, name="hostunit_create"),
    path("host-units/<int:pk>/", directory.hostunit_detail, name="hostunit_detail"),
    path("host-units/<int:pk>/edit/", directory.hostunit_edit, name="hostunit_edit"),
    path("contacts/", directory.contact_list, name="contact_list"),
    path("contacts/new/", directory.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", directory.contact_edit, name="contact_edit"),
    path("contacts/import/", directory.contact_import, name="contact_import"),
    path("departments/", directory.department_list, name="department_list"),
    path("departments/new/", directory.department_create, name="department_create"),
    path("departments/<int:pk>/edit/", directory.department_edit, name="department_edit"),
    # the reception standards the feasibility checks read
    path("standards/", directory.standards, name="standards"),
    path("standards/<int:pk>/", directory.standard_edit, name="standard_edit"),
    path("standards/<int:pk>/use/", directory.standard_use, name="standard_use"),
]
