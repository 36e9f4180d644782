"""A blank form that heads each group (一、新开工项目（ 个）) and closes it with a 小计 row: both
kept, the heading with its count and no figures, the 小计 adding up the projects between them,
the 合计 adding up the 小计 rows — and LibreOffice recalculating it to the database's figures."""

from __future__ import annotations

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
GROUPS = ["一、新开工项目（ 个）", "二、续建项目（ 个）"]
NAME, TOTAL_INVESTMENT, YTD = 2, 7, 10  # columns of STANDARD (1-based)


def test_the_headings_and_their_subtotals_are_read(tmp_path: Path) -> None:
    form = build(tmp_path / "f.xlsx", STANDARD, GROUPS, subtotal="{}小计")
    layout = templates.load(form).sheets[0]
    assert layout.kinds() == ["total", "heading", "item", "group"]
    assert layout.group_by == "stage"
    assert [(g.key, g.heading, g.texts) for g in layout.groups or []] == [
        ("新开工", {NAME: "一、新开工项目（{{项目个数}}个）"}, {NAME: "新开工项目小计"}),
        ("续建", {NAME: "二、续建项目（{{项目个数}}个）"}, {NAME: "续建项目小计"})]
    assert not layout.notes


def test_a_plain_subtotal_word_closes_every_group(tmp_path: Path) -> None:
    form = build(tmp_path / "f.xlsx", STANDARD, GROUPS, subtotal="小计", total_on_top=False)
    layout = templates.load(form).sheets[0]
    assert layout.kinds() == ["heading", "item", "group", "total"]
    assert [g.texts for g in layout.groups or []] == [{NAME: "小计"}, {NAME: "小计"}]


def test_a_form_with_subtotals_comes_back_with_them(report_db, db_url: str,
                                                    tmp_path: Path) -> None:
    form = build(tmp_path / "市发改委下发表格.xlsx", STANDARD, GROUPS, subtotal="{}小计")
    out = tmp_path / "报送.xlsx"
    done = run_portfolio("--db", db_url, "export", "xlsx", "--period", str(PERIOD),
                         "--template", str(form), "-o", str(out))
    assert done.returncode == 0, done.stderr
    with report_db.session() as s:
        figures = {f.name: f for f in metrics.project_figures(s, PERIOD)}
    ws = openpyxl.load_workbook(out)["进展情况"]
    values = openpyxl.load_workbook(out, data_only=True)["进展情况"]

    def money(r: int, col: int) -> Decimal:
        return D(str(values.cell(r, col).value)).quantize(D("0.01"))

    headings: dict[int, list[str]] = {}
    subtotals: dict[int, tuple[int, list[str]]] = {}
    total_row = heading = None
    for r in range(5, ws.max_row + 1):
        label = ws.cell(r, NAME).value
        if not isinstance(label, str):
            continue
        if label == "合计":
            total_row = r
        elif label.startswith(("一、", "二、")):
            heading, headings[r] = r, []
        elif label.endswith("小计"):
            assert heading is not None
            subtotals[r] = (heading, headings[heading])
            heading = None
        elif label in figures:
            assert heading is not None, label  # every project between a heading and its 小计
            headings[heading].append(label)
    assert [ws.cell(r, NAME).value for r in subtotals] == ["新开工项目小计", "续建项目小计"]
    assert total_row is not None and total_row < min(headings)
    for r, members in headings.items():
        assert members
        for name in members:
            assert figures[name].stage == ("新开工" if r == min(headings) else "续建"), name
        count = len({figures[n].parent_id or figures[n].project_id for n in members})
        assert ws.cell(r, NAME).value.endswith(f"（{count}个）")
        assert ws.cell(r, TOTAL_INVESTMENT).value is None  # a heading holds no figures
    for r, (head, members) in subtotals.items():
        assert ws.cell(r, YTD).value == f"=SUM(J{head + 1}:J{r - 1})"
        assert money(r, YTD) == sum((figures[n].ytd for n in members if figures[n].is_leaf),
                                    D("0.00"))
    assert ws.cell(total_row, YTD).value == "=SUM(" + ",".join(f"J{r}" for r in subtotals) + ")"
    assert money(total_row, TOTAL_INVESTMENT) == sum(
        (money(r, TOTAL_INVESTMENT) for r in subtotals), D("0.00"))

    if _soffice() is None:
        pytest.skip("LibreOffice not installed")
    formulas = {c.coordinate: 0 for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")}
    spoiled = tmp_path / "spoiled.xlsx"
    store_cached_values(out, spoiled, {"进展情况": formulas})
    rows = recalculate_to_csv(spoiled, tmp_path / "csv", tmp_path / "profile")["进展情况"]
    for r in (*subtotals, total_row):
        shown = D(rows[r - 1][YTD - 1].replace(",", "")).quantize(D("0.01"))
        assert shown == money(r, YTD), (r, rows[r - 1][:3])


def test_subtotals_under_two_levels_of_groups_are_named_when_left_out(tmp_path: Path) -> None:
    two_levels = ["一、新开工项目（ 个）", "（一）工业项目", "二、续建项目（ 个）",
                  "（一）工业项目"]
    layout = templates.load(build(tmp_path / "f.xlsx", STANDARD, two_levels,
                                  subtotal="小计")).sheets[0]
    assert "heading" not in layout.kinds()
    assert any("4个小计行未保留" in note for note in layout.notes), layout.notes
