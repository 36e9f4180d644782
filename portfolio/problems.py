"""问题台账: the problems holding projects back, each with who must solve it and by when,
chased at the 调度会 until it is closed (督办).

A problem is raised in a month (提出时间), belongs to one project, has a 类别 (:data:`KINDS`),
a 协调单位, a 责任人 and a 办结时限, and moves through :data:`STATES`: 待解决 → 解决中 →
已解决 or 无法解决. Closing one needs a 解决情况 and a date; a closed problem can only be
reopened (back to an open state), never moved to the other closed state directly, so that an
undo of any step is itself an allowed step.

A problem is **overdue** on a day when it is open that day and its 办结时限 is before it; "open
on a day" means not closed, or closed after that day (so a past month's figures stay what they
were). The alert rule, the overview counts and the reports all use :func:`is_overdue` and the
SQL of :func:`_open_on`, so they cannot disagree.

Functions take a session and never commit: each caller wraps one user action in one
transaction; the audit listener records every field change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from db.models import Problem, Project, Unit
from db.queries import ProjectFilter, chunked
from portfolio.periods import Period

#: 类别, in the order lists and menus show them.
KINDS: tuple[str, ...] = (
    "用地", "资金", "手续审批", "征地拆迁", "水电气配套", "环保", "施工组织", "其他",
)
#: 状态, in the order a problem moves through them.
STATES: tuple[str, ...] = ("待解决", "解决中", "已解决", "无法解决")
OPEN_STATES: tuple[str, ...] = ("待解决", "解决中")
CLOSED_STATES: tuple[str, ...] = ("已解决", "无法解决")

#: Chinese names of the fields, for messages and headers.
FIELD_LABELS: dict[str, str] = {
    "project_id": "项目",
    "raised": "提出时间",
    "description": "问题描述",
    "kind": "类别",
    "unit": "协调单位",
    "person": "责任人",
    "deadline": "办结时限",
    "state": "状态",
    "resolution": "解决情况",
    "resolved_on": "解决日期",
}

#: Words that tell a problem's 类别, tried kind by kind in this order (the first kind with a
#: word in the text wins): the specific kinds before the broad ones, so that 土地手续 is 用地
#: and 施工许可证 is 手续审批, and the single characters 电/水/气 last, after 天气 has been
#: taken by 施工组织.
KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("征地拆迁", ("拆迁", "征地", "征迁", "征收", "搬迁", "迁坟", "青苗", "补偿", "安置")),
    ("用地", ("用地", "土地", "林地", "耕地", "供地", "基本农田", "地块")),
    ("资金", ("资金", "缺口", "融资", "贷款", "专项债", "拨付", "垫资", "欠款")),
    ("手续审批", ("手续", "审批", "环评", "施工许可", "许可证", "立项", "备案", "核准", "批复",
                 "可研", "能评", "节能审查", "图审", "报批")),
    ("环保", ("环保", "环境", "扬尘", "污染", "排放", "督察", "噪声", "生态")),
    ("水电气配套", ("供电", "用电", "电力", "电网", "变电", "接电", "通电", "供水", "用水",
                   "给水", "排水", "通水", "管网", "供气", "燃气", "天然气", "通气", "配套")),
    ("施工组织", ("施工", "工期", "材料", "人员", "机械", "设备", "降雨", "雨季", "天气",
                 "冬季", "停工", "进场", "工人", "劳动力", "设计")),
    ("水电气配套", ("电", "水", "气")),
)


class ProblemError(ValueError):
    """A problem that cannot be saved; ``errors`` maps field names to Chinese messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("；".join(errors.values()))
        self.errors = errors


@dataclass
class ProblemData:
    """The editable fields of a problem, as plain values (``unit`` is the unit's name)."""

    project_id: int
    raised: Period
    description: str
    kind: str = "其他"
    unit: str = ""
    person: str = ""
    deadline: dt.date | None = None
    state: str = "待解决"
    resolution: str = ""
    resolved_on: dt.date | None = None

    def with_changes(self, **changes: Any) -> ProblemData:
        return replace(self, **changes)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


@dataclass(frozen=True)
class ProblemRow:
    """One line of the 问题台账, as every list shows it."""

    id: int
    project_id: int
    project_name: str
    raised: Period
    description: str
    kind: str
    unit: str
    person: str
    deadline: dt.date | None
    state: str
    resolution: str
    resolved_on: dt.date | None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def overdue_days(self, on: dt.date) -> int:
        """Days past the 办结时限 on ``on`` (0 when not overdue then)."""
        return days_overdue(self.state, self.deadline, self.resolved_on, on)


