"""The 晾晒排名 sheet of the monthly report, the 三个一批 workbook and the briefing's 晾晒
section: read back with openpyxl, recalculated by LibreOffice (every stored result spoiled
first) to the same figures, and the PDF's text."""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exports import briefing_pdf
from exports.campaign_xlsx import FIRST_LINE, write_campaign
from exports.xlsx import write_report
from exports.xlsx.cached_values import store_cached_values
from exports.xlsx.ranking_sheet import SHEET_TITLE
from portfolio import campaign, demo, ranking
from portfolio.periods import Period
from tests.helpers import needs_poppler, pdf_text
from tests.unit.exports.test_export_xlsx import _soffice, recalculate_to_csv

PERIOD = Period(2026, 6)
needs_soffice = pytest.mark.skipif(_soffice() is None and not os.environ.get("CI"),
                                   reason="LibreOffice not installed")


@pytest.fixture
def demo_db(db):  # type: ignore[no-untyped-def]
    demo.generate(db, projects=80, years=2, seed=7, today=dt.date(2026, 7, 15))
    return db


def _spoiled(path: Path, cached: dict[str, dict[str, object]], tmp_path: Path) -> Path:
    spoiled = tmp_path / f"spoiled-{path.name}"
    store_cached_values(path, spoiled,
                        {sheet: dict.fromkeys(cells, 0) for sheet, cells in cached.items()})
    return spoiled


def _number(text: str) -> Decimal:
    return Decimal(text[:-1]) / 100 if text.endswith("%") else Decimal(text)


def _ranking_rows(rows: list[list[object]], title: str) -> list[list[object]]:
    """The lines of one block (header row found by its title) up to and including 合计."""
    start = next(i for i, r in enumerate(rows) if r[0] == "名次" and r[1] == title) + 1
    end = next(i for i in range(start, len(rows)) if rows[i][1] == "合计")
    return rows[start:end + 1]


@pytest.mark.slow
@needs_soffice
def test_ranking_sheet_reads_back_and_recalculates(demo_db, tmp_path: Path) -> None:
    with demo_db.session() as s:
        written = write_report(s, PERIOD, tmp_path / "月报.xlsx", today=dt.date(2026, 7, 5))
        found = ranking.rankings(s, PERIOD)
    wb = openpyxl.load_workbook(written.path)
    assert SHEET_TITLE in wb.sheetnames
    stored = [[c.value for c in row] for row in wb[SHEET_TITLE].iter_rows()]
    assert stored[0][0] == "2026年6月重点项目建设晾晒排名"
    assert any(str(r[0]).startswith("红榜：") for r in stored)
    spoiled = _spoiled(written.path, written.cached, tmp_path)
    sheets = recalculate_to_csv(spoiled, tmp_path / "csv", tmp_path / "profile")
    table: list[list[object]] = list(sheets[SHEET_TITLE])
    for by, result in found.items():
        lines = _ranking_rows(table, result.title)
        assert len(lines) == len(result.groups) + 1
        for row, group in zip(lines, result.groups, strict=False):
            s = group.summary
            assert row[0] == ("" if group.rank is None else str(group.rank)), by
            assert row[1] == group.label
            assert _number(str(row[3])) == s.annual_plan and _number(str(row[4])) == s.ytd
            rate = "" if s.completion_rate is None else s.completion_rate / 100
            assert (row[5] == "" if rate == "" else _number(str(row[5])) == rate)
            if s.gap_points is not None:
                assert _number(str(row[7])) == s.gap_points
            assert row[11] == str(group.lagging)
            assert row[12] == str(group.overdue_problems)
            assert row[13] == ranking.LIST_LABELS.get(group.listed, "")
        total = lines[-1]
        t = result.total
        assert _number(str(total[3])) == t.annual_plan and _number(str(total[4])) == t.ytd
        assert int(str(total[2])) == t.project_count
        assert _number(str(total[5])) == t.completion_rate / 100  # type: ignore[operator]
        assert _number(str(total[7])) == t.gap_points
        assert int(str(total[11])) == result.lagging
        assert int(str(total[12])) == result.overdue_problems


@pytest.mark.slow
@needs_soffice
def test_campaign_workbook_reads_back_and_recalculates(demo_db, tmp_path: Path) -> None:
    with demo_db.session() as s:
        issue = max((b for b in campaign.batches(s)), key=lambda b: b.project_count).issue
        written = write_campaign(s, issue, tmp_path / "三个一批.xlsx")
    batch = written.batch
    wb = openpyxl.load_workbook(written.path)
    assert wb.sheetnames == ["签约", "开工", "投产"]
    year, number = campaign.year_and_number(issue)
    for tag, name in campaign.LISTS.items():
        ws = wb[tag]
        assert ws["A1"].value == f"{year}年第{number}期“三个一批”{name}项目清单"
        assert [c.value for c in ws[FIRST_LINE - 1]] == [
            "序号", "项目名称", "总投资（万元）", "建设内容", "责任单位", campaign.DATE_LABELS[tag]]
        lines = batch.lists[tag]
        assert [ws.cell(FIRST_LINE + i, 2).value for i in range(len(lines))] == [
            p.name for p in lines]
        total = ws.cell(FIRST_LINE + len(lines), 3).value
        assert ws.cell(FIRST_LINE + len(lines), 1).value == "合计"
        if lines:
            assert total == f"=SUM(C{FIRST_LINE}:C{FIRST_LINE + len(lines) - 1})"
    sheets = recalculate_to_csv(_spoiled(written.path, written.cached, tmp_path),
                                tmp_path / "csv", tmp_path / "profile")
    for tag in campaign.LISTS:
        rows = sheets[tag]
        lines = batch.lists[tag]
        total_row = rows[FIRST_LINE - 1 + len(lines)]
        assert total_row[0] == "合计"
        assert _number(total_row[2]) == batch.investment(tag)
        assert sum((_number(r[2]) for r in rows[FIRST_LINE - 1:FIRST_LINE - 1 + len(lines)]),
                   Decimal(0)) == batch.investment(tag)
    assert sum(batch.investment(t) for t in campaign.LISTS) > 0


@needs_poppler
def test_briefing_has_the_ranking_section(demo_db, tmp_path: Path) -> None:
    path = tmp_path / "简报.pdf"
    with demo_db.session() as s:
        briefing_pdf.write_briefing(s, PERIOD, path, issue=1, today=dt.date(2026, 7, 5))
        found = ranking.rankings(s, PERIOD)
    text = pdf_text(path)
    # the sentence may run over a page break: drop the page numbers (—5—) between its halves
    flat = re.sub(r"—\d+—", "", "".join(text.split()))
    # after 需协调解决的问题 when the 问题台账 has open problems
    assert "四、晾晒排名" in text or "五、晾晒排名" in text
    assert "滞后项目逾期问题" in flat  # the last two headings of each table
    for result in found.values():
        assert f"{result.title}晾晒红黑榜" in flat
        red = "、".join(g.label for g in result.red)
        black = "、".join(g.label for g in result.black)
        assert f"{result.title}按完成年度计划投资比例排名，红榜为{red}，黑榜为{black}" in flat
