"""The 前期工作台账 and 资金到位 sheets of the monthly workbook: read back with openpyxl, and
recalculated by LibreOffice to the database's figures."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest

from exports.xlsx.cached_values import store_cached_values
from portfolio import approvals, funds, metrics
from tests.report_db import PERIOD, write
from tests.unit.exports.test_export_xlsx import _soffice, recalculate_to_csv

D = Decimal


def test_approvals_ledger_lists_waiting_projects(report_db, tmp_path: Path) -> None:
    path = tmp_path / "月报.xlsx"
    write(report_db, path)
    ws = openpyxl.load_workbook(path)["前期工作台账"]
    assert ws["A1"].value == "2026年重点项目前期工作台账（截至2026年10月）"
    assert ws["A2"].value.startswith("填报单位：")
    assert [c.value for c in ws[3]] == ["序号", "项目名称", "责任单位", "建设性质", "手续办结",
                                        "卡在", "逾期手续（计划日期）", "已办结手续批准文号"]
    with report_db.session() as s:
        figures = {f.name: f for f in metrics.project_figures(s, PERIOD)}
        steps = approvals.steps_by_project(s)
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert rows and [r[0] for r in rows] == list(range(1, len(rows) + 1))
    stuck = 0
    for _n, name, _unit, stage, done, at, late, numbers in rows:
        f = figures[name]
        assert stage == "前期" or f.actual_start is None or f.actual_start > PERIOD.last_day
        own = steps.get(f.project_id, [])
        if not own:
            assert done == "未建清单"
            continue
        state = approvals.state_of(own)  # nothing in the demo is done after October
        assert done == f"{state.done}/{state.total}" and (at or None) == state.stuck_at
        expected_late = [s for s in own if s.overdue_on(PERIOD.last_day)]
        assert (late or "") == "\n".join(f"{s.name}（{s.planned_on}）" for s in expected_late)
        for s in own:
            if s.done:
                assert f"{s.name}：{s.document_number}" in numbers
        stuck += bool(at)
    assert stuck > 0 and any(r[6] for r in rows)  # some are stuck, some overdue


def test_funds_sheet_figures_and_formulas(report_db, tmp_path: Path) -> None:
    path = tmp_path / "月报.xlsx"
    written = write(report_db, path)
    formulas = openpyxl.load_workbook(path)["资金到位"]
    values = openpyxl.load_workbook(path, data_only=True)["资金到位"]
    with report_db.session() as s:
        table = funds.by_source(s, PERIOD)
        rows = funds.by_project(s, PERIOD)
    total = table.total
    assert formulas["B4"].value == "合计"
    last = 4 + sum(len(p.lines) for p in rows)
    assert formulas["G4"].value == f"=SUM(G5:G{last})"
    assert D(str(values["E4"].value)) == total.planned
    assert D(str(values["F4"].value)) == total.year
    assert D(str(values["G4"].value)) == total.cumulative
    # the project lines add up to the 合计 exactly
    assert sum(D(str(formulas.cell(r, 7).value)) for r in range(5, last + 1)) == total.cumulative
    assert formulas["H5"].value == '=IF(E5=0,"",G5/E5)'
    assert formulas["H5"].number_format == "0.0%"
    by_source = {formulas.cell(r, 4).value: r for r in range(last + 2, formulas.max_row + 1)}
    assert list(by_source) == [line.source for line in table.lines]
    for line in table.lines:
        r = by_source[line.source]
        assert formulas.cell(r, 5).value.startswith("=SUMIF(")
        assert D(str(values.cell(r, 7).value)) == line.cumulative
    assert "资金到位" in written.cached


@pytest.mark.slow
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice not installed")
def test_libreoffice_recalculates_the_funds_sheet(report_db, tmp_path: Path) -> None:
    written = write(report_db, tmp_path / "written.xlsx")
    spoiled = tmp_path / "spoiled.xlsx"
    store_cached_values(written.path, spoiled,
                        {sheet: dict.fromkeys(cells, 0) for sheet, cells in written.cached.items()})
    sheets = recalculate_to_csv(spoiled, tmp_path / "csv", tmp_path / "lo-ledgers")
    sheet = sheets["资金到位"]
    with report_db.session() as s:
        table = funds.by_source(s, PERIOD)

    def money(text: str) -> Decimal:
        return D(text.replace(",", "")).quantize(D("0.01"))

    def rate(text: str) -> Decimal | None:  # written unrounded: as the program rounds it
        return D(text.rstrip("%")).quantize(D("0.1"), ROUND_HALF_UP) if text else None

    total_row = sheet[3]
    assert total_row[1] == "合计"
    assert [money(x) for x in total_row[4:7]] == [table.total.planned, table.total.year,
                                                   table.total.cumulative]
    assert rate(total_row[7]) == table.total.rate
    by_source = {row[3]: row for row in sheet if row[1] == "按来源合计"}
    for line in table.lines:
        row = by_source[line.source]
        assert [money(x) for x in row[4:7]] == [line.planned, line.year, line.cumulative]
        assert rate(row[7]) == line.rate
