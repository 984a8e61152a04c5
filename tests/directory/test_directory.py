"""The directory: who may read and change host units and contacts, search, forms, queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directory.models import Contact, HostUnit
from tests.factories import ContactFactory, HostUnitFactory, ItineraryItemFactory, TripFactory

pytestmark = pytest.mark.django_db

READ_PAGES = [
    ("directory:hostunit_list", None),
    ("directory:hostunit_detail", "unit"),
    ("directory:contact_list", None),
]
WRITE_PAGES = [
    ("directory:hostunit_create", None),
    ("directory:hostunit_edit", "unit"),
    ("directory:contact_create", None),
    ("directory:contact_edit", "contact"),
    ("directory:contact_import", None),
]


@pytest.fixture
def unit(db) -> HostUnit:
    return HostUnitFactory(name="Riverside Township", region="East County", kind="township")


@pytest.fixture
def contact(unit) -> Contact:
    return ContactFactory(name="Zhang Wei", host_unit=unit, receives_notices=True)


def url_for(request, name: str, arg: str | None) -> str:
    """The page's URL, with the pk of the fixture it needs."""
    return reverse(name, args=[request.getfixturevalue(arg).pk] if arg else [])


# Access


@pytest.mark.parametrize(("name", "arg"), READ_PAGES + WRITE_PAGES)
def test_secretary_opens_every_directory_page(client, request, secretary, contact, name, arg):
    client.force_login(secretary)
    assert client.get(url_for(request, name, arg)).status_code == 200


@pytest.mark.parametrize("role", ["leader", "staff"])
@pytest.mark.parametrize(("name", "arg"), READ_PAGES)
def test_leader_and_staff_read_the_directory(client, request, contact, role, name, arg):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url_for(request, name, arg)).status_code == 200


@pytest.mark.parametrize("role", ["leader", "staff"])
@pytest.mark.parametrize(("name", "arg"), WRITE_PAGES)
def test_leader_and_staff_get_403_on_changes(client, request, contact, role, name, arg):
    client.force_login(request.getfixturevalue(role))
    url = url_for(request, name, arg)
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Changed"}).status_code == 403


@pytest.mark.parametrize(("name", "arg"), READ_PAGES + WRITE_PAGES)
def test_stranger_gets_403(client, request, stranger, contact, name, arg):
    client.force_login(stranger)
    assert client.get(url_for(request, name, arg)).status_code == 403


@pytest.mark.parametrize(("name", "arg"), READ_PAGES + WRITE_PAGES)
def test_anonymous_is_sent_to_login(client, request, contact, name, arg):
    url = url_for(request, name, arg)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_leader_post_changes_nothing(client, leader, unit):
    client.force_login(leader)
    client.post(
        reverse("directory:hostunit_edit", args=[unit.pk]), {"name": "Renamed", "kind": "other"}
    )
    unit.refresh_from_db()
    assert unit.name == "Riverside Township"


# Host unit list


def test_hostunit_search_matches_name_region_or_address(client, staff):
    HostUnitFactory(name="Water Works", region="North", address="1 Dam Road")
    HostUnitFactory(name="School No. 3", region="Lakeside", address="5 Elm Street")
    HostUnitFactory(name="Clinic", region="North", address="7 Lakeside Avenue")
    client.force_login(staff)
    url = reverse("directory:hostunit_list")

    def names(q: str) -> list[str]:
        return [u.name for u in client.get(url, {"q": q}).context["page_obj"]]

    assert names("water") == ["Water Works"]
    assert names("lakeside") == ["Clinic", "School No. 3"]
    assert names("dam road") == ["Water Works"]


def test_hostunit_list_filters_by_kind(client, staff):
    HostUnitFactory(name="No. 1 Middle School", kind="school")
    HostUnitFactory(name="People's Hospital", kind="hospital")
    client.force_login(staff)
    response = client.get(reverse("directory:hostunit_list"), {"kind": "school"})
    assert [u.name for u in response.context["page_obj"]] == ["No. 1 Middle School"]


