"""The checklist digest's claims move to the outbox's (outbox.claims): each DigestSent row
becomes a Claim for the same person and day, so a digest sent before the upgrade is not
sent again after it; then the DigestSent table goes."""

from django.conf import settings
from django.db import migrations

KIND = "logistics.checklist"


def to_claims(apps, schema_editor):
    DigestSent = apps.get_model("logistics", "DigestSent")
    Claim = apps.get_model("outbox", "Claim")
    for sent in DigestSent.objects.order_by("pk"):
        claim, _ = Claim.objects.get_or_create(
            kind=KIND,
            key=str(sent.user_id),
            period=sent.date,
            defaults={"message_id": sent.message_id},
        )
        # auto_now_add wrote the migration's time: the claim keeps when the digest went.
        Claim.objects.filter(pk=claim.pk).update(created_at=sent.created_at)


def from_claims(apps, schema_editor):
    DigestSent = apps.get_model("logistics", "DigestSent")
    Claim = apps.get_model("outbox", "Claim")
    users = set(apps.get_model(settings.AUTH_USER_MODEL).objects.values_list("pk", flat=True))
    for claim in Claim.objects.filter(kind=KIND):
        if int(claim.key) not in users:
            continue  # the person is gone: their claim no longer matters
        sent = DigestSent.objects.create(
            user_id=int(claim.key), date=claim.period, message_id=claim.message_id
        )
        DigestSent.objects.filter(pk=sent.pk).update(created_at=claim.created_at)
    Claim.objects.filter(kind=KIND).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("logistics", "0003_seating_layouts"),
        ("outbox", "0002_claims"),
    ]

    operations = [
        migrations.RunPython(to_claims, from_claims),
        migrations.DeleteModel(name="DigestSent"),
    ]
