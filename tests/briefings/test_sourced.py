"""Every fact carries its source; verifying needs one; editing a verified fact un-verifies it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from briefings.models import Briefing, Figure
from tests.briefings.factories import BriefingFactory, FigureFactory, PersonFactory
from tests.factories import HostUnitFactory, ItineraryItemFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)


def reloaded(fact):
    return type(fact).objects.get(pk=fact.pk)


def test_verifying_records_who_and_when(secretary):
    figure = FigureFactory()
    figure.verify(secretary, NOW)
    figure = reloaded(figure)
    assert (figure.verified_by, figure.verified_at, figure.is_verified) == (secretary, NOW, True)


def test_verifying_without_a_source_is_refused(secretary):
    figure = FigureFactory(source="  ")
    with pytest.raises(ValidationError, match="Give the source"):
        figure.verify(secretary, NOW)
    assert not reloaded(figure).is_verified


def test_a_new_fact_starts_unverified():
    assert not FigureFactory().is_verified


def test_changing_a_verified_figures_value_clears_its_verification(secretary):
    figure = FigureFactory()
    figure.verify(secretary, NOW)
    figure = reloaded(figure)
    figure.value = Decimal("13000")
    figure.save()
    figure = reloaded(figure)
    assert (figure.verified_by, figure.verified_at) == (None, None)


def test_changing_a_verified_sections_body_clears_its_verification(secretary):
    section = BriefingFactory()
    section.verify(secretary, NOW)
    section = reloaded(section)
    section.body = "Founded in 1962."
    section.save()
    assert not reloaded(section).is_verified


def test_changing_a_verified_persons_title_clears_its_verification(secretary):
    person = PersonFactory()
    person.verify(secretary, NOW)
    person = reloaded(person)
    person.title = "Mayor"
    person.save()
    assert not reloaded(person).is_verified


def test_saving_a_verified_fact_unchanged_keeps_its_verification(secretary):
    figure = FigureFactory(value=Decimal("12.5"))
    figure.verify(secretary, NOW)
    figure = reloaded(figure)
    figure.value = Decimal("12.50")  # the same number, as a form would give it back
    figure.save()
    assert reloaded(figure).verified_at == NOW


def test_changing_a_sections_heading_keeps_its_verification(secretary):
    section = BriefingFactory()
    section.verify(secretary, NOW)
    section = reloaded(section)
    section.title = "Early history"
    section.save()
    assert reloaded(section).is_verified


def test_verifying_twice_keeps_the_first_verifier(secretary, leader):
    figure = FigureFactory()
    figure.verify(secretary, NOW)
    reloaded(figure).verify(leader, NOW + dt.timedelta(minutes=1))
    assert (reloaded(figure).verified_by, reloaded(figure).verified_at) == (secretary, NOW)


def test_unverify_withdraws_the_verification(secretary):
    figure = FigureFactory()
    figure.verify(secretary, NOW)
    reloaded(figure).unverify()
    assert not reloaded(figure).is_verified


def test_verifying_content_that_changed_since_it_was_seen_is_refused(secretary):
    figure = FigureFactory()
    seen = figure.content_digest()
    Figure.objects.filter(pk=figure.pk).update(value=Decimal("99"))
    with pytest.raises(ValidationError, match="changed since"):
        reloaded(figure).verify(secretary, NOW, seen=seen)


def test_material_belongs_to_a_unit_or_an_item_not_both(secretary):
    with pytest.raises(IntegrityError):
        Briefing.objects.create(
            host_unit=HostUnitFactory(),
            item=ItineraryItemFactory(),
            topic=Briefing.Topic.HISTORY,
            body="x",
            source="y",
            created_by=secretary,
        )


def test_figures_show_their_value_without_trailing_zeros():
    assert FigureFactory(value=Decimal("1234567.5000")).display_value == "1,234,567.5"


def test_a_fact_refreshed_after_someone_else_edited_and_verified_it_stays_verified(secretary):
    figure = FigureFactory()
    other = reloaded(figure)
    other.value = Decimal("13000")
    other.save()
    other.verify(secretary, NOW)
    figure.refresh_from_db()
    figure.save()
    assert reloaded(figure).is_verified
