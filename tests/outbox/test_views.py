"""The mail log: who sees which e-mails, filters, detail, send again."""

from __future__ import annotations

import datetime as dt

import factory
import pytest
from django.urls import reverse

from outbox.models import Message
from tests.factories import UserFactory

from .factories import MessageFactory

LIST = reverse("outbox:message_list")


def detail(message: Message) -> str:
    return reverse("outbox:message_detail", args=[message.pk])


def resend(message: Message) -> str:
    return reverse("outbox:message_resend", args=[message.pk])


def shown(response) -> set[int]:
    return {message.pk for message in response.context["page_obj"]}


@pytest.fixture
def rows(secretary, staff, staff2) -> dict[str, Message]:
    """One e-mail addressed to staff, one caused by staff, one that is none of staff's."""
    return {
        "to_staff": MessageFactory(recipient_user=staff, created_by=secretary),
        "by_staff": MessageFactory(created_by=staff),
        "others": MessageFactory(recipient_user=staff2, created_by=secretary),
    }


def test_anonymous_is_sent_to_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_secretary_sees_every_email(client, secretary, rows):
    client.force_login(secretary)
    assert shown(client.get(LIST)) == {row.pk for row in rows.values()}


def test_staff_sees_only_emails_to_or_by_themselves(client, staff, rows):
    client.force_login(staff)
    assert shown(client.get(LIST)) == {rows["to_staff"].pk, rows["by_staff"].pk}


def test_stranger_sees_only_own_emails(client, stranger, rows):
    own = MessageFactory(recipient_user=stranger)
    client.force_login(stranger)
    assert shown(client.get(LIST)) == {own.pk}


def test_someone_elses_email_is_404(client, staff, rows):
    client.force_login(staff)
    assert client.get(detail(rows["others"])).status_code == 404
    assert client.get(detail(rows["to_staff"])).status_code == 200


def test_list_filters_by_status_and_text(client, secretary):
    failed = MessageFactory(status=Message.Status.FAILED, subject="Visit to Riverside")
    MessageFactory(status=Message.Status.SENT, subject="Visit to Riverside")
    MessageFactory(status=Message.Status.FAILED, subject="Forum at the school")
    client.force_login(secretary)

    response = client.get(LIST, {"status": "failed", "q": "riverside"})

    assert shown(response) == {failed.pk}
    assert response.context["form"]["q"].value() == "riverside"


def test_list_search_matches_the_recipient(client, secretary):
    match = MessageFactory(to="office@riverside.example")
    MessageFactory(to="office@hill.example")
    client.force_login(secretary)
    assert shown(client.get(LIST, {"q": "RIVERSIDE"})) == {match.pk}


def test_list_shows_50_per_page(client, secretary):
    MessageFactory.create_batch(51)
    client.force_login(secretary)
    assert len(shown(client.get(LIST))) == 50
    assert len(shown(client.get(LIST, {"page": 2}))) == 1


def test_htmx_list_request_gets_only_the_table(client, secretary):
    MessageFactory(subject="Visit to Riverside")
    client.force_login(secretary)
    response = client.get(LIST, headers={"HX-Request": "true"})
    assert b'id="messages"' in response.content
    assert b"Visit to Riverside" in response.content
    assert b"<html" not in response.content


