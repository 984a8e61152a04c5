"""Office roles as groups: secretary, leader, staff. Secretaries see the whole mail log."""

from django.db import migrations

ROLES = ("secretary", "leader", "staff")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    # Permissions are normally created after migrate; make this one now so it can be granted.
    message_type, _ = ContentType.objects.get_or_create(app_label="outbox", model="message")
    view_all, _ = Permission.objects.get_or_create(
        content_type=message_type,
        codename="view_all_messages",
        defaults={"name": "Can see every e-mail in the mail log"},
    )
    Group.objects.get(name="secretary").permissions.add(view_all)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("outbox", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
