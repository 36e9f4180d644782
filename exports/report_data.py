"""What a monthly report shows, read once from the database for every artefact.

The Excel report, the PDF briefing and their tests all take their figures from here, and
here only from :mod:`portfolio.metrics`, :mod:`portfolio.alerts` and :mod:`portfolio.problems`,
so a figure in any artefact is the figure the program shows everywhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AnnualPlan, FundingSource, Project, ProjectLevel
from db.queries import ProjectFilter, chunked
from exports import report_settings
from portfolio import alerts, funds, metrics, problems, scope
from portfolio.metrics import ProjectFigures, Summary
from portfolio.periods import Period
from portfolio.problems import PeriodProblems, ProblemQuery, ProblemRow
from portfolio.vocabulary import CATEGORIES, LEVELS

#: 建设性质 in the order reports list them
STAGE_ORDER = ("新开工", "续建", "竣工", "前期", "储备")

NO_GROUP = "未分类"
_ALL = ProjectFilter()


def chinese_numeral(number: int) -> str:
    """0 → 零, 1 → 一, 12 → 十二, 105 → 一百零五 (section and group numbers)."""
    # cn2an takes ~80 ms to import; only the exports that number sections pay for it.
    import cn2an

    return str(cn2an.an2cn(number))


def date_label(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class ProjectExtras:
    """Register fields the figures do not carry."""

    project_type: str = ""
    levels: list[str] = field(default_factory=list)
    contact_name: str = ""
    contact_phone: str = ""
    notes: str = ""
    #: 项目代码 (the national investment project code)
    code: str = ""
    #: 资金来源 by the source of :data:`portfolio.funds.SOURCES` each line counts under
    funding: dict[str, Decimal] = field(default_factory=dict)
    #: the year's 年度建设目标 (its annual plan's goal)
    goal: str = ""


def _extras(session: Session, ids: list[int], year: int) -> dict[int, ProjectExtras]:
    found: dict[int, ProjectExtras] = {}
    for chunk in chunked(ids):
        for pid, ptype, name, phone, notes, code in session.execute(
            select(Project.id, Project.project_type, Project.contact_name,
                   Project.contact_phone, Project.notes, Project.project_code)
            .where(Project.id.in_(chunk))
        ):
            found[pid] = ProjectExtras(ptype or "", [], name or "", phone or "", notes or "",
                                       code or "")
        for pid, level in session.execute(
            select(ProjectLevel.project_id, ProjectLevel.level)
            .where(ProjectLevel.project_id.in_(chunk))
        ):
            found[pid].levels.append(level)
        for pid, goal in session.execute(
            select(AnnualPlan.project_id, AnnualPlan.goal)
            .where(AnnualPlan.project_id.in_(chunk), AnnualPlan.year == year)
        ):
            found[pid].goal = goal or ""
        for pid, source, amount in session.execute(
            select(FundingSource.project_id, FundingSource.source, FundingSource.amount)
            .where(FundingSource.project_id.in_(chunk), FundingSource.amount.is_not(None))
        ):
            by_source = found[pid].funding
            key = funds.source_of(source)
            by_source[key] = by_source.get(key, Decimal(0)) + (amount or Decimal(0))
    order = {lv: i for i, lv in enumerate(LEVELS)}
    for extra in found.values():
        extra.levels.sort(key=lambda lv: order.get(lv, len(order)))
    return found


def group_key(figures: ProjectFigures, by: str) -> str:
    value = {"category": figures.category, "township": figures.township,
             "unit": figures.unit, "stage": figures.stage}[by]
    return value or ""


def group_label(key: str) -> str:
    return key or NO_GROUP


def group_order(keys: Iterable[str], by: str) -> list[str]:
    """Groups as reports list them: 领域 and 建设性质 in the customary order, others by name;
    empty last."""
    unique = set(keys)
    customary = {"category": CATEGORIES, "stage": STAGE_ORDER, "level": LEVELS}.get(by, ())
    rank = {c: i for i, c in enumerate(customary)}
    return sorted(unique, key=lambda k: (k == "", rank.get(k, len(rank)), k))


@dataclass
class ReportData:
    """Everything one period's report shows, for one filter."""

    period: Period
    flt: ProjectFilter
    office: str
    region: str
    issued_on: dt.date
    figures: list[ProjectFigures]
    extras: dict[int, ProjectExtras]
    warnings: dict[int, list[alerts.Alert]]
    total: Summary
    #: the projects the report is on, in words: :data:`portfolio.scope.WHOLE` or the filter's
    scope: str
    _summaries: dict[str, list[Summary]]
    _session: Session | None = None
    #: the month's 问题清单 (:class:`portfolio.problems.ProblemQuery` ``period``) and its counts
    problems: list[ProblemRow] = field(default_factory=list)
    problem_counts: PeriodProblems | None = None

    def summaries(self, by: str) -> list[Summary]:
        """The summary lines by ``by``, in :func:`group_order`."""
        if by not in self._summaries:
            assert self._session is not None, "summaries must be read while the session is open"
            if by == "level":
                rows = self._level_summaries()
            else:
                rows = metrics.summarise(self._session, self.period, self.flt, by=by)
            self._summaries[by] = rows
        rows = self._summaries[by]
        order = {k: i for i, k in enumerate(group_order((r.key or "" for r in rows), by))}
        return sorted(rows, key=lambda r: order[r.key or ""])

    def _level_summaries(self) -> list[Summary]:
        """A line per 级别 of the projects holding it, as ``status --level`` counts them: a
        project of several levels is in each (the lines add up to more than the 合计)."""
        assert self._session is not None
        rows = []
        for level in LEVELS:
            if self.flt.levels and level not in self.flt.levels:
                continue
            lines = metrics.summarise(self._session, self.period,
                                      replace(self.flt, levels=(level,)))
            rows += [replace(line, key=level) for line in lines if line.project_count]
        return rows

    def text_values(self) -> dict[str, str]:
        """The text placeholders of titles and headers."""
        return {
            "地区": self.region,
            "年度": str(self.period.year),
            "月份": str(self.period.month),
            "报告期": self.period.label,
            "1—N月": self.period.range_label,
            "填报单位": self.office,
            "填报日期": date_label(self.issued_on),
            "范围": self.scope_note,
        }

    @property
    def scope_note(self) -> str:
        """What the report's titles get: "（筛选：…）", or nothing for the whole portfolio."""
        return scope.title_note(self.scope)

    @property
    def warned(self) -> list[ProjectFigures]:
        return [f for f in self.figures if f.project_id in self.warnings]


def collect(
    session: Session,
    period: Period,
    flt: ProjectFilter = _ALL,
    *,
    today: dt.date | None = None,
    groupings: Iterable[str] = ("category",),
) -> ReportData:
    """Read one period's report for ``flt``. Summaries for ``groupings`` are read now; others
    when first asked for, while ``session`` is still open."""
    config = report_settings.load(session)
    figures = metrics.project_figures(session, period, flt)
    ids = [f.project_id for f in figures]
    wanted = tuple(by for by in dict.fromkeys(groupings) if by not in ("level", "mixed"))  # later
    lines = metrics.summaries(session, period, flt, (None, *wanted))  # one pass for all
    return ReportData(
        period=period,
        flt=flt,
        office=config.office,
        region=config.region,
        issued_on=today or dt.date.today(),
        figures=figures,
        extras=_extras(session, ids, period.year),
        warnings=alerts.evaluate(session, period, flt),
        total=lines[None][0],
        scope=scope.describe(flt, session),
        _summaries={by: lines[by] for by in wanted},
        _session=session,
        problems=problems.list_problems(session, ProblemQuery(period=period, projects=flt)),
        problem_counts=problems.counts(session, period, flt),
    )
