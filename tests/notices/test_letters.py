# ruff: noqa: RUF001  (the 公函 is Chinese: full-width punctuation on purpose)
"""The 公函 to each host unit: its 发文字号 (unique per year, never given twice), the draft
the secretary edits, the issued letter frozen, the 变更函 naming the letter it changes, the
phone notice standing in for it; and who may see or change them."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directory.models import HostUnit
from notices import letters
from notices.models import LetterCounter, OfficialLetter, PhoneNotice
from tests import services
from tests.factories import HostUnitFactory, ItineraryItemFactory, TripFactory, UserFactory, at
from tests.notices.notice_setup import A_WEEK_BEFORE, approve, build_visit, fresh

pytestmark = pytest.mark.django_db


def write(visit, secretary, unit=None) -> OfficialLetter:
    return letters.generate(fresh(visit.trip), unit or visit.plant, secretary)


def move_the_forum(visit, secretary, leader) -> None:
    """The plant's forum moves half an hour later, and the plan is approved again."""
    visit.forum.start += dt.timedelta(minutes=30)
    visit.forum.end += dt.timedelta(minutes=30)
    visit.forum.save()
    approve(visit.trip, secretary, leader)


# The 发文字号


def test_a_letter_gets_the_next_number_of_the_year_with_the_offices_prefix(
    visit, secretary, settings
):
    settings.OFFICE_LETTER_PREFIX = "青政办函"
    LetterCounter.objects.create(year=2026, last=14)
    letter = write(visit, secretary)
    assert (letter.year, letter.number) == (2026, 15)
    assert letter.reference == "青政办函〔2026〕15号"


def test_numbers_are_unique_per_year_across_units_and_trips(visit, secretary):
    first = write(visit, secretary, visit.plant)
    second = write(visit, secretary, visit.township)
    assert [first.number, second.number] == [1, 2]


def test_a_new_year_starts_again_at_one(visit, secretary):
    LetterCounter.objects.create(year=2025, last=80)
    assert write(visit, secretary).number == 1


def test_a_deleted_draft_does_not_free_its_number(visit, secretary):
    first = write(visit, secretary)
    first.delete()
    assert write(visit, secretary).number == 2


def test_writing_a_draft_again_keeps_its_number(visit, secretary):
    first = write(visit, secretary)
    again = write(visit, secretary)
    assert (again.pk, again.number) == (first.pk, first.number)
    assert OfficialLetter.objects.count() == 1


