"""The monthly Excel report: every figure read back and compared with the database, formulas
that recalculate to the same figures (LibreOffice), text that is never a formula, templates."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from db.models import Project
from db.queries import ProjectFilter
from exports import template as templates
from exports.output import Cancelled
from exports.xlsx import PERIOD_PROPERTY, write_report
from exports.xlsx.cached_values import sheet_parts, store_cached_values
from portfolio import alerts, metrics, projects
from portfolio.projects import ProjectData
from tests.report_db import (
    HOSTILE,
    PERIOD,
    TODAY,
    columns,
    make_custom_template,
    write,
)

D = Decimal


def _dec(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(D("0.01"))


def test_every_figure_matches_the_database(report_db, tmp_path: Path) -> None:
    path = tmp_path / "月报.xlsx"
    written = write(report_db, path)
    with report_db.session() as s:
        figures = {f.project_id: f for f in metrics.project_figures(s, PERIOD)}
        by_category = {r.key: r for r in metrics.summarise(s, PERIOD, by="category")}
        total = metrics.total(s, PERIOD)
        warned = alerts.evaluate(s, PERIOD)
    assert written.lines == len(figures)
    assert written.projects == total.project_count  # a package and its parts once

    formulas = openpyxl.load_workbook(path)  # formulas as written
    values = openpyxl.load_workbook(path, data_only=True)  # the stored results
    assert formulas.sheetnames == ["汇总表", "明细表", "滞后项目表", "问题清单", "晾晒排名",
                                   "前期工作台账", "资金到位"]
    assert formulas.custom_doc_props[PERIOD_PROPERTY].value == "2026-10"

    # 明细表: every project line
    ws, wv = formulas["明细表"], values["明细表"]
    col = columns(ws)
    assert ws["A1"].value == "2026年1—10月重点项目建设进展情况表"
    assert "1—10月完成投资" in col
    money = {"总投资": "total_investment", "截至上年底累计完成投资": "prior_years",
             "本年计划投资": "annual_plan", "1—10月完成投资": "ytd", "本月完成投资": "month"}
    seen = set()
    groups = []
    for r in range(5, ws.max_row + 1):
        pid = ws.cell(r, col["编号"]).value
        name = ws.cell(r, col["项目名称"]).value
        if isinstance(pid, int):
            f = figures[pid]
            seen.add(pid)
            assert name == f.name
            assert ws.cell(r, col["项目名称"]).data_type == "s"
            for header, attribute in money.items():
                expected = getattr(f, attribute) if f.is_leaf else None
                assert _dec(wv.cell(r, col[header]).value) == expected, (pid, header)
            rate = wv.cell(r, col["占年度计划%"]).value
            if f.is_leaf and f.plan_rate is not None:
                assert D(str(rate)) == f.plan_rate / 100
            assert ws.cell(r, col["责任单位"]).value in (f.unit, None)
        elif isinstance(name, str) and re.match(r".+（\d+个）$", name):
            groups.append(r)
    assert seen == set(figures)
    assert ws.cell(4, col["项目名称"]).value == f"合计（{total.project_count}个）"
    # group lines: SUM over their projects, stored results equal the database's roll-ups
    for r in groups:
        key = ws.cell(r, col["项目名称"]).value.split("（")[0]
        expected = by_category[key]
        assert ws.cell(r, col["项目名称"]).value == f"{key}（{expected.project_count}个）"
        for header, attribute in money.items():
            if attribute == "prior_years":
                continue
            formula = ws.cell(r, col[header]).value
            assert re.fullmatch(r"=SUM\([A-Z]+\d+:[A-Z]+\d+\)", formula), formula
            assert _dec(wv.cell(r, col[header]).value) == getattr(expected, attribute)
    for header, attribute in money.items():
        if attribute == "prior_years":
            continue
        assert ws.cell(4, col[header]).value.startswith("=SUM(")
        assert _dec(wv.cell(4, col[header]).value) == getattr(total, attribute)
    assert D(str(wv.cell(4, col["占年度计划%"]).value)) == total.completion_rate / 100

    # 汇总表
    ws, wv = formulas["汇总表"], values["汇总表"]
    col = columns(ws)
    rows = {ws.cell(r, col["领域"]).value: r for r in range(5, ws.max_row + 1)}
    assert set(rows) == set(by_category)
    checks = {"项目个数": "project_count", "总投资": "total_investment",
              "年度计划投资": "annual_plan", "1—10月完成投资": "ytd", "本月完成投资": "month",
              "计划开工个数": "planned_starts", "实际开工个数": "actual_starts"}
    for key, r in rows.items():
        for header, attribute in checks.items():
            value = wv.cell(r, col[header]).value
            assert D(str(value)) == getattr(by_category[key], attribute), (key, header)
        gap = by_category[key].gap_points
        assert D(str(wv.cell(r, col["超(低于)序时进度百分点"]).value)) == gap
    for header, attribute in checks.items():
        assert str(ws.cell(4, col[header]).value).startswith("=SUM(")
        assert D(str(wv.cell(4, col[header]).value)) == getattr(total, attribute)
    assert D(str(wv.cell(4, col["完成率"]).value)) == total.completion_rate / 100
    assert D(str(wv.cell(4, col["序时进度"]).value)) == total.time_progress / 100
    assert D(str(wv.cell(4, col["开工率"]).value)) == total.start_rate / 100

    # 滞后项目表: exactly the warning list, with reasons, unit and leader
    ws = formulas["滞后项目表"]
    col = columns(ws)
    listed = {}
    for r in range(4, ws.max_row + 1):
        pid = ws.cell(r, col["编号"]).value
        if isinstance(pid, int):
            listed[pid] = ws.cell(r, col["滞后原因"]).value
    assert set(listed) == set(warned)
    for pid, text in listed.items():
        assert text == alerts.reasons(warned[pid])


def test_a_second_reader_sees_the_same_stored_figures(report_db, tmp_path: Path) -> None:
    """Read the XML itself (no openpyxl): every formula carries its result."""
    path = tmp_path / "m.xlsx"
    written = write(report_db, path)
    with zipfile.ZipFile(path) as archive:
        parts = sheet_parts(archive)
        xml = archive.read(parts["明细表"]).decode()
    cells = re.findall(r'<c r="([A-Z]+\d+)"[^>]*><f>([^<]*)</f><v>([^<]*)</v></c>', xml)
    assert cells, "formula cells must store their results"
    assert not re.search(r"<f>[^<]*</f>(<v\s*/>|<v></v>)?</c>", xml.replace("</f><v>", "#"))
    stored = written.cached["明细表"]
    for ref, _formula, value in cells:
        expected = stored[ref]
        assert (value == "" and expected == "") or D(value) == D(str(expected))


def test_text_that_looks_like_a_formula_stays_text(report_db, tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    write(report_db, path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(sheet_parts(archive)["明细表"]).decode()
    formulas = re.findall(r"<f>([^<]*)</f>", xml)
    assert formulas and all(f.startswith(("SUM(", "IF(")) for f in formulas)
    wb = openpyxl.load_workbook(path)
    ws = wb["明细表"]
    found = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value in HOSTILE or cell.value == "-城关镇":
                found[cell.value] = cell
    assert set(found) >= set(HOSTILE)
    for cell in found.values():
        assert cell.data_type == "s"
        assert cell.quotePrefix


def test_print_setup_and_frozen_header(report_db, tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    write(report_db, path)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == "9"  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        if ws.title != "晾晒排名":  # two tables, each under its own header
            assert ws.print_title_rows == "$1:$3"
            assert ws.freeze_panes == "C4"
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        assert ws["A2"].value.startswith("填报单位：")
    detail = wb["明细表"]
    assert detail.cell(5, 7).number_format == "#,##0.00"
    assert detail.cell(6, 11).number_format == "0.0%"
    assert detail.column_dimensions["E"].width >= 20
    assert detail.cell(6, 5).alignment.wrap_text
    last = detail.max_row
    assert detail.cell(last, 1).value.startswith("填表人")  # the rows after the data follow it


def test_filter_and_cancel(report_db, tmp_path: Path) -> None:
    path = tmp_path / "only.xlsx"
    written = write(report_db, path, flt=ProjectFilter(categories=("工业",)))
    ws = openpyxl.load_workbook(path, data_only=True)["汇总表"]
    assert ws.cell(5, 2).value == "工业" and ws.cell(6, 2).value is None
    with report_db.session() as s:
        industry = ProjectFilter(categories=("工业",))
        assert written.lines == len(metrics.project_figures(s, PERIOD, industry))
        assert written.projects == metrics.total(s, PERIOD, industry).project_count

    out = tmp_path / "out"
    out.mkdir()
    target = out / "cancelled.xlsx"
    for cancel_at in ("first", "saved"):
        def cancel(done: int, total: int, when: str = cancel_at) -> None:
            if when == "first" or done == -1:  # -1: written to the temporary file
                raise Cancelled

        with pytest.raises(Cancelled), report_db.session() as s:
            write_report(s, PERIOD, target, today=TODAY, progress=cancel)
        assert list(out.iterdir()) == []  # no report, no temporary file


def test_a_template_matches_a_superiors_layout(report_db, tmp_path: Path) -> None:
    template_path = tmp_path / "上级模板.xlsx"
    make_custom_template(template_path)
    layout = templates.load(template_path)
    assert [s.role for s in layout.sheets] == ["detail"]
    assert layout.sheets[0].group_by == "township"
    assert layout.sheets[0].kinds() == ["item", "group", "total"]
    path = tmp_path / "out.xlsx"
    write(report_db, path, template=layout)
    wb = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)["进展表"]
    ws = wb["进展表"]
    assert ws["A1"].value == "重点项目2026年10月进展（县发展和改革委员会）"
    assert ws["D3"].value == "累计1—10月"
    with report_db.session() as s:
        by_township = {r.key: r for r in metrics.summarise(s, PERIOD, by="township")}
        total = metrics.total(s, PERIOD)
    subtotals = {}
    total_row = None
    for r in range(4, ws.max_row + 1):
        label = ws.cell(r, 1).value
        if isinstance(label, str) and label.endswith("小计"):
            subtotals[label[:-2]] = r
        elif label == "合计":
            total_row = r
    assert total_row is not None and ws.cell(total_row + 2, 1).value == "审核："
    assert set(subtotals) == {k or "未分类" for k in by_township}
    for key, row in by_township.items():
        r = subtotals[key or "未分类"]
        assert ws.cell(r, 3).value.startswith("=SUM(")
        assert _dec(values.cell(r, 3).value) == row.month
        assert _dec(values.cell(r, 4).value) == row.ytd
        assert _dec(values.cell(r, 5).value) == row.annual_plan
    assert _dec(values.cell(total_row, 3).value) == total.month
    assert _dec(values.cell(total_row, 4).value) == total.ytd


def test_template_errors_name_the_cell(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["B4"] = "{{项目名}}"
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    with pytest.raises(templates.TemplateError, match=r"B4单元格：未知的占位符“\{\{项目名\}\}”"):
        templates.load(bad)
    with pytest.raises(templates.TemplateError, match="找不到模板文件"):
        templates.load(tmp_path / "missing.xlsx")


def test_the_shipped_template_is_the_generated_one(tmp_path: Path) -> None:
    from exports import make_template

    fresh = tmp_path / "fresh.xlsx"
    make_template.main([str(fresh)])
    shipped = templates.load()
    rebuilt = templates.load(fresh)
    assert [(s.title, s.role, s.kinds(), s.headers) for s in shipped.sheets] == [
        (s.title, s.role, s.kinds(), s.headers) for s in rebuilt.sheets]


def test_cached_values_patch_keeps_other_cells(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A2"], ws["A3"], ws["B1"] = D("1.10"), D("2.20"), "=SUM(A1:A2)", "=A3*2"
    raw, done = tmp_path / "raw.xlsx", tmp_path / "done.xlsx"
    wb.save(raw)
    store_cached_values(raw, done, {ws.title: {"A3": D("3.30"), "B1": ""}})
    back = openpyxl.load_workbook(done, data_only=True).active
    assert back["A1"].value == 1.1 and back["A3"].value == 3.3 and back["B1"].value in ("", None)
    assert openpyxl.load_workbook(done).active["A3"].value == "=SUM(A1:A2)"


# ---------------------------------------------------------------------------------------------
# recalculated by LibreOffice


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate_to_csv(path: Path, out: Path, profile: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``path`` as LibreOffice computes it, recalculating every formula."""
    settings = profile / "user" / "registrymodifications.xcu"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
        '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>'
        "</oor:items>\n", encoding="utf-8")
    out.mkdir(exist_ok=True)
    subprocess.run(
        [_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,false,false,false,-1',
         "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=240,
        env={**os.environ, "HOME": str(profile)},
    )
    sheets = {}
    for file in out.glob(f"{path.stem}-*.csv"):
        with file.open(encoding="utf-8") as handle:
            sheets[file.stem[len(path.stem) + 1:]] = list(csv.reader(handle))
    return sheets


@pytest.mark.slow
@pytest.mark.skipif(_soffice() is None and not os.environ.get("CI"),
                    reason="LibreOffice not installed")
def test_libreoffice_recalculates_to_the_database_figures(report_db, tmp_path: Path) -> None:
    written = write(report_db, tmp_path / "written.xlsx")
    # spoil every stored result, so that only a real recalculation gives the right figures
    spoiled = tmp_path / "spoiled.xlsx"
    store_cached_values(written.path, spoiled,
                        {sheet: dict.fromkeys(cells, 0) for sheet, cells in written.cached.items()})
    sheets = recalculate_to_csv(spoiled, tmp_path / "csv", tmp_path / "profile")
    assert set(sheets) == {"汇总表", "明细表", "滞后项目表", "问题清单", "晾晒排名",
                           "前期工作台账", "资金到位"}
    with report_db.session() as s:
        total = metrics.total(s, PERIOD)
        by_category = {r.key: r for r in metrics.summarise(s, PERIOD, by="category")}
    summary = sheets["汇总表"]
    header = [re.sub(r"\s", "", h) for h in summary[2]]

    def number(text: str) -> Decimal:  # LibreOffice writes percent cells as "74.3%"
        return D(text[:-1]) / 100 if text.endswith("%") else D(text)

    def value(row: list[str], name: str) -> Decimal:
        return number(row[header.index(name)]).quantize(D("0.01"))

    total_row = summary[3]
    assert total_row[1] == "合计"
    assert value(total_row, "总投资") == total.total_investment
    assert value(total_row, "年度计划投资") == total.annual_plan
    assert value(total_row, "1—10月完成投资") == total.ytd
    assert value(total_row, "本月完成投资") == total.month
    assert int(value(total_row, "项目个数")) == total.project_count
    assert number(total_row[header.index("完成率")]) == total.completion_rate / 100
    assert number(total_row[header.index("超(低于)序时进度百分点")]) == total.gap_points
    assert number(total_row[header.index("开工率")]) == total.start_rate / 100
    detail = sheets["明细表"]
    header = [re.sub(r"\s", "", h) for h in detail[2]]
    assert value(detail[3], "总投资") == total.total_investment
    assert value(detail[3], "1—10月完成投资") == total.ytd
    assert value(detail[3], "本月完成投资") == total.month
    for row in detail[4:]:
        match = re.fullmatch(r"(.+)（(\d+)个）", row[1])
        if match:
            expected = by_category[match.group(1)]
            assert value(row, "本年计划投资") == expected.annual_plan
            assert value(row, "1—10月完成投资") == expected.ytd
            assert value(row, "本月完成投资") == expected.month
            assert value(row, "总投资") == expected.total_investment


def test_every_project_reaches_the_report(db, tmp_path: Path) -> None:
    """A package's parts follow it, indented; its own money is left to the parts."""
    with db.transaction() as s:
        package = projects.create(s, ProjectData(name="城区道路打包项目", category="交通能源",
                                                 total_investment=D("900")))
        projects.create(s, ProjectData(name="道路A段", category="交通能源", parent_id=package,
                                       total_investment=D("500")))
        projects.create(s, ProjectData(name="道路B段", category="交通能源", parent_id=package,
                                       total_investment=D("400")))
    path = tmp_path / "m.xlsx"
    write(db, path)
    ws = openpyxl.load_workbook(path)["明细表"]
    values = openpyxl.load_workbook(path, data_only=True)["明细表"]
    names = [ws.cell(r, 2).value for r in range(4, 9)]
    assert names == ["合计（1个）", "交通能源（1个）", "城区道路打包项目", "道路A段", "道路B段"]
    assert values.cell(6, 7).value is None and ws.cell(6, 17).value.startswith("打包项目")
    assert ws.cell(7, 2).alignment.indent == 2
    assert _dec(values.cell(4, 7).value) == D("900.00")
    with db.session() as s:
        assert s.get(Project, package).name == "城区道路打包项目"
