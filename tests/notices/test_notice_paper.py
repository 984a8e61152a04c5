# ruff: noqa: RUF001  (the Chinese notice is written with full-width punctuation)
"""A Chinese host unit's notice on GB/T 9704 paper, behind its own signed link."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notices import links
from outbox.models import Message
from tests.printing import pdf

pytestmark = pytest.mark.django_db


def paper_path(notice) -> str:
    return reverse("printing:notice_paper", args=[links.make_token(notice)])


def test_the_chinese_notice_prints_on_official_paper(client, settings, sent):
    pdf.need_poppler()
    settings.OFFICE_NAME = "青山省人民政府办公厅"
    response = client.get(paper_path(sent["plant"]))

    assert response["Content-Type"] == "application/pdf"
    shown = pdf.flat(response.content)
    assert "青山省人民政府办公厅" in shown  # the 发文机关标志
    assert "调研的通知" in shown and "Hilltopwaterplant：" in shown  # the title, the 主送


def test_the_units_page_offers_it(client, sent):
    page = client.get(reverse("notices:notice_ack", args=[links.make_token(sent["plant"])]))
    assert paper_path(sent["plant"]) in page.content.decode()


def test_an_english_notice_has_no_chinese_paper(client, sent):
    assert client.get(paper_path(sent["township"])).status_code == 404


def test_a_tampered_link_opens_no_paper(client, sent):
    path = paper_path(sent["plant"]).replace("/notice.pdf", "x/notice.pdf")
    assert client.get(path).status_code == 404


def test_the_chinese_units_e_mail_links_its_notice_on_official_paper(sent):
    plant = Message.objects.get(to="li@plant.example")
    township = Message.objects.get(to="zhang@township.example")
    assert paper_path(sent["plant"]) in plant.text_body
    assert paper_path(sent["plant"]) in plant.html_body
    assert "notice.pdf" not in township.text_body