def test_the_database_refuses_a_number_given_twice(visit, secretary):
    letter = write(visit, secretary)
    twin = OfficialLetter(
        trip=letter.trip,
        host_unit=visit.township,
        version=letter.version,
        year=letter.year,
        number=letter.number,
        title="x",
        text="x",
        created_by=secretary,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


@pytest.mark.django_db(transaction=True)
def test_two_letters_written_at_once_get_two_numbers():
    services.need(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    barrier, numbers = threading.Barrier(2), []

    def allocate():
        try:
            with transaction.atomic():
                barrier.wait()
                numbers.append(letters.allocate(2026))
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(numbers) == [1, 2]
    assert LetterCounter.objects.get(year=2026).last == 2


def test_allocating_in_turn_never_repeats_a_number(db):
    assert [letters.allocate(2026) for _ in range(3)] == [1, 2, 3]


# The text


def test_the_letter_is_addressed_to_the_unit_and_says_who_when_and_why(visit, secretary):
    letter = write(visit, secretary)
    lines = letter.text.split("\n")
    assert lines[0] == "Hilltop water plant："
    assert "2026年12月7日到你单位调研" in letter.text
    assert "《党政机关国内公务接待管理规定》第七条" in letter.text
    assert "Forum with the plant workers" in letter.text
    assert "Visit the pumping station" not in letter.text  # the township's part, not this unit's
    assert "共1人" in letter.text
    assert letter.title == "关于Lee Wang同志一行到Hilltop water plant调研有关事项的函"


def test_the_letter_carries_the_do_not_lines_of_the_rules(visit, secretary):
    text = write(visit, secretary).text
    assert "第八条，请勿到机场、车站、码头和辖区边界迎送" in text
    assert "第九条，住宿安排标准间" in text
    assert "中央八项规定" in text


def test_the_letter_ends_with_the_office_and_the_date_without_weekday(visit, secretary, settings):
    settings.OFFICE_NAME = "长河市人民政府办公室"
    lines = write(visit, secretary).text.split("\n")
    assert lines[-2].strip("\u3000 ") == "长河市人民政府办公室"
    assert lines[-1].strip("\u3000 ") == "2026年11月30日"
    assert "星期" not in lines[-1]
    assert lines[-3] == lines[-4] == ""  # the seal's place over them


def test_the_party_is_in_protocol_order(visit, secretary):
    text = write(visit, secretary, visit.township).text
    party = next(line for line in text.split("\n") if "共2人" in line)
    assert party.index("Lee Wang") < party.index("Sam Zhao")


def test_the_party_is_named_with_posts(office_trip, secretary, leader, staff):
    leader.profile.title = "副省长"
    leader.profile.save()
    visit = build_visit(office_trip, leader, staff)
    approve(office_trip, secretary, leader)
    text = write(visit, secretary).text
    assert "副省长" in next(line for line in text.split("\n") if "共1人" in line)


def test_a_unit_off_the_plan_gets_no_letter(visit, secretary):
    with pytest.raises(ValidationError, match="not on the approved plan"):
        letters.generate(fresh(visit.trip), HostUnitFactory(name="Elsewhere"), secretary)


# Draft, issued, 变更函


def test_the_secretary_edits_a_draft(visit, secretary):
    letter = write(visit, secretary)
    letters.edit(letter, "关于调研的函", letter.text + "\n附注", secretary)
    letter.refresh_from_db()
    assert letter.title == "关于调研的函"
    assert letter.text.endswith("附注")


def test_an_issued_letter_is_frozen(visit, secretary):
    letter = letters.issue(write(visit, secretary), secretary)
    with pytest.raises(ValidationError, match="cannot be changed"):
        letters.edit(letter, "another title", "another text", secretary)
    letter.refresh_from_db()
    assert letter.title.startswith("关于Lee Wang")
    assert (letter.status, letter.issued_by) == (OfficialLetter.Status.ISSUED, secretary)


def test_issuing_twice_is_refused(visit, secretary):
    letter = write(visit, secretary)
    letters.issue(letter, secretary)
    with pytest.raises(ValidationError, match="issued already"):
        letters.issue(OfficialLetter.objects.get(pk=letter.pk), secretary)


def test_issuing_dates_the_letter_on_the_day_of_issue(visit, secretary):
    letter = write(visit, secretary)
    with time_machine.travel(A_WEEK_BEFORE + dt.timedelta(days=2)):
        letters.issue(letter, secretary)
    assert letter.text.split("\n")[-1].strip("\u3000 ") == "2026年12月2日"


def test_a_change_after_issuing_is_a_new_letter_naming_the_old_one(visit, secretary, leader):
    old = letters.issue(write(visit, secretary), secretary)
    move_the_forum(visit, secretary, leader)
    change = write(visit, secretary)
    assert change.pk != old.pk and change.number == old.number + 1
    assert change.replaces == old
    assert change.title.endswith("安排变更的函")
    assert f"（{old.reference}）" in change.text
    assert "现将有关事项变更如下" in change.text
    assert "时间由“2026年12月7日（星期一）11:15–12:15”改为“2026年12月7日（星期一）11:45–12:45”" in (
        change.text
    )
    old.refresh_from_db()
    assert old.is_issued and old.text.count("11:15") == 1


def test_no_change_letter_when_nothing_changed(visit, secretary):
    old = letters.issue(write(visit, secretary), secretary)
    with pytest.raises(ValidationError, match=f"since {old.reference}"):
        write(visit, secretary)


def test_only_the_trips_secretaries_write_letters(visit, staff):
    with pytest.raises(PermissionDenied):
        letters.generate(fresh(visit.trip), visit.plant, staff)


# The phone notice (电话通知)


def test_a_phone_notice_stands_in_for_the_letter(visit, secretary):
    letters.record_phone(
        fresh(visit.trip),
        visit.plant,
        secretary,
        caller="李明",
        callee="张主任",
        called_at=timezone.now(),
        said="告知调研时间和人数。",
    )
    row = next(r for r in letters.board(fresh(visit.trip)) if r.unit == visit.plant)
    assert row.current is None and row.informed
    assert row.calls[0].callee == "张主任"


def test_a_draft_alone_does_not_inform_the_unit(visit, secretary):
    write(visit, secretary)
    row = next(r for r in letters.board(fresh(visit.trip)) if r.unit == visit.plant)
    assert not row.informed


# The pages


def test_the_letters_page_lists_each_units_number_and_status(client, visit, secretary):
    issued = letters.issue(write(visit, secretary, visit.plant), secretary)
    draft = write(visit, secretary, visit.township)
    client.force_login(secretary)
    page = client.get(reverse("notices:letters", args=[visit.trip.pk])).content.decode()
    assert issued.reference in page and draft.reference in page
    assert "Issued" in page and "Draft" in page


def test_the_notices_page_shows_each_units_letter(client, visit, secretary):
    letter = write(visit, secretary)
    client.force_login(secretary)
    page = client.get(reverse("notices:notices", args=[visit.trip.pk])).content.decode()
    assert letter.reference in page


def test_the_secretary_writes_edits_and_issues_through_the_page(client, visit, secretary):
    client.force_login(secretary)
    trip = visit.trip
    client.post(reverse("notices:letter_generate", args=[trip.pk, visit.plant.pk]))
    letter = OfficialLetter.objects.get()
    prefix = f"letter-{letter.pk}"
    data = {f"{prefix}-title": "关于调研的函", f"{prefix}-text": "Hilltop water plant：\n正文"}
    client.post(reverse("notices:letter_text", args=[trip.pk, letter.pk]), data)
    client.post(reverse("notices:letter_issue", args=[trip.pk, letter.pk]))
    letter.refresh_from_db()
    assert (letter.title, letter.text, letter.is_issued) == (
        "关于调研的函",
        data[f"{prefix}-text"],
        True,
    )


def test_editing_an_issued_letter_is_refused_with_a_clear_message(client, visit, secretary):
    letter = letters.issue(write(visit, secretary), secretary)
    client.force_login(secretary)
    prefix = f"letter-{letter.pk}"
    data = {f"{prefix}-title": "改", f"{prefix}-text": "改过的正文"}
    response = client.post(reverse("notices:letter_text", args=[visit.trip.pk, letter.pk]), data)
    assert response.status_code == 400
    assert "An issued letter cannot be changed" in response.content.decode()
    letter.refresh_from_db()
    assert letter.text != "改过的正文"


def test_a_phone_notice_through_the_page_shows_on_the_units_row(client, visit, secretary):
    client.force_login(secretary)
    url = reverse("notices:letter_phone", args=[visit.trip.pk, visit.plant.pk])
    prefix = f"call-{visit.plant.pk}"
    data = {
        f"{prefix}-caller": "李明",
        f"{prefix}-callee": "张主任",
        f"{prefix}-called_at": "2026-11-30T09:00",
        f"{prefix}-said": "告知调研时间。",
    }
    client.post(url, data)
    assert PhoneNotice.objects.get().callee == "张主任"
    page = client.get(reverse("notices:letters", args=[visit.trip.pk])).content.decode()
    assert "phone-notice-badge" in page and "张主任" in page


def test_the_team_reads_the_letters_without_the_secretaries_forms(client, visit, secretary, staff):
    write(visit, secretary)
    client.force_login(staff)
    response = client.get(reverse("notices:letters", args=[visit.trip.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "/issue/" not in page and "/write/" not in page and "/phone/" not in page


def test_the_team_may_not_issue(client, visit, secretary, staff):
    letter = write(visit, secretary)
    client.force_login(staff)
    response = client.post(reverse("notices:letter_issue", args=[visit.trip.pk, letter.pk]))
    assert response.status_code == 403
    letter.refresh_from_db()
    assert not letter.is_issued


def test_someone_off_the_team_may_not_read_an_open_trips_letters(client, visit, outsider):
    client.force_login(outsider)
    assert client.get(reverse("notices:letters", args=[visit.trip.pk])).status_code == 403


@pytest.fixture
def secret_letter(confidential_trip, secretary, leader, staff) -> OfficialLetter:
    visit = build_visit(confidential_trip, leader, staff)
    approve(confidential_trip, secretary, leader)
    return letters.generate(fresh(confidential_trip), visit.plant, secretary)


@pytest.mark.parametrize(
    "name", ["notices:letters", "printing:letter", "printing:letter_pdf", "printing:letter_docx"]
)
def test_outsiders_of_a_confidential_trip_get_404(client, secret_letter, outsider, name):
    client.force_login(outsider)
    trip = secret_letter.trip
    args = [trip.pk] if name == "notices:letters" else [trip.pk, secret_letter.pk]
    assert client.get(reverse(name, args=args)).status_code == 404


def test_outsiders_of_a_confidential_trip_cannot_write_letters(client, secret_letter, outsider):
    client.force_login(outsider)
    url = reverse(
        "notices:letter_generate", args=[secret_letter.trip.pk, secret_letter.host_unit.pk]
    )
    assert client.post(url).status_code == 404


def test_a_letter_of_another_trip_is_a_404(client, visit, confidential_trip, secretary):
    letter = write(visit, secretary)
    client.force_login(secretary)
    url = reverse("printing:letter", args=[confidential_trip.pk, letter.pk])
    assert client.get(url).status_code == 404


def test_an_office_user_sees_no_letter_of_anothers_unit(client, visit, secretary):
    other = UserFactory(username="other-secretary", roles=["secretary"])
    letter = write(visit, secretary)
    client.force_login(other)
    url = reverse("printing:letter_pdf", args=[visit.trip.pk, letter.pk])
    assert client.get(url).status_code == 403


def trip_with_letters(secretary, leader, count: int):
    """An approved trip with that many host units, each written its letter and phoned."""
    trip = TripFactory(team={secretary: "secretary", leader: "leader"})
    for i in range(count):
        unit = HostUnitFactory()
        item = ItineraryItemFactory(trip=trip, host_unit=unit, start=at(trip.start_date, 8, i * 20))
        item.attendees.set([leader])
    approve(trip, secretary, leader)
    for unit in HostUnit.objects.filter(items__trip=trip):
        letters.generate(fresh(trip), unit, secretary)
        letters.record_phone(
            fresh(trip), unit, secretary, caller="a", callee="b", called_at=timezone.now(), said="c"
        )
    return trip


def test_the_letters_page_queries_do_not_grow_with_units(client, secretary, leader):
    small, large = trip_with_letters(secretary, leader, 2), trip_with_letters(secretary, leader, 12)
    client.force_login(secretary)
    counts = []
    for trip in (small, large):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("notices:letters", args=[trip.pk]))
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def test_a_letter_to_an_english_speaking_unit_is_chinese_paper(
    office_trip, secretary, leader, staff
):
    profile = leader.profile
    profile.name, profile.name_en = "王伟", "Wang Wei"
    profile.title, profile.title_en = "副省长", "Vice Governor"
    profile.save()
    visit = build_visit(office_trip, leader, staff)
    approve(office_trip, secretary, leader)
    letter = letters.generate(fresh(office_trip), visit.township, secretary)  # speaks English
    assert letter.title == "关于副省长王伟同志一行到Riverside township调研有关事项的函"
    assert "Wang Wei" not in letter.text and "Vice Governor" not in letter.text


@pytest.mark.django_db(transaction=True)
def test_two_secretaries_writing_one_units_letter_at_once_make_one_draft(visit, secretary):
    services.need(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    barrier, written = threading.Barrier(2), []

    def generate():
        try:
            trip = fresh(visit.trip)
            barrier.wait()
            written.append(letters.generate(trip, visit.plant, secretary).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=generate) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(written)) == 1
    assert OfficialLetter.objects.count() == 1
