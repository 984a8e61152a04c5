"""Browser: a secretary on a phone opens the reception standards, mistypes the stricter
province's small party, reads the refusal beside the field with her input kept, corrects it,
puts the province in force; the trip page then names the rule a weekday lunch with alcohol
breaks, in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Grade
from directory.models import CENTRAL_NAME, ReceptionStandard
from tests.factories import HostUnitFactory, ItineraryItemFactory, TripFactory, UserFactory, at
from trips.models import ItineraryItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_a_secretary_puts_a_stricter_province_in_force_on_a_phone(
    page: Page, live_server, login_as, secretary, artifacts
):
    leader = UserFactory(username="zhang", roles=["leader"], profile__grade=Grade.BUREAU)
    trip = TripFactory(
        title="调研供水工程",
        start_date=dt.date(2026, 12, 7),  # a Monday
        end_date=dt.date(2026, 12, 7),
        team={secretary: "secretary", leader: "leader"},
    )
    ItineraryItemFactory(
        trip=trip,
        kind=ItineraryItem.Kind.MEAL,
        title="工作午餐",
        host_unit=HostUnitFactory(name="县水利局"),
        start=at(trip.start_date, 12),
        drinks=ItineraryItem.Drinks.ALCOHOL,
    )
    stricter = ReceptionStandard.objects.exclude(name=CENTRAL_NAME).get()
    page.set_viewport_size(PHONE)
    login_as("secretary")

    page.goto(f"{live_server.url}/standards/")
    expect(page.locator("tr", has_text=CENTRAL_NAME)).to_contain_text("In force")
    page.locator(f"#standard-{stricter.pk}").get_by_role("link", name="Edit").click()
    page.get_by_label("small party: up to (people)").fill("10")
    page.get_by_role("button", name="Save").click()
    field = page.locator(".field.has-error", has=page.locator("#id_small_party"))
    expect(field).to_contain_text("The small party must be smaller than the party.")
    expect(page.locator("#id_small_party")).to_have_value("10")
    page.screenshot(path=artifacts / "standards-refused-phone.png", full_page=True)

    page.get_by_label("small party: up to (people)").fill("5")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text("are saved")
    page.locator(f"#standard-{stricter.pk}").get_by_role("button", name="Put in force").click()
    expect(page.locator(f"#standard-{stricter.pk}")).to_contain_text("In force")
    assert ReceptionStandard.objects.in_force() == stricter

    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}{trip.get_absolute_url()}")
    finding = page.locator(".finding.rule-weekday_lunch_alcohol").first
    expect(finding).to_contain_text("工作日中餐不上酒")
    expect(finding).to_contain_text(stricter.name)
    page.screenshot(path=artifacts / "standards-finding-phone.png", full_page=True)


def test_the_standards_pages_fit_a_phone(page: Page, live_server, login_as, secretary):
    stricter = ReceptionStandard.objects.exclude(name=CENTRAL_NAME).get()
    page.set_viewport_size(PHONE)
    login_as("secretary")
    for path in ("/standards/", f"/standards/{stricter.pk}/"):
        page.goto(f"{live_server.url}{path}")
        # What sticks out, should anything: named in the failure.
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
            " > window.innerWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 6)"
        )
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), wide