def is_open_on(state: str, resolved_on: dt.date | None, on: dt.date) -> bool:
    """Whether a problem was still open at the end of ``on``."""
    if state in OPEN_STATES:
        return True
    return resolved_on is not None and resolved_on > on


def days_overdue(state: str, deadline: dt.date | None, resolved_on: dt.date | None,
                 on: dt.date) -> int:
    """Days a problem is past its 办结时限 on ``on``; 0 when it is not overdue that day."""
    if deadline is None or deadline >= on or not is_open_on(state, resolved_on, on):
        return 0
    return (on - deadline).days


def is_overdue(state: str, deadline: dt.date | None, resolved_on: dt.date | None,
               on: dt.date) -> bool:
    return days_overdue(state, deadline, resolved_on, on) > 0


def _open_on(on: dt.date) -> ColumnElement[bool]:
    """SQL of :func:`is_open_on`."""
    return or_(Problem.state.in_(OPEN_STATES),
               and_(Problem.resolved_on.is_not(None), Problem.resolved_on > on))


def _overdue_on(on: dt.date) -> ColumnElement[bool]:
    """SQL of :func:`is_overdue`."""
    return and_(_open_on(on), Problem.deadline.is_not(None), Problem.deadline < on)


def _raised_by(period: Period) -> ColumnElement[bool]:
    """Raised in ``period`` or before."""
    return or_(Problem.raised_year < period.year,
               and_(Problem.raised_year == period.year, Problem.raised_month <= period.month))


def guess_kind(text: str) -> str:
    """The 类别 that the words of ``text`` suggest (:data:`KIND_WORDS`); 其他 when none do."""
    for kind, words in KIND_WORDS:
        if any(word in text for word in words):
            return kind
    return "其他"


# -- validation --------------------------------------------------------------------------------


def validate(data: ProblemData, *, today: dt.date | None = None) -> None:
    """Raise :class:`ProblemError` naming every wrong field in Chinese."""
    label = FIELD_LABELS
    errors: dict[str, str] = {}
    if not data.description.strip():
        errors["description"] = f"{label['description']}不能为空"
    elif len(data.description) > 2000:
        errors["description"] = f"{label['description']}过长（最多2000字）"
    if data.kind not in KINDS:
        errors["kind"] = f"{label['kind']}无效：{data.kind}（可选：{'、'.join(KINDS)}）"
    if data.state not in STATES:
        errors["state"] = f"{label['state']}无效：{data.state}（可选：{'、'.join(STATES)}）"
    if len(data.person) > 100:
        errors["person"] = f"{label['person']}过长（最多100字）"
    if len(data.unit.strip()) > 200:
        errors["unit"] = f"{label['unit']}过长（最多200字）"
    start = data.raised.first_day
    if data.deadline is not None and data.deadline < start:
        errors["deadline"] = f"{label['deadline']}不能早于{label['raised']}（{data.raised.label}）"
    if data.state == "已解决":
        if not data.resolution.strip():
            errors["resolution"] = f"办结为“已解决”须填写{label['resolution']}"
        if data.resolved_on is None:
            errors["resolved_on"] = f"办结为“已解决”须填写{label['resolved_on']}"
    elif data.state == "无法解决":
        if not data.resolution.strip():
            errors["resolution"] = f"办结为“无法解决”须在{label['resolution']}中说明原因"
        if data.resolved_on is None:
            errors["resolved_on"] = f"办结为“无法解决”须填写{label['resolved_on']}"
    elif data.state in OPEN_STATES and data.resolved_on is not None:
        errors["resolved_on"] = f"问题尚未办结（{data.state}），不能填写{label['resolved_on']}"
    if data.resolved_on is not None and "resolved_on" not in errors:
        if data.resolved_on < start:
            errors["resolved_on"] = (f"{label['resolved_on']}不能早于{label['raised']}"
                                     f"（{data.raised.label}）")
        elif data.resolved_on > (today or dt.date.today()):
            errors["resolved_on"] = f"{label['resolved_on']}不能晚于今天"
    if errors:
        raise ProblemError(errors)


def check_transition(old: str, new: str) -> None:
    """Refuse moving a closed problem to the other closed state: it is reopened first."""
    if old in CLOSED_STATES and new in CLOSED_STATES and old != new:
        raise ProblemError({"state": f"问题已办结（{old}），须先重新打开才能改为“{new}”"})


