"""Contacts from a CSV file: preview with row-by-row errors, nothing saved until clean."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory import contacts_import
from directory.forms import ContactForm
from directory.models import Contact, HostUnit
from tests.factories import ContactFactory, HostUnitFactory

pytestmark = pytest.mark.django_db

URL = reverse("directory:contact_import")

ENGLISH = (
    "name,title,host_unit,department,phone,email,receives_notices,notes\n"
    "Zhang Wei,Director,Riverside Township,,+86 10 1234 5678,zw@river.example,yes,\n"
    "Li Na,Clerk,,General Office,010-8765 4321,,no,Drives the second car\n"
)
CHINESE = (
    "姓名,职务,单位,部门,电话,邮箱,接收通知,备注\n"
    "张伟,镇长,河畔镇,,+86 10 1234 5678,zw@river.example,是,\n"
    "李娜,科员,,办公厅,010-8765 4321,,否,\n"
)


@pytest.fixture
def units(db) -> dict[str, HostUnit]:
    return {
        "en": HostUnitFactory(name="Riverside Township"),
        "zh": HostUnitFactory(name="河畔镇"),
    }


def csv_file(text: str, encoding: str = "utf-8", name: str = "contacts.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def upload(client, text: str, encoding: str = "utf-8"):
    return client.post(URL, {"file": csv_file(text, encoding)})


def confirm(client, response):
    """Press “Import N contacts” on a preview page."""
    assert response.context["token"], "the preview offers no import"
    return client.post(URL, {"token": response.context["token"]})


@pytest.fixture
def as_secretary(client, secretary):
    client.force_login(secretary)
    return client


# A clean file


@pytest.mark.parametrize(
    ("text", "encoding", "names"),
    [
        (ENGLISH, "utf-8-sig", {"Zhang Wei", "Li Na"}),
        (ENGLISH, "utf-8", {"Zhang Wei", "Li Na"}),
        (CHINESE, "utf-8-sig", {"张伟", "李娜"}),
        (CHINESE, "gb18030", {"张伟", "李娜"}),
    ],
)
def test_clean_file_is_previewed_then_imported(as_secretary, units, text, encoding, names):
    preview = upload(as_secretary, text, encoding)
    assert preview.context["preview"].is_clean
    assert not Contact.objects.exists()

    response = confirm(as_secretary, preview)

    assert response["Location"] == reverse("directory:contact_list")
    assert set(Contact.objects.values_list("name", flat=True)) == names


def test_imported_values_land_in_the_right_fields(as_secretary, units):
    confirm(as_secretary, upload(as_secretary, CHINESE, "gb18030"))
    zhang, li = Contact.objects.get(name="张伟"), Contact.objects.get(name="李娜")
    assert (zhang.title, zhang.host_unit, zhang.receives_notices) == ("镇长", units["zh"], True)
    assert (li.host_unit, li.department, li.receives_notices) == (None, "办公厅", False)
    assert zhang.email == "zw@river.example"


FORMULAS = (
    "name,title,host_unit,department,phone,email,receives_notices,notes\n"
    '"=HYPERLINK(""http://x.example"",""Zhang"")",@SUM(A1:A9),Riverside Township,'
    ",+86 10 1234 5678,,no,-2+3\n"
)


def test_import_keeps_formula_like_text_as_typed(as_secretary, units):
    # Neutralising is the exports' job (trips.spreadsheet): the directory keeps the text.
    confirm(as_secretary, upload(as_secretary, FORMULAS))
    contact = Contact.objects.get()
    assert contact.name == '=HYPERLINK("http://x.example","Zhang")'
    assert (contact.title, contact.notes) == ("@SUM(A1:A9)", "-2+3")


def test_preview_page_offers_import_of_n_contacts(as_secretary, units):
    html = upload(as_secretary, ENGLISH).content.decode()
    assert "Import 2 contacts" in html
    assert html.count('<span class="badge ok">new</span>') == 2


def test_success_message_says_what_was_done(as_secretary, units):
    response = confirm(as_secretary, upload(as_secretary, ENGLISH))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Imported 2 contacts: 2 new, 0 updated."
    ]


# A file with errors


BAD = (
    "name,host_unit,department,phone,email\n"
    "Zhang Wei,Riverside Township,,+86 10 1234 5678,zw@river.example\n"  # row 2: fine
    "Wang Fang,Nowhere Factory,,,\n"  # row 3: unknown host unit
    "Chen Jie,Riverside Township,,,chen-at-river\n"  # row 4: bad e-mail
    "Liu Yang,Riverside Township,,call me,\n"  # row 5: bad phone
    ",Riverside Township,,12345678,\n"  # row 6: no name
    "Zhao Lei,,,,\n"  # row 7: no organisation
    "Zhang Wei,riverside township,,,\n"  # row 8: same as row 2
)


def test_bad_file_shows_errors_row_by_row_and_imports_nothing(as_secretary, units):
    response = upload(as_secretary, BAD)
    preview = response.context["preview"]
    errors = {row.number: row.errors for row in preview.rows}
    assert errors == {
        2: {},
        3: {
            "host_unit": [
                "Unknown host unit “Nowhere Factory”: pick one from the list or add it to the "
                "directory."
            ]
        },
        4: {"email": ["Enter an e-mail address like name@example.com."]},
        5: {"phone": ["Enter a phone number like +86 10 1234 5678."]},
        6: {"name": ["This field is required."]},
        7: {"host_unit": ["Give a host unit or an internal department."]},
        8: {"name": ["The same contact as on row 2."]},
    }
    assert response.context["token"] == ""
    assert "Nothing was imported" in response.content.decode()
    assert not Contact.objects.exists()


def test_errors_are_shown_in_their_cells(as_secretary, units):
    html = upload(as_secretary, BAD).content.decode()
    cell = r'<td data-label="E-mail">chen-at-river\s*<ul class="errorlist"><li>Enter an e-mail'
    assert re.search(cell, html)


def test_error_for_a_column_the_file_lacks_is_still_shown(as_secretary):
    response = upload(as_secretary, "name,phone\nZhao Lei,12345678\n")
    row = response.context["preview"].rows[0]
    assert row.other_errors == ["Give a host unit or an internal department."]
    assert "Give a host unit or an internal department." in response.content.decode()


def test_unknown_notice_word_is_an_error(as_secretary, units):
    response = upload(as_secretary, "name,host_unit,receives_notices\nZhang Wei,河畔镇,maybe\n")
    assert response.context["preview"].rows[0].errors == {"receives_notices": ["Write yes or no."]}


def test_confirmation_checks_the_file_again(as_secretary, units):
    preview = upload(as_secretary, ENGLISH)
    # Someone removes the unit between the preview and the confirmation.
    units["en"].delete()
    response = confirm(as_secretary, preview)
    assert response.status_code == 200
    assert not response.context["preview"].is_clean
    assert not Contact.objects.exists()


def test_tampered_token_is_refused(as_secretary, units):
    token = upload(as_secretary, ENGLISH).context["token"]
    response = as_secretary.post(URL, {"token": token[:-2] + "xx"})
    assert response.context["form"].errors["file"] == [
        "The preview has expired. Upload the file again."
    ]
    assert not Contact.objects.exists()


def test_token_of_another_user_is_refused(client, secretary, units):
    other = type(secretary).objects.create(username="secretary2")
    token = contacts_import.sign(ENGLISH, other)
    client.force_login(secretary)
    response = client.post(URL, {"token": token})
    assert "file" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_import_is_all_or_nothing(as_secretary, units, monkeypatch):
    preview = upload(as_secretary, ENGLISH)
    original_save = ContactForm.save
    calls = []

    def save_then_fail(form, *args, **kwargs):
        calls.append(form)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original_save(form, *args, **kwargs)

    monkeypatch.setattr(ContactForm, "save", save_then_fail)
    with pytest.raises(RuntimeError):
        confirm(as_secretary, preview)
    assert not Contact.objects.exists()


# New or update


def test_same_name_at_same_unit_updates_the_contact(as_secretary, units):
    existing = ContactFactory(
        name="Zhang Wei", host_unit=units["en"], title="Deputy", notes="Met in 2024"
    )
    preview = upload(as_secretary, "name,title,host_unit\nZhang Wei,Director,Riverside Township\n")
    assert preview.context["preview"].rows[0].is_update
    assert '<span class="badge warn">update</span>' in preview.content.decode()

    confirm(as_secretary, preview)

    existing.refresh_from_db()
    assert Contact.objects.count() == 1
    assert existing.title == "Director"
    assert existing.notes == "Met in 2024"  # a column the file lacks keeps its value
    assert existing.phone == "+86 10 1234 5678"


def test_same_name_at_another_unit_is_new(as_secretary, units):
    ContactFactory(name="Zhang Wei", host_unit=units["zh"])
    preview = upload(as_secretary, "name,host_unit\nZhang Wei,Riverside Township\n")
    assert not preview.context["preview"].rows[0].is_update
    confirm(as_secretary, preview)
    assert Contact.objects.filter(name="Zhang Wei").count() == 2


def test_same_name_in_same_department_updates_the_contact(as_secretary):
    existing = ContactFactory(name="Li Na", host_unit=None, department="General Office")
    preview = upload(as_secretary, "name,department,title\nLi Na,General Office,Driver\n")
    assert preview.context["preview"].rows[0].is_update
    confirm(as_secretary, preview)
    existing.refresh_from_db()
    assert existing.title == "Driver"


# Files refused as a whole


def test_too_large_file_is_refused(as_secretary, units):
    big = ENGLISH + ("Zhang Wei,,Riverside Township,,,,,\n" * 40_000)
    assert len(big.encode()) > contacts_import.MAX_BYTES
    response = upload(as_secretary, big)
    assert response.context["form"].errors["file"] == [
        "The file is larger than 1 MB. Split it into smaller files."
    ]
    assert response.context.get("preview") is None


def test_too_many_rows_are_refused(as_secretary, units):
    rows = "".join(f"Person {i},Riverside Township\n" for i in range(contacts_import.MAX_ROWS + 1))
    response = upload(as_secretary, "name,host_unit\n" + rows)
    assert response.context["form"].errors["file"] == [
        "The file has 2001 rows; at most 2000 at a time. Split it into parts."
    ]


def test_file_without_a_name_column_is_refused(as_secretary):
    response = upload(as_secretary, "who,where\nZhang Wei,Riverside\n")
    assert response.context["form"].errors["file"] == [
        "The first row must name the columns, and one of them must be name (or 姓名)."
    ]


def test_binary_file_is_refused(as_secretary):
    response = as_secretary.post(URL, {"file": SimpleUploadedFile("c.xlsx", b"PK\x03\x04\x00\x00")})
    assert response.context["form"].errors["file"] == [
        "This is not a CSV text file. Save it as “CSV UTF-8” and try again."
    ]


def test_posting_without_a_file_asks_for_one(as_secretary):
    response = as_secretary.post(URL, {})
    assert response.context["form"].errors["file"] == ["Choose a CSV file."]


# Parsing details


def test_headers_are_matched_loosely_and_unknown_ones_ignored():
    columns, ignored, rows = contacts_import.parse(
        "\ufeff序号, Name ,Host unit,E-mail\n1,Zhang Wei,River,zw@x.example\n"
    )
    assert columns == ["name", "host_unit", "email"]
    assert ignored == ["序号"]
    assert rows == [(2, {"name": "Zhang Wei", "host_unit": "River", "email": "zw@x.example"})]


def test_blank_lines_are_skipped_and_row_numbers_kept():
    _columns, _ignored, rows = contacts_import.parse("name\nA\n,\n\nB\n")
    assert [number for number, _values in rows] == [2, 5]


def test_gb18030_is_read_when_utf8_fails():
    assert contacts_import.decode("姓名\n张伟\n".encode("gb18030")) == "姓名\n张伟\n"
