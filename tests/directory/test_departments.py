"""Departments (承办部门): the office reads them, secretaries add and change them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directory.models import Department
from tests.factories import ContactFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


def test_secretary_adds_a_department_with_its_contacts(client, secretary):
    zhang, li = ContactFactory(name="Zhang Min"), ContactFactory(name="Li Hua")
    client.force_login(secretary)
    response = client.post(
        reverse("directory:department_create"),
        {"name": "省水利厅农村饮水处", "language": "zh-hans", "contacts": [zhang.pk, li.pk]},
    )
    department = Department.objects.get(name="省水利厅农村饮水处")
    assert response["Location"] == reverse("directory:department_list")
    assert (department.language, set(department.contacts.all())) == ("zh-hans", {zhang, li})


def test_secretary_edits_a_department(client, secretary):
    department = DepartmentFactory(name="County office", contacts=[ContactFactory()])
    client.force_login(secretary)
    client.post(
        reverse("directory:department_edit", args=[department.pk]),
        {"name": "County government office", "language": "en", "contacts": []},
    )
    department.refresh_from_db()
    assert (department.name, department.contacts.count()) == ("County government office", 0)


def test_duplicate_name_is_refused_beside_the_field_with_input_kept(client, secretary):
    DepartmentFactory(name="县政府办公室")
    client.force_login(secretary)
    response = client.post(
        reverse("directory:department_create"),
        {"name": "县政府办公室", "language": "en", "notes": "Answers for roads"},
    )
    assert response.context["form"].errors["name"] == [
        "A department with this name is already in the directory."
    ]
    page = response.content.decode()
    assert "Answers for roads" in page and 'value="县政府办公室"' in page
    assert Department.objects.count() == 1


def test_staff_reads_the_list_with_contact_names(client, staff):
    DepartmentFactory(name="Water office", contacts=[ContactFactory(name="Zhang Min")])
    client.force_login(staff)
    response = client.get(reverse("directory:department_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Water office" in page and "Zhang Min" in page


@pytest.mark.parametrize("name", ["department_create", "department_edit"])
def test_staff_gets_403_on_the_department_form(client, staff, name):
    department = DepartmentFactory()
    client.force_login(staff)
    args = [department.pk] if name == "department_edit" else []
    assert client.get(reverse(f"directory:{name}", args=args)).status_code == 403


def test_stranger_gets_403_on_the_list(client, stranger):
    client.force_login(stranger)
    assert client.get(reverse("directory:department_list")).status_code == 403


def test_nav_links_to_departments(client, staff):
    client.force_login(staff)
    page = client.get(reverse("directory:hostunit_list")).content.decode()
    assert f'href="{reverse("directory:department_list")}"' in page


def test_department_list_queries_do_not_grow(client, staff, django_assert_num_queries):
    for _ in range(3):
        DepartmentFactory(contacts=ContactFactory.create_batch(2))
    client.force_login(staff)
    url = reverse("directory:department_list")
    with django_assert_num_queries(6) as small:
        client.get(url)
    for _ in range(22):
        DepartmentFactory(contacts=ContactFactory.create_batch(4))
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)
