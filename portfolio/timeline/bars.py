"""One project's line of the chart: its figures (:class:`GanttRow`) and the geometry of its
planned bar, actual bar, progress fill and milestones (:func:`row_geometry`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portfolio import alerts
from portfolio.metrics import ProjectFigures
from portfolio.timeline.scale import TimeScale


@dataclass(frozen=True)
class GanttRow:
    """What one project line of the chart shows."""

    figures: ProjectFigures
    #: a key of :data:`portfolio.alerts.STATE_COLOURS`
    state: str
    warnings: tuple[alerts.Alert, ...] = ()

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

    kind: str  # 'start' | 'finish'
    x: float
    day: dt.date
    actual: bool

    @property
    def label(self) -> str:
        return ("实际" if self.actual else "计划") + ("开工" if self.kind == "start" else "竣工")


@dataclass(frozen=True)
class RowGeometry:
    planned: Span | None
    actual: Span | None
    #: the filled part of the planned bar (or of the actual bar when there is no plan)
    progress: Span | None
    milestones: tuple[Milestone, ...]

    def extent(self) -> Span | None:
        spans = [s for s in (self.planned, self.actual) if s is not None]
        xs = [m.x for m in self.milestones]
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
    figures: ProjectFigures, progress: float, scale: TimeScale, as_of: dt.date
) -> RowGeometry:
    """Place one project on ``scale``.

    The planned bar runs from planned start to planned finish. The actual bar runs from the
    actual start to the actual finish, or to ``as_of`` (the end of the report period) while the
    project is still under way. Progress fills the planned bar (the actual bar when there is no
    plan) from its left edge by ``progress`` of its width. Milestones: 开工 at the actual start,
    else the planned start; 竣工 at the actual finish, else the planned finish.
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
    return RowGeometry(planned, actual, fill, tuple(marks))
