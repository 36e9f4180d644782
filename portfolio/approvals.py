"""前期手续 and milestones: which approvals a project has, which are through, where it is stuck.

A project's steps are :class:`db.models.ApprovalStep` rows in the office's order. Approvals
(``kind='approval'``) carry a 批准文号 once done; milestones (开工仪式, 主体封顶 …) just a date.

The office's default checklists (which approvals a project of each 建设性质 needs, in order)
are settings kept by :mod:`portfolio.approval_checklist`.

A step is **overdue** on a day when its planned date is before that day and it was not done by
then. :func:`overdue_steps` lists them in one query; :mod:`portfolio.alerts` turns them into the
``approval_overdue`` warning (手续逾期), judged at the last day of the report month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from db.models import ApprovalStep, Project
from db.queries import ProjectFilter
from portfolio.approval_checklist import APPROVALS
from portfolio.concurrency import StaleEdit, last_change, lock_projects, stale_message

#: Usual milestones; any other name may be typed.
MILESTONES: tuple[str, ...] = ("开工仪式", "主体封顶", "设备安装", "竣工验收", "投产")
KINDS: dict[str, str] = {"approval": "手续", "milestone": "节点"}
#: Chinese names of a step's fields, for messages and column headers.
FIELD_LABELS: dict[str, str] = {
    "name": "名称", "kind": "类别", "planned_on": "计划完成日期", "actual_on": "实际完成日期",
    "document_number": "批准文号", "issuing_office": "审批机关", "note": "备注",
    "position": "顺序",
}
_TEXT_LIMITS = {"name": 100, "document_number": 100, "issuing_office": 200}


class StepError(ValueError):
    """A step that cannot be saved; ``errors`` maps each wrong field to a Chinese message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("；".join(errors.values()))
        self.errors = errors


# --- one project's steps ---------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step as the editor and the command line show it."""

    id: int
    project_id: int
    kind: str
    name: str
    position: int
    planned_on: dt.date | None = None
    actual_on: dt.date | None = None
    document_number: str = ""
    issuing_office: str = ""
    note: str = ""

    @property
    def done(self) -> bool:
        return self.actual_on is not None

    def overdue_on(self, day: dt.date) -> bool:
        """Planned before ``day`` and not done by then."""
        return (self.planned_on is not None and self.planned_on < day
                and (self.actual_on is None or self.actual_on > day))

    def with_changes(self, **changes: object) -> Step:
        return replace(self, **changes)  # type: ignore[arg-type]


_COLUMNS = (ApprovalStep.id, ApprovalStep.project_id, ApprovalStep.kind, ApprovalStep.name,
            ApprovalStep.position, ApprovalStep.planned_on, ApprovalStep.actual_on,
            ApprovalStep.document_number, ApprovalStep.issuing_office, ApprovalStep.note)
_ORDER = (ApprovalStep.project_id, ApprovalStep.position, ApprovalStep.id)


def steps_of(session: Session, project_id: int) -> list[Step]:
    """A project's steps in order."""
    query = select(*_COLUMNS).where(ApprovalStep.project_id == project_id).order_by(*_ORDER)
    return [Step(*row) for row in session.execute(query)]  # type: ignore[call-arg]


def steps_by_project(session: Session, ids: Sequence[int] | None = None,
                     flt: ProjectFilter | None = None) -> dict[int, list[Step]]:
    """The steps of ``ids`` (or of the projects of ``flt``, or of all) in one query."""
    query = select(*_COLUMNS).order_by(*_ORDER)
    if ids is not None:
        query = query.where(ApprovalStep.project_id.in_(ids))
    elif flt is not None and flt.conditions():
        query = query.where(ApprovalStep.project_id.in_(flt.apply(select(Project.id))))
    result: dict[int, list[Step]] = {}
    for row in session.execute(query):
        step = Step(*row)  # type: ignore[call-arg]
        result.setdefault(step.project_id, []).append(step)
    return result


