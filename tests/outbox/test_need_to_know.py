"""The mail log tells nobody what they may not know: credentials, secret links, hidden trips."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from outbox.mail import make_message, resend
from outbox.masking import mask_links
from outbox.models import Message
from tests.factories import UserFactory
from tests.notices.notice_setup import A_WEEK_BEFORE, approve, build_visit, send

from .factories import MessageFactory

pytestmark = pytest.mark.django_db

LIST = reverse("outbox:message_list")
RESET_LINK = re.compile(r"/accounts/reset/[\w-]+/[\w-]+/")
ACK_LINK = re.compile(r"/n/[\w:.-]+/")


def detail(message: Message) -> str:
    return reverse("outbox:message_detail", args=[message.pk])


def listed(client) -> set[int]:
    return {message.pk for message in client.get(LIST).context["page_obj"]}


@pytest.fixture
def secretary2(db):
    """A secretary of the office who is not on the confidential trip's team."""
    return UserFactory(username="sec2", roles=["secretary"])


@pytest.fixture
def hidden_notices(confidential_trip, secretary, leader, staff) -> list[Message]:
    """Notices of a confidential trip, sent to its host units."""
    with time_machine.travel(A_WEEK_BEFORE, tick=True):
        build_visit(confidential_trip, leader, staff)
        approve(confidential_trip, secretary, leader)
        send(confidential_trip, secretary)
    return list(Message.objects.filter(trip_id=confidential_trip.pk))


# Secret links


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/accounts/reset/MQ/cz4k1x-5f1d3b8c0e2a4f6b8d0c1e3a5b7d9f10/",
        "https://trips.example.gov.cn/n/eyJuIjo0MiwiayI6IjJmOGEifQ:1vQk3b:Xy0aB9cDeF_gHiJ/",
        "https://trips.example.gov.cn/calendar/NDI6a1B3cVpXeE52:1vQk3b:abcDEF123ghiJKL.ics",
    ],
)
def test_secret_links_are_masked(url):
    masked = mask_links(f"Open {url} today.")
    assert "link hidden" in masked
    token = max(re.split(r"[/.]", url.split("//", 1)[1]), key=len)
    assert token not in masked


def test_ordinary_links_stay_readable():
    text = "See https://trips.example.gov.cn:8443/trips/12/versions/3/ and http://127.0.0.1:8000/"
    assert mask_links(text) == text


def test_masking_keeps_the_site_so_the_reader_knows_where_it_pointed():
    masked = mask_links('<a href="https://trips.example.gov.cn/n/AbCdEf0123456789xyzW/">x</a>')
    assert masked.startswith('<a href="https://trips.example.gov.cn/n/[')


# Password reset: never readable in the app, by anyone


def test_reset_email_is_hidden_from_other_secretaries(client, leader, secretary):
    client.post("/accounts/password_reset/", {"email": leader.email})
    reset = Message.objects.get(cause_key="password_reset")
    client.force_login(secretary)
    assert reset.pk not in listed(client)
    assert client.get(detail(reset)).status_code == 404


def test_reset_email_shows_its_recipient_no_body(client, leader):
    client.post("/accounts/password_reset/", {"email": leader.email})
    reset = Message.objects.get(cause_key="password_reset")
    client.force_login(leader)
    page = client.get(detail(reset)).content.decode()
    assert not RESET_LINK.search(page)
    assert "never shown here" in page


