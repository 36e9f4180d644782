"""A report on part of the portfolio says so: its titles carry "（筛选：…）" and its sentences
say 所选项目, never 全县; without a filter, the wording is the county's."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from cli.main import main
from db.queries import ProjectFilter
from exports import briefing_notes, briefing_pdf
from exports.xlsx.cached_values import store_cached_values
from portfolio import alerts, metrics, scope
from tests.helpers import needs_poppler, pdf_text
from tests.report_db import PERIOD, TODAY, write
from tests.unit.exports.test_export_xlsx import _soffice, recalculate_to_csv


def _warned(db) -> ProjectFilter:  # type: ignore[no-untyped-def]
    with db.session() as s:
        ids = tuple(alerts.evaluate(s, PERIOD))
    assert ids
    return ProjectFilter(project_ids=ids, ids_label="预警项目")


def _titles(path: Path) -> dict[str, str]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: str(ws["A1"].value) for ws in wb.worksheets}


def test_describe_names_the_filter(report_db) -> None:
    with report_db.session() as s:
        assert scope.describe(ProjectFilter(), s) == "全部项目"
        assert scope.describe(_warned(report_db), s) == "预警项目"
        assert scope.describe(ProjectFilter(categories=("工业", "农业"), text="园"), s) == (
            "搜索“园”；领域：工业、农业")
        assert scope.describe(ProjectFilter(project_ids=(1, 2))) == "指定的2个项目"
    assert scope.title_note("全部项目") == ""
    assert scope.title_note("预警项目") == "（筛选：预警项目）"


def test_workbook_titles_carry_the_month_and_the_filter(report_db, tmp_path: Path) -> None:
    whole = tmp_path / "全部.xlsx"
    write(report_db, whole)
    titles = _titles(whole)
    assert {k: titles[k] for k in ("汇总表", "明细表", "滞后项目表")} == {
        "汇总表": "2026年1—10月重点项目建设进展汇总表",
        "明细表": "2026年1—10月重点项目建设进展情况表",
        "滞后项目表": "2026年1—10月重点项目滞后预警表",
    }
    assert not any("筛选" in title for title in titles.values())
    part = tmp_path / "预警.xlsx"
    written = write(report_db, part, flt=_warned(report_db))
    assert written.scope == "预警项目"
    for title in _titles(part).values():
        assert title.endswith("（筛选：预警项目）")


@pytest.mark.slow
@pytest.mark.skipif(_soffice() is None and not os.environ.get("CI"),
                    reason="LibreOffice not installed")
def test_a_filtered_report_recalculates_to_its_own_figures(report_db, tmp_path: Path) -> None:
    """The titles written with the filter leave every figure where it was: recalculated by
    LibreOffice from spoiled stored results, the totals are the filtered projects' own."""
    flt = _warned(report_db)
    written = write(report_db, tmp_path / "预警.xlsx", flt=flt)
    spoiled = tmp_path / "spoiled.xlsx"
    store_cached_values(written.path, spoiled,
                        {sheet: dict.fromkeys(cells, 0) for sheet, cells in written.cached.items()})
    sheets = recalculate_to_csv(spoiled, tmp_path / "csv", tmp_path / "profile")
    assert set(sheets) == {"汇总表", "明细表", "滞后项目表", "问题清单", "晾晒排名",
                           "前期工作台账", "资金到位"}
    for name, rows in sheets.items():
        assert rows[0][0].endswith("（筛选：预警项目）"), name
    with report_db.session() as s:
        total = metrics.total(s, PERIOD, flt)
    for name in ("汇总表", "明细表"):
        header = [re.sub(r"\s", "", h) for h in sheets[name][2]]
        row = sheets[name][3]
        assert row[1].startswith("合计"), row
        for column, expected in (("总投资", total.total_investment),
                                 ("1—10月完成投资", total.ytd), ("本月完成投资", total.month)):
            assert Decimal(row[header.index(column)]).quantize(Decimal("0.01")) == expected


def test_a_custom_template_without_the_token_still_names_the_filter(
        report_db, tmp_path: Path) -> None:
    from exports import template as templates

    wb = openpyxl.load_workbook(templates.default_path())
    for ws in wb.worksheets:
        if isinstance(ws["A1"].value, str):
            ws["A1"].value = ws["A1"].value.replace("{{范围}}", "")
    custom = tmp_path / "自定义模板.xlsx"
    wb.save(custom)
    out = tmp_path / "out.xlsx"
    write(report_db, out, flt=_warned(report_db), template=templates.load(custom))
    assert _titles(out)["明细表"] == "2026年1—10月重点项目建设进展情况表（筛选：预警项目）"


@needs_poppler
@pytest.mark.parametrize("filtered", [False, True])
def test_briefing_wording_follows_the_scope(report_db, tmp_path: Path, filtered: bool) -> None:
    path = tmp_path / "简报.pdf"
    flt = _warned(report_db) if filtered else ProjectFilter()
    with report_db.transaction() as s:
        issue = briefing_notes.assign_issue(s, PERIOD)
    with report_db.session() as s:
        data = briefing_pdf.write_briefing(s, PERIOD, path, flt, issue=issue, today=TODAY)
    text = re.sub(r"\s+", "", pdf_text(path))
    if filtered:
        assert "一、总体情况（筛选：预警项目）" in text
        assert f"所选项目共{data.total.project_count}个" in text
        assert "全县" not in text
    else:
        assert "一、总体情况截至" in text
        assert f"全县纳入重点项目管理的项目共{data.total.project_count}个" in text
        assert "筛选" not in text


def test_command_line_export_with_a_filter_says_so(report_db, db_url: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    report_db.dispose()
    out = tmp_path / "工业.xlsx"
    assert main(["--db", db_url, "export", "xlsx", "--period", "2026-10", "-o", str(out),
                 "--category", "工业"]) == 0
    assert "领域：工业" in capsys.readouterr().out
    assert _titles(out)["汇总表"] == "2026年1—10月重点项目建设进展汇总表（筛选：领域：工业）"
    whole = tmp_path / "全部.xlsx"
    assert main(["--db", db_url, "export", "xlsx", "--period", "2026-10", "-o", str(whole)]) == 0
    assert "筛选" not in _titles(whole)["汇总表"]
