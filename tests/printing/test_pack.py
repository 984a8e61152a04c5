# ruff: noqa: RUF001, F811  (full-width punctuation on purpose; the people fixture, imported)
"""The trip pack (行程手册): rendered by a task, a waiting page that polls, then the file."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from briefings.models import Briefing
from notices.models import Notice
from printing import documents, pack, tasks
from printing.models import Download
from tests.briefings.factories import BriefingFactory, FigureFactory
from tests.factories import HostUnitFactory
from tests.printing import pdf
from tests.printing.test_documents import _trip, people  # noqa: F401
from tests.printing.test_seating import PEOPLE as SEATED
from tests.printing.test_seating import _plan
from trips import snapshot
from trips.models import ItineraryItem, TripVersion

pytestmark = pytest.mark.django_db


def _approve(trip, people):
    version = TripVersion.objects.create(
        trip=trip,
        number=1,
        snapshot=snapshot.take(trip, findings=False).to_json(),
        submitted_by=people["secretary"],
        decision=TripVersion.Decision.APPROVED,
        decided_by=people["leader"],
        decided_at=timezone.now(),
    )
    return version


@pytest.fixture
def trip(people):
    trip = _trip(people, purpose="了解农村供水管网运行情况")
    version = _approve(trip, people)
    # Changed after approval: the pack prints the brief as approved.
    trip.purpose = "批准后改过的目的"
    trip.save()
    unit = HostUnitFactory(name="青山县水务局")
    Notice.objects.create(
        trip=trip, host_unit=unit, version=version, kind=Notice.Kind.NEW, content={},
        sent_by=people["secretary"], acknowledged_at=timezone.now(),
        acknowledged_by_name="周主任", onsite_contact_name="吴工",
        onsite_contact_phone="137 0000 0005",
    )  # fmt: skip
    return trip


@pytest.fixture
def internal_trip(people):
    return _trip(people, visibility="confidential")


def _url(name, trip, language="zh-hans"):
    return reverse(f"printing:{name}", args=[trip.pk]) + f"?lang={language}"


def _ready_pack(client, user, trip, django_capture_on_commit_callbacks, language="zh-hans"):
    """Ask for the pack, let the queued task run (eager), and fetch the file."""
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(_url("pack", trip, language))
    response = client.get(_url("pack", trip, language))
    assert response["Content-Type"] == "application/pdf"
    return response


def test_first_request_queues_and_the_status_polls_then_links(
    client, trip, people, django_capture_on_commit_callbacks, monkeypatch
):  # fmt: skip
    queued = []
    monkeypatch.setattr(tasks.render_pack, "delay", lambda *args: queued.append(args))
    client.force_login(people["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(_url("pack", trip))
    assert response.status_code == 200 and "text/html" in response["Content-Type"]
    assert queued == [(trip.pk, "zh-hans", people["staff"].pk)]
    page = response.content.decode()
    assert 'hx-trigger="every 1s"' in page and _url("pack_status", trip).replace("?", "") in (
        page.replace("?", "").replace("&amp;", "&")
    )
    assert "<progress" in page

    status = client.get(_url("pack_status", trip)).content.decode()
    assert 'hx-trigger="every 1s"' in status and "<progress" in status
    assert "<html" not in status  # the partial alone, for the swap

    tasks.render_pack(*queued[0])  # the worker's turn
    status = client.get(_url("pack_status", trip)).content.decode()
    assert "every 1s" not in status
    assert f'href="{_url("pack", trip).replace("?", "?")}"' in status.replace("&amp;", "&")
    assert client.get(_url("pack", trip))["Content-Type"] == "application/pdf"


def test_a_cached_pack_is_a_file_read(
    client, trip, people, django_capture_on_commit_callbacks, monkeypatch
):  # fmt: skip
    first = _ready_pack(client, people["staff"], trip, django_capture_on_commit_callbacks)

    def no_render(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(documents, "render", no_render)
    monkeypatch.setattr(tasks.render_pack, "delay", no_render)
    again = client.get(_url("pack", trip))
    assert again["Content-Type"] == "application/pdf"
    assert again.content == first.content


def test_the_task_is_safe_to_run_twice(trip, people, monkeypatch):
    tasks.render_pack(trip.pk, "zh-hans", people["staff"].pk)
    monkeypatch.setattr(documents, "render", lambda *a, **k: pytest.fail("rendered again"))
    tasks.render_pack(trip.pk, "zh-hans", people["staff"].pk)
    assert pack.is_ready(trip, "zh-hans", people["staff"])


@pytest.fixture
def english_pack(client, trip, people, django_capture_on_commit_callbacks) -> bytes:
    """The staff member's copy of the trip's pack in English: the trip's words stay as
    written, the pack's own are English."""
    return _ready_pack(
        client, people["staff"], trip, django_capture_on_commit_callbacks, "en"
    ).content