def test_hostunit_list_counts_contacts(client, staff, unit):
    ContactFactory.create_batch(3, host_unit=unit)
    client.force_login(staff)
    response = client.get(reverse("directory:hostunit_list"))
    assert [u.contact_count for u in response.context["page_obj"]] == [3]


def test_hostunit_list_shows_25_a_page_and_keeps_the_search(client, staff):
    HostUnitFactory.create_batch(30, kind="school")
    client.force_login(staff)
    response = client.get(reverse("directory:hostunit_list"), {"kind": "school", "page": 2})
    assert len(response.context["page_obj"]) == 5
    assert "kind=school&amp;page=1" in response.content.decode()


def test_hostunit_list_answers_htmx_with_the_results_only(client, staff, unit):
    client.force_login(staff)
    response = client.get(
        reverse("directory:hostunit_list"), {"q": "river"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results">')
    assert "Riverside Township" in html


def test_hostunit_list_shows_add_button_to_secretaries_only(client, secretary, leader):
    add = reverse("directory:hostunit_create")
    client.force_login(secretary)
    assert add in client.get(reverse("directory:hostunit_list")).content.decode()
    client.force_login(leader)
    assert add not in client.get(reverse("directory:hostunit_list")).content.decode()


# Host unit detail


def test_hostunit_detail_lists_contacts_with_notice_badge(client, staff, unit):
    ContactFactory(name="Zhang Wei", host_unit=unit, receives_notices=True)
    ContactFactory(name="Li Na", host_unit=unit, receives_notices=False)
    client.force_login(staff)
    html = client.get(unit.get_absolute_url()).content.decode()
    assert "Zhang Wei" in html and "Li Na" in html
    assert html.count("Receives notices") == 1


def test_hostunit_detail_hides_confidential_trip_item_from_outsider(
    client, outsider, unit, office_trip, confidential_trip
):
    ItineraryItemFactory(trip=office_trip, host_unit=unit, title="Look at the pumps")
    ItineraryItemFactory(trip=confidential_trip, host_unit=unit, title="Merger talks at the plant")
    client.force_login(outsider)
    html = client.get(reverse("trips:unit_visits", args=[unit.pk])).content.decode()
    assert "Look at the pumps" in html
    assert "Merger talks at the plant" not in html
    assert confidential_trip.title not in html


def test_hostunit_detail_shows_confidential_item_to_the_team(
    client, staff, unit, confidential_trip
):
    ItineraryItemFactory(trip=confidential_trip, host_unit=unit, title="Merger talks at the plant")
    client.force_login(staff)
    visits = reverse("trips:unit_visits", args=[unit.pk])
    assert "Merger talks at the plant" in client.get(visits).content.decode()


def test_hostunit_detail_shows_edit_link_to_secretaries_only(client, secretary, leader, unit):
    edit = reverse("directory:hostunit_edit", args=[unit.pk])
    client.force_login(secretary)
    assert edit in client.get(unit.get_absolute_url()).content.decode()
    client.force_login(leader)
    assert edit not in client.get(unit.get_absolute_url()).content.decode()


def test_hostunit_detail_of_unknown_unit_is_404(client, staff):
    client.force_login(staff)
    assert client.get(reverse("directory:hostunit_detail", args=[999])).status_code == 404


# Host unit forms


def test_secretary_adds_a_host_unit(client, secretary):
    client.force_login(secretary)
    response = client.post(
        reverse("directory:hostunit_create"),
        {"name": "Hill Village", "kind": "township", "region": "West", "language": "zh-hans"},
    )
    unit = HostUnit.objects.get(name="Hill Village")
    assert response["Location"] == unit.get_absolute_url()
    assert unit.region == "West"


def test_hostunit_name_must_be_new(client, secretary, unit):
    client.force_login(secretary)
    response = client.post(
        reverse("directory:hostunit_create"),
        {"name": "Riverside Township", "kind": "township", "language": "en", "region": "South"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert 'value="South"' in response.content.decode()


def test_secretary_edits_a_host_unit(client, secretary, unit):
    client.force_login(secretary)
    client.post(
        reverse("directory:hostunit_edit", args=[unit.pk]),
        {"name": unit.name, "kind": "community", "language": "en", "address": "2 New Road"},
    )
    unit.refresh_from_db()
    assert (unit.kind, unit.address) == ("community", "2 New Road")


# Contact list


@pytest.mark.parametrize(
    "query", ["zhang", "director", "riverside", "1234 5678", "zw@river.example", "press office"]
)
def test_contact_search_matches_every_column(client, staff, unit, query):
    ContactFactory(
        name="Zhang Wei",
        title="Director",
        host_unit=unit,
        phone="+86 10 1234 5678",
        email="zw@river.example",
    )
    ContactFactory(
        name="Wang Fang",
        title="Clerk",
        host_unit=None,
        department="Press Office",
        phone="",
        email="",
    )
    ContactFactory(name="Other Person", title="Driver", phone="555 0000", email="o@x.example")
    client.force_login(staff)
    response = client.get(reverse("directory:contact_list"), {"q": query})
    expected = "Wang Fang" if query == "press office" else "Zhang Wei"
    assert [c.name for c in response.context["page_obj"]] == [expected]


def test_contact_list_filters_by_host_unit(client, staff, unit):
    ContactFactory(name="Zhang Wei", host_unit=unit)
    ContactFactory(name="Somebody Else")
    client.force_login(staff)
    response = client.get(reverse("directory:contact_list"), {"host_unit": unit.pk})
    assert [c.name for c in response.context["page_obj"]] == ["Zhang Wei"]


def test_contact_list_links_to_edit_for_secretaries_only(client, secretary, staff, contact):
    edit = reverse("directory:contact_edit", args=[contact.pk])
    client.force_login(secretary)
    assert edit in client.get(reverse("directory:contact_list")).content.decode()
    client.force_login(staff)
    assert edit not in client.get(reverse("directory:contact_list")).content.decode()


# Contact forms


def contact_data(**changes) -> dict[str, str]:
    data = {
        "name": "Chen Jie",
        "title": "Deputy head",
        "host_unit": "Riverside Township",
        "department": "",
        "phone": "+86 10 1234 5678",
        "email": "chen@river.example",
        "receives_notices": "on",
        "notes": "",
    }
    return {**data, **changes}


def post_contact(client, **changes):
    return client.post(reverse("directory:contact_create"), contact_data(**changes))


def test_secretary_adds_a_contact_at_a_host_unit_by_its_name(client, secretary, unit):
    client.force_login(secretary)
    response = post_contact(client, host_unit="riverside township")
    contact = Contact.objects.get(name="Chen Jie")
    assert contact.host_unit == unit
    assert contact.receives_notices
    assert response["Location"] == unit.get_absolute_url()


def test_secretary_adds_an_office_contact_with_a_department(client, secretary):
    client.force_login(secretary)
    response = post_contact(client, host_unit="", department="General Office")
    assert Contact.objects.get(name="Chen Jie").department == "General Office"
    assert response["Location"] == reverse("directory:contact_list")


def test_bad_email_is_refused_beside_the_field_with_input_kept(client, secretary, unit):
    client.force_login(secretary)
    response = post_contact(client, email="chen-at-river")
    assert response.context["form"].errors["email"] == [
        "Enter an e-mail address like name@example.com."
    ]
    assert 'value="chen-at-river"' in response.content.decode()
    assert not Contact.objects.exists()


@pytest.mark.parametrize("phone", ["1234", "call me", "+86 10 abc 5678", "12345 ext", "+-()"])
def test_bad_phone_is_refused_beside_the_field_with_input_kept(client, secretary, unit, phone):
    client.force_login(secretary)
    response = post_contact(client, phone=phone)
    assert response.context["form"].errors["phone"] == [
        "Enter a phone number like +86 10 1234 5678."
    ]
    assert response.context["form"]["phone"].value() == phone
    assert not Contact.objects.exists()


# Digits and "+" as a Chinese keyboard types them (U+FF10…, U+FF0B).
FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789+"}


@pytest.mark.parametrize(
    ("phone", "saved"),
    [
        ("+86 10 1234 5678", "+86 10 1234 5678"),
        ("(010) 1234-5678 ext. 12", "(010) 1234-5678 ext. 12"),
        ("010-12345678转801", "010-12345678转801"),
        ("+86 138 000 13800".translate(FULL_WIDTH), "+86 138 000 13800"),
        ("", ""),
    ],
)
def test_good_phone_numbers_are_saved(client, secretary, unit, phone, saved):
    client.force_login(secretary)
    post_contact(client, phone=phone)
    assert Contact.objects.get().phone == saved


def test_unknown_host_unit_is_refused_beside_the_field_with_input_kept(client, secretary, unit):
    client.force_login(secretary)
    response = post_contact(client, host_unit="Nowhere Factory")
    assert response.context["form"].errors["host_unit"] == [
        "Unknown host unit “Nowhere Factory”: pick one from the list or add it to the directory."
    ]
    assert 'value="Nowhere Factory"' in response.content.decode()
    assert not Contact.objects.exists()


def test_contact_needs_a_host_unit_or_a_department(client, secretary):
    client.force_login(secretary)
    response = post_contact(client, host_unit="", department="")
    assert response.context["form"].errors["host_unit"] == [
        "Give a host unit or an internal department."
    ]
    assert response.context["form"].non_field_errors() == []
    assert 'value="Chen Jie"' in response.content.decode()


def test_contact_form_offers_host_unit_names(client, secretary, unit):
    client.force_login(secretary)
    html = client.get(reverse("directory:contact_create")).content.decode()
    assert '<option value="Riverside Township">' in html


def test_contact_create_starts_at_the_unit_given(client, secretary, unit):
    client.force_login(secretary)
    response = client.get(reverse("directory:contact_create"), {"host_unit": unit.name})
    assert response.context["form"]["host_unit"].value() == "Riverside Township"


def test_contact_edit_shows_the_unit_name_and_saves_changes(client, secretary, contact):
    client.force_login(secretary)
    url = reverse("directory:contact_edit", args=[contact.pk])
    assert client.get(url).context["form"]["host_unit"].value() == "Riverside Township"
    client.post(url, contact_data(name="Zhang Wei", title="Party secretary"))
    contact.refresh_from_db()
    assert contact.title == "Party secretary"


# Query counts


def test_hostunit_list_queries_do_not_grow_with_units(client, staff, django_assert_num_queries):
    for unit in HostUnitFactory.create_batch(3):
        ContactFactory.create_batch(2, host_unit=unit)
    client.force_login(staff)
    url = reverse("directory:hostunit_list")
    with django_assert_num_queries(5):
        client.get(url)
    for unit in HostUnitFactory.create_batch(27):
        ContactFactory.create_batch(2, host_unit=unit)
    with django_assert_num_queries(5):
        client.get(url)


def test_contact_list_queries_do_not_grow_with_contacts(client, staff, django_assert_num_queries):
    ContactFactory.create_batch(3)
    client.force_login(staff)
    url = reverse("directory:contact_list")
    with django_assert_num_queries(6):
        client.get(url)
    ContactFactory.create_batch(27)
    with django_assert_num_queries(6):
        client.get(url)


def test_hostunit_detail_queries_do_not_grow(
    client, staff, unit, office_trip, django_assert_num_queries
):
    ContactFactory.create_batch(3, host_unit=unit)
    ItineraryItemFactory.create_batch(3, trip=office_trip, host_unit=unit)
    client.force_login(staff)
    visits = reverse("trips:unit_visits", args=[unit.pk])
    with django_assert_num_queries(5):
        client.get(unit.get_absolute_url())
    # session, user, roles, the unit, its items with their trips
    with django_assert_num_queries(5):
        client.get(visits, HTTP_HX_REQUEST="true")
    ContactFactory.create_batch(27, host_unit=unit)
    for trip in TripFactory.create_batch(9):
        ItineraryItemFactory.create_batch(3, trip=trip, host_unit=unit)
    with django_assert_num_queries(5):
        client.get(unit.get_absolute_url())
    # session, user, roles, the unit, its items with their trips
    with django_assert_num_queries(5):
        client.get(visits, HTTP_HX_REQUEST="true")
