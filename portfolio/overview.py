"""The overview (总览) of a period: the figures the 总览 page, ``portfolio status`` and the
briefing's 一、总体情况 all show, computed once here so that they cannot disagree.

The sums come from :func:`portfolio.metrics.summaries` (SQL); the warning list from
:func:`portfolio.alerts.evaluate`. Each figure can also name the projects behind it
(:func:`ids_behind`), which is what clicking a figure in the window filters the register to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from db.models import AnnualPlan, Leader, MonthlyReport, Project, Unit
from db.queries import ProjectFilter
from portfolio import alerts, metrics
from portfolio.alerts import Alert, Thresholds
from portfolio.metrics import IS_LEAF, Summary
from portfolio.money import CENT, format_money, percent, to_yi
from portfolio.periods import Period
from portfolio.problems.by_group import counts_by
from portfolio.problems.ledger import PeriodProblems
from portfolio.projects.code_clashes import code_clashes

ALL = ProjectFilter()

#: Groupings of the overview tables, and their Chinese headings.
GROUP_LABELS: dict[str, str] = {"category": "领域", "township": "乡镇/街道", "unit": "责任单位"}


@dataclass
class LaggingProject:
    """One line of the 滞后项目 list."""

    project_id: int
    name: str
    category: str
    township: str
    unit: str
    leader: str
    annual_plan: Decimal | None
    ytd: Decimal
    plan_rate: Decimal | None
    problems: str
    warnings: list[Alert]

    @property
    def rules(self) -> list[str]:
        return [w.rule for w in self.warnings]

    @property
    def reasons(self) -> str:
        return alerts.reasons(self.warnings)


@dataclass
class Overview:
    period: Period
    total: Summary
    groups: dict[str, list[Summary]]
    lagging: list[LaggingProject]
    thresholds: Thresholds
    rule_counts: dict[str, int] = field(default_factory=dict)
    #: the 问题台账's figures, by the projects' 责任单位
    problems: PeriodProblems | None = None
    #: what in the register the office should correct (e.g. one 项目代码 written two ways)
    data_warnings: list[str] = field(default_factory=list)

    @property
    def warned_ids(self) -> list[int]:
        return [p.project_id for p in self.lagging]

    def warned_in(self, by: str, key: str | None) -> list[int]:
        """The warned projects of one group of a table (``by`` in :data:`GROUP_LABELS`)."""
        return [p.project_id for p in self.lagging if getattr(p, by) == (key or "")]

    def headline(self) -> str:
        """一、总体情况 in one paragraph, as the briefing and the overview page say it."""
        t = self.total
        p = self.period
        text = (
            f"截至{p.label}，纳入调度的重点项目{t.project_count}个，"
            f"总投资{to_yi(t.total_investment)}亿元；年度计划投资{to_yi(t.annual_plan)}亿元，"
            f"{p.range_label}完成投资{to_yi(t.ytd)}亿元"
        )
        if t.completion_rate is not None and t.gap_points is not None:
            text += f"，占年度计划的{t.completion_rate}%，{gap_words(t.gap_points)}"
        text += "。"
        if t.planned_starts:
            text += (f"计划开工项目{t.planned_starts}个，已开工{t.actual_starts}个，"
                     f"开工率{t.start_rate}%。")
        if self.lagging:
            text += f"预警（滞后）项目{len(self.lagging)}个。"
        return text


def gap_words(points: Decimal) -> str:
    """超序时进度 N 个百分点 / 低于序时进度 N 个百分点 / 与序时进度持平, N at one decimal as
    every table shows it; the one wording of the overview page, the status command and the
    PDF briefing."""
    if points > 0:
        return f"超序时进度{points:.1f}个百分点"
    if points < 0:
        return f"低于序时进度{-points:.1f}个百分点"
    return "与序时进度持平"


def compute(
    session: Session,
    period: Period,
    flt: ProjectFilter = ALL,
    thresholds: Thresholds | None = None,
    groups: tuple[str, ...] = ("category", "township", "unit"),
) -> Overview:
    """Everything the overview shows for ``period`` and ``flt``."""
    t = thresholds if thresholds is not None else alerts.load_thresholds(session)
    # the 合计 and every table from one statement: one pass over the reports
    lines = metrics.summaries(session, period, flt, (None, *groups))
    total = lines[None][0]
    by = {key: lines[key] for key in groups}
    found = alerts.evaluate(session, period, flt, t)
    lagging = _lagging(session, period, found)
    counts = {rule: 0 for rule in alerts.RULES}
    for ws in found.values():
        for w in ws:
            counts[w.rule] += 1
    problems = counts_by(session, period, flt, "unit")
    return Overview(period, total, by, lagging, t, counts, problems, code_clashes(session))


def _lagging(session: Session, period: Period,
             found: dict[int, list[Alert]]) -> list[LaggingProject]:
    """The 滞后项目 lines of the warned projects: only what the list shows is read (this
    year's reports of those projects, not their whole history)."""
    if not found:
        return []
    ids = list(found)
    r = MonthlyReport
    ytd = (
        select(r.project_id.label("project_id"), func.sum(r.investment).label("amount"))
        .where(r.year == period.year, r.month <= period.month, r.project_id.in_(ids))
        .group_by(r.project_id)
        .subquery()
    )
    plan = aliased(AnnualPlan)
    this_month = aliased(MonthlyReport)
    query = (
        select(
            Project.id, Project.name, Project.category, Project.township,
            func.coalesce(Unit.name, ""), func.coalesce(Leader.name, ""),
            plan.planned_investment, func.coalesce(ytd.c.amount, 0),
            func.coalesce(this_month.problems, ""),
        )
        .outerjoin(Unit, Project.unit_id == Unit.id)
        .outerjoin(Leader, Project.leader_id == Leader.id)
        .outerjoin(plan, and_(plan.project_id == Project.id, plan.year == period.year))
        .outerjoin(ytd, ytd.c.project_id == Project.id)
        .outerjoin(this_month, and_(this_month.project_id == Project.id,
                                    this_month.year == period.year,
                                    this_month.month == period.month))
        .where(Project.id.in_(ids))
    )
    out = []
    for pid, name, category, township, unit, leader, planned, done, problems in (
            session.execute(query)):
        annual_plan = None if planned is None else Decimal(str(planned)).quantize(CENT)
        ytd_amount = Decimal(str(done)).quantize(CENT)
        out.append(LaggingProject(
            pid, name, category, township, unit, leader, annual_plan, ytd_amount,
            percent(ytd_amount, annual_plan), problems, found[pid],
        ))
    order = {rule: i for i, rule in enumerate(alerts.RULES)}
    out.sort(key=lambda p: (order[p.warnings[0].rule], p.category, p.project_id))
    return out


def ids_behind(session: Session, period: Period, flt: ProjectFilter, figure: str) -> list[int]:
    """The projects behind one overview figure: ``planned_starts`` (planned to start this
    year), ``actual_starts`` (of those, started by the period's end), ``pending_starts`` (the
    difference, whether or not their month has come), ``warned`` (on the warning list) or a
    rule name of :data:`alerts.RULES` (e.g. ``not_started``: past their month, warned)."""
    if figure in ("warned", *alerts.RULES):
        found = alerts.evaluate(session, period, flt)
        return sorted(pid for pid, ws in found.items()
                      if figure == "warned" or any(w.rule == figure for w in ws))
    plan = aliased(AnnualPlan)
    query = (
        select(Project.id)
        .join(plan, and_(plan.project_id == Project.id, plan.year == period.year))
        .where(plan.planned_start_month.is_not(None), IS_LEAF)
    )
    started = and_(Project.actual_start.is_not(None), Project.actual_start <= period.last_day)
    if figure == "actual_starts":
        query = query.where(started)
    elif figure == "pending_starts":
        query = query.where(~started)
    elif figure != "planned_starts":
        raise KeyError(figure)
    return list(session.scalars(flt.apply(query).order_by(Project.id)))


def group_filter(flt: ProjectFilter, by: str, key: str, session: Session) -> ProjectFilter:
    """``flt`` narrowed to one group of an overview table (a 领域, a 乡镇 or a 责任单位)."""
    from dataclasses import replace

    if by == "category":
        return replace(flt, categories=(key,))
    if by == "township":
        return replace(flt, townships=(key,))
    if by == "unit":
        unit_id = session.scalar(select(Unit.id).where(Unit.name == key))
        if unit_id is None:  # projects without a unit
            ids = session.scalars(flt.apply(select(Project.id).where(Project.unit_id.is_(None))))
            return replace(flt, project_ids=tuple(ids), ids_label="未填责任单位的项目")
        return replace(flt, unit_ids=(unit_id,))
    raise KeyError(by)


def summary_record(row: Summary) -> dict[str, object]:
    """A Summary as plain values (money as two-decimal strings), for JSON."""
    return {
        "key": row.key,
        "project_count": row.project_count,
        "total_investment": format_money(row.total_investment),
        "annual_plan": format_money(row.annual_plan),
        "ytd": format_money(row.ytd),
        "month": format_money(row.month),
        "cumulative": format_money(row.cumulative),
        "completion_rate": None if row.completion_rate is None else str(row.completion_rate),
        "time_progress": str(row.time_progress),
        "gap_points": None if row.gap_points is None else str(row.gap_points),
        "planned_starts": row.planned_starts,
        "actual_starts": row.actual_starts,
        "start_rate": None if row.start_rate is None else str(row.start_rate),
    }