# -- reading and writing -----------------------------------------------------------------------


def _unit(session: Session, name: str) -> Unit | None:
    name = name.strip()
    if not name:
        return None
    unit = session.scalar(select(Unit).where(Unit.name == name))
    if unit is None:
        unit = Unit(name=name)
        session.add(unit)
    return unit


def _get(session: Session, problem_id: int) -> Problem:
    problem = session.get(Problem, problem_id)
    if problem is None:
        raise ProblemError({"id": f"问题台账中没有第{problem_id}号问题（可能已被删除）"})
    return problem


def _to_data(problem: Problem) -> ProblemData:
    return ProblemData(
        project_id=problem.project_id,
        raised=Period(problem.raised_year, problem.raised_month),
        description=problem.description, kind=problem.kind,
        unit=problem.unit.name if problem.unit else "", person=problem.person,
        deadline=problem.deadline, state=problem.state, resolution=problem.resolution,
        resolved_on=problem.resolved_on,
    )


def load(session: Session, problem_id: int) -> ProblemData:
    """The problem's fields; :class:`ProblemError` when there is no such problem."""
    return _to_data(_get(session, problem_id))


def _apply(session: Session, problem: Problem, data: ProblemData) -> None:
    values: dict[str, Any] = {
        "project_id": data.project_id, "raised_year": data.raised.year,
        "raised_month": data.raised.month, "description": data.description.strip(),
        "kind": data.kind, "person": data.person.strip(), "deadline": data.deadline,
        "state": data.state, "resolution": data.resolution.strip(),
        "resolved_on": data.resolved_on,
    }
    for key, value in values.items():
        if getattr(problem, key) != value:
            setattr(problem, key, value)
    unit = _unit(session, data.unit)
    if problem.unit is not unit:
        problem.unit = unit


def add(session: Session, data: ProblemData, *, problem_id: int | None = None,
        today: dt.date | None = None) -> int:
    """Log a new problem (validated first); ``problem_id`` puts one back with its old id."""
    validate(data, today=today)
    if session.get(Project, data.project_id) is None:
        raise ProblemError({"project_id": f"没有编号为{data.project_id}的项目"})
    problem = Problem(id=problem_id) if problem_id is not None else Problem()
    _apply(session, problem, data)
    session.add(problem)
    session.flush()
    return problem.id


def update(session: Session, problem_id: int, data: ProblemData, *,
           today: dt.date | None = None) -> None:
    """Change a problem to ``data`` (validated; a closed one only reopens)."""
    problem = _get(session, problem_id)
    check_transition(problem.state, data.state)
    validate(data, today=today)
    if data.project_id != problem.project_id and session.get(Project, data.project_id) is None:
        raise ProblemError({"project_id": f"没有编号为{data.project_id}的项目"})
    _apply(session, problem, data)
    session.flush()


def close(session: Session, problem_id: int, resolution: str, *, state: str = "已解决",
          on: dt.date | None = None, today: dt.date | None = None) -> ProblemData:
    """办结 a problem as ``state`` (已解决 or 无法解决) on ``on`` (today by default); returns
    its fields as they were before, for an undo."""
    if state not in CLOSED_STATES:
        raise ProblemError({"state": f"办结状态应为{'或'.join(CLOSED_STATES)}，不能是“{state}”"})
    old = load(session, problem_id)
    if not old.is_open:
        raise ProblemError({"state": f"第{problem_id}号问题已办结（{old.state}）"})
    day = on or today or dt.date.today()
    update(session, problem_id,
           old.with_changes(state=state, resolution=resolution, resolved_on=day), today=today)
    return old


def delete(session: Session, problem_id: int) -> ProblemData:
    """Remove a problem (a mistaken entry); returns its fields, for an undo."""
    problem = _get(session, problem_id)
    data = _to_data(problem)
    session.delete(problem)
    session.flush()
    return data


