"""The department's signed link: its items only, its answer with a name, clear refusals."""

from __future__ import annotations

import datetime as dt
import html
import logging

import pytest
import time_machine
from django.conf import settings
from django.core import signing
from django.urls import reverse

from config.logging import redact
from followups import departments, links, workflow
from followups.models import Evidence, FollowUp, FollowUpUpdate
from outbox.models import Message
from tests.factories import TripFactory, at
from tests.followups.department_setup import item_url, items_url, pdf, token_for
from tests.followups.item_setup import department, item

pytestmark = pytest.mark.django_db

NOW = at(dt.date(2027, 1, 5), 9)


@pytest.fixture(autouse=True)
def _now_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(NOW, tick=False):
        yield


# The department's steps (followups.forms.department.ACTIONS), by the status they lead to.
ACTION = {"in_progress": "start", "done": "answer_done", "cannot": "answer_cannot"}


def answer(client, token, it, **fields):
    status = fields.pop("status", "in_progress")
    data = {"by_name": "Zhang Min", "action": ACTION.get(status, status), **fields}
    return client.post(item_url(token, it), data)


def test_link_lists_only_own_items(client, office_trip, secretary):
    dept, other = department()[0], department("Finance bureau")[0]
    item(office_trip, secretary, dept, title="Our pump")
    shared = item(office_trip, secretary, other, title="Shared road")
    shared.co_owners.add(dept)
    item(office_trip, secretary, other, title="Their budget")

    page = client.get(items_url(token_for(dept))).content.decode()

    assert "Our pump" in page and "Shared road" in page
    assert "Their budget" not in page


def test_link_list_marks_the_overdue_and_opens_each_items_page(client, office_trip, secretary):
    dept = department()[0]
    late = item(office_trip, secretary, dept, title="Late", due_date=dt.date(2027, 1, 1))
    token = token_for(dept)

    page = client.get(items_url(token)).content.decode()

    assert page.count('class="followup overdue"') == 1
    assert item_url(token, late) in page


def test_tampered_link_page_shows_no_data(client, office_trip, secretary):
    dept = department()[0]
    item(office_trip, secretary, dept, title="Fix the pump")
    token = token_for(dept)

    response = client.get(items_url(token[:-3] + "abc"))

    assert response.status_code == 404
    page = response.content.decode()
    assert "This link does not work" in page
    assert "Fix the pump" not in page and dept.name not in page


def test_expired_link_410(client, office_trip, secretary):
    dept = department()[0]
    item(office_trip, secretary, dept, title="Fix the pump")
    token = token_for(dept)

    with time_machine.travel(NOW + dt.timedelta(days=settings.FOLLOWUP_LINK_DAYS, minutes=1)):
        response = client.get(items_url(token))

    assert response.status_code == 410
    page = response.content.decode()
    assert "ask the office for a new link" in page and dept.name in page
    assert "Fix the pump" not in page


def test_replaced_link_410_after_new_link(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept, title="Fix the pump")
    old = token_for(dept)
    links.issue(dept)

    response = client.get(item_url(old, it))

    assert response.status_code == 410
    assert "A newer link was sent" in response.content.decode()
    assert "Fix the pump" not in response.content.decode()
    assert client.get(items_url(token_for(dept))).status_code == 200


def test_a_link_signed_for_another_kind_opens_nothing(client, office_trip, secretary):
    dept = department()[0]
    link = links.current(dept)
    forged = signing.Signer(salt="trips.notice.ack").sign_object(
        {"n": dept.pk, "k": link.nonce}, compress=True
    )
    assert client.get(items_url(forged)).status_code == 404


def test_other_departments_item_through_link_404(client, office_trip, secretary):
    dept, other = department()[0], department("Finance bureau")[0]
    theirs = item(office_trip, secretary, other, title="Their budget")
    token = token_for(dept)

    response = client.get(item_url(token, theirs))

    assert response.status_code == 404
    page = html.unescape(response.content.decode())
    assert "this item is not one of your department's" in page.lower()
    assert "Their budget" not in page
    assert answer(client, token, theirs).status_code == 404
    assert not FollowUpUpdate.objects.filter(followup=theirs).exists()


