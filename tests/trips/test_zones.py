"""Time zones as the office names them: Beijing time, the usual zones first."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from tests.factories import TripFactory
from trips import zones
from trips.forms.trips import TripForm

USUAL = [
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
]


def test_a_trip_on_china_time_shows_beijing_time(client, db, secretary):
    trip = TripFactory(time_zone="Asia/Shanghai", team={secretary: "secretary"})
    client.force_login(secretary)
    page = client.get(trip.get_absolute_url()).content.decode()
    assert "Beijing time" in page
    assert "Asia/Shanghai" not in page


def test_the_picker_offers_the_usual_zones_first_by_name_then_the_rest(client, secretary):
    client.force_login(secretary)
    page = client.get(reverse("trips:trip_create")).content.decode()
    (_usual, first), (_all, rest) = TripForm().fields["time_zone"].widget.choices
    assert [name for name, _label in first] == USUAL
    assert [name for name, _label in rest] == sorted({name for name, _label in rest} - {*USUAL})
    assert page.index('value="Asia/Shanghai"') < page.index('value="Africa/Abidjan"')
    assert ">Beijing time</option>" in page


def test_zone_names_are_localized():
    with translation.override("en"):
        assert zones.zone_label("Asia/Shanghai") == "Beijing time"
        assert zones.zone_label("Africa/Abidjan") == "Africa/Abidjan"
