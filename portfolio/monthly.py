"""The monthly entry (月度调度): the rows of the entry grid, cell validation, saving a batch of
edits as one change, pasting blocks copied from Excel, closing and reopening a month, and a
project's history of figure changes.

Only 本月完成投资, 形象进度, 存在问题, 下步计划, 开工 (with its date) and 竣工
are typed; 截至上年底, 1—N月 and 占年度计划% are computed from the reports,
never stored. A batch of edits is validated whole and saved in the caller's one
transaction: one bad cell refuses the batch, with a Chinese message naming the
project and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import (
    CompoundSelect,
    Select,
    and_,
    case,
    delete,
    func,
    insert,
    or_,
    select,
    union,
)
from sqlalchemy.orm import Session, aliased

from db import audit
from db.models import (
    AnnualPlan,
    AuditEntry,
    MonthlyReport,
    PeriodLock,
    Project,
    Unit,
)
from db.queries import ProjectFilter
from portfolio.metrics import IS_LEAF, YearCompletion
from portfolio.money import MoneyError, format_money, parse_money
from portfolio.periods import Period

ZERO = Decimal("0.00")
ALL = ProjectFilter()
TEXT_LIMIT = 1000


class EntryError(ValueError):
    """Edits that cannot be saved; the message is Chinese and user-facing.

    ``project_id`` and ``column`` say which cell is wrong when one is (for pointing at it).
    """

    def __init__(self, message: str, project_id: int | None = None,
                 column: str | None = None) -> None:
        super().__init__(message)
        self.project_id = project_id
        self.column = column


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    editable: bool = False
    #: 'text', 'money', 'percent', 'bool', 'date', 'int'
    kind: str = "text"


def columns(period: Period) -> tuple[Column, ...]:
    """The entry grid's columns, in the order of the 明细表 (so that blocks copied from the
    county's Excel sheet line up: 本月完成投资, 形象进度, 存在问题 … are next to each other)."""
    return (
        Column("name", "项目名称"),
        Column("stage", "建设性质"),
        Column("unit", "责任单位"),
        Column("total_investment", "总投资", kind="money"),
        Column("prior_years", "截至上年底累计", kind="money"),
        Column("annual_plan", f"{period.year}年计划", kind="money"),
        Column("ytd", f"{period.range_label}累计", kind="money"),
        Column("plan_rate", "占年度计划%", kind="percent"),
        Column("investment", "本月完成投资", editable=True, kind="money"),
        Column("progress", "形象进度", editable=True),
        Column("problems", "存在问题", editable=True),
        Column("next_steps", "下步计划", editable=True),
        Column("started", "是否开工", editable=True, kind="bool"),
        Column("started_on", "开工日期", editable=True, kind="date"),
        Column("finished_on", "竣工日期", editable=True, kind="date"),
    )


#: The Chinese label of each editable field, for messages and the history.
EDITABLE: dict[str, str] = {
    "investment": "本月完成投资",
    "progress": "形象进度",
    "problems": "存在问题",
    "next_steps": "下步计划",
    "started": "是否开工",
    "started_on": "开工日期",
    "finished_on": "竣工日期",
}


@dataclass
class EntryRow(YearCompletion):
    """One project in the entry grid for one period."""

    project_id: int
    name: str
    category: str
    stage: str
    unit: str
    is_leaf: bool
    total_investment: Decimal | None
    #: 截至上年底累计: prior investment and every report of earlier years
    prior_years: Decimal
    annual_plan: Decimal | None
    #: reports of this year before the period's month
    ytd_before: Decimal
    #: reports after the period (when an earlier month is corrected)
    later: Decimal
    has_report: bool
    investment: Decimal | None
    progress: str
    problems: str
    next_steps: str
    started: bool
    started_on: dt.date | None
    actual_start: dt.date | None
    finished_on: dt.date | None
    planned_start_month: int | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def ytd(self) -> Decimal:
        """1—N月累计完成投资."""
        return self.ytd_before + (self.investment or ZERO)

    @property
    def remaining(self) -> Decimal | None:
        """The most this month can report without passing the total investment."""
        if self.total_investment is None:
            return None
        return self.total_investment - self.prior_years - self.ytd_before - self.later

    def value(self, key: str) -> object:
        return getattr(self, key)


