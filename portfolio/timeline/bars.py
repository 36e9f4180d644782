"""One project's line of the chart: its figures (:class:`GanttRow`) and the geometry of its
planned bar, actual bar, progress fill and milestones (:func:`row_geometry`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from portfolio import alerts, approvals
from portfolio.metrics import ProjectFigures
from portfolio.timeline.scale import TimeScale


@dataclass(frozen=True)
class GanttRow:
    """What one project line of the chart shows."""

    figures: ProjectFigures
    #: a key of :data:`portfolio.alerts.STATE_COLOURS`
    state: str
    warnings: tuple[alerts.Alert, ...] = ()
    #: the project's 前期手续 and milestones that have a date
    steps: tuple[approvals.Step, ...] = ()

    @property
    def project_id(self) -> int:
        return self.figures.project_id

    @property
    def name(self) -> str:
        return self.figures.name

    @property
    def progress(self) -> float:
        """Cumulative completed ÷ total investment, 0…1 (for drawing only)."""
        return self.figures.progress_ratio


@dataclass(frozen=True)
class Span:
    x0: float
    x1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    def intersects(self, left: float, right: float) -> bool:
        return self.x1 >= left and self.x0 <= right


@dataclass(frozen=True)
class Milestone:
    """A 开工 or 竣工 mark; ``actual`` marks are filled, planned ones hollow."""

    kind: str  # 'start' | 'finish' | 'approval' | 'milestone'
    x: float
    day: dt.date
    actual: bool
    #: a step's name (立项, 主体封顶 …); empty for 开工 and 竣工
    name: str = ""

    @property
    def label(self) -> str:
        if self.name:
            return f"{self.name}（{'已完成' if self.actual else '计划'}）"
        return ("实际" if self.actual else "计划") + ("开工" if self.kind == "start" else "竣工")


@dataclass(frozen=True)
class RowGeometry:
    planned: Span | None
    actual: Span | None
    #: the filled part of the planned bar (or of the actual bar when there is no plan)
    progress: Span | None
    milestones: tuple[Milestone, ...]
    #: dated 前期手续 and milestone steps (done at their actual date, else planned)
    steps: tuple[Milestone, ...] = ()

    def extent(self) -> Span | None:
        spans = [s for s in (self.planned, self.actual) if s is not None]
        xs = [m.x for m in (*self.milestones, *self.steps)]
        lefts = [s.x0 for s in spans] + xs
        rights = [s.x1 for s in spans] + xs
        return Span(min(lefts), max(rights)) if lefts else None


def span_of(scale: TimeScale, start: dt.date | None, finish: dt.date | None) -> Span | None:
    """The bar from the morning of ``start`` to the evening of ``finish``; None without both."""
    if start is None or finish is None:
        return None
    if finish < start:
        start, finish = finish, start
    return Span(scale.x(start), scale.x_end(finish))


def row_geometry(
    figures: ProjectFigures, progress: float, scale: TimeScale, as_of: dt.date,
    steps: Sequence[approvals.Step] = (),
) -> RowGeometry:
    """Place one project on ``scale``.

    The planned bar runs from planned start to planned finish. The actual bar runs from the
    actual start to the actual finish, or to ``as_of`` (the end of the report period) while the
    project is still under way. Progress fills the planned bar (the actual bar when there is no
    plan) from its left edge by ``progress`` of its width. Milestones: 开工 at the actual start,
    else the planned start; 竣工 at the actual finish, else the planned finish. Each dated
    step (前期手续, milestones) at its actual date when done, else at its planned date.
    """
    planned = span_of(scale, figures.planned_start, figures.planned_finish)
    actual: Span | None = None
    if figures.actual_start is not None:
        end = figures.actual_finish or max(as_of, figures.actual_start)
        actual = span_of(scale, figures.actual_start, end)
    carrier = planned or actual
    fill: Span | None = None
    if carrier is not None and progress > 0:
        ratio = min(1.0, max(0.0, progress))
        fill = Span(carrier.x0, carrier.x0 + carrier.width * ratio)
    marks: list[Milestone] = []
    for kind, real, plan in (
        ("start", figures.actual_start, figures.planned_start),
        ("finish", figures.actual_finish, figures.planned_finish),
    ):
        day = real or plan
        if day is None:
            continue
        x = scale.x(day) if kind == "start" else scale.x_end(day)
        marks.append(Milestone(kind, x, day, real is not None))
    dated = [(s, s.actual_on or s.planned_on) for s in steps]
    step_marks = tuple(Milestone(s.kind, scale.x(day), day, s.done, s.name)
                       for s, day in dated if day is not None)
    return RowGeometry(planned, actual, fill, tuple(marks), step_marks)