def test_reset_email_still_carries_its_link(client, leader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password_reset/", {"email": leader.email})
    assert RESET_LINK.search(mail.outbox[0].body)


def test_reset_email_bodies_are_dropped_once_sent(
    client, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password_reset/", {"email": leader.email})
    reset = Message.objects.get(cause_key="password_reset")
    assert reset.status == Message.Status.SENT
    assert (reset.text_body, reset.html_body) == ("", "")


def test_a_failed_reset_email_cannot_be_sent_again():
    reset = MessageFactory(private=True, status=Message.Status.FAILED)
    assert not reset.can_resend
    assert not resend(reset)


# A confidential trip's e-mails


def test_secretary_off_the_team_sees_no_email_of_a_confidential_trip(
    client, secretary2, hidden_notices
):
    client.force_login(secretary2)
    assert hidden_notices
    assert not listed(client) & {message.pk for message in hidden_notices}
    assert client.get(LIST).context["page_obj"].paginator.count == 0


def test_confidential_trips_email_is_404_to_a_secretary_off_the_team(
    client, secretary2, hidden_notices
):
    client.force_login(secretary2)
    notice = hidden_notices[0]
    assert client.get(detail(notice)).status_code == 404
    resend = reverse("outbox:message_resend", args=[notice.pk])
    assert client.post(resend).status_code == 404


def test_search_finds_nothing_of_a_confidential_trip(client, secretary2, hidden_notices):
    client.force_login(secretary2)
    response = client.get(LIST, {"q": hidden_notices[0].to})
    assert not response.context["page_obj"].object_list


def test_the_trips_secretary_sees_its_emails(client, secretary, hidden_notices):
    client.force_login(secretary)
    assert {message.pk for message in hidden_notices} <= listed(client)


def test_a_leaders_approval_email_is_hidden_off_the_team(
    client, secretary2, leader, hidden_notices
):
    approval_mail = Message.objects.filter(cause_key__startswith="trips.version:")
    assert approval_mail.exists()
    client.force_login(secretary2)
    for message in approval_mail:
        assert client.get(detail(message)).status_code == 404


def test_ack_link_is_masked_for_the_trips_own_secretary(client, secretary, hidden_notices):
    client.force_login(secretary)
    notice = hidden_notices[0]
    assert ACK_LINK.search(notice.text_body)
    page = client.get(detail(notice)).content.decode()
    assert "link hidden" in page
    token = ACK_LINK.search(notice.text_body).group().split("/")[2]
    assert token not in page


def test_resend_answers_without_the_link(client, secretary, hidden_notices):
    notice = hidden_notices[0]
    Message.objects.filter(pk=notice.pk).update(status=Message.Status.FAILED)
    client.force_login(secretary)
    response = client.post(
        reverse("outbox:message_resend", args=[notice.pk]), headers={"HX-Request": "true"}
    )
    token = ACK_LINK.search(notice.text_body).group().split("/")[2]
    assert response.status_code == 200
    assert token not in response.content.decode()


def test_someones_digest_is_not_for_other_secretaries(client, secretary, staff):
    digest = MessageFactory(recipient_user=staff, cause_key="trips.checklist_digest:1")
    client.force_login(secretary)
    assert client.get(detail(digest)).status_code == 404


def test_an_email_to_an_outside_address_without_a_trip_is_for_the_secretaries(
    client, secretary, staff
):
    office = MessageFactory()
    client.force_login(secretary)
    assert client.get(detail(office)).status_code == 200
    client.force_login(staff)
    assert client.get(detail(office)).status_code == 404


# Small things


def test_detail_answers_get_only(client, secretary):
    message = MessageFactory(created_by=secretary)
    client.force_login(secretary)
    assert client.post(detail(message)).status_code == 405


def test_subject_and_text_are_written_as_typed_html_is_escaped(office_trip, leader):
    office_trip.title = "Talks <A & B>"
    message = make_message(
        "version_submitted",
        leader.email,
        {"version": None, "trip": office_trip, "by": leader, "url": "", "user": leader},
        language="en",
    )
    assert "Talks <A & B>" in message.subject
    assert "Talks <A & B>" in message.text_body
    assert "Talks &lt;A &amp; B&gt;" in message.html_body


# Nowhere in the app


def test_a_secretary_off_the_team_finds_nothing_of_a_confidential_trip_anywhere(
    client, secretary2, confidential_trip, hidden_notices
):
    """Every page a secretary can open, the mail log included, is silent about the trip."""
    from directory.models import HostUnit

    client.force_login(secretary2)
    secrets = [confidential_trip.title, *confidential_trip.items.values_list("title", flat=True)]
    pages = [
        reverse("desk:dashboard"),
        reverse("trips:trip_list"),
        reverse("trips:trip_list") + "?q=merger",
        reverse("directory:hostunit_list"),
        reverse("directory:contact_list"),
        reverse("desk:my_checklist"),
        reverse("logistics:checklist_template_list"),
        reverse("desk:profile"),
        LIST,
        LIST + "?q=merger",
        *(reverse("directory:hostunit_detail", args=[unit.pk]) for unit in HostUnit.objects.all()),
        *(reverse("briefings:unit", args=[unit.pk]) for unit in HostUnit.objects.all()),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        text = response.content.decode()
        assert not [secret for secret in secrets if secret in text], page
