"""Root URLs: each app brings its own urls module."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views as account_views
from accounts.forms import OutboxPasswordResetForm
from desk.views import favicon

urlpatterns = [
    # Browsers ask for /favicon.ico where a page names no icon: a PDF, a file download.
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=OutboxPasswordResetForm),
        name="password_reset",
    ),
    # Before Django's own: logging out also clears what the phone keeps (accounts.offline).
    path("accounts/logout/", account_views.logout, name="logout"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("mail/", include("outbox.urls")),
    path("briefings/", include("briefings.urls")),
    path("", include("desk.urls")),
    path("", include("directory.urls")),
    path("", include("followups.urls")),
    path("", include("logistics.urls")),
    path("", include("trips.urls")),
    path("", include("notices.urls")),
    path("", include("printing.urls")),
]
