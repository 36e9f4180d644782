"""The three forms of a listing: an aligned table with its count line, spreadsheet-safe CSV,
and JSON with money and dates written as text."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

from cli.formats import cell_text, write_records

COLUMNS = (("id", "编号"), ("name", "项目名称"), ("total", "总投资"), ("start", "开工"))
RECORDS = [
    {"id": 1, "name": "城区污水管网改造", "total": Decimal("12345.6"),
     "start": dt.date(2026, 3, 1)},
    {"id": 12, "name": "=HYPERLINK(1)", "total": None, "start": None},
]


def _written(fmt: str, **options: object) -> str:
    out = io.StringIO()
    write_records(out, RECORDS, COLUMNS, fmt, count="共 2 个项目", **options)
    return out.getvalue()


def test_cell_text() -> None:
    assert cell_text(None) == ""
    assert cell_text(Decimal("12345.6")) == "12345.60"
    assert cell_text(dt.date(2026, 3, 1)) == "2026-03-01"
    assert cell_text(7) == "7"


def test_table_clips_aligns_and_counts() -> None:
    text = _written("table", limits={"name": 8}, right=("total",))
    assert text.splitlines() == [
        "编号  项目名称    总投资  开工",
        "1     城区污…   12345.60  2026-03-01",
        "12    =HYPERL…",
        "共 2 个项目",
    ]


def test_table_columns_may_be_fewer_than_the_csv_columns() -> None:
    text = _written("table", table_columns=COLUMNS[:2])
    assert text.splitlines()[0] == "编号  项目名称"
    assert "开工" in _written("csv").splitlines()[0]


def test_csv_is_safe_and_has_no_count_line() -> None:
    lines = _written("csv").splitlines()
    assert lines == [
        "编号,项目名称,总投资,开工",
        "1,城区污水管网改造,12345.60,2026-03-01",
        "12,'=HYPERLINK(1),,",
    ]


def test_json_keeps_values_and_writes_the_rest_as_text() -> None:
    data = json.loads(_written("json"))
    assert data == [
        {"id": 1, "name": "城区污水管网改造", "total": "12345.60", "start": "2026-03-01"},
        {"id": 12, "name": "=HYPERLINK(1)", "total": None, "start": None},
    ]
