"""Adding, editing and verifying facts on the briefing pages, in place with htmx."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from briefings.models import Figure
from tests.briefings.factories import AttachmentFactory, FigureFactory
from tests.factories import HostUnitFactory, ItineraryItemFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
HTMX = {"HTTP_HX_REQUEST": "true"}

FIGURE = {
    "label": "Households",
    "value": "12500",
    "unit": "households",
    "as_of": "2026-10-31",
    "source": "Township statistics office",
    "first_hand": "",
}


def test_the_add_figure_form_has_the_fields_the_secretary_fills_in(client, secretary):
    client.force_login(secretary)
    url = reverse("briefings:unit_add", args=[HostUnitFactory().pk, "figure"])
    html = client.get(url).content.decode()
    labels = ("Label", "Value", "Unit", "As of", "Source", "First-hand")
    assert [label for label in labels if f"{label}</label>" not in html] == []


def test_the_unit_page_offers_add_a_figure_to_secretaries(client, secretary):
    client.force_login(secretary)
    html = client.get(reverse("briefings:unit", args=[HostUnitFactory().pk])).content.decode()
    assert "Add a figure" in html


def test_adding_a_figure_records_its_source_and_author(client, secretary):
    unit = HostUnitFactory()
    client.force_login(secretary)
    response = client.post(reverse("briefings:unit_add", args=[unit.pk, "figure"]), FIGURE)
    figure = Figure.objects.get()
    assert response["Location"] == figure.get_absolute_url()
    assert (figure.host_unit, figure.value, figure.source, figure.created_by) == (
        unit,
        Decimal("12500"),
        "Township statistics office",
        secretary,
    )


def test_a_figure_without_a_source_is_refused_beside_the_field(client, secretary):
    client.force_login(secretary)
    url = reverse("briefings:unit_add", args=[HostUnitFactory().pk, "figure"])
    response = client.post(url, {**FIGURE, "source": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["source"] == ["This field is required."]
    assert 'value="Households"' in response.content.decode()


def test_adding_to_a_visit_puts_the_figure_on_the_item(client, office_trip, secretary):
    item = ItineraryItemFactory(trip=office_trip)
    client.force_login(secretary)
    client.post(reverse("briefings:item_add", args=[office_trip.pk, item.pk, "figure"]), FIGURE)
    assert Figure.objects.get().item == item


def test_mark_verified_answers_htmx_with_the_verified_card(client, secretary):
    figure = FigureFactory()
    client.force_login(secretary)
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            reverse("briefings:verify", args=["figure", figure.pk]),
            {"seen": figure.content_digest()},
            **HTMX,
        )
    opening = response.content.decode().lstrip().split(">", 1)[0]
    assert opening == f'<article class="fact figure verified" id="figure-{figure.pk}"'
    figure.refresh_from_db()
    assert (figure.verified_by, figure.verified_at) == (secretary, NOW)


def test_mark_verified_on_a_stale_page_is_refused_with_a_message(client, secretary):
    figure = FigureFactory()
    seen = figure.content_digest()
    Figure.objects.filter(pk=figure.pk).update(value=Decimal("1"))
    client.force_login(secretary)
    response = client.post(
        reverse("briefings:verify", args=["figure", figure.pk]), {"seen": seen}, **HTMX
    )
    assert "This changed since you opened the page" in response.content.decode()
    figure.refresh_from_db()
    assert not figure.is_verified


def test_mark_verified_without_htmx_returns_to_the_fact(client, secretary):
    figure = FigureFactory()
    client.force_login(secretary)
    response = client.post(reverse("briefings:verify", args=["figure", figure.pk]))
    assert response["Location"] == figure.get_absolute_url()


def test_withdrawing_a_verification(client, secretary):
    figure = FigureFactory()
    figure.verify(secretary, NOW)
    client.force_login(secretary)
    client.post(reverse("briefings:verify", args=["figure", figure.pk]), {"undo": "1"}, **HTMX)
    figure.refresh_from_db()
    assert not figure.is_verified


def test_editing_a_verified_figures_value_in_place_unverifies_it(client, secretary):
    figure = FigureFactory()
    figure.verify(secretary, NOW)
    client.force_login(secretary)
    response = client.post(
        reverse("briefings:edit", args=["figure", figure.pk]), {**FIGURE, "value": "13000"}, **HTMX
    )
    assert 'class="fact figure unverified"' in response.content.decode()
    figure.refresh_from_db()
    assert (figure.value, figure.is_verified) == (Decimal("13000"), False)


def test_the_edit_form_comes_as_a_partial_for_htmx(client, secretary):
    figure = FigureFactory()
    client.force_login(secretary)
    response = client.get(reverse("briefings:edit", args=["figure", figure.pk]), **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith("<form")
    assert f'id="figure-{figure.pk}"' in html


def test_deleting_a_figure_with_htmx_leaves_nothing_to_show(client, secretary):
    figure = FigureFactory()
    client.force_login(secretary)
    response = client.post(reverse("briefings:delete", args=["figure", figure.pk]), **HTMX)
    assert (response.status_code, response.content) == (200, b"")
    assert not Figure.objects.exists()


def test_attachments_cannot_be_verified(client, secretary):
    client.force_login(secretary)
    assert client.post(reverse("briefings:verify", args=["attachment", 1])).status_code == 404


@pytest.mark.parametrize("kind", ["section", "figure", "person", "attachment"])
def test_each_kind_of_material_can_be_added_to_a_unit(client, secretary, kind):
    client.force_login(secretary)
    url = reverse("briefings:unit_add", args=[HostUnitFactory().pk, kind])
    assert client.get(url).status_code == 200


def test_the_visit_page_offers_its_own_material_to_the_trips_secretary(
    client, office_trip, secretary
):
    item = ItineraryItemFactory(trip=office_trip)
    client.force_login(secretary)
    html = client.get(reverse("briefings:item", args=[office_trip.pk, item.pk])).content.decode()
    assert "Add a figure" in html
    assert "Add a person" not in html


def test_renaming_an_attachment_keeps_its_file(client, secretary):
    attachment = AttachmentFactory()
    stored = attachment.file.name
    client.force_login(secretary)
    client.post(reverse("briefings:edit", args=["attachment", attachment.pk]), {"title": "Plan"})
    attachment.refresh_from_db()
    assert (attachment.title, attachment.file.name) == ("Plan", stored)