def test_the_item_page_shows_the_item_its_trip_and_history(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept, title="Fix the pump")

    page = client.get(item_url(token_for(dept), it)).content.decode()

    assert "Fix the pump" in page and "Repair the pump in the east village." in page
    assert office_trip.title in page
    assert 'name="by_name"' in page and 'name="evidence"' in page


def test_an_internal_trips_item_shows_no_other_item_of_the_trip(
    client, confidential_trip, secretary
):
    dept = department()[0]
    it = item(confidential_trip, secretary, dept, title="Fix the pump")
    item(confidential_trip, secretary, department("Finance bureau")[0], title="Merger costs")

    page = client.get(item_url(token_for(dept), it)).content.decode()

    assert "Fix the pump" in page and "Merger costs" not in page
    assert confidential_trip.get_absolute_url() not in page


def test_link_update_done_needs_answer_keeps_typed_text(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)

    response = answer(client, token_for(dept), it, status="done", comment="Called them twice.")

    assert response.status_code == 200
    form = response.context["form"]
    assert "answer" in form.errors
    assert form["comment"].value() == "Called them twice."
    assert form["by_name"].value() == "Zhang Min"
    it.refresh_from_db()
    assert it.status == FollowUp.Status.ASSIGNED


def test_link_update_without_a_name_is_refused_beside_the_field(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    response = answer(client, token_for(dept), it, by_name="", comment="Kept.")
    assert "by_name" in response.context["form"].errors
    assert not FollowUpUpdate.objects.filter(followup=it).exists()


def test_link_update_writes_history_with_name(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    token = token_for(dept)

    response = answer(client, token, it, status="done", answer="Pump repaired on 3 May.")

    assert response.status_code == 302 and response["Location"] == item_url(token, it)
    record = FollowUpUpdate.objects.get(followup=it)
    assert (record.by_user, record.by_name) == (None, "Zhang Min")
    assert record.changes == {
        "status": ["assigned", "answered"],
        "answer_kind": ["", "done"],
        "answer": ["", "Pump repaired on 3 May."],
    }
    assert "Zhang Min" in client.get(item_url(token, it)).content.decode()


def test_a_link_update_does_not_change_the_due_date(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    answer(client, token_for(dept), it, due_date="2030-01-01", priority="low")
    it.refresh_from_db()
    assert (it.status, it.due_date, it.priority) == ("in_progress", dt.date(2027, 1, 15), "normal")


def test_cannot_through_the_link_alerts_the_team_naming_the_person(
    client, office_trip, secretary, leader
):
    dept = department()[0]
    it = item(office_trip, secretary, dept)

    answer(client, token_for(dept), it, status="cannot", reason="No budget this year.")
    assert not Message.objects.filter(cause_key__startswith="followup_cannot").exists()

    workflow.accept(it, secretary)  # the office settles it: now the team is told

    sent = Message.objects.filter(cause_key__startswith="followup_cannot")
    assert {m.recipient_user for m in sent} == {leader}


def test_link_update_attaches_evidence_with_the_name(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)

    answer(client, token_for(dept), it, evidence=pdf())

    kept = Evidence.objects.get(followup=it)
    assert (kept.filename, kept.uploaded_by, kept.uploaded_by_name) == (
        "Reply_letter.pdf",
        None,
        "Zhang Min",
    )


def test_a_refused_update_keeps_no_evidence_and_asks_for_the_file_again(
    client, office_trip, secretary
):
    dept = department()[0]
    it = item(office_trip, secretary, dept)

    response = answer(client, token_for(dept), it, status="cannot", evidence=pdf())

    assert "reason" in response.context["form"].errors
    assert "choose the file again" in str(response.context["form"].errors["evidence"])
    assert not Evidence.objects.exists()


def test_link_posts_are_rate_limited_keeping_what_was_typed(
    client, office_trip, secretary, monkeypatch
):
    monkeypatch.setattr(departments, "LINK_POSTS_PER_HOUR", 2)
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    token = token_for(dept)
    for _ in range(2):
        assert answer(client, token, it, status="comment", comment="Fine.").status_code == 302

    response = answer(client, token, it, status="comment", comment="Third time.")

    assert response.status_code == 429
    assert "Too many changes" in response.content.decode()
    assert response.context["form"]["comment"].value() == "Third time."
    assert FollowUpUpdate.objects.filter(followup=it).count() == 2


def test_link_pages_answer_in_the_departments_language(client, office_trip, secretary):
    dept = department(language="zh-hans")[0]
    response = client.get(items_url(token_for(dept)))
    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans">' in response.content.decode()


def test_link_pages_are_not_cached(client, office_trip, secretary):
    dept = department()[0]
    response = client.get(items_url(token_for(dept)))
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def send(client, it):
    return client.post(reverse("followups:send_department_link", args=[it.pk]))


def test_send_link_emails_contacts_in_department_language(client, office_trip, secretary):
    dept, zhang = department(language="zh-hans")
    dept.contacts.create(name="No address", department=dept.name, email="")
    it = item(office_trip, secretary, dept)
    client.force_login(secretary)

    response = send(client, it)

    assert response.status_code == 302
    message = Message.objects.get(cause_key__startswith="followup_department_link")
    assert (message.to, message.language, message.trip_id) == (
        zhang.email,
        "zh-hans",
        office_trip.pk,
    )
    token = links.make_token(links.current(dept))
    assert items_url(token) in message.text_body
    assert (
        "The link is sent to Water bureau (one address)"
        in client.get(it.get_absolute_url()).content.decode()
    )
    assert token not in message.shown_text and token not in message.shown_html


def replace(client, it):
    return client.post(reverse("followups:replace_department_link", args=[it.pk]))


def test_sending_the_link_again_keeps_the_copies_the_department_has_working(
    client, office_trip, secretary
):
    dept = department()[0]
    item(office_trip, secretary, dept, title="Fix the pump")
    other_trip = TripFactory(created_by=secretary, team={secretary: "secretary"})
    second = item(other_trip, secretary, dept, title="Mend the road")
    old = token_for(dept)
    client.force_login(secretary)

    send(client, second)

    told = client.get(second.get_absolute_url()).content.decode()
    assert "copies sent earlier keep working" in told
    page = client.get(items_url(old))
    assert page.status_code == 200
    assert "Fix the pump" in page.content.decode() and "Mend the road" in page.content.decode()
    assert links.make_token(links.current(dept)) == old


def test_sending_the_link_again_sends_a_new_email_and_renews_the_link(
    client, office_trip, secretary
):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    client.force_login(secretary)
    with time_machine.travel(NOW, tick=False):
        send(client, it)
    with time_machine.travel(NOW + dt.timedelta(days=settings.FOLLOWUP_LINK_DAYS - 1), tick=False):
        send(client, it)
        renewed = links.current(dept).expires_at

    assert Message.objects.filter(cause_key__startswith="followup_department_link").count() == 2
    assert renewed == NOW + dt.timedelta(days=2 * settings.FOLLOWUP_LINK_DAYS - 1)


def test_replacing_the_link_stops_the_old_one_and_says_so(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    old = token_for(dept)
    client.force_login(secretary)

    replace(client, it)

    told = client.get(it.get_absolute_url()).content.decode()
    assert "The link it had opens nothing any more" in told
    assert client.get(items_url(old)).status_code == 410
    assert client.get(items_url(token_for(dept))).status_code == 200


def test_replacing_asks_first_on_the_items_page(client, office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    client.force_login(secretary)
    page = client.get(it.get_absolute_url()).content.decode()
    form = page[page.index(reverse("followups:replace_department_link", args=[it.pk])) :]
    assert 'data-confirm="The link the department has stops working' in form[:400]


def test_only_the_trips_secretaries_replace_the_link(client, office_trip, secretary, staff):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    old = token_for(dept)
    client.force_login(staff)
    assert replace(client, it).status_code == 403
    assert client.get(items_url(old)).status_code == 200


def test_only_the_trips_secretaries_send_the_link(client, office_trip, secretary, staff):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    client.force_login(staff)
    assert send(client, it).status_code == 403
    assert not Message.objects.exists()


def test_send_link_without_any_address_says_so(client, office_trip, secretary):
    dept = department()[0]
    dept.contacts.update(email="")
    it = item(office_trip, secretary, dept)
    client.force_login(secretary)

    response = send(client, it)

    assert response.status_code == 302
    page = client.get(it.get_absolute_url()).content.decode()
    assert "has an e-mail address" in page
    assert not Message.objects.exists()


def test_the_email_lists_only_the_trips_open_items(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept, title="Fix the pump")
    elsewhere = TripFactory(visibility="confidential", title="Secret talks")
    item(elsewhere, secretary, dept, title="Merger costs")
    client.force_login(secretary)

    send(client, it)

    body = Message.objects.get().text_body
    assert "Fix the pump" in body and "Merger costs" not in body


def test_the_link_token_is_redacted_from_logs(client, caplog, office_trip, secretary):
    dept = department()[0]
    token = token_for(dept)
    assert redact(f"GET /follow-ups/d/{token}/12/ HTTP/1.1") == (
        "GET /follow-ups/d/[redacted]/12/ HTTP/1.1"
    )
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(items_url(token[:-2] + "xx"))
    assert caplog.records and token[:-2] not in caplog.text


def test_department_items_page_queries_do_not_grow(
    client, office_trip, secretary, django_assert_num_queries
):
    small, large = department()[0], department("Finance bureau")[0]
    for dept, count in ((small, 5), (large, 50)):
        for n in range(count):
            done = {"status": "done", "answer": "Done."} if n % 3 == 0 else {}
            item(office_trip, secretary, dept, title=f"Item {n}", **done)
    small_url, large_url = items_url(token_for(small)), items_url(token_for(large))

    with django_assert_num_queries(3):
        client.get(small_url)
    with django_assert_num_queries(3):
        client.get(large_url)


def test_a_closed_trips_item_is_answered_through_the_link_but_not_reopened(client, secretary):
    dept = department()[0]
    trip = TripFactory(status="closed")
    it = item(trip, secretary, dept, status="done", answer="Done.")
    token = token_for(dept)

    assert 'name="by_name"' in client.get(item_url(token, it)).content.decode()
    page = answer(client, token, it, status="done", answer="Again.").content.decode()
    assert "The office has already accepted the answer to this item" in page
    it.refresh_from_db()
    assert it.status == "done"


def test_a_cancelled_trips_item_is_not_changed_through_the_link(client, secretary):
    dept = department()[0]
    trip = TripFactory(status="cancelled")
    it = item(trip, secretary, dept)
    token = token_for(dept)

    assert 'name="by_name"' not in client.get(item_url(token, it)).content.decode()
    assert answer(client, token, it, status="done", answer="x").status_code == 403
    it.refresh_from_db()
    assert it.status == "assigned"


def test_a_refused_link_names_the_department_escaped(client, office_trip, secretary):
    dept = department("Water <b>bureau</b>")[0]
    token = token_for(dept, now=NOW)
    with time_machine.travel(NOW + dt.timedelta(days=settings.FOLLOWUP_LINK_DAYS, minutes=1)):
        page = client.get(items_url(token)).content.decode()
    assert "Water &lt;b&gt;bureau&lt;/b&gt;" in page
