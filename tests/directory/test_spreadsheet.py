"""Export cells that a spreadsheet shows as text and never runs (OWASP: CSV injection)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from directory.spreadsheet import safe_cell


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x.example","Click")',
        "@SUM(A1:A9)",
        "+86 10 1234 5678",
        "-2+3+cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_text_a_spreadsheet_would_run_gets_a_leading_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Zhang Wei", "张伟", "", "a=b", "1+1", "'quoted"])
def test_ordinary_text_is_left_alone(text):
    assert safe_cell(text) == text


@pytest.mark.parametrize("value", [-5, 3.5, Decimal("-12.50"), True, None, dt.date(2026, 12, 7)])
def test_numbers_and_other_values_are_left_alone(value):
    assert safe_cell(value) is value
