"""配合: each co-owner answers for its part, and the office reviews every part before the
owner department's (牵头) answer is accepted."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from followups import workflow
from followups.models import FollowUp, FollowUpPart
from tests.followups.department_setup import item_url, member, token_for
from tests.followups.item_setup import department, item

pytestmark = pytest.mark.django_db

DONE = FollowUp.AnswerKind.DONE


@pytest.fixture
def shared(office_trip, secretary):
    """An item of the water bureau (牵头) with the finance bureau as co-owner (配合)."""
    lead = department()[0]
    finance = department("Finance bureau")[0]
    it = item(office_trip, secretary, lead)
    it.co_owners.add(finance)
    return it


def part_of(it: FollowUp) -> FollowUpPart:
    return FollowUpPart.objects.get(followup=it)


def answered_by_the_owner(it: FollowUp) -> FollowUp:
    workflow.answer(it, kind=DONE, text="Pump repaired.", by_name="Zhang Min")
    return FollowUp.objects.get(pk=it.pk)


def test_the_owners_answer_is_not_accepted_before_the_parts(shared, secretary):
    it = answered_by_the_owner(shared)

    with pytest.raises(ValidationError) as refused:
        workflow.accept(it, secretary)

    assert "Finance bureau" in refused.value.messages[0]
    assert FollowUp.objects.get(pk=it.pk).status == FollowUp.Status.ANSWERED


def test_an_accepted_part_lets_the_owners_answer_be_accepted(shared, secretary):
    workflow.answer_part(part_of(shared), text="Funds released.", by_name="Li Hua")
    workflow.review_part(part_of(shared), secretary, accept=True)
    it = answered_by_the_owner(shared)

    workflow.accept(it, secretary)

    assert FollowUp.objects.get(pk=it.pk).status == FollowUp.Status.DONE


def test_a_returned_part_is_answered_again(shared, secretary):
    workflow.answer_part(part_of(shared), text="Soon.", by_name="Li Hua")
    workflow.review_part(part_of(shared), secretary, accept=False, comment="Say how much.")

    assert part_of(shared).status == FollowUpPart.Status.RETURNED
    workflow.answer_part(part_of(shared), text="850,000 yuan released.", by_name="Li Hua")
    assert (part_of(shared).status, part_of(shared).answer) == (
        "answered",
        "850,000 yuan released.",
    )


def test_a_part_is_returned_only_with_the_reason(shared, secretary):
    workflow.answer_part(part_of(shared), text="Soon.", by_name="Li Hua")
    with pytest.raises(ValidationError) as refused:
        workflow.review_part(part_of(shared), secretary, accept=False)
    assert "comment" in refused.value.message_dict


def test_a_part_under_review_is_not_answered_again(shared):
    workflow.answer_part(part_of(shared), text="Funds released.", by_name="Li Hua")
    with pytest.raises(ValidationError):
        workflow.answer_part(part_of(shared), text="Again.", by_name="Li Hua")


def test_every_part_move_is_a_history_row(shared, secretary):
    workflow.answer_part(part_of(shared), text="Funds released.", by_name="Li Hua")
    record = workflow.review_part(part_of(shared), secretary, accept=True)

    assert record.changes == {
        "part": {"department": "Finance bureau", "status": ["answered", "accepted"]}
    }
    assert record.followup_id == shared.pk and record.by_user == secretary


def test_only_a_member_of_the_co_owner_answers_its_part(shared):
    owner_clerk = member(shared.department, "water-clerk")
    with pytest.raises(PermissionDenied):
        workflow.answer_part(part_of(shared), owner_clerk, text="Done.")


def test_only_the_secretaries_review_a_part(shared, staff):
    workflow.answer_part(part_of(shared), text="Funds released.", by_name="Li Hua")
    with pytest.raises(PermissionDenied):
        workflow.review_part(part_of(shared), staff, accept=True)


def test_the_co_owner_answers_its_part_through_its_link(client, shared):
    finance = part_of(shared).department
    token = token_for(finance)

    page = client.get(item_url(token, shared)).content.decode()
    client.post(
        item_url(token, shared),
        {"by_name": "Li Hua", "action": "answer_part", "answer": "Funds released."},
    )

    assert 'value="answer_part"' in page and 'value="answer_done"' not in page
    assert (part_of(shared).status, part_of(shared).answered_by_name) == ("answered", "Li Hua")
    assert FollowUp.objects.get(pk=shared.pk).status == FollowUp.Status.ASSIGNED  # the owner's


def test_the_co_owners_member_answers_its_part_on_the_item_page(client, shared):
    clerk = member(part_of(shared).department, "finance-clerk")
    client.force_login(clerk)

    client.post(
        reverse("followups:item_update", args=[shared.pk]),
        {"action": "answer_part", "answer": "Funds released."},
    )

    assert part_of(shared).status == FollowUpPart.Status.ANSWERED


def test_the_secretary_reviews_a_part_on_the_item_page(client, shared, secretary):
    workflow.answer_part(part_of(shared), text="Funds released.", by_name="Li Hua")
    client.force_login(secretary)
    url = reverse("followups:part_review", args=[shared.pk, part_of(shared).pk])

    page = client.get(shared.get_absolute_url()).content.decode()
    refused = client.post(url, {"decision": "return", "comment": ""})
    client.post(url, {"decision": "accept"})

    assert url in page
    assert (
        refused.status_code == 400 and "Say why the part is returned." in refused.content.decode()
    )
    assert part_of(shared).status == FollowUpPart.Status.ACCEPTED


def test_an_outsider_gets_404_for_a_part_review(client, confidential_trip, secretary, outsider):
    it = item(confidential_trip, secretary, department()[0])
    it.co_owners.add(department("Finance bureau")[0])
    client.force_login(outsider)
    url = reverse("followups:part_review", args=[it.pk, part_of(it).pk])
    assert client.post(url, {"decision": "accept"}).status_code == 404
