"""Importing monthly figures from Excel: preview, apply, merging, conflicts, the round trip,
and broken workbooks that each give their own Chinese message and change nothing."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from db.models import AuditEntry, MonthlyReport, PeriodLock, Project
from exports import xlsx_import
from exports.xlsx import write_report
from portfolio import projects
from portfolio.projects import ProjectData
from tests.helpers import run_portfolio
from tests.report_db import (
    PERIOD,
    TODAY,
    columns,
    export,
    leaf_rows,
    make_custom_template,
    project_rows,
    seed,
)

D = Decimal


def fingerprint(db) -> tuple:
    """What an import could touch: every monthly report and the audit log's length."""
    with db.session() as s:
        reports = tuple(s.execute(select(
            MonthlyReport.project_id, MonthlyReport.year, MonthlyReport.month,
            MonthlyReport.investment, MonthlyReport.progress, MonthlyReport.problems,
        ).order_by(MonthlyReport.id)).all())
        audit = s.scalar(select(func.count(AuditEntry.id)))
        starts = tuple(s.execute(select(Project.id, Project.actual_start)).all())
    return reports, audit, starts


def preview(db, *paths: Path, **kwargs) -> xlsx_import.ImportPreview:
    with db.session() as s:
        return xlsx_import.preview(s, list(paths), **kwargs)


def test_round_trip_changes_nothing_and_an_edit_applies(any_db, tmp_path: Path) -> None:
    from exports import briefing_notes

    seed(any_db)
    path = export(any_db, tmp_path / "月报.xlsx")
    before = fingerprint(any_db)
    result = preview(any_db, path)
    assert result.period == PERIOD
    assert not result.errors and not result.unmatched and not result.conflicts
    assert not result.new and not result.changed
    assert len(result.unchanged) > 40
    assert xlsx_import.apply(any_db, result) == 0
    assert fingerprint(any_db) == before
    row = next(r for r in leaf_rows(any_db) if r.has_report)
    wb = openpyxl.load_workbook(path)
    ws = wb["明细表"]
    col, where = columns(ws), project_rows(ws)
    ws.cell(where[row.project_id], col["1—10月完成投资"]).value = None
    ws.cell(where[row.project_id], col["本月完成投资"]).value = 8.5
    wb.save(path)
    assert xlsx_import.apply(any_db, preview(any_db, path)) == 1
    with any_db.transaction() as s:
        assert briefing_notes.assign_issue(s, PERIOD) == 1
        assert briefing_notes.assign_issue(s, PERIOD.next()) == 2


def test_preview_then_apply_edits(report_db, tmp_path: Path) -> None:
    path = export(report_db, tmp_path / "月报.xlsx")
    rows = leaf_rows(report_db)
    edited, fresh = next(r for r in rows if r.has_report), next(r for r in rows if not r.has_report)
    wb = openpyxl.load_workbook(path)
    ws = wb["明细表"]
    col, where = columns(ws), project_rows(ws)
    ws.cell(where[edited.project_id], col["本月完成投资"]).value = 55.5
    ytd = float(edited.ytd_before + D("55.5"))
    ws.cell(where[edited.project_id], col["1—10月完成投资"]).value = ytd
    ws.cell(where[edited.project_id], col["形象进度"]).value = "主体结构封顶"
    ws.cell(where[fresh.project_id], col["本月完成投资"]).value = "12.30"
    ws.cell(where[fresh.project_id], col["1—10月完成投资"]).value = None
    wb.save(path)

    before = fingerprint(report_db)
    result = preview(report_db, path)
    assert not result.errors, [e.text() for e in result.errors]
    assert [c.project_id for c in result.changed] == [edited.project_id]
    change = result.changed[0]
    assert ("本月完成投资", edited.investment, D("55.50")) in change.differences()
    assert ("形象进度", edited.progress, "主体结构封顶") in change.differences()
    assert [c.project_id for c in result.new] == [fresh.project_id]
    assert result.new[0].new == {"investment": D("12.30")}
    assert fingerprint(report_db) == before  # a preview writes nothing

    assert xlsx_import.apply(report_db, result) == 2
    with report_db.session() as s:
        report = s.scalar(select(MonthlyReport).where(
            MonthlyReport.project_id == edited.project_id, MonthlyReport.year == 2026,
            MonthlyReport.month == 10))
        assert report.investment == D("55.50") and report.progress == "主体结构封顶"
        assert s.scalar(select(MonthlyReport.investment).where(
            MonthlyReport.project_id == fresh.project_id, MonthlyReport.month == 10,
            MonthlyReport.year == 2026)) == D("12.30")
    # and again: nothing left to change
    again = export(report_db, tmp_path / "again.xlsx")
    result = preview(report_db, again)
    assert not result.changed and not result.new and not result.errors


