"""The chart's lines grouped by 领域, 乡镇 or 责任单位: a summary line before each group
(:func:`arrange`), the group's summary and its bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from portfolio.timeline.bars import RowGeometry, Span, span_of
from portfolio.timeline.scale import TimeScale

GROUPINGS: dict[str, str] = {"category": "领域", "township": "乡镇", "unit": "责任单位"}


def group_label(by: str, key: str) -> str:
    return key or f"（未填{GROUPINGS[by]}）"


@dataclass(frozen=True)
class GroupSummary:
    """A group's summary bar: the hull of its projects' dates and its money."""

    by: str
    key: str
    project_count: int
    planned_start: dt.date | None
    planned_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None
    #: whether every project of the group has finished (else the actual bar runs to as_of)
    all_finished: bool
    total_investment: Decimal
    cumulative: Decimal
    annual_plan: Decimal
    ytd: Decimal

    @property
    def label(self) -> str:
        return group_label(self.by, self.key)

    @property
    def progress(self) -> float:
        if not self.total_investment:
            return 0.0
        return max(0.0, min(1.0, float(self.cumulative / self.total_investment)))


def group_geometry(summary: GroupSummary, scale: TimeScale, as_of: dt.date) -> RowGeometry:
    """The summary bar of a group: planned hull, actual hull, progress fill; no milestones."""
    planned = span_of(scale, summary.planned_start, summary.planned_finish)
    actual: Span | None = None
    if summary.actual_start is not None:
        end = summary.actual_finish if summary.all_finished else None
        actual = span_of(scale, summary.actual_start, end or max(as_of, summary.actual_start))
    carrier = planned or actual
    fill = None
    if carrier is not None and summary.progress > 0:
        fill = Span(carrier.x0, carrier.x0 + carrier.width * summary.progress)
    return RowGeometry(planned, actual, fill, ())


@dataclass(frozen=True)
class Line:
    """One line of the chart: a project (``project_id``) or a group's summary (``group``)."""

    project_id: int | None = None
    group: str | None = None

    @property
    def is_group(self) -> bool:
        return self.group is not None


def arrange(ids: Sequence[int], keys: dict[int, str] | None = None) -> list[Line]:
    """The chart's lines for the register's ordered ``ids``.

    Without ``keys`` one line per project. With ``keys`` (project id → group key) the groups
    come in the order of their keys, each as a summary line followed by its projects in
    register order.
    """
    if keys is None:
        return [Line(project_id=i) for i in ids]
    members: dict[str, list[int]] = {}
    for project_id in ids:
        members.setdefault(keys.get(project_id, ""), []).append(project_id)
    lines: list[Line] = []
    for key in sorted(members):
        lines.append(Line(group=key))
        lines.extend(Line(project_id=i) for i in members[key])
    return lines


def group_sizes(lines: Sequence[Line]) -> dict[str, int]:
    """How many project lines follow each group line."""
    sizes: dict[str, int] = {}
    current: str | None = None
    for line in lines:
        if line.group is not None:
            current = line.group
            sizes[current] = 0
        elif current is not None:
            sizes[current] += 1
    return sizes
