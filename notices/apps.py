"""Notices to host units: each unit's part of the visit, its answers, reminders, "leaving now"."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Notices to host units")
