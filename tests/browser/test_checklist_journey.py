"""Browser: a staff member ticks an item on a phone from "My items" and sees it done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from logistics.models import ChecklistItem
from tests.factories import TripFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_ticks_an_item_on_a_phone_from_my_items(
    page: Page, live_server, login_as, secretary, staff, staff2, artifacts
):
    start = timezone.localdate() + dt.timedelta(days=5)
    trip = TripFactory(
        title="Riverside dykes",
        start_date=start,
        end_date=start + dt.timedelta(days=1),
        team={secretary: "secretary", staff: "staff", staff2: "staff"},
    )
    cars = ChecklistItem.objects.create(
        trip=trip,
        position=0,
        category="vehicles",
        title="Book the cars",
        owner=staff,
        days_before=3,
    )
    ChecklistItem.objects.create(
        trip=trip,
        position=1,
        category="bring",
        title="Bring the camera",
        owner=staff,
        days_before=1,
    )
    ChecklistItem.objects.create(
        trip=trip, position=2, category="meals", title="Order lunch", owner=staff2, days_before=2
    )

    login_as("staff")
    # A phone from here on; login_as fills the login form at the default size.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/my-items/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My items")
    expect(page.locator(".check")).to_have_count(2)  # not staff2's item
    row = page.locator(f"#check-{cars.pk}")
    expect(row).to_contain_text("Riverside dykes")

    tick = row.get_by_role("button", name="Mark done")
    box = tick.bounding_box()
    assert box and box["width"] >= 40 and box["height"] >= 40, "a thumb-sized target"
    tick.click()

    done = page.locator(f"#check-{cars.pk}")
    expect(done.get_by_role("button", name="Mark not done")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(done).to_contain_text("Done by Sam Zhao")
    page.screenshot(path=str(artifacts / "checklist-my-items-phone.png"), full_page=True)

    cars.refresh_from_db()
    assert (cars.done, cars.done_by) == (True, staff)
    # Still done after a reload: the tick was saved, not just drawn.
    page.reload()
    expect(
        page.locator(f"#check-{cars.pk}").get_by_role("button", name="Mark not done")
    ).to_be_visible()
