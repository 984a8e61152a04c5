"""Mail log URLs, mounted at /mail/."""

from django.urls import path

from . import views

app_name = "outbox"

urlpatterns = [
    path("", views.message_list, name="message_list"),
    path("<int:pk>/", views.message_detail, name="message_detail"),
    path("<int:pk>/html/", views.message_html, name="message_html"),
    path("<int:pk>/resend/", views.message_resend, name="message_resend"),
]