def from_monthly_text(session: Session, project_id: int, period: Period, text: str, *,
                      today: dt.date | None = None) -> int:
    """Log a month's 存在问题 text of a project as a tracked problem: raised in ``period``,
    类别 guessed from its words, 协调单位 the project's 责任单位, 办结时限 the end of the next
    month. Refuses text already logged as an open problem of the project."""
    description = text.strip()
    if not description:
        raise ProblemError({"description": "该月“存在问题”为空，没有可转入问题台账的内容"})
    project = session.get(Project, project_id)
    if project is None:
        raise ProblemError({"project_id": f"没有编号为{project_id}的项目"})
    same = session.scalar(
        select(Problem.id).where(Problem.project_id == project_id,
                                 Problem.description == description,
                                 Problem.state.in_(OPEN_STATES)))
    if same is not None:
        raise ProblemError({"description": f"该问题已在问题台账中（第{same}号），尚未办结"})
    return add(session, ProblemData(
        project_id=project_id, raised=period, description=description,
        kind=guess_kind(description), unit=project.unit.name if project.unit else "",
        deadline=period.next().last_day,
    ), today=today)


def _row_select() -> Select[Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any]:
    """The columns of a :class:`ProblemRow`, in its order."""
    return (
        select(Problem.id, Problem.project_id, Project.name, Problem.raised_year,
               Problem.raised_month, Problem.description, Problem.kind,
               func.coalesce(Unit.name, ""), Problem.person, Problem.deadline, Problem.state,
               Problem.resolution, Problem.resolved_on)
        .join(Project, Project.id == Problem.project_id)
        .outerjoin(Unit, Unit.id == Problem.unit_id)
    )


@dataclass(frozen=True)
class ProblemQuery:
    """Which problems a list shows; every condition left empty lets everything through."""

    #: the month's 问题清单: raised by the month's end and not closed before it began
    period: Period | None = None
    states: tuple[str, ...] = ()
    #: 协调单位 names ("" for problems without one)
    units: tuple[str, ...] = ()
    #: only problems overdue on this day
    overdue_on: dt.date | None = None
    #: words of the description, the project's name, the unit or the person
    text: str = ""
    project_ids: tuple[int, ...] = ()
    projects: ProjectFilter | None = None
    #: these problems only
    ids: tuple[int, ...] = ()


def list_problems(session: Session, query: ProblemQuery | None = None) -> list[ProblemRow]:
    """The problems of ``query`` (all when None), open ones first, then by 办结时限 and
    number."""
    query = query or ProblemQuery()
    stmt = _row_select()
    if query.period is not None:
        stmt = stmt.where(_raised_by(query.period),
                          _open_on(query.period.first_day - dt.timedelta(days=1)))
    if query.states:
        stmt = stmt.where(Problem.state.in_(query.states))
    if query.units:
        named = [u for u in query.units if u]
        conds = [Unit.name.in_(named)] if named else []
        if "" in query.units:
            conds.append(Problem.unit_id.is_(None))
        stmt = stmt.where(or_(*conds))
    if query.overdue_on is not None:
        stmt = stmt.where(_overdue_on(query.overdue_on))
    for word in query.text.split():
        pattern = f"%{word}%"
        stmt = stmt.where(or_(Problem.description.like(pattern), Project.name.like(pattern),
                              Unit.name.like(pattern), Problem.person.like(pattern)))
    if query.ids:
        stmt = stmt.where(Problem.id.in_(query.ids))
    if query.project_ids:
        stmt = stmt.where(Problem.project_id.in_(query.project_ids))
    if query.projects is not None:
        stmt = query.projects.apply(stmt)
    is_closed = case((Problem.state.in_(CLOSED_STATES), 1), else_=0)
    stmt = stmt.order_by(is_closed, Problem.deadline.is_(None), Problem.deadline, Problem.id)
    return [ProblemRow(r[0], r[1], r[2], Period(r[3], r[4]), *r[5:])
            for r in session.execute(stmt)]


def get_row(session: Session, problem_id: int) -> ProblemRow | None:
    """One problem's line (None when it is gone)."""
    rows = list_problems(session, ProblemQuery(ids=(problem_id,)))
    return rows[0] if rows else None


# -- summaries and counts ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectProblems:
    """A project's problems in one line: how many are open and how many overdue."""

    open: int = 0
    overdue: int = 0

    @property
    def text(self) -> str:
        """"2个问题待解决，1个逾期", "" when none is open."""
        if not self.open:
            return ""
        text = f"{self.open}个问题待解决"
        return text + (f"，{self.overdue}个逾期" if self.overdue else "")


def project_summaries(session: Session, project_ids: Sequence[int],
                      on: dt.date | None = None) -> dict[int, ProjectProblems]:
    """The open and overdue problems on ``on`` (today) of each of ``project_ids`` that has
    any; one grouped query per thousand ids, for a page of the register."""
    day = on or dt.date.today()
    found: dict[int, ProjectProblems] = {}
    overdue = case((_overdue_on(day), 1), else_=0)
    for chunk in chunked(list(project_ids)):
        for pid, count, late in session.execute(
            select(Problem.project_id, func.count(), func.sum(overdue))
            .where(Problem.project_id.in_(chunk), _open_on(day))
            .group_by(Problem.project_id)
        ):
            found[pid] = ProjectProblems(int(count), int(late or 0))
    return found


