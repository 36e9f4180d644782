"""The warning rules: which projects are lagging in a period, and why (the rules are described
in :mod:`portfolio.alerts`).

Everything is read in one SQL query (complete projects are left out there); the rules
themselves are plain Python over its rows. 问题逾期 and 手续逾期 each take one more query.
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
from portfolio import approvals, problems
from portfolio.alerts import messages
from portfolio.alerts.messages import month_text
from portfolio.alerts.thresholds import Thresholds, load_thresholds
from portfolio.metrics import IS_LEAF
from portfolio.money import percent
from portfolio.monthly.carried import CARRIED_MONTH
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


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


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
            # 此前各月累计（未分月） of the year and the first month reported one by one: the
            # months before it are not known to be idle
            func.sum(case((and_(year == period.year, r.month == CARRIED_MONTH), r.investment),
                          else_=0)).label("carried"),
            func.min(case((and_(year == period.year, r.month > CARRIED_MONTH), r.month),
                          else_=None)).label("first_month"),
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
            func.coalesce(report_sums.c.carried, 0), report_sums.c.first_month,
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
        else f"{month_text(_month_index(first.year, first.month), period)}—{period.month}月"
    )
    result: dict[int, list[Alert]] = {}
    judged: list[int] = []
    for (project_id, planned_start, planned_finish, actual_start, annual_plan,
         plan_start_month, plan_finish_month, ytd_amount, idle_amount, carried,
         first_month) in session.execute(query):
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
                found.append(Alert(project_id, "behind_schedule",
                                   messages.behind(rate, gap, due)))

        # a window reaching before the first month reported one by one is not known idle
        unknown = Decimal(str(carried)) != 0 and (
            first.year < period.year or first_month is None or first.month < first_month)
        if (started and actual_start is not None and actual_start <= window_first_last_day
                and Decimal(str(idle_amount)) == 0 and not unknown):
            found.append(Alert(project_id, "no_investment",
                               messages.idle(len(window), idle_text)))

        if (not started and start_index is not None
                and start_index + t.start_grace_months <= now):
            found.append(Alert(project_id, "not_started",
                               messages.not_started(start_index, period)))

        if planned_finish is not None:
            finish_index: int | None = _month_index(planned_finish.year, planned_finish.month)
        elif plan_finish_month is not None:
            finish_index = _month_index(period.year, plan_finish_month)
        else:
            finish_index = None
        if finish_index is not None and finish_index + t.finish_grace_months <= now:
            found.append(Alert(project_id, "overdue",
                               messages.overdue(finish_index, now, period)))

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
    return {project_id: Alert(project_id, "problem_overdue",
                              messages.problems_overdue(rows, last_day, period))
            for project_id, rows in by_project.items()}


def reasons(warnings: Sequence[Alert]) -> str:
    """Every reason of one project in one line, as the 滞后项目 list shows it."""
    return "；".join(w.message for w in warnings)
