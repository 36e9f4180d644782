"""Blank forms grouped by 级别 (一、省重点项目 / 二、市重点项目: each project under the highest
level it holds that the form has a group for, listed once; the others named after the export),
and forms with a group of the rest (四、其他项目: every project no other group names)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
from sqlalchemy import delete, select

from db.models import Project, ProjectLevel
from exports import template as templates
from portfolio import metrics
from tests.blank_forms import STANDARD, build
from tests.helpers import run_portfolio
from tests.report_db import PERIOD

NAME, MONTH = 2, 12  # columns of STANDARD (1-based)
GROUPS = ["一、省重点项目（ 个）", "二、市级重点项目（ 个）"]


def test_a_form_grouped_by_level_is_read_so(tmp_path: Path) -> None:
    layout = templates.load(build(tmp_path / "f.xlsx", STANDARD, GROUPS)).sheets[0]
    assert layout.group_by == "level"
    assert [g.key for g in layout.groups or []] == ["省重点", "市重点"]


def test_projects_go_under_their_highest_level(report_db, db_url: str, tmp_path: Path) -> None:
    with report_db.transaction() as s:
        ids = s.scalars(select(Project.id).where(Project.parent_id.is_(None))
                        .order_by(Project.id)).all()
        s.execute(delete(ProjectLevel))
        both, city, county = ids[:3], ids[3:8], ids[8:10]
        s.add_all([ProjectLevel(project_id=p, level=lv)
                   for p in both for lv in ("省重点", "市重点")]
                  + [ProjectLevel(project_id=p, level="市重点") for p in city]
                  + [ProjectLevel(project_id=p, level="县重点") for p in county])
    form = build(tmp_path / "按级别.xlsx", STANDARD, GROUPS)
    out = tmp_path / "报送.xlsx"
    done = run_portfolio("--db", db_url, "export", "xlsx", "--period", str(PERIOD),
                         "--template", str(form), "-o", str(out))
    assert done.returncode == 0, done.stderr
    with report_db.session() as s:
        figures = {f.name: f for f in metrics.project_figures(s, PERIOD)}
        name_of = {pid: name for pid, name in s.execute(select(Project.id, Project.name))}

    ws = openpyxl.load_workbook(out)["进展情况"]
    values = openpyxl.load_workbook(out, data_only=True)["进展情况"]
    listed = {group: [n for n in names if figures[n].parent_id is None]
              for group, names in _groups_of(out, figures).items()}
    assert list(listed) == ["一、省重点项目（3个）", "二、市级重点项目（5个）"]
    # a project both 省重点 and 市重点 once, under the higher
    assert sorted(listed["一、省重点项目（3个）"]) == sorted(name_of[p] for p in both)
    assert sorted(listed["二、市级重点项目（5个）"]) == sorted(name_of[p] for p in city)
    total = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, NAME).value == "合计")
    assert Decimal(str(values.cell(total, MONTH).value)).quantize(Decimal("0.01")) == sum(
        (figures[name_of[p]].month for p in (*both, *city)), Decimal("0.00"))
    assert "未填入（按级别）" in done.stdout
    assert "县重点（2个）" in done.stdout and "未填（" in done.stdout


def _groups_of(out: Path, figures: dict) -> dict[str, list[str]]:
    ws = openpyxl.load_workbook(out)["进展情况"]
    listed: dict[str, list[str]] = {}
    group = None
    for r in range(5, ws.max_row + 1):
        label = ws.cell(r, NAME).value
        if isinstance(label, str) and label[:2] in ("一、", "二、", "三、", "四、"):
            group = label
            listed[group] = []
        elif isinstance(label, str) and label in figures:
            assert group is not None
            listed[group].append(label)
    return listed


def test_a_group_of_the_rest_takes_every_project_no_other_names(report_db, db_url: str,
                                                                  tmp_path: Path) -> None:
    groups = ["一、工业项目", "二、基础设施项目", "三、社会民生项目", "四、其他项目"]
    form = build(tmp_path / "其他.xlsx", STANDARD, groups)
    layout = templates.load(form).sheets[0]
    assert layout.group_by == "category"
    assert [g.key for g in layout.groups or []] == ["工业", "城建", "社会事业", "其他"]
    out = tmp_path / "报送.xlsx"
    done = run_portfolio("--db", db_url, "export", "xlsx", "--period", str(PERIOD),
                         "--template", str(form), "-o", str(out))
    assert done.returncode == 0, done.stderr
    with report_db.session() as s:
        figures = {f.name: f for f in metrics.project_figures(s, PERIOD)}
    listed = _groups_of(out, figures)
    rest = sorted(n for n, f in figures.items() if f.category not in ("工业", "城建", "社会事业"))
    assert rest and sorted(listed["四、其他项目"]) == rest
    assert sum(len(names) for names in listed.values()) == len(figures)  # nobody left out
    assert "未填入" not in done.stdout
    assert f"“其他”组列入其余分组都不包括的 {len(rest)} 个项目（按领域）" in done.stdout