def test_township_workbooks_merge_and_conflicts_are_shown(report_db, tmp_path: Path) -> None:
    rows = leaf_rows(report_db)
    a, b = rows[0], rows[1]

    def township(name: str, lines: list[tuple[object, ...]]) -> Path:
        """A township's own sheet: no 编号, its own headers, only 1—N月 reported."""
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Sheet1"
        ws["A1"] = "某镇2026年重点项目进展情况"
        ws.append([])
        ws.append(["序号", "项目名称", "1-10月累计完成投资（万元）", "工程形象进度"])
        for line in lines:
            ws.append(list(line))
        path = tmp_path / name
        wb.save(path)
        return path

    first = township("镇一.xlsx", [(1, a.name, float(a.ytd_before + 20), "完成基础")])
    second = township("镇二.xlsx", [(1, b.name, float(b.ytd_before + 30), "设备安装")])
    result = preview(report_db, first, second)
    assert not result.errors, [e.text() for e in result.errors]
    assert result.period == PERIOD
    got = {c.project_id: c.new for c in result.changes}
    assert got[a.project_id] == {"investment": D("20.00"), "progress": "完成基础"}
    assert got[b.project_id] == {"investment": D("30.00"), "progress": "设备安装"}

    third = township("部门.xlsx", [(1, a.name, float(a.ytd_before + 25), "完成基础")])
    before = fingerprint(report_db)
    result = preview(report_db, first, second, third)
    assert len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert conflict.project_id == a.project_id and conflict.figure == "investment"
    assert "镇一.xlsx" in conflict.text() and "部门.xlsx" in conflict.text()
    assert a.project_id not in {c.project_id for c in result.changes}
    with pytest.raises(xlsx_import.ImportFailed):
        xlsx_import.apply(report_db, result)
    assert fingerprint(report_db) == before
    assert xlsx_import.apply(report_db, result, skip_unresolved=True) == 1


