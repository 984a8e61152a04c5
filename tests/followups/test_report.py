"""The post-trip report: the draft from the trip, editing, safe rendering, final and frozen,
revisions, who reads and who edits, a fixed number of queries."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from followups import report
from followups.models import Report, ReportRevision
from tests.factories import TripFactory, UserFactory
from tests.followups import report_setup as setup
from tests.followups.item_setup import settle
from trips.models import Trip

pytestmark = pytest.mark.django_db


def url(trip, name: str = "report", *args) -> str:
    return reverse(f"followups:{name}", args=[trip.pk, *args])


def test_the_draft_is_assembled_from_the_trip(office_trip, secretary):
    setup.visited(office_trip, secretary)

    draft = report.get_or_start(office_trip, secretary)

    assert draft.title == "Report on the trip: Riverside water works"
    assert office_trip.purpose in setup.section(draft.body, "Purpose")
    units = setup.section(draft.body, "Units visited")
    assert units.index("Riverside plant") < units.index("East village")
    seen = setup.section(draft.body, "What was seen and heard")
    assert seen.index("### Plant tour (Riverside plant)") < seen.index(setup.SEEN)
    assert seen.index("### Talk with villagers (East village)") < seen.index(setup.HEARD)
    assert "Mayor Liu: " + setup.HEARD in seen
    assert setup.PROBLEM not in seen
    findings = setup.section(draft.body, "Main findings")
    assert setup.PROBLEM in findings and setup.CONTRADICTION in findings
    assert setup.DECISION in setup.section(draft.body, "Decisions and promises")


def test_the_draft_is_assembled_once(office_trip, secretary):
    first = report.get_or_start(office_trip, secretary)
    report.save_draft(first, secretary, "My title", "Edited.")
    again = report.get_or_start(office_trip, secretary)
    assert (again.pk, again.body) == (first.pk, "Edited.")


def test_the_page_shows_the_draft_and_the_live_follow_up_table(client, office_trip, secretary):
    setup.visited(office_trip, secretary)
    client.force_login(secretary)

    response = client.get(url(office_trip))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h2>Main findings</h2>" in html and setup.PROBLEM in html
    [row] = response.context["shown"].rows
    assert (row.number, row.title, row.owners, row.status_label) == (
        1,
        "Repair the pipes",
        "Water bureau (with Finance bureau)",
        "Assigned",
    )
    assert response.context["form"] is not None


def test_editing_saves(client, office_trip, secretary):
    client.force_login(secretary)
    client.get(url(office_trip))

    response = client.post(
        url(office_trip), {"title": "Report on Riverside", "body": "## Summary\n\n**Good**."}
    )

    assert response.status_code == 302
    saved = Report.objects.get(trip=office_trip)
    assert (saved.title, saved.body, saved.updated_by) == (
        "Report on Riverside",
        "## Summary\n\n**Good**.",
        secretary,
    )
    assert "<h2>Summary</h2>" in client.get(url(office_trip)).content.decode()


def test_the_preview_shows_the_text_unsaved(client, office_trip, secretary):
    client.force_login(secretary)
    client.get(url(office_trip))
    before = Report.objects.get(trip=office_trip).body

    response = client.post(
        url(office_trip),
        {"title": "T", "body": "- **one**", "action": "preview"},
        headers={"HX-Request": "true"},
    )

    assert "<li><strong>one</strong></li>" in response.content.decode()
    assert "<form" not in response.content.decode()
    assert Report.objects.get(trip=office_trip).body == before


def test_html_typed_in_the_markdown_is_shown_inert():
    html = report.render_markdown(
        "## Head\n\n<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> **bold**"
    )
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<h2>Head</h2>" in html and "<strong>bold</strong>" in html


def test_links_and_attributes_do_not_survive(client, office_trip, secretary):
    html = report.render_markdown('[x](javascript:alert(1)) <a href="y" onclick="z">a</a>')
    assert "<a" not in html and "javascript" not in html
    assert "&lt;a href" in html  # typed as text, shown as text
    client.force_login(secretary)
    client.get(url(office_trip))
    client.post(url(office_trip), {"title": "T", "body": "<script>alert(1)</script>"})
    page = client.get(url(office_trip)).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_marking_final_freezes_the_report(client, office_trip, secretary):
    setup.visited(office_trip, secretary)
    client.force_login(secretary)
    client.get(url(office_trip))
    body = Report.objects.get(trip=office_trip).body

    assert client.post(url(office_trip, "report_final")).status_code == 302
    response = client.post(url(office_trip), {"title": "Changed", "body": "Changed."}, follow=True)

    final = Report.objects.get(trip=office_trip)
    assert final.is_final and (final.title, final.body) == (
        "Report on the trip: Riverside water works",
        body,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert shown[-1] == "The report is final: start a new revision to change it."
    revision = final.revisions.get()
    assert (revision.number, revision.body, revision.final_by) == (1, body, secretary)
    assert revision.table[0]["title"] == "Repair the pipes"
    page = client.get(url(office_trip))
    assert "form" not in page.context and b"Start revision 2" in page.content


def test_a_final_report_refuses_edits_in_the_domain(office_trip, secretary):
    draft = report.get_or_start(office_trip, secretary)
    report.mark_final(draft, secretary)
    with pytest.raises(ValidationError):
        report.save_draft(draft, secretary, "New", "New")
    with pytest.raises(ValidationError):
        report.mark_final(draft, secretary)


def test_only_the_trips_secretaries_change_its_report_in_the_domain(office_trip, secretary, staff):
    draft = report.get_or_start(office_trip, secretary)
    with pytest.raises(PermissionDenied):
        report.save_draft(draft, staff, "New", "New")
    with pytest.raises(PermissionDenied):
        report.mark_final(draft, staff)


def test_a_new_revision_keeps_revision_one_with_its_frozen_table(client, office_trip, secretary):
    repair = setup.visited(office_trip, secretary)
    client.force_login(secretary)
    client.get(url(office_trip))
    client.post(url(office_trip), {"title": "Report", "body": "First text."})
    client.post(url(office_trip, "report_final"))
    settle(repair, secretary, "done", "Repaired in May.")

    client.post(url(office_trip, "report_revise"))
    client.post(url(office_trip), {"title": "Report", "body": "Second text."})

    current = Report.objects.get(trip=office_trip)
    assert (current.revision, current.is_final, current.body) == (2, False, "Second text.")
    page = client.get(url(office_trip))
    assert [r.status_label for r in page.context["shown"].rows] == ["Done"]
    assert [r.number for r in page.context["revisions"]] == [1]
    old = client.get(url(office_trip, "report_revision", 1))
    assert old.status_code == 200 and b"First text." in old.content
    [row] = old.context["shown"].rows
    assert (row.status_label, row.outcome) == ("Assigned", "")


def test_marking_revision_two_final_lists_both(office_trip, secretary):
    draft = report.get_or_start(office_trip, secretary)
    report.mark_final(draft, secretary)
    report.start_revision(draft, secretary)
    report.mark_final(draft, secretary)
    assert list(draft.revisions.values_list("number", flat=True)) == [2, 1]


def test_the_leader_reads_but_cannot_edit(client, office_trip, secretary, leader):
    setup.visited(office_trip, secretary)
    report.get_or_start(office_trip, secretary)
    client.force_login(leader)

    page = client.get(url(office_trip))

    assert page.status_code == 200 and "form" not in page.context
    assert setup.PROBLEM in page.content.decode()
    assert client.post(url(office_trip), {"title": "X", "body": "X"}).status_code == 403
    assert client.post(url(office_trip, "report_final")).status_code == 403
    assert not Report.objects.get(trip=office_trip).is_final


def test_the_leader_before_any_draft_sees_it_is_not_started(client, office_trip, leader):
    client.force_login(leader)
    response = client.get(url(office_trip))
    assert response.status_code == 200 and b"not started the report" in response.content
    assert not Report.objects.exists()


def test_staff_on_the_team_and_outsiders_get_404(
    client, office_trip, confidential_trip, secretary, staff, outsider
):
    report.get_or_start(office_trip, secretary)
    report.get_or_start(confidential_trip, secretary)
    for user, trip in (
        (staff, office_trip),
        (outsider, office_trip),
        (outsider, confidential_trip),
    ):
        client.force_login(user)
        assert client.get(url(trip)).status_code == 404
        assert client.get(url(trip, "report_docx")).status_code == 404
        assert client.post(url(trip, "report_final")).status_code == 404


def test_a_secretary_not_on_the_team_gets_404(client, office_trip, secretary):
    other = UserFactory(username="other-secretary", roles=["secretary"])
    client.force_login(other)
    assert client.get(url(office_trip)).status_code == 404


def test_a_closed_trip_s_report_is_read_only(client, office_trip, secretary):
    draft = report.get_or_start(office_trip, secretary)
    Trip.objects.filter(pk=office_trip.pk).update(status=Trip.Status.CLOSED)
    client.force_login(secretary)

    page = client.get(url(office_trip))

    assert page.status_code == 200 and "form" not in page.context
    assert client.post(url(office_trip), {"title": "X", "body": "X"}).status_code == 403
    assert client.post(url(office_trip, "report_final")).status_code == 403
    office_trip.refresh_from_db()
    draft.trip = office_trip
    with pytest.raises(ValidationError):
        report.mark_final(draft, secretary)
    assert not ReportRevision.objects.exists()


def test_the_report_page_queries_do_not_grow_with_items(
    client, secretary, leader, django_assert_num_queries
):
    small = TripFactory(team={secretary: "secretary", leader: "leader"})
    large = TripFactory(team={secretary: "secretary", leader: "leader"})
    setup.many_items(small, secretary, 5)
    setup.many_items(large, secretary, 50)
    client.force_login(secretary)
    client.get(url(small))
    client.get(url(large))
    with django_assert_num_queries(9):
        client.get(url(small))
    with django_assert_num_queries(9):
        client.get(url(large))


def test_a_final_report_page_queries_do_not_grow_with_items(
    client, secretary, leader, django_assert_num_queries
):
    small = TripFactory(team={secretary: "secretary", leader: "leader"})
    large = TripFactory(team={secretary: "secretary", leader: "leader"})
    setup.many_items(small, secretary, 5)
    setup.many_items(large, secretary, 50)
    for trip in (small, large):
        report.mark_final(report.get_or_start(trip, secretary), secretary)
    client.force_login(leader)
    with django_assert_num_queries(8):
        client.get(url(small))
    with django_assert_num_queries(8):
        client.get(url(large))