def validate(step: Step, today: dt.date) -> None:
    """Raise :class:`StepError` naming every wrong field, in Chinese."""
    errors: dict[str, str] = {}
    if not step.name.strip():
        errors["name"] = "名称不能为空"
    if step.kind not in KINDS:
        errors["kind"] = "类别应为“手续”或“节点”"
    for field, limit in _TEXT_LIMITS.items():
        if len(getattr(step, field)) > limit:
            errors[field] = f"{FIELD_LABELS[field]}不能超过{limit}字"
    if step.actual_on is not None and step.actual_on > today:
        errors["actual_on"] = (f"{FIELD_LABELS['actual_on']}不能晚于今天"
                               f"（{today.isoformat()}）：{step.actual_on.isoformat()}")
    if step.kind == "approval" and step.done and not step.document_number.strip():
        errors["document_number"] = (
            f"手续“{step.name}”已办结，必须填写{FIELD_LABELS['document_number']}")
    if errors:
        raise StepError(errors)


def add_step(session: Session, project_id: int, name: str, kind: str = "approval", *,
             today: dt.date | None = None, **values: object) -> int:
    """Append a step to a project's list (after its last); the new step's id."""
    if session.get(Project, project_id) is None:
        raise KeyError(project_id)
    name = name.strip()
    exists = session.scalar(select(ApprovalStep.id).where(
        ApprovalStep.project_id == project_id, ApprovalStep.name == name))
    if exists is not None:
        raise StepError({"name": f"该项目已有“{name}”"})
    position = session.scalar(select(func.max(ApprovalStep.position))
                              .where(ApprovalStep.project_id == project_id))
    draft = Step(0, project_id, kind, name, 0 if position is None else position + 1,
                 **values)  # type: ignore[arg-type]
    validate(draft, today or dt.date.today())
    row = ApprovalStep(project_id=project_id, kind=kind, name=name, position=draft.position,
                       planned_on=draft.planned_on, actual_on=draft.actual_on,
                       document_number=draft.document_number.strip(),
                       issuing_office=draft.issuing_office.strip(), note=draft.note)
    session.add(row)
    session.flush()
    return row.id


def restore_step(session: Session, step: Step) -> None:
    """Put back a removed step with its id and place (the undo of :func:`remove_step`)."""
    session.add(ApprovalStep(**{c.key: getattr(step, c.key) for c in _COLUMNS}))
    session.flush()


def remove_step(session: Session, step_id: int) -> Step:
    """Delete a step; what it held, so that it can be put back."""
    row = session.get(ApprovalStep, step_id)
    if row is None:
        raise KeyError(step_id)
    saved = Step(*(getattr(row, c.key) for c in _COLUMNS))
    session.delete(row)
    session.flush()
    return saved


def update_step(session: Session, step: Step, *, expected: Step | None = None,
                today: dt.date | None = None) -> None:
    """Save ``step``'s fields. With ``expected`` (what the user saw), a step changed since is
    refused with :class:`~portfolio.concurrency.StaleEdit` naming the changed fields, who
    changed them and when, and nothing is written."""
    lock_projects(session, [step.project_id])
    row = session.get(ApprovalStep, step.id)
    if row is None:
        raise KeyError(step.id)
    current = Step(*(getattr(row, c.key) for c in _COLUMNS))
    if expected is not None and current != expected:
        _refuse_stale(session, current, expected)
    step = step.with_changes(document_number=step.document_number.strip(),
                             issuing_office=step.issuing_office.strip(), name=step.name.strip())
    validate(step, today or dt.date.today())
    for column in _COLUMNS[2:]:
        if getattr(row, column.key) != getattr(step, column.key):
            setattr(row, column.key, getattr(step, column.key))
    session.flush()


