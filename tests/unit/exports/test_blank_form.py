"""The report in the superior's own blank form: a form as a city commission sends it (no
``{{…}}``) is filled through the command line, grouped its way, with figures that LibreOffice
recalculates to exactly the database's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from db.models import Project
from exports import template as templates
from exports.blank_form import fill_blanks
from exports.form_groups import group_key
from exports.xlsx.cached_values import store_cached_values
from portfolio import metrics
from portfolio.metrics import ProjectFigures
from portfolio.vocabulary import CATEGORIES
from tests.blank_forms import STANDARD, build
from tests.helpers import run_portfolio
from tests.report_db import PERIOD
from tests.unit.exports.test_export_xlsx import _soffice, recalculate_to_csv

D = Decimal
STAGE_GROUPS = ["一、新开工项目（  个）", "二、续建项目（ 个）", "三、前期项目（个）"]
#: another office's order, with columns the program has no figure for
REORDERED = ["序号", "项目名称", "项目代码", "责任单位", ("投资情况", "总投资"),
             ("投资情况", "2026年计划投资"), ("投资情况", "1—  月完成"), "本月完成投资",
             "用地保障情况", "形象进度", "建设性质", "备注"]


@dataclass
class Form:
    columns: list
    groups: list[str]
    #: what the groups name: 建设性质, 领域 or nothing
    by: str | None
    total: str | None = "合计"
    total_on_top: bool = True


FORMS = {
    "by-stage": Form(STANDARD, STAGE_GROUPS, "stage"),
    "by-category": Form(STANDARD, [f"{n}、{c}项目（ 个）" for n, c in zip(
        "一二三四五六", CATEGORIES, strict=True)], "category", "合  计", total_on_top=False),
    "no-groups": Form(STANDARD, [], None, "总计", total_on_top=False),
    "reordered": Form(REORDERED, ["一、新开工项目", "二、续建项目"], "stage"),
}


def _export(db_url: str, form: Path, out: Path) -> str:
    done = run_portfolio("--db", db_url, "export", "xlsx", "--period", str(PERIOD),
                         "--template", str(form), "-o", str(out))
    assert done.returncode == 0, done.stderr
    return done.stdout


def _columns(ws, form: Form) -> dict[str, int]:
    """Header → column, "2026年 / 计划投资" read as its child."""
    return {(spec[1] if isinstance(spec, tuple) else spec): i
            for i, spec in enumerate(form.columns, start=1)}


def _key(f: ProjectFigures, by: str | None) -> str:
    return {"stage": f.stage, "category": f.category, None: ""}[by]


def _read(path: Path, form: Form, figures: dict[str, ProjectFigures]):  # type: ignore[no-untyped-def]
    """Group label → (row, member names); the total row; from the written sheet."""
    ws = openpyxl.load_workbook(path)["进展情况"]
    col = _columns(ws, form)
    groups: dict[str, tuple[int, list[str]]] = {}
    total_row = None
    current: list[str] | None = None
    for r in range(5, ws.max_row + 1):
        name = ws.cell(r, col["项目名称"]).value
        if name in figures:
            assert current is not None or not form.groups
            (current if current is not None else groups.setdefault("", (0, []))[1]).append(name)
        elif isinstance(name, str) and re.sub(r"\s", "", name).startswith(("合计", "总计")):
            total_row = r
        elif isinstance(name, str) and re.match("^[一二三四五六]、", name):
            current = []
            groups[name] = (r, current)
    return ws, col, groups, total_row


@pytest.mark.parametrize("kind", list(FORMS))
def test_a_blank_form_comes_back_filled_its_way(report_db, db_url: str, tmp_path: Path,
                                                kind: str) -> None:
    form = FORMS[kind]
    with report_db.transaction() as s:  # 项目代码 for a few projects
        for n, project in enumerate(s.scalars(select(Project).order_by(Project.id).limit(5))):
            project.project_code = f"2503-411425-04-01-{n:06d}"
    blank = build(tmp_path / "市发改委下发表格.xlsx", form.columns, form.groups,
                  total=form.total, total_on_top=form.total_on_top)
    set_up = run_portfolio("--db", db_url, "export", "settings", "--unit",
                           "XX县发展和改革委员会", "--region", "XX县")
    assert set_up.returncode == 0, set_up.stderr
    out = tmp_path / "报送.xlsx"
    stdout = _export(db_url, blank, out)
    with report_db.session() as s:
        every = metrics.project_figures(s, PERIOD)
    figures = {f.name: f for f in every}
    assert len(figures) == len(every)

    ws, col, groups, total_row = _read(out, form, figures)
    values = openpyxl.load_workbook(out, data_only=True)["进展情况"]
    original = openpyxl.load_workbook(blank)["进展情况"]

    # the form's frame: title and blanks filled, header, widths, merges, print titles
    assert ws["A1"].value == "XX市2026年重点项目建设进展情况表（1—10月）"
    assert re.fullmatch(r"填报单位：XX县发展和改革委员会\s{10,}填报日期：\d{4}年\d{1,2}月\d{1,2}日",
                        ws["A2"].value)
    assert "A1:" in str(ws.merged_cells) and ws.print_title_rows == original.print_title_rows
    for r in (3, 4):
        for c in range(1, len(form.columns) + 1):
            expected = original.cell(r, c).value
            assert ws.cell(r, c).value == (fill_blanks(expected).replace("{{1—N月}}", "1—10月")
                                           if isinstance(expected, str) else expected)
    for letter, dimension in original.column_dimensions.items():
        assert ws.column_dimensions[letter].width == dimension.width
    assert ws.cell(ws.max_row, 1).value.startswith("填表人：")

    # every project once, in the group its form names; the rest named on the command line
    named = {group_key(label): label for label in form.groups}
    listed = [n for _, members in groups.values() for n in members]
    assert len(listed) == len(set(listed))
    left_out = set(figures) - set(listed)
    for name in listed:
        label = next(lb for lb, (_, members) in groups.items() if name in members)
        if form.by:
            assert group_key(label).startswith(_key(figures[name], form.by)), (name, label)
    for name in left_out:
        assert _key(figures[name], form.by) not in {group_key(g) for g in form.groups}
        assert name in stdout
    if left_out:
        assert f"其中 {len(left_out)} 个未填入" in stdout
    if form.groups:
        assert [re.sub(r"（\d+个）$", "", g) for g in groups] == [
            re.sub(r"（\s*个）$", "", g) for g in form.groups]
        assert set(named)  # every group row kept, empty or not
    if kind == "reordered":
        assert "用地保障情况" in stdout and "项目代码" not in stdout
        with report_db.session() as s:
            codes = {name: code or None for name, code in
                     s.execute(select(Project.name, Project.project_code))}
        assert sum(1 for code in codes.values() if code) == 5
        for r in range(6, ws.max_row):
            name = ws.cell(r, col["项目名称"]).value
            if name in figures:
                assert ws.cell(r, col["项目代码"]).value == codes[name], name
            assert ws.cell(r, col["用地保障情况"]).value is None

    # counts and subtotals: the stored results are the database's figures
    money = {"总投资": "total_investment", "本月完成投资": "month",
             "1—10月完成": "ytd", "1—  月完成": "ytd"}
    for label, (r, members) in groups.items():
        if not label:
            continue
        count = len({figures[n].parent_id or figures[n].project_id for n in members})
        if "个）" in label:
            assert label.endswith(f"（{count}个）"), label
        for header, attribute in money.items():
            if header in col:
                expected = sum((getattr(figures[n], attribute) for n in members
                                if figures[n].is_leaf), D("0.00"))
                assert D(str(values.cell(r, col[header]).value)).quantize(D("0.01")) == expected
    assert total_row is not None
    for header, attribute in money.items():
        if header in col:
            expected = sum((getattr(figures[n], attribute) for n in listed
                            if figures[n].is_leaf), D("0.00"))
            assert ws.cell(total_row, col[header]).value.startswith("=SUM(")
            assert D(str(values.cell(total_row, col[header]).value)).quantize(
                D("0.01")) == expected


@pytest.mark.slow
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("kind", ["by-stage", "reordered"])
def test_libreoffice_recalculates_the_form_to_the_database(report_db, db_url: str,
                                                          tmp_path: Path, kind: str) -> None:
    form = FORMS[kind]
    with report_db.transaction() as s:  # 项目代码 for a few projects
        for n, project in enumerate(s.scalars(select(Project).order_by(Project.id).limit(5))):
            project.project_code = f"2503-411425-04-01-{n:06d}"
    blank = build(tmp_path / "form.xlsx", form.columns, form.groups, total=form.total,
                  total_on_top=form.total_on_top)
    out = tmp_path / "out.xlsx"
    _export(db_url, blank, out)
    # spoil every stored result: only a real recalculation gives the right figures
    formulas = openpyxl.load_workbook(out)["进展情况"]
    cells = {c.coordinate: 0 for row in formulas.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=")}
    spoiled = tmp_path / "spoiled.xlsx"
    store_cached_values(out, spoiled, {"进展情况": cells})
    rows = recalculate_to_csv(spoiled, tmp_path / "csv", tmp_path / "profile")["进展情况"]
    with report_db.session() as s:
        total = metrics.total(s, PERIOD)
        by_stage = {r.key: r for r in metrics.summarise(s, PERIOD, by="stage")}
    col = {k: v - 1 for k, v in _columns(None, form).items()}
    ytd = col.get("1—  月完成")

    def number(text: str) -> Decimal:
        return D(text.replace(",", "")).quantize(D("0.01"))

    shown = D("0.00")
    for row in rows[4:]:
        label = row[col["项目名称"]]
        match = re.match(r"^[一二三]、(.+?)项目", label)
        if match:
            expected = by_stage[match.group(1)]
            assert number(row[col["本月完成投资"]]) == expected.month
            assert number(row[ytd]) == expected.ytd
            assert number(row[col["总投资"]]) == expected.total_investment
            shown += expected.month
        elif label.startswith("合计"):
            assert number(row[col["本月完成投资"]]) == shown or shown == 0
            total_row = row
    assert number(total_row[col["本月完成投资"]]) == sum(
        (by_stage[k].month for k in ("新开工", "续建", "前期")[:len(form.groups)]), D("0.00"))
    assert total.month >= number(total_row[col["本月完成投资"]])


def test_group_rows_read_as_the_form_words_them(tmp_path: Path) -> None:
    assert [group_key(t) for t in ("一、新开工项目（  个）", "（二）续建项目", "三、工业类项目",
                                   "四、城关镇")] == ["新开工", "续建", "工业", "城关镇"]
    assert fill_blanks("XX市2026年重点项目建设进展情况表（1—  月）") == (
        "XX市2026年重点项目建设进展情况表（{{1—N月}}）")
    assert fill_blanks("截至2026年  月底") == "截至2026年{{月份}}月底"
    assert fill_blanks("填报日期：  年  月  日") == "填报日期：{{填报日期}}"
    layout = templates.load(build(tmp_path / "f.xlsx", STANDARD, STAGE_GROUPS)).sheets[0]
    assert layout.group_by == "stage" and layout.kinds() == ["total", "group", "item"]
    assert [g.key for g in layout.groups or []] == ["新开工", "续建", "前期"]
    assert layout.groups and layout.groups[0].texts == {2: "一、新开工项目（{{项目个数}}个）"}


def test_a_stage_group_token_in_a_template(report_db, tmp_path: Path) -> None:
    """{{建设性质}} groups a template's lines as {{领域}} does."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for c, (header, item, group) in enumerate([
            ("项目名称", "{{项目名称}}", "{{建设性质}}（{{项目个数}}个）"),
            ("本月完成投资", "{{本月完成投资}}", "{{本月完成投资}}")], start=1):
        ws.cell(1, c, header)
        ws.cell(2, c, group)
        ws.cell(3, c, item)
    path = tmp_path / "t.xlsx"
    wb.save(path)
    layout = templates.load(path)
    assert layout.sheets[0].group_by == "stage"
    from tests.report_db import write

    write(report_db, tmp_path / "o.xlsx", template=layout)
    out = openpyxl.load_workbook(tmp_path / "o.xlsx", data_only=True).active
    labels = [out.cell(r, 1).value for r in range(2, out.max_row + 1)
              if re.fullmatch(r".+（\d+个）", str(out.cell(r, 1).value))]
    assert [lb.split("（")[0] for lb in labels] == [
        s for s in ("新开工", "续建", "竣工", "前期", "储备")
        if any(lb.startswith(s) for lb in labels)]


def test_a_month_alone_is_a_blank_for_the_month() -> None:
    assert fill_blanks("  月份") == "{{月份}}月份"
    assert fill_blanks("  月完成投资") == "{{月份}}月完成投资"
    assert fill_blanks("填报日期：  年  月  日") == "填报日期：{{填报日期}}"
