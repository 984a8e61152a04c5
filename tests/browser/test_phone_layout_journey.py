"""Browser, on a phone: the top nav reaches every item; a wide seating plan scrolls in its box."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from logistics import seating
from logistics.models import SeatingPlan
from tests.factories import ItineraryItemFactory, TripFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, **PHONE}


def page_is_not_wider_than_the_screen(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_every_nav_item_is_in_view_and_a_wide_seating_plan_scrolls_in_its_box(
    page: Page, live_server, login_as, secretary
):
    trip = TripFactory(team={secretary: "secretary"})
    meeting = ItineraryItemFactory(trip=trip, kind="meeting", title="Forum")
    plan = SeatingPlan.objects.create(item=meeting, head_table_seats=12, seats_per_row=12)
    seating.save_attendees(plan, [(f"Delegate number {n}", "Deputy director") for n in range(30)])
    login_as("secretary")

    links = page.locator("nav.nav a")
    assert links.count() >= 5
    width = page.viewport_size["width"]
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, links.nth(i).inner_text()
    assert page_is_not_wider_than_the_screen(page)

    page.goto(f"{live_server.url}/trips/{trip.pk}/items/{meeting.pk}/seating/")
    drawing = page.locator("figure.seating")
    assert drawing.evaluate("el => el.scrollWidth > el.clientWidth")  # it does scroll...
    assert page_is_not_wider_than_the_screen(page)  # ...inside its own box