def test_pack_shows_cover_contents_with_pages_brief_itinerary_party_and_notices(english_pack):
    content = english_pack
    cover = pdf.flat(content, page=1)
    for words in (
        "河滨水厂调研", "Trip pack", "Monday 21 December 2026 to Tuesday 22 December 2026",
        "王伟(副省长)", "Party4 people",
    ):  # fmt: skip
        assert words.replace(" ", "") in cover, words
    # The contents: each section with the page it starts on, and it does start there.
    contents = pdf.text(content, page=2)
    entries = {}
    titles = ("Brief", "Itinerary", "Timeline", "Party list", "The hosts' contacts on site",
              "Car plan", "Meals and lodging", "Seating chart", "Briefing book",
              "Host units' acknowledgements")  # fmt: skip
    for title in titles:
        found = re.search(rf"{title}[ .]*?(\d+)\s*$", contents, re.M)
        assert found, (title, contents)
        entries[title] = int(found[1])
        assert title in pdf.text(content, page=entries[title])
    assert list(entries.values()) == sorted(entries.values()) and entries["Brief"] == 3
    text = pdf.flat(content)
    assert "了解农村供水管网运行情况" in text and "批准后改过的目的" not in text
    for item in ("考察泵站二号", "与职工座谈", "乘高铁返回", "09:00–10:30", "08:00–09:10"):
        assert item in text, item
    positions = [
        text.index(row) for row in ("王伟副省长", "李秘书秘书", "赵敏科员", "钱师傅驾驶员")
    ]
    assert positions == sorted(positions)
    # The unit's answer (the narrow table wraps the cells: their beginnings suffice).
    assert "青山县水务" in text and "Acknowledgedby周主任" in text and "吴工" in text


def _page_of(content: bytes, title: str) -> int:
    """The page the contents (page 2) give for a section."""
    return int(re.search(rf"{title}[ .]*?(\d+)\s*$", pdf.text(content, page=2), re.M)[1])


def test_pack_draws_each_day_on_its_hour_scale(english_pack):
    content = english_pack
    page = _page_of(content, "Timeline")
    text = pdf.text(content, page=page)
    for words in ("Monday 21 December 2026", "Tuesday 22 December 2026", "08:00", "18:00",
                  "Visits, forums and talks", "Travel"):  # fmt: skip
        assert words in text, words
    assert "Something to check" not in text  # the planners' findings stay on screen
    # timeline.css reached the renderer: each block sits at its time on the day's scale,
    # 1.1 cm an hour, so the 14:00 forum is 5 hours (5.5 cm) below the 09:00 visit.
    tops = {word: y0 for word, _x0, y0, _x1, _y1 in pdf.words(content, page=page)}
    assert tops["14:00–15:00"] - tops["09:00–10:30"] == pytest.approx(5.5 / 2.54 * 72, abs=2)


def test_no_day_of_the_timeline_is_cut_across_pages(
    client, people, django_capture_on_commit_callbacks
):  # fmt: skip
    from tests.factories import ItineraryItemFactory, TripFactory, at

    first = dt.date(2026, 12, 21)
    trip = TripFactory(
        title="五日调研", start_date=first, end_date=first + dt.timedelta(days=4),
        team={people["secretary"]: "secretary", people["staff"]: "staff"},
    )  # fmt: skip
    for offset in range(5):
        day = first + dt.timedelta(days=offset)
        ItineraryItemFactory(trip=trip, title=f"第{offset + 1}天晚宴", start=at(day, 19, 30))
    content = _ready_pack(
        client, people["staff"], trip, django_capture_on_commit_callbacks, "en"
    ).content
    start = _page_of(content, "Timeline")
    pages = [pdf.text(content, page=n) for n in (start, start + 1)]
    for offset in range(5):
        day = first + dt.timedelta(days=offset)
        (page,) = [text for text in pages if f"{day:%A}" in text]
        # the day's whole scale, 08:00 to 21:00, and its dinner, on the page of its heading
        assert page.count("21:00") == page.count("08:00") and f"第{offset + 1}天晚宴" in page


