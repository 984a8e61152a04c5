"""The words of the visibility setting: 内部 (仅随行人员可见), never 秘密."""

from __future__ import annotations

from django.urls import reverse

# The catalogue's wording for the visibility choice, with full-width brackets.
INTERNAL_ZH = "内部\N{FULLWIDTH LEFT PARENTHESIS}仅随行人员可见\N{FULLWIDTH RIGHT PARENTHESIS}"


def test_chinese_pages_call_an_internal_trip_internal_never_secret(
    client, confidential_trip, secretary
):
    client.force_login(secretary)
    urls = {
        "form": reverse("trips:trip_edit", args=[confidential_trip.pk]),
        "badge": confidential_trip.get_absolute_url(),
        "list": reverse("trips:trip_list"),
    }
    pages = {name: client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans") for name, url in urls.items()}
    for name, response in pages.items():
        text = response.content.decode()
        assert '<html lang="zh-hans">' in text, name
        assert "秘密" not in text, name
    assert INTERNAL_ZH in pages["form"].content.decode()
    assert "内部" in pages["badge"].content.decode()
    assert "内部" in pages["list"].content.decode()