def test_htmx_history_restore_gets_the_whole_page(client, secretary):
    client.force_login(secretary)
    response = client.get(
        LIST, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert b"<html" in response.content


@pytest.mark.parametrize("rows_count", [3, 30])
def test_list_query_count_does_not_grow_with_rows(
    client, secretary, rows_count, django_assert_num_queries
):
    MessageFactory.create_batch(
        rows_count, status=Message.Status.FAILED, created_by=factory.SubFactory(UserFactory)
    )
    client.force_login(secretary)
    # session, user, user permissions, group permissions, office roles, count, page
    with django_assert_num_queries(7):
        client.get(LIST)


def test_detail_shows_the_delivery_state_and_both_bodies(client, secretary):
    message = MessageFactory(
        status=Message.Status.FAILED,
        attempts=6,
        last_error="SMTPDataError: (451, b'Try later')",
        cause="Visit notice #12",
        text_body="The party arrives at 9:00.",
    )
    client.force_login(secretary)

    response = client.get(detail(message))

    for text in (message.subject, message.to, "Failed", "Try later", "Visit notice #12", "9:00"):
        assert text in response.content.decode()


def html(message: Message) -> str:
    return reverse("outbox:message_html", args=[message.pk])


def test_html_body_is_shown_only_inside_a_sandboxed_frame(client, secretary):
    message = MessageFactory(html_body='<script>alert("x")</script><p>Hi</p>')
    client.force_login(secretary)

    page = client.get(detail(message)).content.decode()

    assert "alert" not in page
    assert f'sandbox src="{html(message)}"' in page


def test_the_frames_html_runs_under_a_policy_of_its_own(client, secretary):
    message = MessageFactory(html_body="<style>b { color: red }</style><p>At <b>9:00</b></p>")
    client.force_login(secretary)

    response = client.get(html(message))

    assert response.content.decode() == message.html_body
    policy = dict(p.strip().split(" ", 1) for p in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["style-src"] == "'unsafe-inline'"
    assert policy["frame-ancestors"] == "'self'"
    assert "script-src" not in policy  # default-src 'none': no script at all
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Cache-Control"] == "private, no-store"


def test_someone_elses_emails_html_is_404(client, staff, rows):
    client.force_login(staff)
    assert client.get(html(rows["others"])).status_code == 404
    assert client.get(html(rows["to_staff"])).status_code == 200


def test_a_private_emails_html_is_never_served(client, secretary):
    message = MessageFactory(private=True, html_body="<p>Reset: https://x.example/r/abc</p>")
    client.force_login(secretary)
    assert client.get(html(message)).status_code == 404


def test_resend_queues_a_failed_email_again_and_delivers_after_commit(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    message = MessageFactory(
        recipient_user=staff, status=Message.Status.FAILED, attempts=6, last_error="550"
    )
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend(message))

    assert response.status_code == 302
    assert response.url == detail(message)
    assert len(mailoutbox) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.SENT, 1)


def test_resend_resets_attempts_and_makes_it_due_now(client, staff, time_machine):
    now = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
    time_machine.move_to(now, tick=False)
    message = MessageFactory(
        recipient_user=staff,
        status=Message.Status.FAILED,
        attempts=6,
        next_attempt_at=now - dt.timedelta(days=1),
    )
    client.force_login(staff)

    client.post(resend(message))

    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == (
        Message.Status.QUEUED,
        0,
        now,
    )


def test_resend_is_refused_for_an_email_that_did_not_fail(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    message = MessageFactory(recipient_user=staff, status=Message.Status.SENT, attempts=1)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(resend(message))

    assert callbacks == []
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.SENT, 1)


def test_resend_of_someone_elses_email_is_404(client, staff, rows):
    rows["others"].status = Message.Status.FAILED
    rows["others"].save()
    client.force_login(staff)
    assert client.post(resend(rows["others"])).status_code == 404


def test_resend_needs_post(client, staff):
    message = MessageFactory(recipient_user=staff, status=Message.Status.FAILED)
    client.force_login(staff)
    assert client.get(resend(message)).status_code == 405


def test_htmx_resend_answers_with_the_updated_row(client, staff):
    message = MessageFactory(recipient_user=staff, status=Message.Status.FAILED)
    client.force_login(staff)

    response = client.post(resend(message), headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.strip().startswith(f'<tr id="message-{message.pk}">')
    assert "Queued" in content
    assert "Send again" not in content


def test_send_again_button_only_on_failed_rows(client, secretary):
    failed = MessageFactory(status=Message.Status.FAILED)
    sent = MessageFactory(status=Message.Status.SENT)
    client.force_login(secretary)
    page = client.get(LIST).content.decode()
    assert resend(failed) in page
    assert resend(sent) not in page


def test_admin_lists_and_searches_emails(admin_client):
    MessageFactory(subject="Visit to Riverside")
    response = admin_client.get(reverse("admin:outbox_message_changelist"), {"q": "riverside"})
    assert b"Visit to Riverside" in response.content
