"""Every download of an internal trip's document is logged; the log is read-only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from printing import documents
from printing.models import Download
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ITEMS = documents.Document(
    "items", "Items", "printing_tests/long_table.html", lambda trip, language: {"rows": []}
)


def test_each_download_of_an_internal_document_is_logged(
    confidential_trip, staff, secretary, test_templates
):
    documents.download(ITEMS, confidential_trip, staff, "zh-hans")
    documents.download(ITEMS, confidential_trip, staff, "zh-hans")  # cached: logged all the same
    documents.download(ITEMS, confidential_trip, secretary, "en")
    log = [(d.user, d.document, d.language) for d in Download.objects.order_by("pk")]
    assert log == [
        (staff, "items", "zh-hans"),
        (staff, "items", "zh-hans"),
        (secretary, "items", "en"),
    ]


def test_office_trip_downloads_are_not_logged(office_trip, staff, test_templates):
    documents.download(ITEMS, office_trip, staff, "en")
    assert not Download.objects.exists()


def test_a_refused_download_is_neither_made_nor_logged(confidential_trip, staff):
    secret = documents.Document(
        "secret", "Secret", "printing_tests/long_table.html", dict, lambda trip, user: False
    )
    with pytest.raises(PermissionDenied):
        documents.download(secret, confidential_trip, staff, "en")
    assert not Download.objects.exists()


def test_the_log_cannot_be_changed_or_deleted(confidential_trip, staff):
    row = Download.objects.create(
        trip=confidential_trip, user=staff, document="items", language="en"
    )
    row.document = "party"
    with pytest.raises(PermissionDenied):
        row.save()
    with pytest.raises(PermissionDenied):
        row.delete()
    assert Download.objects.get().document == "items"


def test_admin_shows_the_log_but_offers_no_add_change_or_delete(client, confidential_trip, staff):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    row = Download.objects.create(
        trip=confidential_trip, user=staff, document="items", language="en"
    )
    client.force_login(admin)
    listing = client.get(reverse("admin:printing_download_changelist"))
    assert listing.status_code == 200
    assert confidential_trip.title in listing.content.decode()
    assert client.get(reverse("admin:printing_download_add")).status_code == 403
    delete = reverse("admin:printing_download_delete", args=[row.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:printing_download_change", args=[row.pk])
    assert client.post(change, {"document": "party", "language": "en"}).status_code == 403
    assert Download.objects.get().document == "items"


def test_trip_secretaries_see_the_log_on_the_trip_page(client, confidential_trip, secretary, staff):
    Download.objects.create(trip=confidential_trip, user=staff, document="items", language="en")
    client.force_login(secretary)
    page = client.get(confidential_trip.get_absolute_url()).content.decode()
    panel_url = reverse("printing:download_log", args=[confidential_trip.pk])
    assert f'hx-get="{panel_url}"' in page
    panel = client.get(panel_url)
    assert panel.status_code == 200
    html = panel.content.decode()
    assert "Sam Zhao" in html and "items" in html


def test_others_on_the_team_get_nothing_and_outsiders_a_404(
    client, confidential_trip, office_trip, staff, outsider, secretary
):
    panel_url = reverse("printing:download_log", args=[confidential_trip.pk])
    client.force_login(staff)
    assert client.get(panel_url).status_code == 204
    client.force_login(outsider)
    assert client.get(panel_url).status_code == 404
    client.force_login(secretary)
    office_panel = reverse("printing:download_log", args=[office_trip.pk])
    assert client.get(office_panel).status_code == 204
    assert office_panel not in client.get(office_trip.get_absolute_url()).content.decode()
