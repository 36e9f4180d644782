"""A sixth round of the superior's blank forms (:mod:`tests.blank_forms_sixth`), filled through
the command line from a portfolio with monthly figures, recalculated by LibreOffice and read back:
every figure is the one ``status --period`` gives for the same projects."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exports.xlsx.cached_values import store_cached_values
from portfolio import metrics
from portfolio.periods import Period
from tests import blank_forms_sixth as forms
from tests.blank_forms import build_summary
from tests.e2e.cli_helpers import run
from tests.helpers import run_portfolio
from tests.office_files.projects import convert
from tests.unit.exports.test_export_xlsx import _soffice, recalculate_to_csv

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(_soffice() is None, reason="LibreOffice not installed")]
PERIOD = "2026-10"
D = Decimal


def _export(db_url: str, form: Path, out: Path) -> str:
    done = run(db_url, "export", "xlsx", "--period", PERIOD, "--template", str(form),
               "-o", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _status(db_url: str, *filters: str) -> dict:
    done = run(db_url, "status", "--period", PERIOD, "--format", "json", *filters)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["total"]


def _recalculated(out: Path, sheet: str, tmp_path: Path) -> list[list[str]]:
    """The sheet as LibreOffice computes it, every stored result spoiled first."""
    ws = openpyxl.load_workbook(out)[sheet]
    formulas = {c.coordinate: 0 for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")}
    spoiled = tmp_path / "spoiled.xlsx"
    store_cached_values(out, spoiled, {sheet: formulas})
    return recalculate_to_csv(spoiled, tmp_path / "csv", tmp_path / "profile")[sheet]


def _money(text: str) -> str:
    return f"{D(text.replace(',', '') or '0'):.2f}"


@pytest.mark.parametrize("merged", [False, True], ids=["beside", "merged-across"])
def test_groups_that_are_a_numeral_and_a_name(report_db, db_url: str, tmp_path: Path,
                                              merged: bool) -> None:
    """"一" in 序号 and 新开工项目 beside it, or merged across the whole row: a group, with
    its sums (the merge ends before the figures: was a crash on the merged cell)."""
    form = forms.numeral_groups(tmp_path / "市表.xlsx", merged_across=merged)
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, form, out)
    assert ("整行合并，已在金额列前拆分" in stdout) == merged, stdout
    rows = _recalculated(out, "进展情况", tmp_path)
    groups = {row[1]: row for row in rows if row[0] in ("一", "二", "三")}
    assert list(groups) == list(forms.STAGES)
    names = [row[1] for row in rows if row[0].isdigit()]
    assert "新开工项目" not in names and len(names) == len(set(names))
    for label, row in groups.items():
        want = _status(db_url, "--stage", label.removesuffix("项目"))
        # 总投资 G, 计划投资 I, 1—N月完成 J, 本月完成 L
        assert [_money(row[c]) for c in (6, 8, 9, 11)] == [
            want["total_investment"], want["annual_plan"], want["ytd"], want["month"]], label
    total = next(row for row in rows if row[1] == "合计")
    assert _money(total[9]) == f"{sum(D(_money(g[9])) for g in groups.values()):.2f}"


def test_two_summaries_in_one_sheet(report_db, db_url: str, tmp_path: Path) -> None:
    """按建设性质 then 按领域 in one sheet, each with its header line and 合计: both filled
    (was: the second left blank without a word), the lines between them kept."""
    form = forms.two_blocks(tmp_path / "汇总.xlsx")
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, form, out)
    assert "未能填写" not in stdout and "未计入" not in stdout, stdout
    rows = _recalculated(out, "汇总表", tmp_path)
    everything = _status(db_url)
    starts = [n for n, row in enumerate(rows) if row[0] in ("一、按建设性质汇总", "二、按领域汇总")]
    assert len(starts) == 2 and rows[starts[1] - 1] == [""] * len(rows[0])
    for start, (label, keys), option in zip(starts, forms.BLOCKS, ("--stage", "--category"),
                                             strict=True):
        assert rows[start + 1][1] == label
        lines = {row[1]: row for row in rows[start + 2:start + 3 + len(keys)]}
        assert list(lines) == [*keys, "合计"]
        for key in keys:
            want = _status(db_url, option, key)
            assert [lines[key][2], *map(_money, lines[key][3:6])] == [
                str(want["project_count"]), want["total_investment"], want["annual_plan"],
                want["ytd"]], key
        assert [lines["合计"][2], *map(_money, lines["合计"][3:6])] == [
            str(everything["project_count"]), everything["total_investment"],
            everything["annual_plan"], everything["ytd"]]
    assert rows[-1][0].startswith("填表人")


def test_a_summary_by_level(report_db, db_url: str, tmp_path: Path) -> None:
    """省重点 / 市重点 / 县重点 rows: each row the projects holding that level, as
    ``status --level`` counts them, the 合计 every project once, and the sheet and the command
    line saying why the rows add up to more (was: the sheet named as not filled)."""
    form = build_summary(tmp_path / "按级别.xlsx", "项目级别", ["省重点项目", "市重点项目",
                                                             "县重点项目"])
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, form, out)
    assert "未能填写" not in stdout, stdout
    assert "按级别汇总：同时列为多个级别的" in stdout and "各级别行相加不等于合计" in stdout
    rows = _recalculated(out, "汇总表", tmp_path)
    lines = {row[1]: row for row in rows[3:7]}
    assert list(lines) == ["省重点项目", "市重点项目", "县重点项目", "合计"]
    counted = 0
    for label in ("省重点项目", "市重点项目", "县重点项目"):
        want = _status(db_url, "--level", label.removesuffix("项目"))
        assert [lines[label][2], *map(_money, lines[label][3:6])] == [
            str(want["project_count"]), want["total_investment"], want["annual_plan"],
            want["ytd"]], label
        counted += want["project_count"]
    everything = _status(db_url)
    assert [lines["合计"][2], *map(_money, lines["合计"][3:6])] == [
        str(everything["project_count"]), everything["total_investment"],
        everything["annual_plan"], everything["ytd"]]
    assert counted > everything["project_count"]  # the portfolio has projects of two levels
    assert rows[7][0].startswith("注：同一项目可同时列为省重点、市重点、县重点")
    assert rows[-1][0].startswith("填表人")


def test_month_year_to_date_and_a_year_on_year_column(report_db, db_url: str,
                                                      tmp_path: Path) -> None:
    """本月完成 and 1—N月完成 under "2026年", "截至2026年  月底累计完成", the month's texts and
    a 同比增长% column: every figure the database's, the blanks in the header filled, and the
    year-on-year column left empty and named (was: filled with the completion rate)."""
    form = forms.month_and_year(tmp_path / "市表.xlsx")
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, form, out)
    assert "以下列程序无法填写，已留空：2026年同比增长%" in stdout, stdout
    rows = _recalculated(out, "进展情况", tmp_path)
    assert rows[2][8] == "截至2026年10月底累计完成"
    assert rows[3][4:8] == ["年度计划", "本月完成", "1—10月完成", "同比增长%"]
    with report_db.session() as s:
        figures = {f.name: f for f in metrics.project_figures(s, Period(2026, 10))}
    groups = 0
    for row in rows[4:]:
        assert row[7] == "", row  # 同比增长%
        if row[1].startswith(tuple(f"{n}、" for n in forms.NUMERALS)):
            groups += 1
            category = row[1][2:].split("项目")[0]
            want = _status(db_url, "--category", category)
            assert [_money(row[c]) for c in (3, 4, 5, 6, 8)] == [
                want["total_investment"], want["annual_plan"], want["month"], want["ytd"],
                want["cumulative"]], category
            assert row[1].endswith(f"（{want['project_count']}个）")
        elif row[1] in figures:
            f = figures[row[1]]
            assert (_money(row[5]), _money(row[6])) == (f"{f.month:.2f}", f"{f.ytd:.2f}")
            assert row[9:12] == [f.progress, f.problems, f.next_steps], f.name
    assert groups == 6
    total = next(row for row in rows if row[1] == "合计")
    everything = _status(db_url)
    assert [_money(total[c]) for c in (3, 4, 5, 6, 8)] == [
        everything["total_investment"], everything["annual_plan"], everything["month"],
        everything["ytd"], everything["cumulative"]]


@pytest.mark.parametrize("on_top", [False, True], ids=["total-below", "total-on-top"])
def test_serials_written_in_advance_restart_in_every_group(report_db, db_url: str,
                                                           tmp_path: Path, on_top: bool) -> None:
    """序号 1, 2, 3 written under every group of the blank form: the lines are filled, numbered
    anew in every group, and none of the form's numbered empty lines is left under the table
    (was: the last group's, with 合计 on top, kept as the footer)."""
    form = forms.serials_per_group(tmp_path / "市表.xlsx", total_on_top=on_top)
    out = tmp_path / "报送.xlsx"
    _export(db_url, form, out)
    rows = _recalculated(out, "进展情况", tmp_path)
    assert not [row for row in rows if row[0].isdigit() and not row[1]]
    numbers: dict[str, list[int]] = {}
    label = ""
    for row in rows[4:]:
        if row[1][:2] in ("一、", "二、", "三、"):
            label = row[1][2:].removesuffix("项目")
            numbers[label] = []
            want = _status(db_url, "--stage", label)
            assert [_money(row[c]) for c in (6, 8, 9, 11)] == [
                want["total_investment"], want["annual_plan"], want["ytd"], want["month"]]
        elif row[0].isdigit():
            numbers[label].append(int(row[0]))
    assert list(numbers) == ["新开工", "续建", "前期"]
    for label, got in numbers.items():
        assert got == list(range(1, len(got) + 1)), label
    assert rows[-1][0].startswith("填表人") and not any(rows[-2])


def test_an_xls_form_goes_back_as_xls(report_db, db_url: str, tmp_path: Path) -> None:
    """A form sent as .xls, filled and named .xls: a real Excel 97-2003 file with the
    database's figures (was: an .xlsx under an .xls name, which Excel warns of); without
    LibreOffice a Chinese message and no file."""
    form = convert(forms.numeral_groups(tmp_path / "市表.xlsx", merged_across=False), "xls")
    out = tmp_path / "报送.xls"
    _export(db_url, form, out)
    assert out.read_bytes()[:8] == bytes.fromhex("D0CF11E0A1B11AE1")  # OLE2: Excel 97-2003
    rows = recalculate_to_csv(out, tmp_path / "csv", tmp_path / "profile")["进展情况"]
    groups = {row[1]: row for row in rows if row[0] in ("一", "二", "三")}
    assert list(groups) == list(forms.STAGES)
    for label, row in groups.items():
        want = _status(db_url, "--stage", label.removesuffix("项目"))
        assert [_money(row[c]) for c in (6, 9, 11)] == [
            want["total_investment"], want["ytd"], want["month"]], label

    empty = tmp_path / "bin"
    empty.mkdir()
    done = run_portfolio("--db", db_url, "export", "xlsx", "--period", PERIOD, "-o",
                         str(tmp_path / "无.xls"), env={**os.environ, "PATH": str(empty)})
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "错误：保存为旧版 Excel（.xls）需要 LibreOffice，但本机没有安装；请安装 LibreOffice，"
        "或导出为 .xlsx 后在 Excel/WPS 中另存为 .xls")
    assert not list(tmp_path.glob("无*"))


