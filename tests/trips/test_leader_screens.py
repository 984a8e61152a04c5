"""The leader's screens: the short version page on a phone, the brief read back once, the
leader's comments on the secretary's trip page, and no resubmission of an unchanged plan."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import ItineraryItemFactory, TripFactory, UserFactory, at
from trips import approval
from trips.models import ItemComment, Trip, TripVersion

pytestmark = pytest.mark.django_db
D = TripVersion.Decision
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def trip(office_trip):
    """Three days (7-9 December); a visit and a forum that overlap on the first day, a
    forum on the third."""
    day = office_trip.start_date
    ItineraryItemFactory(trip=office_trip, title="Water plant", start=at(day, 9))
    ItineraryItemFactory(trip=office_trip, title="Forum", start=at(day, 9, 30))
    ItineraryItemFactory(trip=office_trip, title="Village talk", start=at(day + dt.timedelta(2), 9))
    return office_trip


def fresh(trip: Trip) -> Trip:
    return Trip.objects.with_team().get(pk=trip.pk)


def submit(trip: Trip, secretary) -> TripVersion:
    return approval.submit(fresh(trip), secretary)


def change_plan(trip: Trip, **brief) -> None:
    """Change an item's notes, or the brief's fields when given."""
    if brief:
        Trip.objects.filter(pk=trip.pk).update(**brief)
    else:
        item = trip.items.order_by("start").first()
        item.notes = f"{item.notes} Bring helmets."
        item.save()


def item_id(trip: Trip, title: str) -> int:
    return trip.items.get(title=title).pk


def page_of(client, user, url: str, when: dt.datetime | None = None) -> str:
    client.force_login(user)
    with time_machine.travel(when or dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False):
        return client.get(url).content.decode()


def day_tag(page: str, day: str) -> str:
    return re.search(rf'<details class="day" id="day-{day}"[^>]*>', page).group(0)


# The version page on a phone


def test_version_page_folds_days_with_the_first_day_open(client, trip, secretary, leader):
    page = page_of(client, leader, submit(trip, secretary).get_absolute_url())
    assert " open" in day_tag(page, "2026-12-07")
    assert " open" not in day_tag(page, "2026-12-08")
    assert " open" not in day_tag(page, "2026-12-09")


def test_version_page_opens_todays_day_during_the_trip(client, trip, secretary, leader):
    url = submit(trip, secretary).get_absolute_url()
    page = page_of(client, leader, url, when=dt.datetime(2026, 12, 9, 2, tzinfo=dt.UTC))
    assert " open" in day_tag(page, "2026-12-09")
    assert " open" not in day_tag(page, "2026-12-08")


def test_folded_day_says_how_many_items_and_findings_it_has(client, trip, secretary, leader):
    page = page_of(client, leader, submit(trip, secretary).get_absolute_url())
    summary = page[page.index('id="day-2026-12-07"') :]
    summary = summary[: summary.index("</summary>")]
    assert "2 items" in summary
    assert "⚠ one thing to check" in summary


def test_findings_are_one_line_each_under_their_count(client, trip, secretary, leader):
    page = page_of(client, leader, submit(trip, secretary).get_absolute_url())
    health = page[page.index('id="schedule-health"') :]
    health = health[: health.index("</section>")]
    count = int(re.search(r"⚠ (\d+) things to check", health).group(1))
    assert health.count('<li class="finding') == count > 1
    assert "<h4>" not in health  # no grouping by day


def test_each_item_has_a_folded_comment_field(client, trip, secretary, leader):
    page = page_of(client, leader, submit(trip, secretary).get_absolute_url())
    assert page.count('<details class="comment-toggle">') == 3  # folded: no "open"
    assert page.count('<summary class="btn small secondary">Comment</summary>') == 3


def test_comment_field_stays_open_when_the_decision_is_refused(client, trip, secretary, leader):
    version = submit(trip, secretary)
    client.force_login(leader)
    url = reverse("trips:version_decide", args=[trip.pk, version.number])
    forum = item_id(trip, "Forum")
    # Neither approve nor request changes: refused, the comment kept and its field open.
    response = client.post(url, {f"item-{forum}": "Later, please."})
    page = response.content.decode()
    assert '<details class="comment-toggle" open>' in page
    assert "Later, please." in page


def test_the_diff_comes_before_the_brief(client, trip, secretary, leader):
    submit(trip, secretary)
    change_plan(trip)
    page = page_of(client, leader, submit(trip, secretary).get_absolute_url())
    assert page.index("Changes since version 1") < page.index("The brief")


# The brief read back once


def test_brief_is_not_asked_again_when_unchanged_since_confirmed(client, trip, secretary, leader):
    first = submit(trip, secretary)
    approval.confirm_brief(first, leader)
    change_plan(trip)
    page = page_of(client, leader, submit(trip, secretary).get_absolute_url())
    assert "Brief unchanged since version 1, confirmed by Lee Wang on" in page
    assert "I confirm this states my intention" not in page


def test_brief_is_asked_again_when_changed_since_confirmed(client, trip, secretary, leader):
    first = submit(trip, secretary)
    approval.confirm_brief(first, leader)
    change_plan(trip, purpose="See the new pumps.")
    page = page_of(client, leader, submit(trip, secretary).get_absolute_url())
    assert "I confirm this states my intention" in page
    assert "Brief unchanged" not in page


def test_brief_never_confirmed_is_asked(client, trip, secretary, leader):
    submit(trip, secretary)
    change_plan(trip)
    page = page_of(client, leader, submit(trip, secretary).get_absolute_url())
    assert "I confirm this states my intention" in page


# No resubmission of an unchanged plan


def test_resubmitting_an_unchanged_plan_is_refused(trip, secretary, leader):
    version = submit(trip, secretary)
    approval.decide(version, leader, D.CHANGES_REQUESTED, "Start later.")
    with pytest.raises(ValidationError, match="Nothing changed since version 1"):
        submit(trip, secretary)


def test_resubmitting_after_a_change_is_accepted(trip, secretary, leader):
    version = submit(trip, secretary)
    approval.decide(version, leader, D.CHANGES_REQUESTED, "Start later.")
    change_plan(trip)
    assert submit(trip, secretary).number == 2


def test_refused_resubmission_says_why_on_the_trip_page(client, trip, secretary):
    submit(trip, secretary)
    client.force_login(secretary)
    response = client.post(reverse("trips:version_submit", args=[trip.pk]), follow=True)
    assert "Nothing changed since version 1." in response.content.decode()


# The leader's comments on the secretary's trip page


@pytest.fixture
def commented(trip, secretary, leader):
    """Version 1 sent back with three comments on items: two on the forum, one on the plant."""
    version = submit(trip, secretary)
    forum, plant = item_id(trip, "Forum"), item_id(trip, "Water plant")
    approval.decide(version, leader, D.CHANGES_REQUESTED, "", {forum: "Start it later."})
    ItemComment.objects.create(
        version=version, item_id=forum, text="Invite the mayor.", author=leader
    )
    ItemComment.objects.create(version=version, item_id=plant, text="Shorter.", author=leader)
    return version


def card(page: str, pk: int) -> str:
    start = page[page.index(f'id="item-{pk}"') :]
    return start[: start.index("</article>")]


def test_leader_comments_show_beside_their_items(client, trip, commented, secretary):
    page = page_of(client, secretary, trip.get_absolute_url())
    forum = card(page, item_id(trip, "Forum"))
    assert "Start it later." in forum
    assert "Invite the mayor." in forum
    assert "Shorter." not in forum


def test_trip_page_counts_the_comments_and_those_done(client, trip, commented, secretary):
    comment = ItemComment.objects.get(text="Shorter.")
    approval.mark_comment_done(fresh(trip), comment, secretary)
    page = page_of(client, secretary, trip.get_absolute_url())
    assert "Changes requested: 3 comments, 1 done" in page


def test_done_comment_no_longer_shows_beside_its_item(client, trip, commented, secretary):
    approval.mark_comment_done(fresh(trip), ItemComment.objects.get(text="Shorter."), secretary)
    page = page_of(client, secretary, trip.get_absolute_url())
    assert "Shorter." not in card(page, item_id(trip, "Water plant"))


def test_secretary_marks_a_comment_done_with_htmx(client, trip, commented, secretary):
    comment = ItemComment.objects.get(text="Shorter.")
    client.force_login(secretary)
    url = reverse("trips:item_comment_done", args=[trip.pk, comment.pk])
    response = client.post(url, **HTMX)
    comment.refresh_from_db()
    assert (comment.done_by, comment.done_at is not None) == (secretary, True)
    page = response.content.decode()
    assert f'id="comment-{comment.pk}"' in page
    assert 'id="comment-summary" hx-swap-oob="true"' in page
    assert "3 comments, 1 done" in page


def test_marking_a_comment_done_without_htmx_returns_to_its_item(
    client, trip, commented, secretary
):
    comment = ItemComment.objects.get(text="Shorter.")
    client.force_login(secretary)
    response = client.post(reverse("trips:item_comment_done", args=[trip.pk, comment.pk]))
    assert response.url == f"{trip.get_absolute_url()}#item-{comment.item_id}"


def test_marking_done_twice_keeps_the_first_time(client, trip, commented, secretary):
    comment = ItemComment.objects.get(text="Shorter.")
    approval.mark_comment_done(fresh(trip), comment, secretary)
    first = ItemComment.objects.get(pk=comment.pk).done_at
    approval.mark_comment_done(fresh(trip), comment, secretary)
    assert ItemComment.objects.get(pk=comment.pk).done_at == first


def test_staff_cannot_mark_a_comment_done(client, trip, commented, staff):
    comment = ItemComment.objects.get(text="Shorter.")
    client.force_login(staff)
    response = client.post(reverse("trips:item_comment_done", args=[trip.pk, comment.pk]))
    assert response.status_code == 403
    assert ItemComment.objects.get(pk=comment.pk).done_at is None


def test_a_comment_of_another_trip_is_404(client, trip, commented, secretary):
    other = TripFactory(team={secretary: "secretary"})
    comment = ItemComment.objects.get(text="Shorter.")
    client.force_login(secretary)
    response = client.post(reverse("trips:item_comment_done", args=[other.pk, comment.pk]))
    assert response.status_code == 404


def test_office_users_off_the_team_do_not_see_the_leaders_comments(client, trip, commented):
    page = page_of(client, UserFactory(roles=["staff"]), trip.get_absolute_url())
    assert "Invite the mayor." not in page
    assert "Changes requested: 3 comments" not in page


def test_comment_on_an_item_since_removed_shows_in_the_approval_panel(
    client, trip, commented, secretary
):
    trip.items.get(title="Water plant").cancel()
    page = page_of(client, secretary, trip.get_absolute_url())
    panel = page[page.index('id="comment-summary"') :]
    assert "On items no longer in the plan" in panel
    assert "Shorter." in panel