#: Which projects' reports to sum: their ids, or a select of them.
_Scope = Select | CompoundSelect | Sequence[int]  # type: ignore[type-arg]


def _report_sums(period: Period, projects: _Scope | None = None):  # type: ignore[no-untyped-def]
    """Per project: reports before the period's year, of its year before its month, and
    after it; only of ``projects`` when given."""
    r = MonthlyReport
    before_year = r.year < period.year
    this_year_before = and_(r.year == period.year, r.month < period.month)
    after = or_(r.year > period.year, and_(r.year == period.year, r.month > period.month))
    query = (
        select(
            r.project_id.label("project_id"),
            func.sum(case((before_year, r.investment), else_=0)).label("prior"),
            func.sum(case((this_year_before, r.investment), else_=0)).label("ytd_before"),
            func.sum(case((after, r.investment), else_=0)).label("later"),
        )
        .group_by(r.project_id)
    )
    if projects is not None:
        query = query.where(r.project_id.in_(projects))
    return query.subquery()


_CENT = Decimal("0.01")


def _dec(value: object) -> Decimal:
    if value is None:
        return ZERO
    if type(value) is Decimal:  # what SQLAlchemy gives for a Numeric: skip the str() trip
        return value.quantize(_CENT)
    return Decimal(str(value)).quantize(_CENT)


def load_rows(
    session: Session,
    period: Period,
    flt: ProjectFilter = ALL,
    *,
    active_only: bool = False,
    ids: Sequence[int] | None = None,
) -> list[EntryRow]:
    """The entry rows of ``flt`` (or of ``ids``) for ``period``, in the 明细表's order (领域, then
    id). ``active_only`` keeps the projects scheduled this year: those with a plan for the
    year or a report in it (the list the county actually reports on)."""
    # projects scheduled this year: with a plan for the year or a report in it
    active = union(
        select(AnnualPlan.project_id).where(AnnualPlan.year == period.year),
        select(MonthlyReport.project_id).where(MonthlyReport.year == period.year),
    )
    # the report sums only of the projects listed (the active ones of the filter name far
    # fewer reports than the whole history holds)
    scope: _Scope | None = None
    if ids is not None:
        scope = list(ids)
    elif active_only:
        scope = (flt.apply(select(Project.id).where(Project.id.in_(active)))
                 if flt.conditions() else active)
    elif flt.conditions():
        scope = flt.apply(select(Project.id))
    sums = _report_sums(period, scope)
    plan = aliased(AnnualPlan)
    report = aliased(MonthlyReport)
    query = (
        select(
            Project.id, Project.name, Project.category, Project.stage,
            func.coalesce(Unit.name, ""), IS_LEAF, Project.total_investment,
            func.coalesce(Project.prior_investment, 0) + func.coalesce(sums.c.prior, 0),
            plan.planned_investment, func.coalesce(sums.c.ytd_before, 0),
            func.coalesce(sums.c.later, 0), report.id, report.investment, report.progress,
            report.problems, report.next_steps, report.started, report.started_on,
            Project.actual_start, Project.actual_finish, plan.planned_start_month,
        )
        .outerjoin(Unit, Project.unit_id == Unit.id)
        .outerjoin(sums, sums.c.project_id == Project.id)
        .outerjoin(plan, and_(plan.project_id == Project.id, plan.year == period.year))
        .outerjoin(
            report,
            and_(report.project_id == Project.id, report.year == period.year,
                 report.month == period.month),
        )
    )
    if ids is not None:
        query = query.where(Project.id.in_(ids))
    else:
        query = flt.apply(query)
        if active_only:
            query = query.where(Project.id.in_(active))
    query = query.order_by(Project.category, Project.id)
    last_day = period.last_day
    rows = []
    for r in session.execute(query):
        actual_start = r[18]
        has_report = r[11] is not None
        if has_report:
            started = bool(r[16])
            started_on = r[17] or (actual_start if started else None)
        else:
            started = actual_start is not None and actual_start <= last_day
            started_on = actual_start if started else None
        finished = r[19] if r[19] is not None and r[19] <= last_day else None
        rows.append(EntryRow(
            project_id=r[0], name=r[1], category=r[2], stage=r[3], unit=r[4], is_leaf=bool(r[5]),
            total_investment=None if r[6] is None else _dec(r[6]), prior_years=_dec(r[7]),
            annual_plan=None if r[8] is None else _dec(r[8]), ytd_before=_dec(r[9]),
            later=_dec(r[10]), has_report=has_report,
            investment=_dec(r[12]) if has_report else None,
            progress=r[13] or "", problems=r[14] or "", next_steps=r[15] or "",
            started=started, started_on=started_on, actual_start=actual_start,
            finished_on=finished, planned_start_month=r[20],
        ))
    if ids is not None:
        by_id = {row.project_id: row for row in rows}
        rows = [by_id[i] for i in ids if i in by_id]
    return rows


