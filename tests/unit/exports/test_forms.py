"""填报表: generated per 责任单位 on the sample portfolio, protected and validated as Excel, WPS
and LibreOffice expect, recalculated by LibreOffice, and read back by the import: keys first,
tampering reported, a form of another month refused naming both months."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from db.collection_tables import FormSent
from exports import xlsx_import
from exports.forms import layout as L
from exports.forms import write_forms
from exports.forms.writer import WrittenForms
from portfolio import collection, monthly
from portfolio.periods import Period
from tests.forms_helpers import LETTERS, csv_rows, fill, form_rows, money, recalculate, soffice

MONTH = Period(2026, 11)  # the sample portfolio has reports up to October
D = Decimal


def _write(db, folder: Path, by: str = "unit", period: Period = MONTH) -> WrittenForms:
    folder.mkdir(exist_ok=True)
    with db.transaction() as s:
        return write_forms(s, period, by, folder)


@pytest.fixture
def forms(report_db, tmp_path: Path) -> WrittenForms:
    return _write(report_db, tmp_path / "forms")


def _unit_rows(db, unit: str) -> list[monthly.EntryRow]:
    with db.session() as s:
        groups, _ = collection.form_projects(s, MONTH, "unit")
    return groups[unit]


def test_one_form_per_unit_holding_only_its_projects(report_db, forms) -> None:
    with report_db.session() as s:
        groups, nobody = collection.form_projects(s, MONTH, "unit")
        sent = s.scalar(select(func.count()).select_from(FormSent))
    assert [p.name for p in forms.files] == [f"{u}_2026年11月填报表.xlsx" for u in groups]
    assert forms.projects == sum(map(len, groups.values())) == sent
    assert nobody == []
    path = forms.files[[p.name for p in forms.files].index("县交通运输局_2026年11月填报表.xlsx")]
    rows = _unit_rows(report_db, "县交通运输局")
    assert set(form_rows(path)) == {r.project_id for r in rows}


def test_protection_validation_stamp_and_notes(report_db, forms) -> None:
    path = next(p for p in forms.files if p.name.startswith("县交通运输局"))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [L.SHEET, L.NOTES]
    assert {p.name: p.value for p in wb.custom_doc_props} == {
        "项目库报告期": "2026-11", L.BY_PROPERTY: "unit", L.HOLDER_PROPERTY: "县交通运输局"}
    ws = wb[L.SHEET]
    assert ws.protection.sheet and not ws.protection.password
    assert wb[L.NOTES].protection.sheet
    assert ws.column_dimensions[LETTERS["key"]].hidden
    assert ws[f"{LETTERS['key']}1"].value == "项目库填报表|2026-11|unit|县交通运输局"
    r = L.FIRST_ROW
    for c in L.columns(MONTH):
        assert ws[f"{LETTERS[c.key]}{r}"].protection.locked is (not c.filled_in), c.header
    assert [c.header for c in L.columns(MONTH) if c.filled_in] == [
        "本月完成投资", "形象进度", "存在问题", "下步计划", "是否开工", "实际开工时间"]
    assert ws[f"{LETTERS['ytd']}{r}"].value == f"=G{r}+H{r}"
    assert ws[f"{LETTERS['rate']}{r}"].value.startswith("=IF(")
    rules = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    last = ws.max_row
    money_rule = rules[f"H4:H{last}"]
    assert (money_rule.type, money_rule.operator, money_rule.formula1) == (
        "decimal", "greaterThanOrEqual", "0")
    assert rules[f"N4:N{last}"].type == "list" and rules[f"N4:N{last}"].formula1 == '"是,否"'
    assert rules[f"O4:O{last}"].type == "date"
    assert all(v.showErrorMessage and v.error for v in rules.values())
    notes = "\n".join(str(c.value) for c in wb[L.NOTES]["A"] if c.value)
    for words in ("万元", "不要增删行", "2026年12月5日前", "本月完成投资"):
        assert words in notes


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_recalculates_the_filled_form(report_db, forms, tmp_path: Path) -> None:
    path = next(p for p in forms.files if p.name.startswith("县交通运输局"))
    rows = _unit_rows(report_db, "县交通运输局")
    typed = {r.project_id: D("12.34") + i for i, r in enumerate(rows)}
    filled = tmp_path / "filled.xlsx"
    fill(path, filled, {pid: {"investment": float(v), "progress": "主体完工"}
                        for pid, v in typed.items()})
    table = csv_rows(recalculate(filled, tmp_path / "lo"))
    header = table[L.HEADER_ROW - 1]
    ytd, rate = header.index("1—11月累计完成投资"), header.index("占年度计划%")
    lines = {int(line[-1].split("-")[0][1:]): line for line in table[L.FIRST_ROW - 1:]}
    for row in rows:
        expected = row.ytd_before + typed[row.project_id]
        assert money(lines[row.project_id][ytd]) == expected
        if row.annual_plan:
            assert money(lines[row.project_id][rate]) == (
                expected * 100 / row.annual_plan).quantize(D("0.01"))


def test_a_filled_form_imports_by_its_keys(report_db, forms, tmp_path: Path) -> None:
    path = next(p for p in forms.files if p.name.startswith("县交通运输局"))
    first, second, *_ = _unit_rows(report_db, "县交通运输局")
    filled = tmp_path / "交通局报回.xlsx"
    fill(path, filled, {first.project_id: {"investment": 25.5, "progress": "桥梁桩基完成"},
                        second.project_id: {"investment": 0, "problems": "无"}})
    with report_db.session() as s:
        preview = xlsx_import.preview(s, [filled])
    assert preview.errors == [] and preview.unmatched == []
    assert preview.period == MONTH
    assert {c.project_id: c.new.get("investment") for c in preview.changes} == {
        first.project_id: D("25.50"), second.project_id: D("0.00")}
    [returned] = preview.returned
    assert (returned.holder, returned.by, returned.filled, returned.total) == (
        "县交通运输局", "unit", 2, len(form_rows(path)))
    xlsx_import.apply(report_db, preview)
    with report_db.session() as s:
        [status] = [x for x in collection.collection_status(s, MONTH)
                    if x.holder == "县交通运输局"]
    assert status.returned and (status.filled, status.total) == (2, returned.total)


def _tampered(forms: WrittenForms, tmp_path: Path, edit) -> list[str]:  # type: ignore[no-untyped-def]
    path = next(p for p in forms.files if p.name.startswith("县交通运输局"))
    wb = openpyxl.load_workbook(path)
    ws = wb[L.SHEET]
    ws.protection.sheet = False  # as a user who lifts the protection would
    ws[f"H{L.FIRST_ROW}"] = 5
    edit(ws)
    target = tmp_path / "改过.xlsx"
    wb.save(target)
    return target


def test_a_changed_locked_column_is_reported(report_db, forms, tmp_path: Path) -> None:
    def edit(ws) -> None:  # type: ignore[no-untyped-def]
        ws[f"{LETTERS['total_investment']}{L.FIRST_ROW}"] = 99999

    with report_db.session() as s:
        preview = xlsx_import.preview(s, [_tampered(forms, tmp_path, edit)])
    [error] = preview.errors
    assert error.row == L.FIRST_ROW and "锁定的列被改动：总投资" in error.message
    assert not preview.can_apply()


def test_a_key_that_does_not_match_its_name_is_reported(report_db, forms,
                                                        tmp_path: Path) -> None:
    def edit(ws) -> None:  # type: ignore[no-untyped-def]
        key = f"{LETTERS['key']}{L.FIRST_ROW}"
        other = f"{LETTERS['key']}{L.FIRST_ROW + 1}"
        ws[key], ws[other] = ws[other].value, ws[key].value  # keys swapped between rows
        ws[f"H{L.FIRST_ROW + 1}"] = 6

    with report_db.session() as s:
        preview = xlsx_import.preview(s, [_tampered(forms, tmp_path, edit)])
    assert len(preview.errors) == 2
    assert all("与本行的项目名称" in e.message and "未导入该行" in e.message
               for e in preview.errors)
    assert preview.changes == []


def test_a_form_of_another_month_names_both(report_db, forms, tmp_path: Path) -> None:
    path = next(p for p in forms.files if p.name.startswith("县交通运输局"))
    filled = tmp_path / "报回.xlsx"
    fill(path, filled, {next(iter(form_rows(path))): {"investment": 3}})
    with report_db.session() as s:
        preview = xlsx_import.preview(s, [filled], period=Period(2026, 10))
    [error] = preview.errors
    assert "2026年11月的填报表" in error.message and "2026年10月" in error.message
    assert "县交通运输局" in error.message


def test_forms_by_township_and_again_replace_the_record(report_db, tmp_path: Path) -> None:
    written = _write(report_db, tmp_path / "a", "township")
    again = _write(report_db, tmp_path / "b", "township")
    assert written.projects == again.projects > 0
    with report_db.session() as s:
        statuses = collection.collection_status(s, MONTH, "township")
    assert sum(x.sent for x in statuses) == written.projects
    assert all(x.by == "township" and not x.returned for x in statuses)


def test_keys_name_their_reason() -> None:
    locked = {"stage": "续建", "total_investment": D("100"), "prior_years": D("1.5"),
              "annual_plan": None, "ytd_before": D("0")}
    key = L.row_key(7, MONTH, "某 路", locked)
    assert L.check_key(key, MONTH, "某路", locked) == (7, "")
    assert "格式不对" in L.check_key("P7-xx", MONTH, "某路", locked)[1]
    assert "项目名称" in L.check_key(key, Period(2026, 10), "某路", locked)[1]
    changed = {**locked, "stage": "竣工", "annual_plan": D("5")}
    assert L.check_key(key, MONTH, "某路", changed)[1].startswith(
        "锁定的列被改动：建设性质、本年计划投资")


def test_a_form_of_zeros_everywhere_reports_nothing_new(report_db, forms,
                                                        tmp_path: Path) -> None:
    """A unit that types 0 in every cell it may fill has no progress, no problem and no date
    to report: nothing is 新增 or 修改, no "0" becomes a 形象进度, and no 0 is read as a date."""
    path = next(p for p in forms.files if p.name.startswith("县交通运输局"))
    rows = _unit_rows(report_db, "县交通运输局")
    assert rows and not any(r.has_report for r in rows)  # November: nobody reported yet
    filled = tmp_path / "全填0.xlsx"
    fill(path, filled, {r.project_id: {"investment": 0, "progress": 0, "problems": "0",
                                       "next_steps": 0, "started_on": 0} for r in rows})
    with report_db.session() as s:
        preview = xlsx_import.preview(s, [filled])
    assert preview.errors == [] and preview.unmatched == []
    assert f"新增 0 个项目，修改 0 个，未变 {len(rows)} 个" in preview.summary()
    assert [c.new for c in preview.unchanged] == [{"investment": D("0.00")}] * len(rows)
    [returned] = preview.returned
    assert (returned.filled, returned.total) == (len(rows), len(rows))
    before = _reports(report_db)
    assert xlsx_import.apply(report_db, preview) == 0
    assert _reports(report_db) == before


def _reports(db) -> list[tuple[int, int, Decimal, str]]:  # type: ignore[no-untyped-def]
    from db.models import MonthlyReport

    with db.session() as s:
        return [tuple(r) for r in s.execute(select(
            MonthlyReport.project_id, MonthlyReport.month, MonthlyReport.investment,
            MonthlyReport.progress).order_by(MonthlyReport.id))]
