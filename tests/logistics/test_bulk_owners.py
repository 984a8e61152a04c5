"""The secretary hands out checklist items in bulk: tick several, pick one owner."""

from __future__ import annotations

import pytest
from django.urls import reverse

from logistics.models import ChecklistItem
from tests.factories import TripFactory

pytestmark = pytest.mark.django_db


def assign_url(trip) -> str:
    return reverse("logistics:checklist_assign", args=[trip.pk])


@pytest.fixture
def items(office_trip) -> list[ChecklistItem]:
    return [
        ChecklistItem.objects.create(trip=office_trip, position=n, title=f"Task {n}")
        for n in range(3)
    ]


def test_secretary_gives_ticked_items_to_one_owner(client, office_trip, secretary, staff, items):
    client.force_login(secretary)
    response = client.post(
        assign_url(office_trip), {"items": [items[0].pk, items[2].pk], "owner": staff.pk}
    )
    assert response.status_code == 302
    owners = dict(ChecklistItem.objects.values_list("title", "owner"))
    assert owners == {"Task 0": staff.pk, "Task 1": None, "Task 2": staff.pk}


def test_the_owner_must_be_on_the_team(client, office_trip, secretary, outsider, items):
    client.force_login(secretary)
    response = client.post(assign_url(office_trip), {"items": [items[0].pk], "owner": outsider.pk})
    assert response.status_code == 400
    assert not ChecklistItem.objects.filter(owner=outsider).exists()
    # The ticked item stays ticked beside the error.
    assert f'value="{items[0].pk}" form="assign-owners"' in response.content.decode()


def test_nothing_ticked_says_so_beside_the_list(client, office_trip, secretary, staff, items):
    client.force_login(secretary)
    response = client.post(assign_url(office_trip), {"owner": staff.pk})
    assert response.status_code == 400
    assert "Tick the items to give to someone." in response.content.decode()


def test_items_of_another_trip_are_refused(client, office_trip, secretary, staff, items):
    client.force_login(secretary)
    foreign = ChecklistItem.objects.create(trip=TripFactory(), position=0, title="Foreign")
    response = client.post(assign_url(office_trip), {"items": [foreign.pk], "owner": staff.pk})
    assert response.status_code == 400
    foreign.refresh_from_db()
    assert foreign.owner is None


def test_staff_may_not_hand_out_items(client, office_trip, staff, items):
    client.force_login(staff)
    response = client.post(assign_url(office_trip), {"items": [items[0].pk], "owner": staff.pk})
    assert response.status_code == 403
