"""晾晒: ranks with ties (1, 2, 2, 4), the red and black lists, and figures equal to the
overview's groups for every township and unit of a demo portfolio, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from db.queries import ProjectFilter
from portfolio import demo, overview, ranking
from portfolio.metrics import Summary
from portfolio.periods import Period
from portfolio.ranking import BLACK, RED, RankedGroup

PERIOD = Period(2026, 6)


def _group(key: str, plan: str, ytd: str, lagging: int = 0) -> RankedGroup:
    line = Summary(key=key, period=PERIOD, project_count=1, total_investment=Decimal(plan),
                   annual_plan=Decimal(plan), ytd=Decimal(ytd), month=Decimal(0),
                   cumulative=Decimal(ytd), planned_starts=0, actual_starts=0)
    return RankedGroup(line, lagging, None)


def test_equal_figures_share_a_rank_and_the_next_rank_skips() -> None:
    groups = ranking.rank([
        _group("乙镇", "100", "40"), _group("甲镇", "200", "80"), _group("丙乡", "100", "60"),
        _group("丁乡", "100", "10"), _group("戊乡", "300", "120"),
    ], top=1)
    assert [(g.key, g.rank) for g in groups] == [
        ("丙乡", 1), ("乙镇", 2), ("戊乡", 2), ("甲镇", 2), ("丁乡", 5)]
    # equal rates: listed by name (code points), the points being equal too
    assert [g.gap_points for g in groups[1:4]] == [Decimal("-10.0")] * 3
    assert [g.listed for g in groups] == [RED, "", "", "", BLACK]


def test_a_tie_at_the_edge_puts_every_tied_group_on_the_list() -> None:
    groups = ranking.rank([
        _group("甲", "100", "90"), _group("乙", "100", "50"), _group("丙", "100", "50"),
        _group("丁", "100", "20"), _group("戊", "100", "20"), _group("己", "100", "30"),
    ], top=2)
    result = ranking.Ranking(PERIOD, "township", 2, groups, groups[0].summary, 0)
    assert [(g.key, g.rank) for g in result.red] == [("甲", 1), ("丙", 2), ("乙", 2)]
    # 丁 and 戊 share the last place; 己 is second from the bottom
    assert [(g.key, g.rank) for g in result.black] == [("丁", 5), ("戊", 5)]


def test_lists_never_overlap_and_unnamed_or_unplanned_groups_are_not_ranked() -> None:
    groups = ranking.rank([
        _group("甲", "100", "90"), _group("乙", "100", "50"), _group("", "100", "99"),
        _group("丙", "0", "10"),
    ], top=3)
    assert [(g.label, g.rank, g.listed) for g in groups] == [
        ("甲", 1, RED), ("乙", 2, RED), ("丙", None, ""), ("（未填）", None, "")]


@pytest.fixture
def demo_db(any_db):  # type: ignore[no-untyped-def]
    demo.generate(any_db, projects=80, years=2, seed=7, today=dt.date(2026, 7, 15))
    return any_db


@pytest.mark.parametrize("flt", [ProjectFilter(), ProjectFilter(categories=("工业", "城建"))],
                         ids=["all", "filtered"])
def test_every_group_equals_the_overviews_group(demo_db, flt: ProjectFilter) -> None:
    with demo_db.session() as s:
        found = ranking.rankings(s, PERIOD, flt, top=3)
        expected = overview.compute(s, PERIOD, flt, groups=("township", "unit"))
        overdue_by = {by: ranking.open_overdue_problems(s, PERIOD, flt, by)
                      for by in ("township", "unit")}
    for by in ("township", "unit"):
        result = found[by]
        lines = {g.key: g for g in result.groups}
        assert len(lines) == len(expected.groups[by]) > 1
        for line in expected.groups[by]:
            group = lines[line.key or ""]
            assert overview.summary_record(group.summary) == overview.summary_record(line)
            assert group.lagging == len(expected.warned_in(by, line.key))
        for group in result.groups:
            assert group.overdue_problems == overdue_by[by].get(group.key or "", 0)
        assert overview.summary_record(result.total) == overview.summary_record(expected.total)
        assert sum(g.lagging for g in result.groups) == result.lagging == len(expected.lagging)
        ranked = result.ranked
        rates = [(g.completion_rate, g.gap_points) for g in ranked]
        assert rates == sorted(rates, reverse=True)
        assert ranked[0].rank == 1 and all(g.rank is not None for g in ranked)
        assert result.red and result.black
        assert not {id(g) for g in result.red} & {id(g) for g in result.black}
        assert all(g.rank is not None and g.rank <= 3 for g in result.red)


def test_the_top_must_be_positive(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s, pytest.raises(ValueError, match="正整数"):
        ranking.rankings(s, PERIOD, top=0)