def test_the_period_blanks_over_the_figures(report_db, db_url: str, tmp_path: Path) -> None:
    """"1—  月", "  月份" and "截至2026年  月底" over 完成投资 / 累计完成投资: the month filled in
    each and every column the database's (was: "  月份 / 完成投资" left empty and named)."""
    form = forms.blanks_over_the_figures(tmp_path / "市表.xlsx")
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, form, out)
    assert "无法填写" not in stdout and "未填入" not in stdout, stdout
    rows = _recalculated(out, "进展情况", tmp_path)
    assert rows[2][4:8] == ["1—10月", "", "10月份", "截至2026年10月底"]
    lines = {row[1]: row for row in rows[4:] if row[1][:2] in {g[:2] for g in forms.ALL_STAGES}}
    assert len(lines) == 5
    lines["合计"] = next(row for row in rows if row[1] == "合计")
    for label, row in lines.items():
        want = _status(db_url, *(("--stage", label[2:].removesuffix("项目"))
                                 if label != "合计" else ()))
        assert [_money(row[c]) for c in (2, 3, 4, 6, 7)] == [
            want["total_investment"], want["annual_plan"], want["ytd"], want["month"],
            want["cumulative"]], label


def test_a_summary_under_the_list_of_projects(report_db, db_url: str, tmp_path: Path) -> None:
    """"附：分领域汇总" under the list in the same sheet: the list ends above it and the summary
    is filled, its 合计 the rows it has (was: its rows read as groups of the list, its
    header as a project)."""
    form = forms.list_then_summary(tmp_path / "市表.xlsx")
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, form, out)
    assert "没有以下领域的行" in stdout and "分组只有新开工、续建，" in stdout, stdout
    rows = _recalculated(out, "进展情况", tmp_path)
    groups = {row[1][2:]: row for row in rows if row[1][:2] in ("一、", "二、")}
    assert list(groups) == ["新开工项目", "续建项目"]
    for label, row in groups.items():
        want = _status(db_url, "--stage", label.removesuffix("项目"))
        assert [_money(row[c]) for c in (6, 9, 11)] == [
            want["total_investment"], want["ytd"], want["month"]], label
    at = next(n for n, row in enumerate(rows) if row[0] == "附：分领域汇总")
    assert rows[at + 1][:5] == ["序号", "领域", "项目个数", "总投资", "1—10月完成投资"]
    shown = {row[1]: row for row in rows[at + 2:at + 5]}
    assert list(shown) == ["工业", "农业", "合计"]
    for key in ("工业", "农业"):
        want = _status(db_url, "--category", key)
        assert [shown[key][2], _money(shown[key][3]), _money(shown[key][4])] == [
            str(want["project_count"]), want["total_investment"], want["ytd"]], key
    assert [int(shown["合计"][2]), D(_money(shown["合计"][4]))] == [
        int(shown["工业"][2]) + int(shown["农业"][2]),
        D(_money(shown["工业"][4])) + D(_money(shown["农业"][4]))]
    assert rows[-1][0] == "填表人："
    listed = [row[1] for row in rows[:at] if row[0].isdigit()]
    assert "领域" not in listed and len(listed) == len(set(listed))


