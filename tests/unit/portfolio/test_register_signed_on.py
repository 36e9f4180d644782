"""The register import reads 签约时间 / 签约日期 columns into the 签约日期 of each project."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from exports.register_source import read_register
from exports.sheets.headers import RULES
from portfolio import projects, register_import


@pytest.mark.parametrize("text", ["签约时间", "签约日期", "签约", "合同签订日期", "签约年月"])
def test_signing_headers_are_recognised(text: str) -> None:
    assert next(field for field, pattern in RULES if pattern.search(text)) == "signed_on"


def test_a_register_with_a_signing_column(db, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2026年招商签约项目清单"])
    sheet.append(["单位：万元"])
    sheet.append(["序号", "项目名称", "总投资", "签约时间", "责任单位"])
    sheet.append([1, "食品产业园", 50000, dt.datetime(2026, 5, 20), "县商务局"])
    sheet.append([2, "冷链物流园", 8000.5, "2026.9.30", "县发改委"])
    sheet.append([3, "光伏电站", 1200, "—", "县发改委"])
    path = tmp_path / "签约项目.xlsx"
    book.save(path)
    source = read_register(path)
    assert "签约时间" in [c.text for c in source.columns if c.key == "signed_on"]
    with db.session() as s:
        result = register_import.preview(s, source)
    assert not result.errors and [r.status for r in result.rows] == ["new"] * 3
    register_import.apply(db, result)
    with db.session() as s:
        signed = {data.name: data.signed_on for data in
                  (projects.load(s, pid) for pid in range(1, 4))}
    assert signed == {"食品产业园": dt.date(2026, 5, 20), "冷链物流园": dt.date(2026, 9, 30),
                      "光伏电站": None}
