"""The trip and everything planned for it."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TripsConfig(AppConfig):
    name = "trips"
    verbose_name = _("Trips")

    def ready(self) -> None:
        from outbox import scopes
        from trips import access

        # The mail log shows a trip's e-mails to whoever may read the trip, by the same rule.
        scopes.read_trips_with(lambda user: access.visible_trips(user).values("pk"))
