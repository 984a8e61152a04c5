"""The office's 督办 states: an item handed to a department ("open") is 已交办 (assigned);
in progress, done and cannot be done keep their names. Every item's history is kept: the
rows are not touched, and the history shows an old "open" as assigned too."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    FollowUp = apps.get_model("followups", "FollowUp")
    FollowUp.objects.filter(status="open").update(status="assigned")


def backwards(apps, schema_editor):
    FollowUp = apps.get_model("followups", "FollowUp")
    FollowUp.objects.filter(status__in=["pending", "assigned", "acknowledged", "returned"]).update(
        status="open"
    )
    FollowUp.objects.filter(status__in=["answered", "leader_review"]).update(status="in_progress")


class Migration(migrations.Migration):
    dependencies = [("followups", "0004_digest_claims_in_outbox")]

    operations = [
        migrations.AddField(
            model_name="followup",
            name="answer_kind",
            field=models.CharField(
                blank=True,
                choices=[("done", "Done"), ("cannot", "Cannot be done")],
                max_length=10,
                verbose_name="the department's answer",
            ),
        ),
        migrations.AddField(
            model_name="followup",
            name="raised_by_leader",
            field=models.BooleanField(default=False, verbose_name="raised by the leader"),
        ),
        migrations.AlterField(
            model_name="followup",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Not yet assigned"),
                    ("assigned", "Assigned"),
                    ("acknowledged", "Acknowledged"),
                    ("in_progress", "In progress"),
                    ("answered", "Answered, awaiting review"),
                    ("returned", "Returned"),
                    ("leader_review", "Awaiting the leader"),
                    ("done", "Done"),
                    ("cannot", "Cannot be done"),
                ],
                db_index=True,
                default="pending",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
