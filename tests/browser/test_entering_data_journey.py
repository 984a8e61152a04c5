"""Browser: a secretary adds party rows in place and sees travel fields only for travel."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.factories import TripFactory
from trips.models import TripMember

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_party_rows_added_in_place_and_travel_fields_by_kind(
    page: Page, live_server, login_as, secretary
):
    trip = TripFactory(title="Riverside water inspection")
    TripMember.objects.create(trip=trip, user=secretary, role=TripMember.Role.SECRETARY)
    login_as("secretary")

    page.goto(f"{live_server.url}/trips/{trip.pk}/edit/")
    rows = page.locator("#team tbody tr")
    before = rows.count()
    add = page.get_by_role("button", name="Add a person")
    for _ in range(2):
        add.click()
    expect(rows).to_have_count(before + 2)
    for offset, name in enumerate(["Driver Zhao", "Escort Qian"]):
        index = before + offset
        page.fill(f"input[name=team-{index}-name]", name)
        page.select_option(f"select[name=team-{index}-role]", "driver")
    expect(page.locator("input[name=team-TOTAL_FORMS]")).to_have_value(str(before + 2))
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Trip saved.")
    names = set(trip.members.values_list("name", flat=True))
    assert {"Driver Zhao", "Escort Qian"} <= names

    page.goto(f"{live_server.url}/trips/{trip.pk}/items/new/")
    travel = page.locator("#travel-fields")
    page.select_option("select[name=kind]", "site_visit")
    expect(travel).to_be_hidden()
    page.select_option("select[name=kind]", "travel")
    expect(travel).to_be_visible()
    expect(page.locator("select[name=travel_mode]")).to_be_visible()
