"""Attachments are served only to people who may see their unit or trip, as downloads."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from tests.briefings.factories import PDF, AttachmentFactory
from tests.factories import ItineraryItemFactory

pytestmark = pytest.mark.django_db


def download(client, attachment):
    return client.get(reverse("briefings:attachment", args=[attachment.pk]))


def test_a_team_member_downloads_a_confidential_visits_attachment(client, confidential_trip, staff):
    trip = confidential_trip
    attachment = AttachmentFactory(host_unit=None, item=ItineraryItemFactory(trip=trip))
    client.force_login(staff)
    response = download(client, attachment)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert (response["Content-Type"], b"".join(response.streaming_content)) == (
        "application/pdf",
        PDF,
    )


def test_an_outsider_gets_404_for_a_confidential_visits_attachment(
    client, confidential_trip, outsider
):
    trip = confidential_trip
    attachment = AttachmentFactory(host_unit=None, item=ItineraryItemFactory(trip=trip))
    client.force_login(outsider)
    assert download(client, attachment).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = download(client, AttachmentFactory())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_office_staff_download_a_host_units_attachment(client, outsider):
    client.force_login(outsider)
    assert download(client, AttachmentFactory()).status_code == 200


def test_an_account_without_an_office_role_gets_403(client, stranger):
    client.force_login(stranger)
    assert download(client, AttachmentFactory()).status_code == 403


def test_downloads_are_not_kept_by_shared_caches(client, secretary):
    client.force_login(secretary)
    cache_control = download(client, AttachmentFactory())["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control


def test_deleting_an_attachment_removes_its_file(
    client, secretary, django_capture_on_commit_callbacks
):
    attachment = AttachmentFactory()
    path = attachment.file.path
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("briefings:delete", args=["attachment", attachment.pk]))
    assert not os.path.exists(path)
