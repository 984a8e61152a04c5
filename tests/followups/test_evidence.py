"""Evidence on an item: checked on upload, listed, downloaded only by readers, removed by
the trip's secretaries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from followups.models import Evidence, FollowUpUpdate
from tests.followups.department_setup import PDF, item_url, member, pdf, program, token_for
from tests.followups.item_setup import department, item
from trips.models import Trip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def add(client, it, upload, description="The bureau's reply"):
    url = reverse("followups:evidence_add", args=[it.pk])
    return client.post(url, {"evidence": upload, "description": description})


def download(client, kept):
    return client.get(reverse("followups:evidence", args=[kept.pk]))


@pytest.fixture
def with_evidence(office_trip, secretary, client):
    it = item(office_trip, secretary, department()[0])
    client.force_login(secretary)
    add(client, it, pdf())
    client.logout()
    return it, Evidence.objects.get()


def test_a_secretary_adds_evidence_stored_under_a_random_name(client, office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    client.force_login(secretary)

    response = add(client, it, pdf())

    assert response.status_code == 302
    kept = Evidence.objects.get()
    assert (kept.filename, kept.content_type, kept.size, kept.uploaded_by) == (
        "Reply_letter.pdf",
        "application/pdf",
        len(PDF),
        secretary,
    )
    assert "Reply" not in kept.file.name and kept.file.name.startswith("followups/evidence/")
    assert FollowUpUpdate.objects.get(followup=it).comment == "Evidence added: Reply_letter.pdf"


def test_the_item_page_lists_evidence_with_name_size_and_who(client, with_evidence, secretary):
    it, kept = with_evidence
    client.force_login(secretary)
    page = client.get(it.get_absolute_url()).content.decode()
    assert "Reply_letter.pdf" in page and f"{len(PDF)}\xa0bytes" in page
    assert "Sue Li" in page
    assert reverse("followups:evidence", args=[kept.pk]) in page


def test_evidence_refuses_renamed_exe(client, office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    client.force_login(secretary)

    response = add(client, it, program("reply.pdf"), description="Kept description")

    assert response.status_code == 200
    form = response.context["evidence_form"]
    assert form.errors["evidence"] == [
        "“reply.pdf” is a program, not a document. Programs cannot be attached."
    ]
    assert form["description"].value() == "Kept description"
    assert not Evidence.objects.exists()


def test_evidence_refuses_a_renamed_exe_through_the_link(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    response = client.post(
        item_url(token_for(dept), it),
        {"by_name": "Zhang Min", "status": "in_progress", "evidence": program("setup.jpg")},
    )
    assert "is a program" in str(response.context["form"].errors["evidence"])
    assert not Evidence.objects.exists() and not FollowUpUpdate.objects.exists()


def test_evidence_download_is_an_attachment_of_the_checked_type(client, with_evidence, staff):
    _, kept = with_evidence
    client.force_login(staff)

    response = download(client, kept)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Reply_letter.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF


def test_evidence_download_checks_access(client, confidential_trip, secretary, outsider):
    dept = department()[0]
    it = item(confidential_trip, secretary, dept)
    client.force_login(secretary)
    add(client, it, pdf())
    kept = Evidence.objects.get()

    client.force_login(outsider)
    assert download(client, kept).status_code == 404
    client.force_login(member(department("Finance bureau")[0], username="other-clerk"))
    assert download(client, kept).status_code == 404
    client.force_login(member(dept))
    assert download(client, kept).status_code == 200


def test_evidence_through_the_link_only_for_the_departments_items(
    client, office_trip, secretary, with_evidence
):
    it, kept = with_evidence
    own, other = it.department, department("Finance bureau")[0]
    url = reverse("followups:department_evidence", args=[token_for(own), it.pk, kept.pk])
    assert client.get(url).status_code == 200
    url = reverse("followups:department_evidence", args=[token_for(other), it.pk, kept.pk])
    assert client.get(url).status_code == 404


def test_a_member_adds_evidence(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    clerk = member(dept)
    client.force_login(clerk)
    assert add(client, it, pdf()).status_code == 302
    assert Evidence.objects.get().uploaded_by == clerk


def test_staff_who_only_read_do_not_add_evidence(client, office_trip, secretary, staff):
    it = item(office_trip, secretary, department()[0])
    client.force_login(staff)
    assert add(client, it, pdf()).status_code == 403


def test_a_secretary_removes_evidence(
    client, with_evidence, secretary, django_capture_on_commit_callbacks
):
    it, kept = with_evidence
    storage, name = kept.file.storage, kept.file.name
    client.force_login(secretary)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("followups:evidence_remove", args=[kept.pk]))

    assert response.status_code == 302
    assert not Evidence.objects.exists() and not storage.exists(name)
    assert it.updates.order_by("pk").last().comment == "Evidence removed: Reply_letter.pdf"


def test_a_member_does_not_remove_evidence(client, with_evidence):
    it, kept = with_evidence
    client.force_login(member(it.department))
    assert client.post(reverse("followups:evidence_remove", args=[kept.pk])).status_code == 403
    assert Evidence.objects.exists()


def test_no_evidence_is_removed_once_the_trip_is_closed(client, with_evidence, secretary):
    it, kept = with_evidence
    Trip.objects.filter(pk=it.trip_id).update(status=Trip.Status.CLOSED)
    client.force_login(secretary)
    assert client.post(reverse("followups:evidence_remove", args=[kept.pk])).status_code == 403