@dataclass
class Totals(YearCompletion):
    """The live 合计 line of the grid (projects that carry money only)."""

    projects: int
    total_investment: Decimal
    prior_years: Decimal
    annual_plan: Decimal
    ytd: Decimal
    investment: Decimal
    reported: int
    started: int


def totals(rows: Iterable[EntryRow]) -> Totals:
    """合计 of ``rows``; packages with parts are skipped (their money is on the parts)."""
    t = Totals(0, ZERO, ZERO, ZERO, ZERO, ZERO, 0, 0)
    for row in rows:
        t.projects += 1
        if not row.is_leaf:
            continue
        t.total_investment += row.total_investment or ZERO
        t.prior_years += row.prior_years
        t.annual_plan += row.annual_plan or ZERO
        t.ytd += row.ytd
        t.investment += row.investment or ZERO
        t.reported += row.has_report
        t.started += row.started
    return t


# -- parsing what the user types -------------------------------------------------------------

_TRUE = {"是", "已开工", "开工", "√", "✓", "1", "y", "yes", "true", "t"}
_FALSE = {"否", "未开工", "×", "0", "n", "no", "false", "f", ""}
_DATE_FULL = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_DATE_SHORT = re.compile(r"^\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(text: str, period: Period, label: str) -> dt.date | None:
    """``2026-10-08``, ``2026/10/8``, ``2026年10月8日``, ``20261008`` or ``10月8日`` (the
    period's year); empty gives None."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{8}", text):
        parts: tuple[int, int, int] | None = (int(text[:4]), int(text[4:6]), int(text[6:]))
    elif match := _DATE_FULL.match(text):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := _DATE_SHORT.match(text):
        parts = (period.year, int(match[1]), int(match[2]))
    else:
        parts = None
    try:
        if parts is None:
            raise ValueError
        return dt.date(*parts)
    except ValueError:
        raise EntryError(f"{label}应为日期，如 {period.year}-{period.month:02d}-08，"
                         f"不能是“{text}”") from None


def parse_cell(key: str, text: str, period: Period) -> object:
    """The typed value of what the user typed (or pasted) into the editable column ``key``.

    Money: 万元, at most two decimals, not negative (empty = not reported); texts at most
    1000 characters; 是否开工: 是/否 (or √, 1/0); dates as :func:`parse_date`."""
    label = EDITABLE[key]
    if key == "investment":
        try:
            return parse_money(text, field=label)
        except MoneyError as error:
            raise EntryError(str(error), column=key) from None
    if key in ("progress", "problems", "next_steps"):
        cleaned = text.strip()
        if len(cleaned) > TEXT_LIMIT:
            raise EntryError(f"{label}过长（最多{TEXT_LIMIT}字）", column=key)
        return cleaned
    if key == "started":
        cleaned = text.strip().lower()
        if cleaned in _TRUE:
            return True
        if cleaned in _FALSE:
            return False
        raise EntryError(f"{label}应填“是”或“否”，不能是“{text.strip()}”", column=key)
    if key in ("started_on", "finished_on"):
        try:
            return parse_date(text, period, label)
        except EntryError as error:
            raise EntryError(str(error), column=key) from None
    raise KeyError(key)


def display(key: str, value: object) -> str:
    """A value as the grid shows it and as it is copied to the clipboard."""
    if value is None:
        return ""
    if key == "started":
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format_money(value) if key != "plan_rate" else f"{value:.1f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# -- locking ---------------------------------------------------------------------------------


def is_locked(session: Session, period: Period) -> bool:
    return session.get(PeriodLock, (period.year, period.month)) is not None


def lock_info(session: Session, period: Period) -> PeriodLock | None:
    return session.get(PeriodLock, (period.year, period.month))


def lock(session: Session, period: Period) -> int:
    """Submit (lock) ``period``: no edits until it is reopened. Moves every project's 建设性质
    to what its dates say (:func:`advance_stages`); returns how many stages moved. Recorded in
    the audit log."""
    if is_locked(session, period):
        raise EntryError(f"{period.label}已经报送锁定")
    user = session.info.get("user") or audit.current_user()
    session.execute(insert(PeriodLock.__table__), [{
        "year": period.year, "month": period.month,
        "locked_at": dt.datetime.now().replace(microsecond=0), "locked_by": user,
    }])
    moved = advance_stages(session, period)
    audit.record(session, "lock", "period_locks", str(period), f"报送锁定{period.label}")
    return moved


def reopen(session: Session, period: Period, reason: str = "") -> None:
    """Reopen a submitted month for corrections; the reason goes into the audit log."""
    if not is_locked(session, period):
        raise EntryError(f"{period.label}尚未报送，无需重新打开")
    session.execute(delete(PeriodLock.__table__).where(
        PeriodLock.year == period.year, PeriodLock.month == period.month))
    note = f"重新打开{period.label}" + (f"：{reason.strip()}" if reason.strip() else "")
    audit.record(session, "reopen", "period_locks", str(period), note)


def lock_events(session: Session, period: Period) -> list[AuditEntry]:
    """Every lock and reopen of ``period``, oldest first."""
    return list(session.scalars(
        select(AuditEntry)
        .where(AuditEntry.table_name == "period_locks", AuditEntry.record_id == str(period))
        .order_by(AuditEntry.id)
    ))


# -- 建设性质 follows the facts ------------------------------------------------------------------


def stage_for(stage: str, actual_start: dt.date | None, actual_finish: dt.date | None,
              period: Period) -> str:
    """What 建设性质 a project has at the end of ``period``, from its dates.

    储备 stays 储备 until the project starts; a project with no start keeps 前期 (or 储备)."""
    last = period.last_day
    if actual_finish is not None and actual_finish <= last:
        return "竣工"
    if actual_start is not None and actual_start <= last:
        return "新开工" if actual_start.year == period.year else "续建"
    if stage in ("储备", "前期"):
        return stage
    return "前期"


def advance_stages(session: Session, period: Period) -> int:
    """Set every project's 建设性质 from its dates as of ``period`` (新开工 becomes 续建 in
    a new year, a project with a finish date becomes 竣工); returns how many changed.

    Only projects with dates are considered, and only those whose stage differs are loaded
    (and audited)."""
    candidates = session.execute(
        select(Project.id, Project.stage, Project.actual_start, Project.actual_finish)
        .where(or_(Project.actual_start.is_not(None), Project.actual_finish.is_not(None)))
    ).all()
    changed = {pid: new for pid, stage, start, finish in candidates
               if (new := stage_for(stage, start, finish, period)) != stage
               and not (start is not None and start > period.last_day)}
    for project in session.scalars(select(Project).where(Project.id.in_(changed))) if (
            changed) else ():
        project.stage = changed[project.id]
    session.flush()
    return len(changed)


# -- saving edits ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellEdit:
    """One typed value for one editable cell."""

    project_id: int
    key: str
    value: object


def _name(session: Session, project_id: int) -> str:
    return session.scalar(select(Project.name).where(Project.id == project_id)) or str(project_id)


def save_cells(session: Session, period: Period, edits: Sequence[CellEdit]) -> list[int]:
    """Validate and apply ``edits`` to ``period`` as one change; returns the projects changed.

    Refuses (raises :class:`EntryError`, leaving the caller to roll back) a locked period, a
    package's money (it lives on the parts), an amount that would take a project's cumulative
    investment past its total, a start or finish date after the period, a finish before the
    start, and clearing the start of a project that started before this month.
    """
    if not edits:
        return []
    if is_locked(session, period):
        raise EntryError(f"{period.label}已报送锁定，不能修改；如需更正请先“重新打开”本月")
    by_project: dict[int, dict[str, object]] = {}
    for edit in edits:
        if edit.key not in EDITABLE:
            raise KeyError(edit.key)
        by_project.setdefault(edit.project_id, {})[edit.key] = edit.value
    rows = {r.project_id: r for r in load_rows(session, period, ids=list(by_project))}
    for project_id, values in by_project.items():
        row = rows.get(project_id)
        if row is None:
            raise EntryError("该项目已不存在（可能已被删除）", project_id)
        check_values(row, values, period)
    for project_id, values in by_project.items():
        _apply(session, rows[project_id], values, period)
    session.flush()
    return list(by_project)


def check_values(row: EntryRow, values: dict[str, object], period: Period) -> None:
    """Raise :class:`EntryError` when ``values`` (key → typed value) cannot go into ``row``.

    Needs no database, so the grid checks a cell before its editor closes. Adds the resolved
    start (``_started``, ``_started_on``) to ``values`` for :func:`save_cells`."""
    def fail(message: str, key: str) -> None:
        raise EntryError(f"{row.name}：{message}", row.project_id, key)

    if "investment" in values:
        amount = values["investment"]
        if amount is not None and not isinstance(amount, Decimal):
            fail("本月完成投资应为数字（万元）", "investment")
        if amount and not row.is_leaf:
            fail("打包项目的投资请填报在各子项目中", "investment")
        if isinstance(amount, Decimal) and amount < 0:
            fail("本月完成投资不能为负数", "investment")
        remaining = row.remaining
        if isinstance(amount, Decimal) and remaining is not None and amount > remaining:
            fail(f"本月完成投资{format_money(amount)}万元超过剩余投资{format_money(remaining)}万元"
                 f"（总投资{format_money(row.total_investment)}万元，"
                 f"其他月份累计已完成{format_money(row.total_investment - remaining)}万元）",
                 "investment")
    started = values.get("started", row.started)
    if "started_on" in values and "started" not in values:
        started = values["started_on"] is not None  # typing a date says it started
    started_on = values.get("started_on", row.started_on) if started else None
    if started and started_on is None:
        known = row.started_on or row.actual_start
        started_on = known if known and known <= period.last_day else period.first_day
    finished_on = values.get("finished_on", row.finished_on)
    if isinstance(started_on, dt.date) and started_on > period.last_day:
        fail(f"开工日期{started_on.isoformat()}晚于本期（{period.label}）", "started_on")
    if not started and row.actual_start is not None and row.actual_start < period.first_day:
        fail(f"该项目已于{row.actual_start.isoformat()}开工（早于本月），"
             "如需更正开工日期请在项目信息中修改", "started")
    if isinstance(finished_on, dt.date):
        if finished_on > period.last_day:
            fail(f"竣工日期{finished_on.isoformat()}晚于本期（{period.label}）", "finished_on")
        if not started:
            fail("尚未开工的项目不能填写竣工日期", "finished_on")
        if isinstance(started_on, dt.date) and finished_on < started_on:
            fail("竣工日期不能早于开工日期", "finished_on")
    values["_started"] = bool(started)
    values["_started_on"] = started_on if started else None


def _apply(session: Session, row: EntryRow, values: dict[str, object], period: Period) -> None:
    report = session.scalar(select(MonthlyReport).where(
        MonthlyReport.project_id == row.project_id, MonthlyReport.year == period.year,
        MonthlyReport.month == period.month))
    project = session.get(Project, row.project_id)
    assert project is not None
    touches_report = any(k in values for k in (
        "investment", "progress", "problems", "next_steps", "started", "started_on"))
    if report is None and touches_report:
        report = MonthlyReport(project_id=row.project_id, year=period.year, month=period.month,
                               investment=ZERO, progress="", problems="", next_steps="",
                               started=False, started_on=None)
        session.add(report)
    if report is not None:
        if "investment" in values:
            amount = values["investment"]
            value = amount.quantize(Decimal("0.01")) if isinstance(amount, Decimal) else ZERO
            if report.investment != value or report.id is None:
                report.investment = value
        for key in ("progress", "problems", "next_steps"):
            if key in values and getattr(report, key) != values[key]:
                setattr(report, key, values[key])
        if report.started != values["_started"]:
            report.started = values["_started"]
        if report.started_on != values["_started_on"]:
            report.started_on = values["_started_on"]

    if values["_started"]:
        if project.actual_start != values["_started_on"]:
            project.actual_start = values["_started_on"]  # type: ignore[assignment]
    elif project.actual_start is not None and project.actual_start >= period.first_day:
        project.actual_start = None
    if "finished_on" in values:
        finished = values["finished_on"]
        if finished is not None or (project.actual_finish is not None
                                    and project.actual_finish <= period.last_day):
            project.actual_finish = finished  # type: ignore[assignment]
    stage = stage_for(project.stage, project.actual_start, project.actual_finish, period)
    if stage != project.stage:
        project.stage = stage

    if report is not None and values.get("investment", "") is None:
        # an emptied report says nothing the project does not: remove it (undo of a first
        # entry leaves the month unreported, as it was)
        started_known = (not report.started or report.started_on == project.actual_start)
        if (report.investment == ZERO and not report.progress and not report.problems
                and not report.next_steps and started_known):
            session.delete(report)


# -- pasting a block copied from Excel ---------------------------------------------------------


def parse_block(text: str) -> list[list[str]]:
    """Rows of cells from tab-separated text as Excel and WPS copy it (a cell holding a tab,
    a line break or a quote is quoted; the trailing line break is ignored)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    return [list(row) for row in reader]


