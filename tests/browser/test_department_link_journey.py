"""Browser: the secretary sends a department its link for a second trip's item, and the link
it already had still opens all its items; replacing the link asks first and says what stops;
a panel of the trip page opened in a tab of its own is a page of the site."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from followups import links
from tests.factories import TripFactory
from tests.followups.item_setup import department, item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_trips(secretary):
    dept = department("Water bureau")[0]
    first = TripFactory(title="Riverside inspection", team={secretary: "secretary"})
    second = TripFactory(title="Spring return visit", team={secretary: "secretary"})
    return (
        dept,
        item(first, secretary, dept, title="Fix the pump"),
        item(second, secretary, dept, title="Mend the road"),
    )


def test_one_link_per_department_and_replacing_it_asks_first(
    page: Page, live_server, login_as, two_trips
):
    dept, _pump, road = two_trips
    old = f"{live_server.url}/follow-ups/d/{links.make_token(links.current(dept))}/"
    login_as("secretary")
    page.goto(f"{live_server.url}{road.get_absolute_url()}")

    page.get_by_role("button", name="Send the department its link").click()
    expect(page.get_by_role("status")).to_contain_text("copies sent earlier keep working")

    questions: list[str] = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Replace the link").click()
    assert questions and "stops working for all its items" in questions[0]

    department_tab = page.context.new_page()
    department_tab.goto(old)
    expect(department_tab.get_by_text("Fix the pump")).to_be_visible()
    expect(department_tab.get_by_text("Mend the road")).to_be_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Replace the link").click()
    expect(page.get_by_role("status")).to_contain_text("The link it had opens nothing any more")
    department_tab.reload()
    expect(department_tab.get_by_text("A newer link was sent")).to_be_visible()


def test_the_print_menu_opened_in_a_tab_of_its_own_is_a_page(
    page: Page, live_server, login_as, office_trip
):
    login_as("secretary")
    page.goto(f"{live_server.url}/trips/{office_trip.pk}/print/")
    expect(page).to_have_title(re.compile(f"Print · {office_trip.title}"))
    expect(page.locator("nav.nav")).to_be_visible()
    page.get_by_role("link", name=office_trip.title).click()
    expect(page).to_have_url(re.compile(rf"/trips/{office_trip.pk}/$"))
    # The trip page loads its panels after it: let them finish before the tables are
    # emptied (on PostgreSQL a request still reading them deadlocks the flush).
    page.wait_for_load_state("networkidle")
