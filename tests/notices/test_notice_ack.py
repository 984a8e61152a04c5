"""The host unit's acknowledgement page: a signed link, its part only, its answer."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from notices import links
from notices.models import Notice
from tests.factories import at
from tests.notices.notice_setup import approve, send

pytestmark = pytest.mark.django_db


# The clock ticks on from a week before the trip (tests.notices.conftest).
CLOCK_TICKS = True


def ack_path(notice: Notice) -> str:
    return reverse("notices:notice_ack", args=[links.make_token(notice)])


def answer(**fields) -> dict[str, str]:
    return {
        "name": "Zhang Wei",
        "onsite_contact_name": "Wang Fang",
        "onsite_contact_phone": "+86 10 5555 1234",
        "preparation_status": "in_progress",
        **fields,
    }


def assert_no_data(html: str) -> None:
    for secret in ("Riverside township", "Hilltop water plant", "pumping", "Forum", "merger"):
        assert secret not in html


# The link


def test_the_link_opens_the_units_part_without_an_account(client, sent):
    response = client.get(ack_path(sent["township"]))
    assert response.status_code == 200
    assert "Visit the pumping station" in response.content.decode()


def test_the_link_in_the_email_opens_the_page(client, sent):
    from outbox.models import Message

    text = Message.objects.get(cause_key=sent["township"].cause_key).text_body
    url = next(word for word in text.split() if "/n/" in word)
    assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_one_units_link_never_shows_another_units_part(client, sent):
    html = client.get(ack_path(sent["township"])).content.decode()
    assert "Forum with the plant workers" not in html
    assert "Lunch at the canteen" not in html
    assert "Hilltop water plant" not in html


def test_the_page_shows_nothing_of_the_leaders_own_items_or_the_trip(client, sent, visit):
    html = client.get(ack_path(sent["township"])).content.decode()
    assert "Private talk on the merger" not in html
    assert "Drive to the plant" not in html
    assert visit.trip.title not in html
    assert visit.trip.intention not in html


def test_a_tampered_link_gets_a_clear_404_page_and_no_data(client, sent):
    token = links.make_token(sent["township"])
    response = client.get(reverse("notices:notice_ack", args=[token[:-2] + "xx"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "This link does not work" in html
    assert_no_data(html)


def test_a_link_signed_for_one_notice_does_not_open_another(client, sent):
    # A valid signature over another notice's id with this notice's nonce.
    forged = {"n": sent["plant"].pk, "k": sent["township"].nonce}
    token = signing.Signer(salt=links.LINK_SALT).sign_object(forged, compress=True)
    response = client.get(reverse("notices:notice_ack", args=[token]))
    assert response.status_code == 404
    assert_no_data(response.content.decode())


def test_a_link_signed_with_another_salt_does_not_open(client, sent):
    token = signing.Signer().sign_object({"n": sent["township"].pk, "k": sent["township"].nonce})
    assert client.get(reverse("notices:notice_ack", args=[token])).status_code == 404


def test_the_link_still_works_the_day_after_the_trip(client, sent, visit):
    with time_machine.travel(at(visit.trip.end_date + dt.timedelta(days=1), 23, 30)):
        assert client.get(ack_path(sent["township"])).status_code == 200


def test_an_expired_link_gets_a_clear_410_page_and_no_data(client, sent, visit):
    with time_machine.travel(at(visit.trip.end_date + dt.timedelta(days=2), 0, 5)):
        response = client.get(ack_path(sent["township"]))
    assert response.status_code == 410
    html = response.content.decode()
    assert "This link has expired" in html
    assert_no_data(html)


def test_an_expired_link_takes_no_answer(client, sent, visit):
    with time_machine.travel(at(visit.trip.end_date + dt.timedelta(days=3), 9)):
        client.post(ack_path(sent["township"]), answer())
    sent["township"].refresh_from_db()
    assert sent["township"].acknowledged_at is None


def test_a_superseded_link_says_a_newer_notice_replaced_it(client, sent, visit, secretary, leader):
    visit.pumping.title = "Visit the new pumping station"
    visit.pumping.save()
    approve(visit.trip, secretary, leader)
    send(visit.trip, secretary)
    response = client.get(ack_path(sent["township"]))
    assert response.status_code == 410
    html = response.content.decode()
    assert "replaced by a newer one" in html
    assert "latest e-mail" in html
    assert_no_data(html)


def test_the_page_speaks_the_units_language(client, sent):
    response = client.get(ack_path(sent["plant"]))
    assert response.headers["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans">' in response.content.decode()
    assert "12月7日" in response.content.decode()


def test_the_page_fits_a_phone(client, sent):
    html = client.get(ack_path(sent["township"])).content.decode()
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html


# The answer


def test_acknowledging_stores_name_contact_phone_and_preparation(client, sent):
    client.post(ack_path(sent["township"]), answer())
    notice = Notice.objects.get(pk=sent["township"].pk)
    assert notice.acknowledged_at is not None
    assert notice.acknowledged_by_name == "Zhang Wei"
    assert (notice.onsite_contact_name, notice.onsite_contact_phone) == (
        "Wang Fang",
        "+86 10 5555 1234",
    )
    assert notice.preparation_status == Notice.Preparation.IN_PROGRESS


def test_acknowledging_twice_keeps_the_first_time_and_name(client, sent):
    with time_machine.travel(at(dt.date(2026, 12, 1), 10), tick=False):
        client.post(ack_path(sent["township"]), answer())
    with time_machine.travel(at(dt.date(2026, 12, 2), 10), tick=False):
        client.post(
            ack_path(sent["township"]), answer(name="Someone else", preparation_status="ready")
        )
    notice = Notice.objects.get(pk=sent["township"].pk)
    assert notice.acknowledged_at == at(dt.date(2026, 12, 1), 10)
    assert notice.acknowledged_by_name == "Zhang Wei"
    assert notice.preparation_status == Notice.Preparation.READY  # progress may be updated


def test_a_bad_phone_is_refused_beside_the_field_and_the_input_kept(client, sent):
    response = client.post(ack_path(sent["township"]), answer(onsite_contact_phone="call me"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a phone number like +86 10 1234 5678." in html
    assert 'value="call me"' in html
    assert Notice.objects.get(pk=sent["township"].pk).acknowledged_at is None


def test_full_width_digits_count_as_a_phone(client, sent):
    # What a Chinese keyboard types: full-width digits.
    full_width = "138 000 00000".translate({ord(str(d)): 0xFF10 + d for d in range(10)})
    client.post(ack_path(sent["township"]), answer(onsite_contact_phone=full_width))
    assert Notice.objects.get(pk=sent["township"].pk).onsite_contact_phone == "138 000 00000"


def test_a_phone_needs_the_name_of_its_owner(client, sent):
    response = client.post(ack_path(sent["township"]), answer(onsite_contact_name=""))
    assert "Whose phone is this?" in response.content.decode()


def test_acknowledging_needs_a_name(client, sent):
    response = client.post(ack_path(sent["township"]), answer(name=""))
    assert "This field is required." in response.content.decode()
    assert Notice.objects.get(pk=sent["township"].pk).acknowledged_at is None


def test_the_unit_sends_a_message_to_the_office(client, sent, secretary):
    path = reverse("notices:notice_reply", args=[links.make_token(sent["township"])])
    client.post(path, {"text": "Can we start at 09:30?"})
    assert [r.text for r in sent["township"].replies.all()] == ["Can we start at 09:30?"]
    client.force_login(secretary)
    html = client.get(reverse("notices:notices", args=[sent["township"].trip_id])).content.decode()
    assert "Can we start at 09:30?" in html


def test_an_empty_message_is_refused(client, sent):
    path = reverse("notices:notice_reply", args=[links.make_token(sent["township"])])
    response = client.post(path, {"text": "  "})
    assert "This field is required." in response.content.decode()
    assert not sent["township"].replies.exists()


def test_a_cancellation_asks_for_no_preparation(client, sent, visit, secretary, leader):
    visit.pumping.cancel()
    approve(visit.trip, secretary, leader)
    (cancellation,) = send(visit.trip, secretary)
    html = client.get(ack_path(cancellation)).content.decode()
    assert "Visit cancelled" in html
    assert "preparation_status" not in html
    client.post(ack_path(cancellation), {"name": "Zhang Wei"})
    assert Notice.objects.get(pk=cancellation.pk).acknowledged_by_name == "Zhang Wei"
