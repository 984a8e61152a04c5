"""The follow-up digests' claims move to the outbox's (outbox.claims): each Digest row
becomes a Claim of the same kind, recipient and period, so a digest sent before the
upgrade is not sent again after it; then the Digest table goes."""

from django.conf import settings
from django.db import migrations

KINDS = {
    "owner": "followups.owner",
    "secretary": "followups.secretary",
    "leader": "followups.leader",
}


def to_claims(apps, schema_editor):
    Digest = apps.get_model("followups", "Digest")
    Claim = apps.get_model("outbox", "Claim")
    for digest in Digest.objects.order_by("pk"):
        recipient = digest.department_id if digest.department_id else digest.user_id
        claim, _ = Claim.objects.get_or_create(
            kind=KINDS[digest.kind],
            key=str(recipient),
            period=digest.period,
            defaults={"message_id": digest.message_id},
        )
        # auto_now_add wrote the migration's time: the claim keeps when the digest went.
        Claim.objects.filter(pk=claim.pk).update(created_at=digest.created_at)


def from_claims(apps, schema_editor):
    Digest = apps.get_model("followups", "Digest")
    Claim = apps.get_model("outbox", "Claim")
    Department = apps.get_model("directory", "Department")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    departments = set(Department.objects.values_list("pk", flat=True))
    users = set(User.objects.values_list("pk", flat=True))
    for kind, label in KINDS.items():
        for claim in Claim.objects.filter(kind=label):
            recipient = int(claim.key)
            field, known = ("department_id", departments) if kind == "owner" else ("user_id", users)
            if recipient not in known:
                continue  # the recipient is gone: its claim no longer matters
            digest = Digest.objects.create(
                kind=kind, period=claim.period, message_id=claim.message_id, **{field: recipient}
            )
            Digest.objects.filter(pk=digest.pk).update(created_at=claim.created_at)
    Claim.objects.filter(kind__in=KINDS.values()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("followups", "0003_reopen_trips_closed_with_open_items"),
        ("outbox", "0002_claims"),
    ]

    operations = [
        migrations.RunPython(to_claims, from_claims),
        migrations.DeleteModel(name="Digest"),
    ]