@dataclass
class PastePlan:
    """What a paste would change: typed edits, or the problems that refuse it."""

    edits: list[CellEdit]
    errors: list[str]
    #: 'order' or 'name'
    matched_by: str
    #: (row index, column key) of every cell that would change, for selecting them
    cells: list[tuple[int, str]]


def _normalise_name(name: str) -> str:
    return re.sub(r"\s+", "", name).replace("（", "(").replace("）", ")")


def plan_paste(
    rows: Sequence[EntryRow],
    keys: Sequence[str],
    block: Sequence[Sequence[str]],
    start_row: int,
    start_key: str,
    period: Period,
) -> PastePlan:
    """Map a pasted block onto the grid.

    ``keys`` are the grid's column keys in order. When the first pasted column holds the
    projects' names (most of its non-empty cells name a project in ``rows``), rows are matched
    by name and the other pasted columns go to the editable columns from ``start_key`` (from
    本月完成投资 when the current cell is not editable); otherwise the block goes row by row
    from ``start_row`` and column by column over the editable columns from ``start_key``.
    Every cell is parsed; any problem refuses the whole paste.
    """
    errors: list[str] = []
    if not block or not any(any(c.strip() for c in r) for r in block):
        return PastePlan([], ["剪贴板中没有可粘贴的内容"], "order", [])
    names: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        names.setdefault(_normalise_name(row.name), []).append(i)
    first = [r[0].strip() for r in block if r and r[0].strip()]
    known = sum(1 for n in first if _normalise_name(n) in names)
    by_name = bool(first) and known * 2 > len(first) and len(block[0]) > 1
    editable = [k for k in keys if k in EDITABLE]
    if start_key in editable:
        targets = editable[editable.index(start_key):]
    else:
        after = keys[keys.index(start_key) + 1:] if start_key in keys else []
        following = [k for k in after if k in EDITABLE]
        targets = following if following and not by_name else editable[
            editable.index("investment"):]
    edits: list[CellEdit] = []
    cells: list[tuple[int, str]] = []
    for line, cells_in in enumerate(block, start=1):
        values = list(cells_in)
        if by_name:
            if not values or not values[0].strip():
                if any(v.strip() for v in values):
                    errors.append(f"第{line}行：缺少项目名称")
                continue
            found = names.get(_normalise_name(values[0]))
            if not found:
                errors.append(f"第{line}行：找不到项目“{values[0].strip()}”")
                continue
            if len(found) > 1:
                errors.append(f"第{line}行：项目名称“{values[0].strip()}”重复，无法对应")
                continue
            index = found[0]
            values = values[1:]
        else:
            index = start_row + line - 1
            if index >= len(rows):
                errors.append(f"粘贴内容有{len(block)}行，超出表格末尾（从第{start_row + 1}行起"
                              f"只有{len(rows) - start_row}行）")
                break
        if len(values) > len(targets):
            extra = values[len(targets):]
            if any(v.strip() for v in extra):
                errors.append(f"第{line}行：粘贴内容有{len(values)}列，超出可填写的列"
                              f"（{'、'.join(EDITABLE[k] for k in targets)}）")
                continue
            values = values[:len(targets)]
        row = rows[index]
        for key, text in zip(targets, values, strict=False):
            try:
                value = parse_cell(key, text, period)
            except EntryError as error:
                errors.append(f"第{line}行（{row.name}）{EDITABLE[key]}：{error}")
                continue
            edits.append(CellEdit(row.project_id, key, value))
            cells.append((index, key))
    return PastePlan(edits if not errors else [], errors, "name" if by_name else "order", cells)


