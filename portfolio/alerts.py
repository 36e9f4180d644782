"""Early warning (预警): which projects are lagging in a period, and why.

Five rules, the first four each with its threshold in :class:`Thresholds` (stored in the
``settings`` table):

- ``behind_schedule`` (进度滞后): a started project's completion rate of the year's plan
  (1—N月 ÷ 年度计划) is ``behind_points`` or more below its 序时进度: N/12 for a plan that spans
  the year, the share of the planned months gone for a plan with a start (finish) month within
  the year (:func:`project_time_progress`). Both figures are taken at one decimal, as every
  table shows them, so a project shown "低于序时进度10.0个百分点" is warned at a threshold of
  10. A project that has not started is left to ``not_started``.
- ``no_investment`` (连续无投资): a started, unfinished project reported no new investment in
  each of the last ``idle_months`` months up to the period (a month with no report counts as
  none), and it had already started in the first of those months.
- ``not_started`` (未按期开工): the planned start month (the year's plan, else the project's
  planned start date), plus ``start_grace_months``, is at or before the period's month and the
  project had not started by the period's last day.
- ``overdue`` (逾期未竣工): the planned finish month (the project's planned finish date, else
  the year's plan), plus ``finish_grace_months``, is at or before the period's month and the
  project is not complete by the period's last day.
- ``problem_overdue`` (问题逾期未解决): a problem of the 问题台账 raised by the period's end is
  still open on its last day and its 办结时限 is before that day (:mod:`portfolio.problems`);
  one reason per project, naming each such problem and its days overdue. The 办结时限 itself is
  the threshold.
- ``approval_overdue`` (手续逾期): a 前期手续 or milestone step was planned before the period's
  last day and not done by then (:func:`portfolio.approvals.overdue_steps`, a second query).

Only projects that carry money are judged: a package with parts is judged through its parts.
Reserve projects (储备) and completed ones (竣工, or finished by the period's end) never warn.
Everything is read in one SQL query (complete projects are left out there); the rules
themselves are plain Python over its rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from db.models import AnnualPlan, MonthlyReport, Project
from db.queries import ProjectFilter
from portfolio import approvals, problems, settings
from portfolio.metrics import IS_LEAF, ProjectFigures
from portfolio.money import format_percent, percent
from portfolio.periods import Period

#: No filter: every project.
ALL = ProjectFilter()

RULES: tuple[str, ...] = (
    "behind_schedule", "no_investment", "not_started", "overdue", "problem_overdue",
    "approval_overdue",
)

#: Short Chinese names of the rules, for column headers, legends and filters.
RULE_LABELS: dict[str, str] = {
    "behind_schedule": "进度滞后",
    "no_investment": "连续无投资",
    "not_started": "未按期开工",
    "overdue": "逾期未竣工",
    "problem_overdue": "问题逾期未解决",
    "approval_overdue": "手续逾期",
}

#: One colour per project state, shared by every view (Gantt, grids, charts, exports).
STATE_COLOURS: dict[str, str] = {
    "warning": "#d64541",
    "on_track": "#2e8b57",
    "done": "#3a6ea5",
    "not_started": "#9aa0a6",
}

#: Light versions of :data:`STATE_COLOURS`, for the background of table rows.
STATE_BACKGROUNDS: dict[str, str] = {
    "warning": "#fbe3e2",
    "on_track": "#e6f4ea",
    "done": "#e3ecf7",
    "not_started": "#f1f3f4",
}

#: Chinese names of the states, for legends.
STATE_LABELS: dict[str, str] = {
    "warning": "预警",
    "on_track": "正常推进",
    "done": "已竣工",
    "not_started": "未开工",
}


@dataclass(frozen=True)
class Alert:
    """One reason why one project is on the warning list."""

    project_id: int
    #: 'behind_schedule' | 'no_investment' | 'not_started' | 'overdue' | 'problem_overdue'
    rule: str
    #: the reason in Chinese, with its figures, e.g. "完成率低于序时进度12.3个百分点"
    message: str

    @property
    def label(self) -> str:
        return RULE_LABELS[self.rule]


@dataclass
class Thresholds:
    """When a project goes on the warning list; edited in the settings dialog."""

    #: 完成率低于序时进度达到这么多个百分点即预警
    behind_points: Decimal = Decimal("10")
    #: 连续这么多个月无新增投资即预警
    idle_months: int = 2
    #: 计划开工月份过后再宽限这么多个月
    start_grace_months: int = 0
    #: 计划竣工月份过后再宽限这么多个月
    finish_grace_months: int = 0

    def validate(self) -> None:
        """Raise ValueError with a Chinese message when a threshold makes no sense."""
        if not Decimal("0") < self.behind_points <= Decimal("100"):
            raise ValueError("滞后预警的百分点应在 0—100 之间")
        if not 1 <= self.idle_months <= 12:
            raise ValueError("连续无投资的月数应在 1—12 之间")
        for value, label in ((self.start_grace_months, "开工"), (self.finish_grace_months, "竣工")):
            if not 0 <= value <= 12:
                raise ValueError(f"{label}宽限月数应在 0—12 之间")


_SETTING_PREFIX = "warning."


def load_thresholds(session: Session) -> Thresholds:
    """The thresholds stored in the database; defaults for anything missing or unreadable,
    and all defaults when the stored ones do not make sense together."""
    thresholds = settings.load(session, Thresholds, _SETTING_PREFIX)
    try:
        thresholds.validate()
    except ValueError:
        return Thresholds()
    return thresholds


def save_thresholds(session: Session, thresholds: Thresholds,
                    expected: Thresholds | None = None) -> None:
    """Store ``thresholds`` (validated first; the change is audited like any other).
    ``expected`` is what the dialog loaded: when another user saved other thresholds since,
    :class:`~portfolio.concurrency.StaleEdit` names them, who and when, and nothing is
    written."""
    thresholds.validate()
    if expected is not None:
        settings.check_unchanged(session, _SETTING_PREFIX, expected, load_thresholds, "预警设置", {
            "behind_points": "完成率低于序时进度百分点", "idle_months": "连续无新增投资月数",
            "start_grace_months": "开工宽限月数", "finish_grace_months": "竣工宽限月数"})
    settings.save(session, thresholds, _SETTING_PREFIX)


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _month_text(index: int, period: Period) -> str:
    year, month = divmod(index, 12)
    return f"{month + 1}月" if year == period.year else f"{year}年{month + 1}月"


def project_time_progress(
    period: Period, start_month: int | None = None, finish_month: int | None = None
) -> Decimal:
    """序时进度 of one project's annual plan after ``period``'s month, in percent (one decimal).

    N/12 for a plan that spans the year; for a plan that starts (or finishes) within the year
    the share of its planned months gone, so that a project planned to start in June is not
    "behind" in March.
    """
    first = start_month or 1
    last = finish_month or 12
    if last < first:
        first, last = 1, 12
    gone = max(0, min(period.month, last) - first + 1)
    return percent(Decimal(gone), Decimal(last - first + 1)) or Decimal("0")


def is_complete(stage: str, actual_finish: dt.date | None, period: Period) -> bool:
    """Whether a project counts as complete at the end of ``period``."""
    if actual_finish is not None:
        return actual_finish <= period.last_day
    return stage == "竣工"


def evaluate(
    session: Session,
    period: Period,
    flt: ProjectFilter = ALL,
    thresholds: Thresholds | None = None,
    *,
    ids: Sequence[int] | None = None,
) -> dict[int, list[Alert]]:
    """The warned projects of ``flt`` (or of ``ids``) in ``period``, each with its reasons in
    the order of :data:`RULES`. Projects without a warning are absent."""
    t = thresholds if thresholds is not None else load_thresholds(session)
    window = [period]
    for _ in range(t.idle_months - 1):
        window.append(window[-1].previous())
    window.reverse()
    last_day = period.last_day
    # One pass over the reports of the months that matter: this year up to the period (for
    # 1—N月) and the idle window (which may reach back into last year); each is an index range.
    r = MonthlyReport
    # For a page of ids the reports are best found project by project; "year + 0" keeps the
    # database from scanning the whole year's reports by the (year, month) index instead.
    year = r.year if ids is None else r.year + 0
    this_year = and_(year == period.year, r.month <= period.month)
    first = window[0]
    if first.year == period.year:
        in_window = and_(year == period.year, r.month >= first.month, r.month <= period.month)
    else:
        in_window = or_(
            and_(year == first.year, r.month >= first.month),
            and_(year > first.year, year < period.year),
            and_(year == period.year, r.month <= period.month),
        )
    sums = (
        select(
            r.project_id.label("project_id"),
            func.sum(case((this_year, r.investment), else_=0)).label("ytd"),
            func.sum(case((in_window, r.investment), else_=0)).label("idle"),
        )
        # a window within the year is within 1—N月: one index range then
        .where(this_year if first.year == period.year else or_(this_year, in_window))
        .group_by(r.project_id)
    )
    if ids is not None:
        sums = sums.where(r.project_id.in_(ids))
    report_sums = sums.subquery()
    plan = aliased(AnnualPlan)
    query = (
        select(
            Project.id, Project.planned_start, Project.planned_finish, Project.actual_start,
            plan.planned_investment, plan.planned_start_month, plan.planned_finish_month,
            func.coalesce(report_sums.c.ytd, 0), func.coalesce(report_sums.c.idle, 0),
        )
        .outerjoin(plan, and_(plan.project_id == Project.id, plan.year == period.year))
        .outerjoin(report_sums, report_sums.c.project_id == Project.id)
        .where(
            IS_LEAF,
            Project.stage != "储备",
            # not complete by the period's end (is_complete), so never warned
            or_(
                Project.actual_finish > last_day,
                and_(Project.actual_finish.is_(None), Project.stage != "竣工"),
            ),
        )
    )
    query = query.where(Project.id.in_(ids)) if ids is not None else flt.apply(query)

    now = _month_index(period.year, period.month)
    window_first_last_day = first.last_day
    idle_text = (
        f"{first.month}月" if len(window) == 1
        else f"{_month_text(_month_index(first.year, first.month), period)}—{period.month}月"
    )
    result: dict[int, list[Alert]] = {}
    judged: list[int] = []
    for (project_id, planned_start, planned_finish, actual_start, annual_plan,
         plan_start_month, plan_finish_month, ytd_amount, idle_amount) in session.execute(query):
        started = actual_start is not None and actual_start <= last_day
        found: list[Alert] = []
        judged.append(project_id)

        if plan_start_month is not None:
            start_index: int | None = _month_index(period.year, plan_start_month)
        elif planned_start is not None:
            start_index = _month_index(planned_start.year, planned_start.month)
        else:
            start_index = None

        if annual_plan and started:
            due = project_time_progress(period, plan_start_month, plan_finish_month)
            rate = percent(Decimal(str(ytd_amount)), Decimal(str(annual_plan))) or Decimal("0")
            gap = due - rate
            if gap >= t.behind_points:
                found.append(Alert(
                    project_id, "behind_schedule",
                    f"完成率{format_percent(rate)}%，低于序时进度{format_percent(gap)}个百分点"
                    f"（序时进度{format_percent(due)}%）",
                ))

        if (started and actual_start is not None and actual_start <= window_first_last_day
                and Decimal(str(idle_amount)) == 0):
            found.append(Alert(
                project_id, "no_investment",
                f"连续{len(window)}个月（{idle_text}）无新增投资",
            ))

        if (not started and start_index is not None
                and start_index + t.start_grace_months <= now):
            found.append(Alert(
                project_id, "not_started",
                f"计划{_month_text(start_index, period)}开工，截至{period.month}月底仍未开工",
            ))

        if planned_finish is not None:
            finish_index: int | None = _month_index(planned_finish.year, planned_finish.month)
        elif plan_finish_month is not None:
            finish_index = _month_index(period.year, plan_finish_month)
        else:
            finish_index = None
        if finish_index is not None and finish_index + t.finish_grace_months <= now:
            late = now - finish_index
            found.append(Alert(
                project_id, "overdue",
                f"计划{_month_text(finish_index, period)}竣工，"
                + (f"已逾期{late}个月，" if late else "")
                + f"截至{period.month}月底仍未竣工",
            ))

        if found:
            result[project_id] = found

    for project_id, alert in _problem_alerts(session, period, flt, ids).items():
        result.setdefault(project_id, []).append(alert)
    steps_late = approvals.overdue_steps(session, last_day, ids)
    for project_id in judged:
        if project_id in steps_late:
            result.setdefault(project_id, []).append(Alert(
                project_id, "approval_overdue",
                approvals.overdue_message(steps_late[project_id], last_day)))
    return result


def _problem_alerts(session: Session, period: Period, flt: ProjectFilter,
                    ids: Sequence[int] | None) -> dict[int, Alert]:
    """``problem_overdue``: one reason per project with overdue problems, among the projects
    the other rules judge (leaves, not reserve, not complete by the period's end)."""
    last_day = period.last_day
    candidates = (
        IS_LEAF,
        Project.stage != "储备",
        or_(Project.actual_finish > last_day,
            and_(Project.actual_finish.is_(None), Project.stage != "竣工")),
    )
    late = problems.overdue_problems(session, period, ids=ids, flt=None if ids else flt,
                                     projects_where=candidates)
    by_project: dict[int, list[problems.ProblemRow]] = {}
    for row in late:
        by_project.setdefault(row.project_id, []).append(row)
    out = {}
    for project_id, rows in by_project.items():
        parts = [f"“{_clip(r.description)}”逾期{r.overdue_days(last_day)}天"
                 for r in rows]
        head = "问题" if len(rows) == 1 else f"{len(rows)}个问题逾期未解决："
        tail = "未解决" if len(rows) == 1 else ""
        out[project_id] = Alert(project_id, "problem_overdue",
                                head + "；".join(parts) + tail
                                + f"（截至{period.month}月底）")
    return out


def _clip(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def state_of(figures: ProjectFigures, warnings: Sequence[Alert]) -> str:
    """The state a view colours a project with: one of the keys of :data:`STATE_COLOURS`.

    Complete wins over warned (a finished project never warns anyway), warned over the rest.
    """
    return state_from(figures.stage, figures.actual_start, figures.actual_finish,
                      bool(warnings))


def state_from(stage: str, actual_start: dt.date | None, actual_finish: dt.date | None,
               warned: bool) -> str:
    """:func:`state_of` for views that hold the facts rather than a ProjectFigures."""
    if actual_finish is not None or stage == "竣工":
        return "done"
    if warned:
        return "warning"
    if actual_start is None:
        return "not_started"
    return "on_track"


def reasons(warnings: Sequence[Alert]) -> str:
    """Every reason of one project in one line, as the 滞后项目 list shows it."""
    return "；".join(w.message for w in warnings)


__all__ = [
    "RULES",
    "RULE_LABELS",
    "STATE_BACKGROUNDS",
    "STATE_COLOURS",
    "STATE_LABELS",
    "Alert",
    "Thresholds",
    "evaluate",
    "is_complete",
    "load_thresholds",
    "reasons",
    "save_thresholds",
    "state_from",
    "state_of",
]