def _refuse_stale(session: Session, current: Step, expected: Step) -> None:
    """Raise :class:`StaleEdit` for a step that no longer holds what the user saw."""
    changed = [c.key for c in _COLUMNS[2:] if getattr(current, c.key) != getattr(expected, c.key)]
    change = last_change(session, current.project_id,
                         [(ApprovalStep.__tablename__, k) for k in changed],
                         record_id=str(current.id))
    project = session.get(Project, current.project_id)
    name = project.name if project is not None else str(current.project_id)
    raise StaleEdit(stale_message(f"{name}（前期手续“{expected.name}”）",
                                  [FIELD_LABELS[k] for k in changed], change),
                    current.project_id, changed)


def find_step(session: Session, project_id: int, name: str) -> Step:
    """A project's step named ``name`` (exactly, else the one name that contains it)."""
    steps = steps_of(session, project_id)
    exact = [s for s in steps if s.name == name.strip()]
    found = exact or [s for s in steps if name.strip() and name.strip() in s.name]
    if len(found) == 1:
        return found[0]
    if not found:
        known = "、".join(s.name for s in steps) or "（无）"
        raise StepError({"name": f"该项目没有名为“{name}”的手续或节点；已有：{known}"})
    raise StepError({"name": f"“{name}”可指：{'、'.join(s.name for s in found)}，请写全名"})


# --- where a project stands ------------------------------------------------------------------


@dataclass(frozen=True)
class ApprovalState:
    """How far a project's approvals are: done of total, and the first one not done."""

    done: int
    total: int
    stuck_at: str | None

    @property
    def text(self) -> str:
        """"已完成5/9项手续，卡在：施工许可" (or all done, or no list yet)."""
        if not self.total:
            return "尚无手续清单"
        text = f"已完成{self.done}/{self.total}项手续"
        return text + (f"，卡在：{self.stuck_at}" if self.stuck_at else "")


def state_of(steps: Iterable[Step]) -> ApprovalState:
    """The approval state of one project's steps (milestones do not count)."""
    approvals = sorted((s for s in steps if s.kind == "approval"),
                       key=lambda s: (s.position, s.id))
    stuck = next((s.name for s in approvals if not s.done), None)
    return ApprovalState(sum(s.done for s in approvals), len(approvals), stuck)


@dataclass(frozen=True)
class OverdueStep:
    project_id: int
    name: str
    kind: str
    planned_on: dt.date

    def days_late(self, day: dt.date) -> int:
        return (day - self.planned_on).days


def overdue_steps(session: Session, day: dt.date, ids: Sequence[int] | None = None,
                  ) -> dict[int, list[OverdueStep]]:
    """Steps planned before ``day`` and not done by then, by project, in list order (one
    query; the steps of ``ids`` only when given)."""
    s = ApprovalStep
    query = (select(s.project_id, s.name, s.kind, s.planned_on)
             .where(s.planned_on < day, or_(s.actual_on.is_(None), s.actual_on > day))
             .order_by(*_ORDER))
    if ids is not None:
        query = query.where(and_(s.project_id.in_(ids)))
    found: dict[int, list[OverdueStep]] = {}
    for project_id, name, kind, planned in session.execute(query):
        assert planned is not None
        found.setdefault(project_id, []).append(OverdueStep(project_id, name, kind, planned))

    return found


def overdue_message(steps: Sequence[OverdueStep], day: dt.date) -> str:
    """"2项手续逾期：施工许可（计划2026-08-31，逾期61天）、…" for the warning list."""
    parts = [f"{o.name}（计划{o.planned_on.isoformat()}，逾期{o.days_late(day)}天）" for o in steps]
    return f"{len(steps)}项手续/节点逾期：" + "、".join(parts)


__all__ = [
    "APPROVALS", "FIELD_LABELS", "KINDS", "MILESTONES", "ApprovalState", "OverdueStep", "Step",
    "StepError", "add_step", "find_step", "overdue_message", "overdue_steps", "remove_step",
    "restore_step", "state_of", "steps_by_project", "steps_of", "update_step", "validate",
]
