"""The Gantt chart's geometry and data, without Qt (the widget, the PNG and the PDF share it).

- :class:`TimeScale` maps dates to x (pixels or points) at a :class:`Zoom` (pixels per day),
  and gives the time axis (:meth:`TimeScale.axis`).
- :func:`row_geometry` places one project's planned bar, actual bar, progress fill and
  milestones (开工 / 竣工) on the scale; :func:`group_geometry` does the same for a group's
  summary bar. Vertical placement is :class:`RowLayout`.
- :func:`arrange` turns the register's ordered ids into the chart's lines, with one summary line
  before each group when grouping by 领域, 乡镇 or 责任单位.
- The data functions read what the chart draws: :func:`gantt_rows` (the figures and warning
  state of the rows on screen), :func:`group_keys`, :func:`group_summaries` and
  :func:`date_span`; each is one or two SQL queries.

A bar is drawn from the morning of its first day to the evening of its last day, so a finish
date ``d`` ends at ``x(d + 1 day)``.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Project, Unit
from db.queries import ProjectFilter
from portfolio import alerts, approvals, metrics
from portfolio.metrics import ProjectFigures
from portfolio.periods import Period

ONE_DAY = dt.timedelta(days=1)

# The chart's colours on screen and on paper (the warning states' are portfolio.alerts').
#: the actual bar and the milestone marks
ACTUAL_COLOUR = "#37474f"
#: the summary bar of a group
GROUP_COLOUR = "#455a64"
#: The ◆/◇ of a 前期手续 or milestone step on a project's line.
STEP_COLOUR = "#7b1fa2"
GROUP_BACKGROUND = "#eceff1"
TODAY_COLOUR = "#e53935"
PERIOD_COLOUR = "#1e88e5"
GRID_COLOUR = "#e6e8eb"
YEAR_GRID_COLOUR = "#c5cad0"


class Zoom(enum.Enum):
    """How much time one pixel holds; ``value`` is the Chinese label of the zoom button."""

    YEAR = "年"
    QUARTER = "季"
    MONTH = "月"

    @property
    def pixels_per_day(self) -> float:
        return PIXELS_PER_DAY[self]

    def zoomed_in(self) -> Zoom:
        order = list(Zoom)
        return order[min(order.index(self) + 1, len(order) - 1)]

    def zoomed_out(self) -> Zoom:
        order = list(Zoom)
        return order[max(order.index(self) - 1, 0)]


#: A year is about 220 px wide at YEAR, a quarter about 140 px at QUARTER, a month 120 px at
#: MONTH: wide enough for the labels of the axis at each zoom.
PIXELS_PER_DAY: dict[Zoom, float] = {Zoom.YEAR: 0.6, Zoom.QUARTER: 1.5, Zoom.MONTH: 4.0}

QUARTER_NAMES = ("一季度", "二季度", "三季度", "四季度")


@dataclass(frozen=True)
class Tick:
    """One cell of the time axis: from ``x0`` to ``x1``, labelled ``label``."""

    x0: float
    x1: float
    label: str
    start: dt.date


@dataclass(frozen=True)
class Axis:
    """The two bands of the time axis: years above, quarters or months below."""

    major: tuple[Tick, ...]
    minor: tuple[Tick, ...]
    #: x of the thin grid lines (month starts at QUARTER and MONTH, quarter starts at YEAR)
    grid: tuple[float, ...]


def _month_start(day: dt.date, months: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


@dataclass(frozen=True)
class TimeScale:
    """Dates ↔ x: ``x(origin) == 0`` and one day is ``pixels_per_day`` wide."""

    origin: dt.date
    zoom: Zoom = Zoom.QUARTER
    #: a multiplier on the zoom's pixels per day (printing fits a span to the paper)
    stretch: float = 1.0

    @property
    def pixels_per_day(self) -> float:
        return self.zoom.pixels_per_day * self.stretch

    def x(self, day: dt.date) -> float:
        """The left edge of ``day``."""
        return (day - self.origin).days * self.pixels_per_day

    def x_end(self, day: dt.date) -> float:
        """The right edge of ``day`` (where a bar that ends on ``day`` stops)."""
        return self.x(day + ONE_DAY)

    def date_at(self, x: float) -> dt.date:
        """The day drawn at ``x``."""
        return self.origin + dt.timedelta(days=math.floor(x / self.pixels_per_day))

    def axis(self, start: dt.date, end: dt.date) -> Axis:
        """The ticks covering ``start`` … ``end`` (inclusive), aligned on calendar units."""
        major: list[Tick] = []
        for year in range(start.year, end.year + 1):
            first = dt.date(year, 1, 1)
            major.append(Tick(self.x(first), self.x(dt.date(year + 1, 1, 1)), f"{year}年", first))
        minor: list[Tick] = []
        grid: list[float] = []
        if self.zoom is Zoom.MONTH:
            day = _month_start(start)
            while day <= end:
                following = _month_start(day, 1)
                minor.append(Tick(self.x(day), self.x(following), f"{day.month}月", day))
                grid.append(self.x(day))
                day = following
        else:
            day = _quarter_start(start)
            while day <= end:
                following = _month_start(day, 3)
                label = (
                    QUARTER_NAMES[(day.month - 1) // 3] if self.zoom is Zoom.QUARTER
                    else f"Q{(day.month - 1) // 3 + 1}"
                )
                minor.append(Tick(self.x(day), self.x(following), label, day))
                if self.zoom is Zoom.QUARTER:
                    grid.extend(self.x(_month_start(day, m)) for m in range(3))
                else:
                    grid.append(self.x(day))
                day = following
        return Axis(tuple(major), tuple(minor), tuple(grid))


# --- vertical layout ---------------------------------------------------------------------


@dataclass(frozen=True)
class RowLayout:
    """Where things go inside a line of height ``height``; rows are stacked from y = 0."""

    height: float = 24.0

    def top(self, row: int) -> float:
        return row * self.height

    def row_at(self, y: float) -> int:
        return math.floor(y / self.height)

    def visible(self, y: float, viewport_height: float, count: int) -> range:
        """The rows that intersect the band ``y`` … ``y + viewport_height``."""
        if count <= 0 or viewport_height <= 0:
            return range(0)
        first = max(0, self.row_at(y))
        last = min(count - 1, math.ceil((y + viewport_height) / self.height) - 1)
        return range(first, last + 1) if first <= last else range(0)

    def planned_band(self, row: int) -> tuple[float, float]:
        """(top, height) of the planned bar: the row less a margin above and below."""
        margin = self.height * 0.2
        return self.top(row) + margin, self.height - 2 * margin

    def actual_band(self, row: int) -> tuple[float, float]:
        """(top, height) of the actual bar: a thinner band over the lower half of the planned."""
        top, height = self.planned_band(row)
        return top + height * 0.55, height * 0.45

    def milestone_centre(self, row: int) -> float:
        top, height = self.planned_band(row)
        return top + height / 2


# --- the rows' data ----------------------------------------------------------------------


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


def _span(scale: TimeScale, start: dt.date | None, finish: dt.date | None) -> Span | None:
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
    planned = _span(scale, figures.planned_start, figures.planned_finish)
    actual: Span | None = None
    if figures.actual_start is not None:
        end = figures.actual_finish or max(as_of, figures.actual_start)
        actual = _span(scale, figures.actual_start, end)
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


# --- grouping ----------------------------------------------------------------------------

#: Grouping keys (those of :data:`portfolio.metrics.GROUPINGS`) and their Chinese names.
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
    planned = _span(scale, summary.planned_start, summary.planned_finish)
    actual: Span | None = None
    if summary.actual_start is not None:
        end = summary.actual_finish if summary.all_finished else None
        actual = _span(scale, summary.actual_start, end or max(as_of, summary.actual_start))
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


# --- reading the data --------------------------------------------------------------------


def _group_column(by: str):  # type: ignore[no-untyped-def]
    if by not in metrics.GROUPINGS:
        raise ValueError(f"无法按“{by}”分组")
    return metrics.GROUPINGS[by]


def group_keys(session: Session, flt: ProjectFilter, by: str) -> dict[int, str]:
    """Project id → group key for every project of ``flt`` (one query)."""
    column = _group_column(by)
    query = select(Project.id, column).outerjoin(Unit, Project.unit_id == Unit.id)
    return {pid: key or "" for pid, key in session.execute(flt.apply(query))}


def group_summaries(
    session: Session, period: Period, flt: ProjectFilter, by: str
) -> dict[str, GroupSummary]:
    """The summary of each group of ``flt``: date hulls in one query, money from
    :func:`portfolio.metrics.summarise` (packages counted once, as everywhere)."""
    column = _group_column(by)
    dates = (
        select(
            column,
            func.min(Project.planned_start),
            func.max(Project.planned_finish),
            func.min(Project.actual_start),
            func.max(Project.actual_finish),
            func.count(Project.actual_start),
            func.count(Project.actual_finish),
        )
        .select_from(Project)
        .outerjoin(Unit, Project.unit_id == Unit.id)
        .group_by(column)
    )
    hulls = {(row[0] or ""): row[1:] for row in session.execute(flt.apply(dates))}
    result: dict[str, GroupSummary] = {}
    for line in metrics.summarise(session, period, flt, by=by):
        key = line.key or ""
        hull = hulls.get(key)
        if hull is None:
            continue
        p0, p1, a0, a1, started, finished = hull
        result[key] = GroupSummary(
            by=by, key=key, project_count=line.project_count,
            planned_start=p0, planned_finish=p1, actual_start=a0, actual_finish=a1,
            all_finished=started > 0 and finished == started,
            total_investment=line.total_investment, cumulative=line.cumulative,
            annual_plan=line.annual_plan, ytd=line.ytd,
        )
    return result


def gantt_rows(session: Session, period: Period, ids: Sequence[int]) -> dict[int, GanttRow]:
    """The figures and warning state of ``ids`` (the rows on screen) for ``period``."""
    if not ids:
        return {}
    figures = metrics.project_figures(session, period, ids=ids)
    warned = alerts.evaluate(session, period, ids=ids)
    steps = approvals.steps_by_project(session, ids)
    rows: dict[int, GanttRow] = {}
    for f in figures:
        found = warned.get(f.project_id, [])
        rows[f.project_id] = GanttRow(f, alerts.state_of(f, found), tuple(found),
                                      tuple(steps.get(f.project_id, ())))
    return rows


@dataclass(frozen=True)
class DateSpan:
    first: dt.date
    last: dt.date

    def padded(self, *extra: dt.date) -> DateSpan:
        """Widened to whole years, and to take in ``extra`` dates (today, the period)."""
        days = [self.first, self.last, *extra]
        return DateSpan(dt.date(min(days).year, 1, 1), dt.date(max(days).year, 12, 31))


def date_span(session: Session, flt: ProjectFilter) -> DateSpan | None:
    """The first and last date any project of ``flt`` is drawn at (None: no dates at all)."""
    columns = (Project.planned_start, Project.planned_finish,
               Project.actual_start, Project.actual_finish)
    query = select(*(func.min(c) for c in columns), *(func.max(c) for c in columns))
    row = session.execute(flt.apply(query)).one()
    firsts = [d for d in row[:4] if d is not None]
    lasts = [d for d in row[4:] if d is not None]
    if not firsts:
        return None
    return DateSpan(min(firsts), max(lasts))


@dataclass
class GanttData:
    """Everything a whole (printed) chart needs, read at once: for exports, not for the screen,
    which reads the rows it shows page by page."""

    period: Period
    as_of: dt.date
    span: DateSpan
    lines: list[Line]
    rows: dict[int, GanttRow] = field(default_factory=dict)
    groups: dict[str, GroupSummary] = field(default_factory=dict)
    by: str | None = None

    @property
    def sizes(self) -> dict[str, int]:
        return group_sizes(self.lines)


def load_chart(
    session: Session,
    period: Period,
    flt: ProjectFilter,
    *,
    sort: str = "id",
    descending: bool = False,
    by: str | None = None,
    today: dt.date | None = None,
) -> GanttData:
    """Every line of the chart of ``flt`` in register order (for printing and PNG export)."""
    from db.queries import chunked, filtered_ids

    today = today or dt.date.today()
    ids = filtered_ids(session, flt, sort, descending)
    keys = group_keys(session, flt, by) if by else None
    lines = arrange(ids, keys)
    rows: dict[int, GanttRow] = {}
    for page in chunked(ids):
        rows.update(gantt_rows(session, period, page))
    span = date_span(session, flt) or DateSpan(today, today)
    span = span.padded(today, period.last_day)
    groups = group_summaries(session, period, flt, by) if by else {}
    return GanttData(period, period.last_day, span, lines, rows, groups, by)
