"""The logistics app: checklists, needs, gifts, cars, seating."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogisticsConfig(AppConfig):
    name = "logistics"
    verbose_name = _("Logistics")

    def ready(self) -> None:
        # A new trip gets its checklist: the one extension point trips offers upward.
        from logistics import checklists
        from trips.signals import trip_created

        trip_created.connect(checklists.on_trip_created, dispatch_uid="logistics.checklist")
