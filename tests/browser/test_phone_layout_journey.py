"""Browser, on a phone: the top nav reaches every item; a wide seating plan scrolls in its box."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from logistics import seating
from logistics.models import SeatingPlan
from tests.factories import ItineraryItemFactory, TripFactory
from tests.followups.item_setup import department, item

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


def checkboxes_are_finger_sized(page: Page) -> int:
    """Every checkbox of the page's forms with its label: one target of 44 px at least."""
    boxes = page.locator("form input[type=checkbox]")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        label = box.locator("xpath=ancestor::label")  # includes/_field.html wraps the box
        target = label.bounding_box()
        assert target["height"] >= 44 and target["width"] >= 44, label.inner_text()
        assert box.bounding_box()["height"] >= 24
        was = box.is_checked()
        label.tap()
        assert box.is_checked() != was
    return boxes.count()


def test_the_checkboxes_of_the_board_and_an_item_are_targets_a_finger_can_hit(
    page: Page, live_server, login_as, secretary
):
    trip = TripFactory(team={secretary: "secretary"})
    followup = item(trip, secretary, department()[0])
    login_as("secretary")
    page.goto(f"{live_server.url}/follow-ups/")
    assert checkboxes_are_finger_sized(page) >= 1  # 只看逾期
    page.goto(f"{live_server.url}{followup.get_absolute_url()}")
    assert checkboxes_are_finger_sized(page) >= 1  # 需领导协调
