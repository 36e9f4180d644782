"""Text for CSV files that a spreadsheet will open: never read as a formula.

The same rule as the xlsx reports (:data:`exports.xlsx.cells.FORMULA_STARTS`, and
``safe_text`` for control characters), plus a leading tab or carriage return, which Excel
also strips before reading a formula. Such text gets a leading apostrophe, the
OWASP-recommended neutraliser, which Excel and WPS show as plain text."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TextIO


def csv_text(value: Any, text: str) -> str:
    """``text`` (how ``value`` is written) made safe; numbers and dates are left as written."""
    if not isinstance(value, str):
        return text
    from exports.xlsx.cells import FORMULA_STARTS, safe_text

    if text[:1] in (*FORMULA_STARTS, "\t", "\r"):
        return "'" + safe_text(text)
    return safe_text(text)


def write_csv(out: TextIO, columns: Sequence[tuple[str, str]],
              records: Iterable[Mapping[str, Any]], text: Callable[[Any], str]) -> None:
    """A CSV table: a line of the columns' labels, then a line per record whose cells are
    ``text(value)`` of each column's key, made safe by :func:`csv_text`."""
    writer = csv.writer(out)
    writer.writerow([label for _, label in columns])
    for record in records:
        writer.writerow([csv_text(record[key], text(record[key])) for key, _ in columns])
