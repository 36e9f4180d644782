"""What the chart draws, read from the database: the rows on screen, group keys and
summaries, the span of dates, all of it at once for the wall chart (:func:`load_chart`).
Each read is one or two SQL queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Project, Unit
from db.queries import ProjectFilter
from portfolio import alerts, approvals, metrics
from portfolio.periods import Period
from portfolio.timeline.bars import GanttRow
from portfolio.timeline.grouping import GroupSummary, Line, arrange, group_sizes


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
