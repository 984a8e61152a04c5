"""Printing URLs: a trip's documents, and the panels the trip page loads."""

from django.urls import path

from printing import views

app_name = "printing"

urlpatterns = [
    path("trips/<int:pk>/print/", views.print_menu, name="print_menu"),
    path("trips/<int:pk>/print/downloads/", views.download_log, name="download_log"),
    path("trips/<int:pk>/print/<slug:name>.pdf", views.document, name="document"),
]
