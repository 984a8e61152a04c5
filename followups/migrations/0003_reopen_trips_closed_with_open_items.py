"""Trips closed before closing checked the follow-ups (the workflow's own "close" step did
not) go back to completed, with a line in their history, so their open items can be
answered and the trip closed by the rule."""

from django.db import migrations
from django.utils import timezone

OPEN = ("open", "in_progress")


def reopen(apps, schema_editor):
    Trip = apps.get_model("trips", "Trip")
    TripEvent = apps.get_model("trips", "TripEvent")
    FollowUp = apps.get_model("followups", "FollowUp")
    unsettled = FollowUp.objects.filter(status__in=OPEN).values("trip_id")
    trips = list(
        Trip.objects.filter(status="closed", pk__in=unsettled).values_list("pk", flat=True)
    )
    Trip.objects.filter(pk__in=trips).update(status="completed", updated_at=timezone.now())
    TripEvent.objects.bulk_create(
        TripEvent(
            trip_id=pk,
            action="reopened",
            comment="Closed with follow-up items still open: reopened to give each an outcome.",
            created_at=timezone.now(),
        )
        for pk in trips
    )


class Migration(migrations.Migration):
    dependencies = [
        ("followups", "0002_evidence_links_digests_report"),
        ("trips", "0003_cancel_withdraw_reopen"),
    ]

    operations = [migrations.RunPython(reopen, migrations.RunPython.noop)]