def fill_down(rows: Sequence[EntryRow], key: str, row_indexes: Sequence[int]) -> list[CellEdit]:
    """Ctrl+D: copy the first selected row's value of ``key`` into the other selected rows."""
    if key not in EDITABLE or len(row_indexes) < 2:
        return []
    ordered = sorted(row_indexes)
    source = rows[ordered[0]].value(key)
    return [CellEdit(rows[i].project_id, key, source) for i in ordered[1:]
            if rows[i].value(key) != source]


def old_values(rows_by_id: dict[int, EntryRow], edits: Sequence[CellEdit]) -> list[CellEdit]:
    """The edits that put back what ``edits`` change (for undo)."""
    return [CellEdit(e.project_id, e.key, rows_by_id[e.project_id].value(e.key)) for e in edits]


# -- history -----------------------------------------------------------------------------------

_TABLE_LABELS = {"projects": "项目信息", "monthly_reports": "月度调度", "annual_plans": "年度计划",
                 "plan_months": "年度计划", "project_levels": "级别", "funding_sources": "资金来源",
                 "project_quantities": "建设规模指标", "citations": "来源"}
_REPORT_FIELDS = {"investment": "本月完成投资", "progress": "形象进度", "problems": "存在问题",
                  "next_steps": "下步计划", "started": "是否开工", "started_on": "开工日期"}
