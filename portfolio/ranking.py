"""晾晒 (publishing the ranking): 乡镇/街道 or 责任单位 ranked by completion of the annual plan,
with the 红榜 (red list, the best) and 黑榜 (black list, the worst) as offices publish them.

Every figure is the overview's: :func:`rankings` calls :func:`portfolio.overview.compute` and
takes its group lines (:class:`portfolio.metrics.Summary`) and its warning list unchanged, so a
group's 项目个数, 年度计划, 1—N月完成, 完成率, 超(低于)序时进度, 开工 and 滞后项目 are the
figures the 总览 page, ``portfolio status`` and the monthly report show for the same period and
filter. Only the order, the rank numbers and the two lists are added here.

Order and rank:

- Ranked are the groups that have a name and an annual plan (a completion rate). A group
  without a name (projects whose 乡镇 or 责任单位 is not filled) or without a plan is listed
  after the ranked ones, unranked (名次 empty), and is on neither list.
- Ranked groups are ordered by completion rate (at one decimal, as shown), higher first; ties
  by points above 序时进度, higher first, then by name (code-point order, stable on both
  databases). Every group of one period has the same 序时进度, so the points follow the rate
  and in practice equal rates are listed by name.
- Equal figures (rate and points) share a rank, and the next rank skips: 1, 2, 2, 4.
- 红榜: the groups ranked ``top`` or better; 黑榜: the groups ranked ``top`` or better from the
  bottom (counted the same way), worst first. A tie at the edge puts every tied group on the
  list, so a list can be longer than ``top``. A group on the red list is never also on the
  black list (with fewer than twice ``top`` groups the lists would otherwise overlap).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from db.queries import ProjectFilter
from portfolio import overview
from portfolio.alerts import Thresholds
from portfolio.metrics import Summary
from portfolio.periods import Period
from portfolio.problems.by_group import counts_by

#: What a ranking can be made of, and the Chinese name of its groups.
RANK_BY: dict[str, str] = {"township": "乡镇/街道", "unit": "责任单位"}

#: How many groups each list names unless asked otherwise.
DEFAULT_TOP = 3

#: The label of a group without a name.
UNNAMED = "（未填）"

RED = "red"
BLACK = "black"
LIST_LABELS: dict[str, str] = {RED: "红榜", BLACK: "黑榜"}


@dataclass
class RankedGroup:
    """One line of the ranking: the overview's line of a group, its place and its lists."""

    summary: Summary
    #: projects of the group on the warning list (the overview's 预警项目 of the group)
    lagging: int
    #: 逾期未解决问题: open problems of the group's projects past their deadline
    overdue_problems: int
    #: 名次 (1 is best); None for a group that is not ranked
    rank: int | None = None
    #: :data:`RED`, :data:`BLACK` or ""
    listed: str = ""

    @property
    def key(self) -> str:
        return self.summary.key or ""

    @property
    def label(self) -> str:
        return self.key or UNNAMED

    @property
    def completion_rate(self) -> Decimal | None:
        return self.summary.completion_rate

    @property
    def gap_points(self) -> Decimal | None:
        return self.summary.gap_points

    @property
    def start_rate(self) -> Decimal | None:
        return self.summary.start_rate


@dataclass
class Ranking:
    """The ranking of one grouping for a period and a filter."""

    period: Period
    by: str
    top: int
    #: ranked groups in order, then the unranked ones
    groups: list[RankedGroup]
    #: the 合计 line (the overview's)
    total: Summary
    #: warned projects in the whole filter
    lagging: int
    thresholds: Thresholds = field(default_factory=Thresholds)
    #: 逾期未解决问题 in the whole filter
    overdue_problems: int = 0

    @property
    def title(self) -> str:
        return RANK_BY[self.by]

    @property
    def red(self) -> list[RankedGroup]:
        """红榜, best first."""
        return [g for g in self.groups if g.listed == RED]

    @property
    def black(self) -> list[RankedGroup]:
        """黑榜, worst first (tied groups by name)."""
        return sorted((g for g in self.groups if g.listed == BLACK),
                      key=lambda g: (-(g.rank or 0), g.key))

    @property
    def ranked(self) -> list[RankedGroup]:
        return [g for g in self.groups if g.rank is not None]