def test_ambiguous_and_unknown_names_are_listed_never_guessed(report_db, tmp_path: Path) -> None:
    with report_db.transaction() as s:
        for _ in range(2):
            projects.create(s, ProjectData(name="同名的项目", category="工业"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "2026年重点项目进展"
    ws.append(["项目名称", "本月完成投资", "形象进度"])
    ws.append(["同名的项目", 10, "开工"])
    ws.append(["并不存在的项目", 5, ""])
    path = tmp_path / "names.xlsx"
    wb.save(path)
    result = preview(report_db, path, period=PERIOD)
    texts = [u.text() for u in result.unmatched]
    assert len(texts) == 2
    assert "有2个同名项目" in texts[0] and len(result.unmatched[0].candidates) == 2
    assert "没有这个名称的项目" in texts[1]
    assert not result.changes


def test_a_locked_month_refuses(report_db, tmp_path: Path) -> None:
    path = export(report_db, tmp_path / "m.xlsx")
    with report_db.transaction() as s:
        s.add(PeriodLock(year=2026, month=10, locked_by="test"))
    result = preview(report_db, path)
    assert any("已报送锁定" in e.text() for e in result.errors)
    assert not result.can_apply(skip_unresolved=True)


# ---------------------------------------------------------------------------------------------
# broken workbooks: each its own message, the database untouched


def _edited(db, tmp_path: Path, name: str, change) -> Path:  # type: ignore[no-untyped-def]
    path = export(db, tmp_path / name)
    wb = openpyxl.load_workbook(path)
    change(wb["明细表"])
    wb.save(path)
    return path


def broken_workbooks(db, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name → (file, a regular expression its message must match)."""
    rows = leaf_rows(db)
    target = rows[0].project_id
    found: dict[str, tuple[Path, str]] = {}

    wb = openpyxl.Workbook()
    wb.active.title = "统计"
    wb.active.append(["乡镇", "人口", "面积"])
    wb.active.append(["城关镇", 52000, 31.5])
    wrong = tmp_path / "wrong_sheet.xlsx"
    wb.save(wrong)
    found["wrong sheet"] = (wrong, r"wrong_sheet\.xlsx.*找不到明细表.*“统计”")

    def shift(ws) -> None:  # the data moved one column right under an unchanged header
        for r in range(4, ws.max_row):  # not the signature line below the table
            for c in range(ws.max_column, 2, -1):
                ws.cell(r, c + 1).value = ws.cell(r, c).value
            ws.cell(r, 3).value = None
    found["shifted columns"] = (
        _edited(db, tmp_path, "shifted.xlsx", shift),
        r"工作表“明细表”，[A-Z]+列（[^）]+）：该列有\d+行不是数字.*表头与数据可能错位")

    def text_in_money(ws) -> None:
        col, where = columns(ws), project_rows(ws)
        ws.cell(where[target], col["本月完成投资"]).value = "约50万"
    money_path = _edited(db, tmp_path, "text_money.xlsx", text_in_money)
    wb = openpyxl.load_workbook(money_path)
    row = project_rows(wb["明细表"])[target]
    letter = openpyxl.utils.get_column_letter(columns(wb["明细表"])["本月完成投资"])
    found["text in money"] = (
        money_path, rf"文件“text_money\.xlsx”，工作表“明细表”，"
                    rf"第{row}行{letter}列（本月完成投资）："
                    r"“约50万”不是数字")

    def merged(ws) -> None:
        col, where = columns(ws), project_rows(ws)
        first = where[target]
        ws.merge_cells(start_row=first, start_column=col["本月完成投资"],
                       end_row=first + 2, end_column=col["本月完成投资"])
    found["merged cells"] = (_edited(db, tmp_path, "merged.xlsx", merged),
                             r"第\d+—\d+行为合并单元格")

    def negative(ws) -> None:
        col, where = columns(ws), project_rows(ws)
        ws.cell(where[target], col["本月完成投资"]).value = -5
    found["negative money"] = (_edited(db, tmp_path, "negative.xlsx", negative),
                               r"（本月完成投资）：不能为负数")

    whole = export(db, tmp_path / "whole.xlsx").read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(whole[: len(whole) // 2])
    found["truncated file"] = (truncated, r"truncated\.xlsx.*文件不完整或已损坏")

    text = tmp_path / "notes.xlsx"
    text.write_text("这不是工作簿\n", encoding="utf-8")
    found["not a workbook"] = (text, r"notes\.xlsx.*不是 Excel 工作簿")
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    found["old xls"] = (old, r"旧版 Excel（\.xls）")
    return found


def test_broken_workbooks_each_say_what_is_wrong(report_db, tmp_path: Path) -> None:
    cases = broken_workbooks(report_db, tmp_path)
    before = fingerprint(report_db)
    for name, (path, pattern) in cases.items():
        result = preview(report_db, path)
        texts = [e.text() for e in result.errors]
        assert texts, name
        assert any(re.search(pattern, t) for t in texts), (name, texts)
        assert not result.can_apply(skip_unresolved=True), name
        with pytest.raises(xlsx_import.ImportFailed):
            xlsx_import.apply(report_db, result, skip_unresolved=True)
        assert fingerprint(report_db) == before, name


def test_an_inconsistent_year_to_date_is_an_error(report_db, tmp_path: Path) -> None:
    target = leaf_rows(report_db)[0].project_id

    def wrong_ytd(ws) -> None:
        col, where = columns(ws), project_rows(ws)
        ws.cell(where[target], col["本月完成投资"]).value = 10
    path = _edited(report_db, tmp_path, "ytd.xlsx", wrong_ytd)
    texts = [e.text() for e in preview(report_db, path).errors]
    assert any("1—10月完成投资" in t and "不等于此前各月合计" in t for t in texts), texts


def test_a_mapped_layout_round_trips(report_db, tmp_path: Path) -> None:
    from exports import template as templates

    custom = tmp_path / "custom.xlsx"
    make_custom_template(custom)
    layout = templates.load(custom)
    path = tmp_path / "mapped.xlsx"
    with report_db.session() as s:
        write_report(s, PERIOD, path, today=TODAY, template=layout)
    result = preview(report_db, path, template=layout)
    assert not result.errors and not result.unmatched, [e.text() for e in result.errors]
    assert not result.changed and not result.new and result.unchanged


def _cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_portfolio("--db", db_url, *args)


def test_command_line_round_trip_and_errors(report_db, db_url: str, tmp_path: Path) -> None:
    report_db.dispose()
    out = tmp_path / "cli.xlsx"
    done = _cli(db_url, "export", "xlsx", "--period", "2026-10", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "已导出月报" in done.stdout and out.is_file()
    done = _cli(db_url, "import", "xlsx", str(out))
    assert done.returncode == 0, done.stderr
    assert "新增 0 个项目，修改 0 个" in done.stdout and "已导入：0 个项目" in done.stdout
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(out.read_bytes()[:500])
    done = _cli(db_url, "import", "xlsx", str(bad), "--dry-run")
    assert done.returncode == 1
    assert "文件不完整或已损坏" in done.stdout and "未导入任何数据" in done.stderr


def test_dates_in_money_and_formulas_without_results(report_db, tmp_path: Path) -> None:
    target = leaf_rows(report_db)[0].project_id

    def formula(ws) -> None:
        col, where = columns(ws), project_rows(ws)
        ws.cell(where[target], col["本月完成投资"]).value = dt.date(2026, 10, 1)
    texts = [e.text() for e in preview(
        report_db, _edited(report_db, tmp_path, "date.xlsx", formula)).errors]
    assert any("不能是日期“2026-10-01”" in t for t in texts), texts