def project_summary(session: Session, project_id: int,
                    on: dt.date | None = None) -> ProjectProblems:
    return project_summaries(session, [project_id], on).get(project_id, ProjectProblems())


@dataclass
class ProblemCounts:
    """The problems of a month for the overview: open and overdue at its end, solved in it."""

    unit: str | None = None
    open: int = 0
    overdue: int = 0
    solved: int = 0


@dataclass
class PeriodProblems:
    period: Period
    total: ProblemCounts
    by_unit: list[ProblemCounts] = field(default_factory=list)

    def headline(self) -> str:
        """"待解决问题5个（逾期2个），本月解决3个"."""
        t = self.total
        text = f"待解决问题{t.open}个"
        if t.overdue:
            text += f"（逾期{t.overdue}个）"
        return text + f"，本月解决{t.solved}个"


def counts(session: Session, period: Period, flt: ProjectFilter | None = None) -> PeriodProblems:
    """Open and overdue problems at the end of ``period`` and those solved in it, in all and
    by 协调单位 (the busiest unit first; problems without a unit under None, last)."""
    last = period.last_day
    is_open = case((_open_on(last), 1), else_=0)
    late = case((_overdue_on(last), 1), else_=0)
    solved = case((and_(Problem.state == "已解决", Problem.resolved_on >= period.first_day,
                        Problem.resolved_on <= last), 1), else_=0)
    stmt = (
        select(Unit.name, func.sum(is_open), func.sum(late), func.sum(solved))
        .select_from(Problem)
        .join(Project, Project.id == Problem.project_id)
        .outerjoin(Unit, Unit.id == Problem.unit_id)
        .where(_raised_by(period))
        .group_by(Unit.name)
    )
    if flt is not None:
        stmt = flt.apply(stmt)
    total = ProblemCounts()
    by_unit = []
    for unit, n_open, n_late, n_solved in session.execute(stmt):
        line = ProblemCounts(unit, int(n_open or 0), int(n_late or 0), int(n_solved or 0))
        if line.open or line.solved:
            by_unit.append(line)
        total.open += line.open
        total.overdue += line.overdue
        total.solved += line.solved
    by_unit.sort(key=lambda c: (c.unit is None, -c.overdue, -c.open, -c.solved, c.unit or ""))
    return PeriodProblems(period, total, by_unit)


def overdue_problems(session: Session, period: Period, *, ids: Sequence[int] | None = None,
                     flt: ProjectFilter | None = None,
                     projects_where: Sequence[ColumnElement[bool]] = ()) -> list[ProblemRow]:
    """The problems overdue at the end of ``period`` (raised by then), of ``ids`` or ``flt``;
    ``projects_where`` narrows the projects further (the alert rule's candidates)."""
    last = period.last_day
    stmt = (
        _row_select()
        .where(_raised_by(period), _overdue_on(last), *projects_where)
        .order_by(Problem.project_id, Problem.deadline, Problem.id)
    )
    if ids is not None:
        stmt = stmt.where(Problem.project_id.in_(ids))
    elif flt is not None:
        stmt = flt.apply(stmt)
    return [ProblemRow(r[0], r[1], r[2], Period(r[3], r[4]), *r[5:])
            for r in session.execute(stmt)]


def unit_names(session: Session) -> list[str]:
    """Every unit's name, for the 协调单位 choices."""
    return list(session.scalars(select(Unit.name).order_by(Unit.name)))


__all__ = [
    "CLOSED_STATES",
    "FIELD_LABELS",
    "KINDS",
    "OPEN_STATES",
    "STATES",
    "PeriodProblems",
    "ProblemCounts",
    "ProblemData",
    "ProblemError",
    "ProblemQuery",
    "ProblemRow",
    "ProjectProblems",
    "add",
    "check_transition",
    "close",
    "counts",
    "days_overdue",
    "delete",
    "from_monthly_text",
    "guess_kind",
    "is_open_on",
    "is_overdue",
    "list_problems",
    "load",
    "overdue_problems",
    "project_summaries",
    "project_summary",
    "unit_names",
    "update",
]
