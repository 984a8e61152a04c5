"""python manage.py seed_demo: demo users, host units and trips; safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand

from desk.demo import seed


class Command(BaseCommand):
    help = "Create the demo office (users, host units, three trips, follow-ups). Idempotent."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has users (used by make run).",
        )

    def handle(self, *args, if_empty: bool = False, **options) -> None:
        from django.contrib.auth.models import User

        if if_empty and User.objects.exists():
            self.stdout.write("Database has users already; demo data not loaded.")
            return
        result = seed(settings.DEMO_PASSWORD)
        for trip in result.trips:
            self.stdout.write(f"Trip: {trip.title}")
        if result.created_users:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo users {', '.join(result.created_users)} "
                    f"with password: {settings.DEMO_PASSWORD}"
                )
            )
        else:
            self.stdout.write(
                f"Demo users exist already: {', '.join(result.users)} "
                f"(password set when they were created; default {settings.DEMO_PASSWORD})"
            )
