"""The 问题台账's figures by 责任单位 and 乡镇 (the overview's table, the ranking's 逾期未解决问题,
``portfolio status``): exact figures on problems at the edges of the month, the same totals as
the counts by 协调单位, and the problems behind each figure as many as the figure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from db.queries import ProjectFilter
from portfolio import problems, projects, ranking
from portfolio.periods import Period
from portfolio.problems import ProblemData
from portfolio.problems.by_group import FIGURES, ProblemSelection, counts_by, problem_ids
from portfolio.projects import ProjectData

JUNE = Period(2026, 6)
TODAY = dt.date(2026, 11, 20)


def _fill(s) -> dict[str, int]:
    def project(name: str, unit: str, township: str) -> int:
        return projects.create(s, ProjectData(name=name, total_investment=Decimal("5000"),
                                              unit=unit, township=township))

    def problem(pid: int, raised: Period = JUNE, **kw) -> int:
        return problems.add(s, ProblemData(project_id=pid, raised=raised,
                                           description=kw.pop("description", "用地指标未落实"),
                                           **kw), today=TODAY)

    road = project("城南道路", "县交通运输局", "城关镇")
    bridge = project("惠济河大桥", "县交通运输局", "南彰镇")
    school = project("县一中扩建", "县教育局", "城关镇")
    orphan = project("无主项目", "", "")
    return {
        # 县交通运输局 / 城关镇: overdue at the end of June (deadline the 29th)
        "late": problem(road, unit="县自然资源局", deadline=dt.date(2026, 6, 29)),
        # due on the last day of June: open, not overdue
        "due_last_day": problem(road, deadline=dt.date(2026, 6, 30)),
        # 县交通运输局 / 南彰镇: solved on the last day of June
        "solved": problem(bridge, state="已解决", resolution="已协调",
                          deadline=dt.date(2026, 6, 10), resolved_on=dt.date(2026, 6, 30)),
        # 县教育局 / 城关镇: solved in July after its deadline, so overdue at the end of June
        "late_then_solved": problem(school, raised=Period(2026, 5), deadline=dt.date(2026, 5, 31),
                                    state="已解决", resolution="已报批",
                                    resolved_on=dt.date(2026, 7, 8)),
        # solved in May: neither open nor solved in June
        "solved_before": problem(school, raised=Period(2026, 5), state="已解决",
                                 resolution="已办", resolved_on=dt.date(2026, 5, 20)),
        # 无法解决 in June: closed, not counted as solved
        "given_up": problem(school, state="无法解决", resolution="规划调整",
                            resolved_on=dt.date(2026, 6, 5)),
        # raised in July: not in June's figures
        "later": problem(road, raised=Period(2026, 7), deadline=dt.date(2026, 7, 1)),
        # a project without a unit or township: open and overdue
        "orphan": problem(orphan, deadline=dt.date(2026, 6, 1)),
    }


def _lines(found) -> list[tuple[str | None, int, int, int]]:
    return [(c.unit, c.open, c.overdue, c.solved) for c in found.by_unit]


def test_counts_by_unit_and_township(any_db) -> None:
    with any_db.transaction() as s:
        _fill(s)
    with any_db.session() as s:
        by_unit = counts_by(s, JUNE, by="unit")
        by_township = counts_by(s, JUNE, by="township")
        by_coordinator = problems.counts(s, JUNE)
        roads = counts_by(s, JUNE, ProjectFilter(townships=("南彰镇",)), by="unit")
    assert _lines(by_unit) == [
        ("县交通运输局", 2, 1, 1),
        ("县教育局", 1, 1, 0),
        (None, 1, 1, 0),
    ]
    assert _lines(by_township) == [
        ("城关镇", 3, 2, 0),
        ("南彰镇", 0, 0, 1),
        (None, 1, 1, 0),
    ]
    for found in (by_unit, by_township):
        t = found.total
        assert (t.open, t.overdue, t.solved) == (4, 3, 1)
        c = by_coordinator.total
        assert (c.open, c.overdue, c.solved) == (t.open, t.overdue, t.solved)
    assert by_unit.headline() == "待解决问题4个（逾期3个），本月解决1个"
    assert _lines(roads) == [("县交通运输局", 0, 0, 1)]


def test_the_problems_behind_each_figure(any_db) -> None:
    with any_db.transaction() as s:
        ids = _fill(s)
    with any_db.session() as s:
        found = counts_by(s, JUNE, by="unit")
        for figure in FIGURES:
            behind = problem_ids(s, ProblemSelection(JUNE, figure))
            assert len(behind) == getattr(found.total, figure)
            for line in found.by_unit:
                selection = ProblemSelection(JUNE, figure, "unit", line.unit or "")
                assert len(problem_ids(s, selection)) == getattr(line, figure)
        late = problem_ids(s, ProblemSelection(JUNE, "overdue"))
        transport_solved = problem_ids(s, ProblemSelection(JUNE, "solved", "unit", "县交通运输局"))
    assert late == sorted([ids["late"], ids["late_then_solved"], ids["orphan"]])
    assert transport_solved == [ids["solved"]]


@pytest.mark.parametrize(("selection", "label"), [
    (ProblemSelection(JUNE, "open"), "2026年6月底待解决的问题"),
    (ProblemSelection(JUNE, "overdue", "unit", "县教育局"),
     "2026年6月底逾期未解决的问题（县教育局）"),
    (ProblemSelection(JUNE, "solved", "township", ""), "2026年6月解决的问题（未填乡镇/街道）"),
])
def test_selection_label(selection: ProblemSelection, label: str) -> None:
    assert selection.label == label


def test_ranking_takes_the_overdue_problems_of_its_groups(db) -> None:
    with db.transaction() as s:
        _fill(s)
    with db.session() as s:
        found = ranking.rankings(s, JUNE)
    assert {g.key: g.overdue_problems for g in found["unit"].groups} == {
        "县交通运输局": 1, "县教育局": 1, "": 1}
    assert {g.key: g.overdue_problems for g in found["township"].groups} == {
        "城关镇": 2, "南彰镇": 0, "": 1}
    assert found["unit"].overdue_problems == found["township"].overdue_problems == 3