def test_internal_pack_is_watermarked_and_logged(
    client, internal_trip, people, django_capture_on_commit_callbacks
):  # fmt: skip
    content = _ready_pack(
        client, people["staff"], internal_trip, django_capture_on_commit_callbacks
    ).content
    text = pdf.flat(content)
    assert "内部" in text and "秘密" not in text
    assert "赵敏" in pdf.flat(content, page=pdf.pages(content))  # the reader, on the last page
    logged = Download.objects.filter(trip=internal_trip, document="pack")
    assert [(d.user, d.language) for d in logged] == [(people["staff"], "zh-hans")]


def test_outsider_gets_404_for_an_internal_trips_pack(client, internal_trip, outsider):
    client.force_login(outsider)
    assert client.get(_url("pack", internal_trip)).status_code == 404
    assert client.get(_url("pack_status", internal_trip)).status_code == 404


def test_the_task_renders_nothing_for_a_reader_off_the_trip(internal_trip, outsider):
    from django.http import Http404

    with pytest.raises(Http404):
        tasks.render_pack(internal_trip.pk, "zh-hans", outsider.pk)
    assert not pack.is_ready(internal_trip, "zh-hans", outsider)


def test_pack_data_queries_do_not_grow_with_the_trip(people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ItineraryItemFactory, at

    small, large = _trip(people), _trip(people, plant_name="城南水厂")
    for hour in range(8, 18):
        item = ItineraryItemFactory(
            trip=large, title=f"项目{hour}", start=at(large.start_date, hour)
        )
        item.attendees.set([people["leader"], people["staff"]])
        FigureFactory(host_unit=_plant(large), label=f"指标{hour}")
    _plan(large)
    counts = []
    for trip in (small, large):
        trip = type(trip).objects.with_team().get(pk=trip.pk)
        with CaptureQueriesContext(connection) as captured:
            documents.shown(pack.PACK, trip, "zh-hans", people["staff"])
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_status_counts_its_polls_and_stops_after_a_while(client, trip, people):
    client.force_login(people["staff"])
    status = client.get(_url("pack_status", trip) + "&n=3").content.decode()
    assert "n=4" in status and "every 1s" in status
    status = client.get(_url("pack_status", trip) + "&n=90").content.decode()
    assert "every 1s" not in status and f'href="{_url("pack", trip)}"' in status


def test_the_pack_is_for_the_party_only(client, trip, outsider):
    client.force_login(outsider)
    assert client.get(_url("pack", trip)).status_code == 403
    assert client.get(_url("pack_status", trip)).status_code == 403


def _plant(trip):
    return ItineraryItem.objects.filter(trip=trip, host_unit__isnull=False).first().host_unit


def test_pack_holds_the_seating_plans_and_the_briefing_book_with_unverified_marks(
    client, trip, people, django_capture_on_commit_callbacks
):  # fmt: skip
    _plan(trip)
    FigureFactory(host_unit=_plant(trip), label="Households served", source="Bureau statistics")
    content = _ready_pack(
        client, people["staff"], trip, django_capture_on_commit_callbacks, "en"
    ).content
    text = pdf.flat(content)
    seating = text.index("Seatingchart", text.index("Seatingchart") + 1)  # past the contents
    for name, title in SEATED:
        assert name in text[seating:] and title in text[seating:], name
    briefing = text.index("Briefingbook", text.index("Briefingbook") + 1)
    assert "unverifiedHouseholdsserved" in text[briefing:]
    assert "Bureaustatistics" in text[briefing:]


def test_the_briefing_section_shows_what_its_reader_may_read(
    client, trip, people, django_capture_on_commit_callbacks
):  # fmt: skip
    BriefingFactory(
        host_unit=_plant(trip), topic=Briefing.Topic.SENSITIVE, title="Complaints",
        body="Petition over the 2024 flood compensation.",
    )  # fmt: skip
    secretary = _ready_pack(
        client, people["secretary"], trip, django_capture_on_commit_callbacks, "en"
    ).content
    staff = _ready_pack(
        client, people["staff"], trip, django_capture_on_commit_callbacks, "en"
    ).content
    assert "floodcompensation" in pdf.flat(secretary)
    assert "floodcompensation" not in pdf.flat(staff)
