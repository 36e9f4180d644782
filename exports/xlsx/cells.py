"""openpyxl cell mechanics of the written workbooks: text stored safely, formulas with
their results, and the measures a row height is computed from.

Nothing here knows what a report means; :mod:`exports.xlsx.line_values` decides what goes in
a cell and :mod:`exports.xlsx.sheet_writer` puts it there with these.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.cell.cell import Cell

#: Characters Excel would take as the start of a formula when the text is edited.
FORMULA_STARTS = ("=", "+", "-", "@")
_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}


def safe_text(text: str) -> str:
    """Text openpyxl can store (no control characters)."""
    return text.translate(_ILLEGAL)


def set_text(cell: Cell, text: str) -> None:
    """Store ``text`` as text, even when it starts like a formula."""
    cell.value = safe_text(text)
    if text[:1] in FORMULA_STARTS:
        cell.data_type = "s"
        cell.quotePrefix = True



@dataclass
class Formula:
    """A formula and the exact figure it computes, stored next to it in the file
    (:mod:`exports.xlsx.cached_values`)."""

    text: str
    cached: object


#: East Asian wide and full-width characters (Chinese, full-width punctuation)
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
                   "\uffe0-\uffe6\U00020000-\U0003fffd]")


def text_units(text: str) -> int:
    """The width of ``text`` in columns of Latin digits (a Chinese character takes two)."""
    return len(text) + len(_WIDE.findall(text))


def cell_ranges(letter: str, rows: list[int]) -> str:
    """``H5,H20,H31`` — contiguous runs joined as ``H5:H9``."""
    runs: list[tuple[int, int]] = []
    for r in sorted(rows):
        if runs and runs[-1][1] == r - 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return ",".join(f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}" for a, b in runs)


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)



__all__ = ["FORMULA_STARTS", "Formula", "as_text", "cell_ranges", "safe_text", "set_text",
           "text_units"]