_PLAN_FIELDS = {"planned_investment": "年度计划投资", "planned_start_month": "计划开工月份",
                "planned_finish_month": "计划竣工月份", "distribution": "月度分配"}
_ACTIONS = {"insert": "新增", "update": "修改", "delete": "删除", "restore": "恢复"}


@dataclass
class HistoryEntry:
    at: dt.datetime
    user: str
    action: str
    #: what changed, e.g. "2026年10月 本月完成投资"
    what: str
    old: str
    new: str


def history(session: Session, project_id: int, limit: int | None = None) -> list[HistoryEntry]:
    """Every recorded change of one project, newest first: its own fields, its monthly
    reports (named by their month) and its annual plans (by their year)."""
    from portfolio.vocabulary import FIELD_LABELS

    entries = list(session.scalars(
        select(AuditEntry).where(AuditEntry.project_id == project_id)
        .order_by(AuditEntry.id.desc()).limit(limit)
    ))
    record_of = {e.id: e.record_id for e in entries}
    report_ids = {int(record_of[e.id]) for e in entries
                  if e.table_name == "monthly_reports" and record_of[e.id].isdigit()}
    plan_ids = {int(record_of[e.id]) for e in entries
                if e.table_name == "annual_plans" and record_of[e.id].isdigit()}
    months = dict(
        (rid, Period(y, m)) for rid, y, m in session.execute(
            select(MonthlyReport.id, MonthlyReport.year, MonthlyReport.month)
            .where(MonthlyReport.id.in_(report_ids)))
    ) if report_ids else {}
    years = dict(session.execute(
        select(AnnualPlan.id, AnnualPlan.year).where(AnnualPlan.id.in_(plan_ids))).all()
    ) if plan_ids else {}
    missing = [str(rid) for rid in report_ids if rid not in months]
    if missing:  # a deleted report: its month is in the rows that logged its insert or delete
        parts: dict[int, dict[str, int]] = {}
        for rid, name, old, new in session.execute(
            select(AuditEntry.record_id, AuditEntry.field, AuditEntry.old_value,
                   AuditEntry.new_value)
            .where(AuditEntry.table_name == "monthly_reports",
                   AuditEntry.record_id.in_(missing), AuditEntry.field.in_(("year", "month")))
        ):
            text = new if new is not None else old
            if text and text.isdigit():
                parts.setdefault(int(rid), {})[name] = int(text)
        for rid, found in parts.items():
            if "year" in found and "month" in found:
                months[rid] = Period(found["year"], found["month"])
    out = []
    for e in entries:
        if e.table_name == "monthly_reports":
            if e.field in ("id", "project_id", "year", "month"):
                continue
            where = months.get(int(record_of[e.id])) if record_of[e.id].isdigit() else None
            what = (f"{where.label} " if where else "月度调度 ") + _REPORT_FIELDS.get(
                e.field, e.field)
        elif e.table_name == "annual_plans":
            if e.field in ("id", "project_id", "year"):
                continue
            year = years.get(int(record_of[e.id])) if record_of[e.id].isdigit() else None
            what = (f"{year}年" if year else "") + _PLAN_FIELDS.get(e.field, e.field)
        elif e.table_name == "projects":
            if e.field in ("id", "origin", "catalog_key"):
                continue
            what = FIELD_LABELS.get(e.field, e.field) if e.field else "项目"
        else:
            if e.field in ("id", "project_id", "plan_id"):
                continue
            what = _TABLE_LABELS.get(e.table_name, e.table_name)
        out.append(HistoryEntry(e.at, e.user, _ACTIONS.get(e.action, e.action), what,
                                e.old_value or "", e.new_value or ""))
    return out
