"""Cells for CSV and Excel exports that a spreadsheet shows as text, never runs as a formula.

Imports keep what people typed (a contact's notes may well start with "="); every export
passes each cell through safe_cell, following OWASP's advice on CSV injection:
https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

from typing import Any

# A spreadsheet reads a cell starting with one of these as a formula (tab and line breaks:
# some programs drop them and then read the formula behind them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> Any:
    """The value, with a leading quote when it is text a spreadsheet would run; numbers as-is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