def test_a_total_broken_down_by_several_kinds(report_db, db_url: str, tmp_path: Path) -> None:
    """合计, then 其中：省重点 / 市重点 / 新开工 / 续建 (each row of another kind): every row as
    ``status --level`` or ``--stage`` counts it, the 合计 every project once, a line under the
    table saying the rows cross (was: all zeros, the rows matched against 乡镇)."""
    rows_asked = ["其中：省重点项目", "市重点项目", "新开工项目", "续建项目"]
    form = build_summary(tmp_path / "分项.xlsx", "类别", rows_asked, total_on_top=True)
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, form, out)
    assert "乡镇" not in stdout and "各行相加不等于合计" in stdout, stdout
    rows = _recalculated(out, "汇总表", tmp_path)
    lines = {row[1]: row for row in rows[3:8]}
    assert list(lines) == ["合计", *rows_asked]
    for label, option in zip(rows_asked, ("--level", "--level", "--stage", "--stage"),
                             strict=True):
        want = _status(db_url, option, label.removeprefix("其中：").removesuffix("项目"))
        assert [lines[label][2], *map(_money, lines[label][3:6])] == [
            str(want["project_count"]), want["total_investment"], want["annual_plan"],
            want["ytd"]], label
    everything = _status(db_url)
    assert [lines["合计"][2], *map(_money, lines["合计"][3:6])] == [
        str(everything["project_count"]), everything["total_investment"],
        everything["annual_plan"], everything["ytd"]]
    assert rows[8][0].startswith("注：各分项分别按级别、建设性质、领域统计")