def _figures(group: RankedGroup) -> tuple[Decimal, Decimal]:
    """What decides a rank: the rate and the points, both as shown (one decimal)."""
    assert group.completion_rate is not None and group.gap_points is not None
    return group.completion_rate, group.gap_points


def rank(groups: Sequence[RankedGroup], top: int = DEFAULT_TOP) -> list[RankedGroup]:
    """``groups`` in ranking order with ranks and lists set (see the module's docstring)."""
    ranked = [g for g in groups if g.key and g.completion_rate is not None]
    unranked = [g for g in groups if not (g.key and g.completion_rate is not None)]
    ranked.sort(key=lambda g: g.key)
    ranked.sort(key=_figures, reverse=True)  # stable: equal figures stay in name order
    for index, group in enumerate(ranked):
        same = index > 0 and _figures(ranked[index - 1]) == _figures(group)
        group.rank = ranked[index - 1].rank if same else index + 1
        group.listed = RED if group.rank is not None and group.rank <= top else ""
    for group in ranked:
        if group.listed:
            continue
        worse = sum(1 for other in ranked if _figures(other) < _figures(group))
        if worse + 1 <= top:
            group.listed = BLACK
    for group in unranked:
        group.rank, group.listed = None, ""
    unranked.sort(key=lambda g: (g.key == "", g.key))
    return [*ranked, *unranked]


def open_overdue_problems(session: Session, period: Period, flt: ProjectFilter,
                          by: str) -> dict[str, int]:
    """Problems of the 问题台账 open and past their deadline at the end of ``period``, per
    group of the projects they hold back: the overview's figures
    (:func:`portfolio.problems.by_group.counts_by`), keyed as the groups are ("" unnamed)."""
    found = counts_by(session, period, flt, by)
    return {c.unit or "": c.overdue for c in found.by_unit if c.overdue}


def rankings(
    session: Session,
    period: Period,
    flt: ProjectFilter = overview.ALL,
    by: Sequence[str] = tuple(RANK_BY),
    top: int = DEFAULT_TOP,
    thresholds: Thresholds | None = None,
) -> dict[str, Ranking]:
    """The rankings of ``period`` for ``flt``, one per grouping of ``by``, from one
    :func:`portfolio.overview.compute` (one pass over the reports)."""
    for key in by:
        if key not in RANK_BY:
            raise KeyError(key)
    if top < 1:
        raise ValueError("红黑榜的个数应为正整数")
    result = overview.compute(session, period, flt, thresholds, groups=tuple(by))
    out = {}
    for key in by:
        # the overview's figures are by 责任单位 already
        problems = (result.problems if key == "unit" and result.problems is not None
                    else counts_by(session, period, flt, key))
        overdue = {c.unit or "": c.overdue for c in problems.by_unit}
        groups = [
            RankedGroup(line, len(result.warned_in(key, line.key)), overdue.get(line.key or "", 0))
            for line in result.groups[key]
        ]
        out[key] = Ranking(period, key, top, rank(groups, top), result.total,
                           len(result.lagging), result.thresholds, problems.total.overdue)
    return out


def ranking(
    session: Session,
    period: Period,
    flt: ProjectFilter = overview.ALL,
    by: str = "township",
    top: int = DEFAULT_TOP,
) -> Ranking:
    """The ranking of one grouping (see :func:`rankings`)."""
    return rankings(session, period, flt, (by,), top)[by]


def record(group: RankedGroup) -> dict[str, object]:
    """One line as plain values (the overview's record plus rank, lists and counts), for JSON."""
    return {
        "rank": group.rank,
        "name": group.label,
        **{k: v for k, v in overview.summary_record(group.summary).items() if k != "key"},
        "key": group.key,
        "lagging": group.lagging,
        "overdue_problems": group.overdue_problems,
        "list": LIST_LABELS.get(group.listed, ""),
    }


__all__ = [
    "BLACK",
    "DEFAULT_TOP",
    "LIST_LABELS",
    "RANK_BY",
    "RED",
    "RankedGroup",
    "Ranking",
    "open_overdue_problems",
    "rank",
    "ranking",
    "rankings",
    "record",
]
