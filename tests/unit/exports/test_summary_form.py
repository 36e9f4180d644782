"""A superior's blank 汇总表 (one row per 领域 or 建设性质, a 合计 row, no 项目名称) as the report
template: each row filled with the database's summary of its group, in the form's words and
order, a row of the rest (其他) taking what the others leave, groups without a row named; and
a form's sheet the program cannot fill named, never left blank without a word."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exports import template as templates
from exports.xlsx.cached_values import store_cached_values
from portfolio import metrics
from tests.blank_forms import STANDARD, build, build_summary
from tests.helpers import run_portfolio
from tests.report_db import PERIOD
from tests.unit.exports.test_export_xlsx import _soffice, recalculate_to_csv

D = Decimal
CATEGORY_ROWS = ["工业", "农业", "城建", "社会事业", "服务业", "交通能源"]
COUNT, TOTAL, PLAN, YTD, RATE = 3, 4, 5, 6, 7  # columns of build_summary's form


def _export(db_url: str, form: Path, out: Path) -> str:
    done = run_portfolio("--db", db_url, "export", "xlsx", "--period", str(PERIOD),
                         "--template", str(form), "-o", str(out))
    assert done.returncode == 0, done.stderr
    return done.stdout


def _rows(out: Path, sheet: str = "汇总表") -> dict[str, tuple]:
    ws = openpyxl.load_workbook(out, data_only=True)[sheet]
    return {row[1]: row for row in ws.iter_rows(min_row=4, values_only=True)
            if isinstance(row[1], str)}


def _summaries(report_db, by: str) -> dict[str, metrics.Summary]:
    with report_db.session() as s:
        return {x.key or "": x for x in metrics.summarise(s, PERIOD, by=by)}


def test_a_summary_form_is_read_as_one(tmp_path: Path) -> None:
    form = build_summary(tmp_path / "f.xlsx", "项目类别", CATEGORY_ROWS)
    template = templates.load(form)
    layout = template.sheets[0]
    assert layout.role == "summary" and layout.group_by == "category"
    assert layout.kinds() == ["group", "total"]
    assert [g.key for g in layout.groups or []] == CATEGORY_ROWS
    assert not layout.notes and not template.notes


def test_each_row_holds_its_groups_figures(report_db, db_url: str, tmp_path: Path) -> None:
    form = build_summary(tmp_path / "市汇总表.xlsx", "项目类别", CATEGORY_ROWS)
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, form, out)
    summaries = _summaries(report_db, "category")
    rows = _rows(out)
    assert [k for k in rows if k != "合计"] == CATEGORY_ROWS  # the form's order and words
    for number, key in enumerate(CATEGORY_ROWS, start=1):
        row, expected = rows[key], summaries.get(key)
        assert row[0] == number  # the form's own numbering, still numbers
        assert row[COUNT - 1] == (expected.project_count if expected else 0), key
        assert D(str(row[TOTAL - 1])).quantize(D("0.01")) == (
            expected.total_investment if expected else D("0.00")), key
        assert D(str(row[YTD - 1])).quantize(D("0.01")) == (
            expected.ytd if expected else D("0.00")), key
    with report_db.session() as s:
        total = metrics.total(s, PERIOD)
    assert rows["合计"][COUNT - 1] == total.project_count
    assert D(str(rows["合计"][PLAN - 1])).quantize(D("0.01")) == total.annual_plan
    assert D(str(rows["合计"][RATE - 1])) == D(str(round(total.ytd / total.annual_plan, 3)))
    assert "未计入" not in stdout and "按原样保留" not in stdout
    below = [row[0] for row in openpyxl.load_workbook(out)["汇总表"].iter_rows(
        min_row=4 + len(CATEGORY_ROWS) + 1, values_only=True)]
    assert any(str(v).startswith("填表人") for v in below)  # the footer follows the table

    if _soffice() is None:
        pytest.skip("LibreOffice not installed")
    ws = openpyxl.load_workbook(out)["汇总表"]
    formulas = {c.coordinate: 0 for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")}
    spoiled = tmp_path / "spoiled.xlsx"
    store_cached_values(out, spoiled, {"汇总表": formulas})
    shown = recalculate_to_csv(spoiled, tmp_path / "csv", tmp_path / "profile")["汇总表"]
    total_line = next(r for r in shown if r[1] == "合计")
    assert D(total_line[YTD - 1].replace(",", "")).quantize(D("0.01")) == total.ytd


def test_a_row_of_the_rest_and_groups_without_a_row(report_db, db_url: str,
                                                    tmp_path: Path) -> None:
    summaries = _summaries(report_db, "stage")
    form = build_summary(tmp_path / "按性质.xlsx", "建设性质", ["新开工项目", "续建项目", "其他"],
                         total_on_top=True)
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, form, out)
    rows = _rows(out)
    assert list(rows) == ["合计", "新开工项目", "续建项目", "其他"]
    rest = [s for key, s in summaries.items() if key not in ("新开工", "续建")]
    assert rest
    assert rows["其他"][COUNT - 1] == sum(s.project_count for s in rest)
    assert D(str(rows["其他"][TOTAL - 1])).quantize(D("0.01")) == sum(
        (s.total_investment for s in rest), D("0.00"))
    assert "“其他”行计入其余各行都不包括的建设性质" in stdout

    form = build_summary(tmp_path / "缺行.xlsx", "项目类别", CATEGORY_ROWS[:-1])
    stdout = _export(db_url, form, tmp_path / "报送2.xlsx")
    missing = _summaries(report_db, "category")["交通能源"]
    assert f"没有以下领域的行，其 {missing.project_count} 个项目未计入：交通能源" in stdout


def test_a_workbook_of_summary_list_and_notes(report_db, db_url: str, tmp_path: Path) -> None:
    form = build(tmp_path / "市表.xlsx", STANDARD, ["一、新开工项目（ 个）", "二、续建项目（ 个）"])
    build_summary(form, "项目类别", CATEGORY_ROWS)
    wb = openpyxl.load_workbook(form)
    wb.create_sheet("填报说明")["A1"] = "1. 请于每月5日前报送。"
    wb.save(form)
    template = templates.load(form)
    assert [(s.title, s.role) for s in template.sheets] == [("汇总表", "summary"),
                                                           ("进展情况", "detail")]
    assert template.notes == ["工作表“填报说明”未能填写（找不到可识别的表头，如“项目名称”“总投资”，"
                              "或分组），按原样保留"]
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, form, out)
    assert "工作表“填报说明”未能填写" in stdout
    assert _rows(out)["工业"][COUNT - 1] == _summaries(report_db, "category")["工业"].project_count
    assert openpyxl.load_workbook(out)["填报说明"]["A1"].value == "1. 请于每月5日前报送。"


def test_a_summary_form_in_yi_yuan(report_db, db_url: str, tmp_path: Path) -> None:
    form = build_summary(tmp_path / "亿元.xlsx", "项目类别", CATEGORY_ROWS,
                         unit="单位：个、亿元")
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, form, out)
    assert "金额按表格的单位亿元填写" in stdout
    industry = _summaries(report_db, "category")["工业"]
    assert D(str(_rows(out)["工业"][TOTAL - 1])) == industry.total_investment / 10000


def test_two_summaries_one_under_the_other(tmp_path: Path) -> None:
    from tests.blank_forms_sixth import BLOCKS, two_blocks

    template = templates.load(two_blocks(tmp_path / "f.xlsx", unit="单位：个、亿元"))
    assert [(s.title, s.group_by, s.money_unit) for s in template.sheets] == [
        ("汇总表", "stage", "亿元"), ("汇总表", "category", "亿元")]
    assert [[g.key for g in s.groups or []] for s in template.sheets] == [
        list(keys) for _, keys in BLOCKS]
    assert not template.notes


def test_a_list_of_projects_under_a_summary_is_named(tmp_path: Path) -> None:
    """Not filled, and said so (was: left blank without a word)."""
    from tests.blank_forms_sixth import BLOCKS, two_blocks

    form = two_blocks(tmp_path / "f.xlsx", BLOCKS[:1])
    wb = openpyxl.load_workbook(form)
    ws = wb.active
    r = ws.max_row + 2
    for c, text in enumerate(["序号", "项目名称", "建设性质", "总投资", "1—  月完成投资"], start=1):
        ws.cell(r, c, text)
    wb.save(form)
    layouts = templates.load(form).sheets
    assert [s.group_by for s in layouts] == ["stage"]
    assert layouts[0].notes == [
        "汇总表下方的项目明细表未能填写，按原样保留（请把它放在单独的工作表中）"]


def test_the_total_of_a_form_without_every_group_counts_its_rows(report_db, db_url: str,
                                                                 tmp_path: Path) -> None:
    """Rows for two 乡镇 of many: the 合计 adds up those rows (was: every project less those
    left out, negative where a 打包项目's parts lie in several 乡镇)."""
    form = build_summary(tmp_path / "乡镇.xlsx", "乡镇", ["城关镇", "马集镇"])
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, form, out)
    assert "没有以下乡镇的行" in stdout
    rows = _rows(out)
    assert rows["合计"][COUNT - 1] == rows["城关镇"][COUNT - 1] + rows["马集镇"][COUNT - 1]
    assert D(str(rows["合计"][TOTAL - 1])) == D(str(rows["城关镇"][TOTAL - 1])) + D(
        str(rows["马集镇"][TOTAL - 1]))
