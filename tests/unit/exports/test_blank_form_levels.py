"""A blank form grouped on two levels (一、新开工项目 over （一）工业项目): every project under the
lower-level group its 建设性质 and 领域 name, each group adding up the level below it, and
LibreOffice recalculating the filled form to exactly the database's figures; forms that word
their groups their own way, and forms in 亿元."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exports import template as templates
from exports.xlsx.cached_values import store_cached_values
from portfolio import metrics
from tests.blank_forms import STANDARD, build
from tests.helpers import run_portfolio
from tests.report_db import PERIOD
from tests.unit.exports.test_export_xlsx import _soffice, recalculate_to_csv

D = Decimal
TWO_LEVELS = ["一、新开工项目（ 个）", "（一）工业项目（ 个）", "（二）城建项目（ 个）",
              "二、续建项目（ 个）", "（一）工业项目（ 个）", "（二）社会事业项目（ 个）"]
OUTER = re.compile(r"^([一二])、(.+?)项目")
INNER = re.compile(r"^[（(]([一二])[)）](.+?)项目")
NAME, TOTAL_INVESTMENT, YTD, MONTH = 2, 7, 10, 12  # columns of STANDARD (1-based)


def _export(db_url: str, form: Path, out: Path) -> str:
    done = run_portfolio("--db", db_url, "export", "xlsx", "--period", str(PERIOD),
                         "--template", str(form), "-o", str(out))
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_form_is_read_on_two_levels(tmp_path: Path) -> None:
    layout = templates.load(build(tmp_path / "f.xlsx", STANDARD, TWO_LEVELS)).sheets[0]
    assert layout.group_by == "stage" and layout.subgroup_by == "category"
    assert [(g.key, [s.key for s in g.subgroups]) for g in layout.groups or []] == [
        ("新开工", ["工业", "城建"]), ("续建", ["工业", "社会事业"])]
    assert not layout.notes or "下级分组" not in " ".join(layout.notes)


def test_a_two_level_form_is_filled_at_both_levels(report_db, db_url: str,
                                                  tmp_path: Path) -> None:
    blank = build(tmp_path / "市发改委下发表格.xlsx", STANDARD, TWO_LEVELS)
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, blank, out)
    with report_db.session() as s:
        figures = {f.name: f for f in metrics.project_figures(s, PERIOD)}
    ws = openpyxl.load_workbook(out)["进展情况"]
    values = openpyxl.load_workbook(out, data_only=True)["进展情况"]

    outer: dict[int, tuple[str, list[int]]] = {}
    inner: dict[int, tuple[str, str, list[str]]] = {}
    total_row = current_outer = current_inner = None
    for r in range(5, ws.max_row + 1):
        label = ws.cell(r, NAME).value
        if not isinstance(label, str):
            continue
        if label.startswith("合计"):
            total_row = r
        elif match := OUTER.match(label):
            current_outer, current_inner = r, None
            outer[r] = (match.group(2), [])
        elif match := INNER.match(label):
            assert current_outer is not None
            current_inner = r
            inner[r] = (outer[current_outer][0], match.group(2), [])
            outer[current_outer][1].append(r)
        elif label in figures:
            assert current_inner is not None, label  # every project under a lower-level group
            inner[current_inner][2].append(label)
    assert [v[0] for v in outer.values()] == ["新开工", "续建"]
    assert [(v[0], v[1]) for v in inner.values()] == [
        ("新开工", "工业"), ("新开工", "城建"), ("续建", "工业"), ("续建", "社会事业")]

    def money(r: int, col: int) -> Decimal:
        return D(str(values.cell(r, col).value)).quantize(D("0.01"))

    listed: list[str] = []
    for r, (stage, category, members) in inner.items():
        for name in members:
            assert (figures[name].stage, figures[name].category) == (stage, category), name
        listed += members
        count = len({figures[n].parent_id or figures[n].project_id for n in members})
        assert ws.cell(r, NAME).value.endswith(f"（{count}个）")
        assert money(r, MONTH) == sum((figures[n].month for n in members
                                       if figures[n].is_leaf), D("0.00"))
    assert len(listed) == len(set(listed)) and listed
    for r, (_, children) in outer.items():
        formula = ws.cell(r, MONTH).value
        assert formula == "=SUM(" + ",".join(f"L{c}" for c in children) + ")", formula
        assert money(r, MONTH) == sum((money(c, MONTH) for c in children), D("0.00"))
    assert total_row is not None
    assert ws.cell(total_row, MONTH).value == "=SUM(" + ",".join(f"L{r}" for r in outer) + ")"
    assert money(total_row, TOTAL_INVESTMENT) == sum(
        (figures[n].total_investment or D(0) for n in listed if figures[n].is_leaf), D("0.00"))

    # the rest named, each under the 建设性质 / 领域 the form has no group for
    assert "未填入（按建设性质 / 领域）" in stdout
    for name, f in figures.items():
        if name not in listed and f.is_leaf and f.parent_id is None:
            assert name in stdout, name

    if _soffice() is None:
        pytest.skip("LibreOffice not installed")
    formulas = {c.coordinate: 0 for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")}
    spoiled = tmp_path / "spoiled.xlsx"
    store_cached_values(out, spoiled, {"进展情况": formulas})
    rows = recalculate_to_csv(spoiled, tmp_path / "csv", tmp_path / "profile")["进展情况"]
    for r in (*outer, *inner, total_row):
        shown = D(rows[r - 1][YTD - 1].replace(",", "")).quantize(D("0.01"))
        assert shown == money(r, YTD), (r, rows[r - 1][:3])


def test_a_form_words_its_fields_its_own_way(tmp_path: Path) -> None:
    """先进制造业, 现代服务业, 基础设施, 社会民生: the 领域 they stand for, not places."""
    groups = ["一、先进制造业项目（ 个）", "二、现代服务业项目", "三、基础设施项目",
              "四、社会民生项目"]
    layout = templates.load(build(tmp_path / "f.xlsx", STANDARD, groups)).sheets[0]
    assert layout.group_by == "category"
    assert [g.key for g in layout.groups or []] == ["工业", "服务业", "城建", "社会事业"]


def _in_yi(path: Path, *, only: str | None = None) -> Path:
    """The form with its money in 亿元: the whole sheet ("单位：亿元"), or ``only`` one column."""
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for row in ws.iter_rows(max_row=4):
        for cell in row:
            if only is None and cell.value == "单位：万元":
                cell.value = "单位：亿元"
            elif only is not None and cell.value == only:
                cell.value = f"{only}（亿元）"
    wb.save(path)
    return path


def test_a_form_in_yi_yuan_is_filled_in_yi_yuan(report_db, db_url: str, tmp_path: Path) -> None:
    """Figures are kept in 万元; a form whose 单位 is 亿元 gets every amount divided by 10000,
    exactly, and its sums recalculate to the same."""
    blank = _in_yi(build(tmp_path / "省里的表.xlsx", STANDARD, TWO_LEVELS[:3]))
    out = tmp_path / "报省里.xlsx"
    stdout = _export(db_url, blank, out)
    assert "金额按表格的单位亿元填写" in stdout
    with report_db.session() as s:
        figures = {f.name: f for f in metrics.project_figures(s, PERIOD)}
    values = openpyxl.load_workbook(out, data_only=True)["进展情况"]
    items = [r for r in range(5, values.max_row + 1) if values.cell(r, NAME).value in figures]
    assert items
    for r in items:
        f = figures[values.cell(r, NAME).value]
        if f.is_leaf and f.total_investment is not None:
            assert D(str(values.cell(r, TOTAL_INVESTMENT).value)) == f.total_investment / 10000
    total_row = next(r for r in range(5, values.max_row + 1)
                     if str(values.cell(r, NAME).value).startswith("合计"))
    listed = [figures[values.cell(r, NAME).value] for r in items]
    expected = sum((f.ytd for f in listed if f.is_leaf), D("0.00")) / 10000
    assert D(str(values.cell(total_row, YTD).value)) == expected


def test_a_form_mixing_money_units_is_refused_by_name(tmp_path: Path) -> None:
    blank = _in_yi(build(tmp_path / "f.xlsx", STANDARD, TWO_LEVELS[:3]), only="总投资")
    with pytest.raises(templates.TemplateError, match=r"金额列单位不一致.*总投资.*亿元"):
        templates.load(blank)
