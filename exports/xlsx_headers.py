"""Finding a report's header row in a worksheet, wherever its columns stand: the header
texts of the template (:mod:`exports.template`), with the usual synonyms and any month in
``1—N月``, matched after normalisation. Merged header cells count for every cell they span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from exports.fields import FIELDS, normalise_token
from exports.template import SheetLayout

#: Other spellings of header texts that mean the same column.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "项目名称": ("名称", "项目", "项目名"),
    "编号": ("项目编号", "项目库编号", "id", "ID"),
    "本月完成投资": ("当月完成投资", "本月投资", "本月完成"),
    "1—N月完成投资": ("1—N月累计完成投资", "1—N月完成", "本年累计完成投资", "今年以来完成投资",
                    "年初至今完成投资", "累计完成投资（本年）"),
    "形象进度": ("工程形象进度", "项目进展情况", "进展情况", "形象进度（进展情况）"),
    "存在问题": ("存在的问题", "问题", "存在困难和问题"),
    "下步计划": ("下步工作计划", "下一步计划", "下步工作打算"),
}
MAX_HEADER_ROWS = 20
MONTH_IN_HEADER = re.compile(r"1—(\d{1,2})月")


def normalise_header(text: object) -> str:
    """A header text without units, spaces or bracket shapes, as tokens are compared."""
    if text is None:
        return ""
    value = str(text)
    for junk in ("（万元）", "(万元)", "（%）", "(%)", "%", "％", "万元"):
        value = value.replace(junk, "")
    value = re.sub(r"\s+", "", value).replace("(", "（").replace(")", "）")
    return normalise_token(value)


def expected_headers(layout: SheetLayout) -> dict[str, str]:
    """Normalised header text (with ``1—N月`` for any month) → token, synonyms included."""
    expected: dict[str, str] = {}
    for column, token in layout.line.tokens.items():
        header = layout.headers.get(column, "")
        text = normalise_header(header.replace("{{1—N月}}", "1—N月").replace("{{1-N月}}", "1—N月"))
        text = re.sub(r"\{\{[^}]*\}\}", "", text)
        if text:
            expected[text] = token
        expected.setdefault(normalise_header(token), token)
        for synonym in SYNONYMS.get(token, ()):
            expected.setdefault(normalise_header(synonym), token)
    return expected


def _header_token(text: str, expected: dict[str, str]) -> tuple[str | None, int | None]:
    """The token a file's header text stands for, and the month when it says ``1—N月``."""
    month = None
    match = MONTH_IN_HEADER.search(text)
    if match:
        month = int(match.group(1))
        text = MONTH_IN_HEADER.sub("1—N月", text)
    elif text.startswith("1月") and "1—N月" + text[2:] in expected:
        month, text = 1, "1—N月" + text[2:]
    return expected.get(text), month


@dataclass
class HeaderRow:
    """The row that heads a table, and what each of its columns holds."""

    row: int
    #: column → token
    columns: dict[int, str]
    #: column → the file's header text
    texts: dict[int, str]
    month: int | None


def merged_values(ws: Worksheet, last_row: int) -> dict[tuple[int, int], object]:
    values: dict[tuple[int, int], object] = {}
    for merged in ws.merged_cells.ranges:
        if merged.min_row > last_row:
            continue
        value = ws.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, min(merged.max_row, last_row) + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                values[(r, c)] = value
    return values


def find_header(ws: Worksheet, expected: dict[str, str]) -> HeaderRow | None:
    last = min(ws.max_row, MAX_HEADER_ROWS)
    merged = merged_values(ws, last)
    best: HeaderRow | None = None
    for r in range(1, last + 1):
        columns: dict[int, str] = {}
        texts: dict[int, str] = {}
        month = None
        for c in range(1, ws.max_column + 1):
            raw = merged.get((r, c), ws.cell(r, c).value)
            text = normalise_header(raw)
            if not text:
                continue
            token, found_month = _header_token(text, expected)
            if token is None or token in columns.values():
                continue
            columns[c] = token
            texts[c] = str(raw).strip()
            month = month or found_month
        identifies = any(FIELDS[t].identifies for t in columns.values())
        if identifies and len(columns) >= 2 and (best is None or len(columns) > len(best.columns)):
            best = HeaderRow(r, columns, texts, month)
    return best


__all__ = [
    "MAX_HEADER_ROWS",
    "MONTH_IN_HEADER",
    "SYNONYMS",
    "HeaderRow",
    "expected_headers",
    "find_header",
    "merged_values",
    "normalise_header",
]
