"""Text for CSV files that a spreadsheet will open: never read as a formula.

The same rule as the xlsx reports (:data:`exports.xlsx.cells.FORMULA_STARTS`, and
``safe_text`` for control characters), plus a leading tab or carriage return, which Excel
also strips before reading a formula. Such text gets a leading apostrophe, the
OWASP-recommended neutraliser, which Excel and WPS show as plain text."""

from __future__ import annotations

from typing import Any


def csv_text(value: Any, text: str) -> str:
    """``text`` (how ``value`` is written) made safe; numbers and dates are left as written."""
    if not isinstance(value, str):
        return text
    from exports.xlsx.cells import FORMULA_STARTS, safe_text

    if text[:1] in (*FORMULA_STARTS, "\t", "\r"):
        return "'" + safe_text(text)
    return safe_text(text)
