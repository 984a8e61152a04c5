"""Browser: the secretary opens the item form in a new tab (a page of its own), adds an item
with the leader and the host unit's contact ticked for her, lands on the trip page with a
message; a double click on Add makes one item, in place and on the page; the party form
grows a row and shows every choice of its selects whole, on a wide screen and on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.factories import ContactFactory, HostUnitFactory, TripFactory
from trips.models import ItineraryItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The selects of the party whose widest choice has less room than its text (plus the arrow).
CUT_SELECTS = """
() => [...document.querySelectorAll("#team select")].filter((s) => s.offsetParent).map((s) => {
  const style = getComputedStyle(s);
  const pen = document.createElement("canvas").getContext("2d");
  pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const widest = Math.max(...[...s.options].map((o) => pen.measureText(o.text).width));
  const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return { name: s.name, widest: Math.ceil(widest), room: Math.floor(room) - 16 };
}).filter((s) => s.room < s.widest)
"""


def fill_item(page: Page, form, start: str, title: str) -> None:
    form.locator("input[name=start]").fill(start)
    form.locator("input[name=end]").fill(start.replace("T09", "T10").replace("T14", "T15"))
    form.locator("input[name=title]").fill(title)


def test_items_added_on_a_page_of_their_own_and_in_place_are_added_once(
    page: Page, live_server, login_as, secretary, leader, staff, artifacts
):
    trip = TripFactory(
        title="Riverside water inspection",
        team={secretary: "secretary", leader: "leader", staff: "staff"},
    )
    plant = HostUnitFactory(name="Hilltop water plant")
    engineer = ContactFactory(name="Engineer Wu", host_unit=plant, receives_notices=True)
    ContactFactory(name="Driver Sun", host_unit=plant, receives_notices=False)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    login_as("secretary")

    # "Open in new tab" on the Add link: the form as a page of its own.
    tab = page.context.new_page()
    tab.on("console", lambda message: errors.append(message.text))
    tab.goto(f"{live_server.url}/trips/{trip.pk}/items/new/")
    form = tab.locator("#item-form-new")
    expect(form.locator(f"input[name=attendees][value='{leader.pk}']")).to_be_checked()
    expect(form.locator(f"input[name=attendees][value='{staff.pk}']")).not_to_be_checked()
    fill_item(tab, form, "2026-12-07T09:00", "Plant visit")
    form.locator("select[name=host_unit]").select_option(label="Hilltop water plant")
    expect(form.locator(f"input[name=contacts][value='{engineer.pk}']")).to_be_checked()
    expect(form.get_by_label("Driver Sun", exact=False)).not_to_be_checked()
    # A meal is the whole party's: the kind ticks them, until a box is ticked by hand.
    form.locator("select[name=kind]").select_option("meal")
    expect(form.locator(f"input[name=attendees][value='{staff.pk}']")).to_be_checked()
    form.locator("select[name=kind]").select_option("site_visit")
    expect(form.locator(f"input[name=attendees][value='{staff.pk}']")).not_to_be_checked()
    form.get_by_role("button", name="Add").click()
    expect(tab).to_have_url(f"{live_server.url}{trip.get_absolute_url()}")
    expect(tab.locator(".messages")).to_contain_text("Item added.")
    expect(tab.locator("#itinerary")).to_contain_text("Plant visit")
    visit = ItineraryItem.objects.get(trip=trip, title="Plant visit")
    assert list(visit.attendees.all()) == [leader]
    assert list(visit.contacts.all()) == [engineer]

    # The page of its own again, and an impatient double click.
    tab.goto(f"{live_server.url}/trips/{trip.pk}/items/new/")
    form = tab.locator("#item-form-new")
    fill_item(tab, form, "2026-12-07T14:00", "Forum with the workers")
    form.get_by_role("button", name="Add").dblclick()
    expect(tab.locator(".messages")).to_contain_text("Item added.")
    assert ItineraryItem.objects.filter(trip=trip, title="Forum with the workers").count() == 1

    # In place on the trip page (htmx), a double click too.
    page.goto(f"{live_server.url}{trip.get_absolute_url()}")
    page.get_by_role("link", name="Add an item").click()
    form = page.locator("#item-form-new")
    fill_item(page, form, "2026-12-08T09:00", "Second day visit")
    form.get_by_role("button", name="Add").dblclick()
    expect(page.locator("#itinerary")).to_contain_text("Second day visit")
    expect(page.locator("#item-form-new")).to_have_count(0)
    assert ItineraryItem.objects.filter(trip=trip, title="Second day visit").count() == 1
    page.screenshot(path=str(artifacts / "forms-trip-page.png"), full_page=True)
    assert not [e for e in errors if "targetError" in e or "htmx:" in e], errors


@pytest.mark.parametrize("width", [1440, 390])
def test_the_party_grows_a_row_and_shows_its_choices_whole(
    page: Page, live_server, login_as, secretary, leader, artifacts, width
):
    trip = TripFactory(title="Riverside dykes", team={secretary: "secretary", leader: "leader"})
    login_as("secretary")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/trips/{trip.pk}/edit/")
    rows = page.locator("#team tbody tr")
    before = rows.count()
    page.get_by_role("button", name="Add a person").click()
    expect(rows).to_have_count(before + 1)
    assert page.evaluate(CUT_SELECTS) == []
    if width > 1000:
        # The form uses the width: the party table spans most of the page.
        table = page.locator("#team table").bounding_box()
        assert table and table["width"] > 0.6 * width
    page.screenshot(path=str(artifacts / f"forms-party-{width}.png"), full_page=True)
