"""trips.signals.trip_created: the one extension point, sent once, after commit."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.factories import TripFactory
from trips import signals

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    calls: list = []

    def receiver(sender, *, trip, language, **kwargs):
        calls.append((trip.pk, language))

    signals.trip_created.connect(receiver, dispatch_uid="test-receiver")
    yield calls
    signals.trip_created.disconnect(dispatch_uid="test-receiver")


def test_sent_once_after_commit_with_the_creators_language(
    received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        trip = TripFactory()
        signals.announce_created(trip)
    assert received == [(trip.pk, "en")]


def test_not_sent_before_commit(received, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        signals.announce_created(TripFactory())
    assert received == []
    assert len(callbacks) == 1


def test_not_sent_when_the_creation_rolls_back(received, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                signals.announce_created(TripFactory())
                raise RuntimeError("the form failed after all")
        except RuntimeError:
            pass
    assert received == []
