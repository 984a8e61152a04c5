"""Desk URLs: the dashboard, my items, the profile page, the service worker."""

from django.urls import path

from desk import views as home

app_name = "desk"

urlpatterns = [
    # home
    path("", home.dashboard, name="dashboard"),
    path("profile/", home.profile, name="profile"),
    path("profile/test-email/", home.send_test_email, name="send_test_email"),
    path("my-items/", home.my_checklist, name="my_checklist"),
    # at the top of the site: a service worker's scope is its own folder and below
    path("sw.js", home.service_worker, name="service_worker"),
]
