"""Projects as the user edits them: plain values, validation with Chinese messages, and the
create / update / delete operations (each caller wraps one user action in one transaction).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from db import audit, queries
from db.models import (
    AnnualPlan,
    ApprovalStep,
    Citation,
    FundingSource,
    FundsReceived,
    Leader,
    MonthlyReport,
    PlanMonth,
    Problem,
    Project,
    ProjectLevel,
    ProjectQuantity,
    Unit,
    target_projects,
)
from db.queries import FilterChoices, ProjectFilter, RegisterRow, chunked
from db.search import search_key
from portfolio.concurrency import AuditPlace, StaleEdit, last_change, lock_projects, stale_message
from portfolio.vocabulary import CAMPAIGN_BATCHES, CATEGORIES, FIELD_LABELS, KINDS, LEVELS, STAGES


class ValidationError(ValueError):
    """Invalid project data; ``errors`` maps field names to Chinese messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("；".join(errors.values()))
        self.errors = errors


@dataclass
class ProjectData:
    """The editable fields of a project, as plain values."""

    name: str = ""
    #: 项目代码; "" when the project has none (stored as NULL)
    project_code: str = ""
    kind: str = "project"
    category: str = ""
    project_type: str = ""
    stage: str = "前期"
    plan_status: str = "planned"
    levels: list[str] = field(default_factory=list)
    township: str = ""
    location: str = ""
    scale: str = ""
    planned_start: dt.date | None = None
    planned_finish: dt.date | None = None
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    total_investment: Decimal | None = None
    prior_investment: Decimal = Decimal("0")
    unit: str = ""
    leader: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    campaign_batch: str = ""
    campaign_issue: int | None = None
    parent_id: int | None = None
    notes: str = ""
    quantities: list[tuple[Decimal, str]] = field(default_factory=list)
    funding: list[tuple[str, Decimal | None]] = field(default_factory=list)
    #: the project's version when these values were loaded (None for a new project)
    version: int | None = field(default=None, compare=False)

    def with_changes(self, **changes: Any) -> ProjectData:
        return replace(self, **changes)


def planned_dates(
    start_year: int | None, end_year: int | None
) -> tuple[dt.date | None, dt.date | None]:
    """Planned start and finish of a plan that gives only years: 1 January and 31 December."""
    return (
        dt.date(start_year, 1, 1) if start_year else None,
        dt.date(end_year, 12, 31) if end_year else None,
    )


def quantities_of(
    session: Session, project_ids: Sequence[int]
) -> dict[int, list[tuple[Decimal, str]]]:
    """The 建设规模 rows (value, unit) of each project in entry order; ``[]`` when it has none."""
    found: dict[int, list[tuple[Decimal, str]]] = {pid: [] for pid in project_ids}
    for chunk in chunked(project_ids):
        for pid, value, unit in session.execute(
            select(ProjectQuantity.project_id, ProjectQuantity.value, ProjectQuantity.unit)
            .where(ProjectQuantity.project_id.in_(chunk))
            .order_by(ProjectQuantity.id)
        ):
            found[pid].append((value, unit))
    return found


#: Fields copied one to one between :class:`ProjectData` and :class:`Project`.
_SCALAR_FIELDS = tuple(
    f.name for f in fields(ProjectData)
    if f.name not in {"levels", "unit", "leader", "quantities", "funding", "version"}
)
#: The same, for readers that load many projects' fields with one query.
SCALAR_FIELDS = _SCALAR_FIELDS

#: Where the audit log records each field of :class:`ProjectData`.
_AUDIT_PLACES: dict[str, AuditPlace] = {
    **{name: ("projects", name) for name in _SCALAR_FIELDS},
    "unit": ("projects", "unit_id"),
    "leader": ("projects", "leader_id"),
    "levels": ("project_levels", None),
    "quantities": ("project_quantities", None),
    "funding": ("funding_sources", None),
}


def validate(data: ProjectData) -> None:
    """Raise :class:`ValidationError` naming every wrong field in Chinese."""
    errors: dict[str, str] = {}
    label = FIELD_LABELS
    if not data.name.strip():
        errors["name"] = f"{label['name']}不能为空"
    elif len(data.name) > 300:
        errors["name"] = f"{label['name']}过长（最多300字）"
    if len(data.project_code.strip()) > 50:
        errors["project_code"] = f"{label['project_code']}过长（最多50个字符）"
    if data.kind not in KINDS:
        errors["kind"] = f"{label['kind']}无效：{data.kind}"
    if data.category and data.category not in CATEGORIES:
        errors["category"] = f"{label['category']}应为：{'、'.join(CATEGORIES)}"
    if data.stage not in STAGES:
        errors["stage"] = f"{label['stage']}应为：{'、'.join(STAGES)}"
    bad_levels = [lv for lv in data.levels if lv not in LEVELS]
    if bad_levels:
        errors["levels"] = f"{label['levels']}无效：{'、'.join(bad_levels)}"
    for money_field in ("total_investment", "prior_investment"):
        value = getattr(data, money_field)
        if value is not None and value < 0:
            errors[money_field] = f"{label[money_field]}不能为负数"
    if (data.total_investment is not None and data.prior_investment
            and data.prior_investment > data.total_investment):
        errors["prior_investment"] = f"{label['prior_investment']}不能超过总投资"
    for start, finish in (("planned_start", "planned_finish"), ("actual_start", "actual_finish")):
        a, b = getattr(data, start), getattr(data, finish)
        if a and b and b < a:
            errors[finish] = f"{label[finish]}日期不能早于{label[start]}日期"
    if data.campaign_batch and data.campaign_batch not in CAMPAIGN_BATCHES:
        errors["campaign_batch"] = f"{label['campaign_batch']}应为：{'、'.join(CAMPAIGN_BATCHES)}"
    if data.campaign_issue is not None and data.campaign_issue < 1:
        errors["campaign_issue"] = f"{label['campaign_issue']}应为正整数"
    for value, unit in data.quantities:
        if value < 0 or not unit.strip():
            errors["quantities"] = f"{label['quantities']}应为非负数并注明单位"
    for source, amount in data.funding:
        if not source.strip() or (amount is not None and amount < 0):
            errors["funding"] = f"{label['funding']}应写明来源，金额不能为负数"
    if errors:
        raise ValidationError(errors)


def normalise_code(code: str) -> str:
    """A 项目代码 as stored and compared: NFKC (full-width digits and dashes made ASCII),
    no spaces, upper case."""
    return "".join(unicodedata.normalize("NFKC", code).split()).upper()


def _check_code(session: Session, data: ProjectData, project_id: int | None) -> None:
    """A 项目代码 belongs to one project only."""
    code = normalise_code(data.project_code)
    if not code:
        return
    other = session.execute(
        select(Project.id, Project.name).where(Project.project_code == code)).first()
    if other is not None and other.id != project_id:
        raise ValidationError({"project_code": f"{FIELD_LABELS['project_code']}「{code}」"
                                               f"已属于项目“{other.name}”（编号{other.id}）"})


def _named(session: Session, model: type[Unit] | type[Leader], name: str) -> Any:
    name = name.strip()
    if not name:
        return None
    row = session.scalar(select(model).where(model.name == name))
    if row is None:
        row = model(name=name)
        session.add(row)
    return row


def _apply(session: Session, project: Project, data: ProjectData) -> None:
    for name in _SCALAR_FIELDS:
        value = getattr(data, name)
        if isinstance(value, str):
            value = value.strip()
        if name == "project_code":
            value = normalise_code(value) or None
        if getattr(project, name) != value:
            setattr(project, name, value)
    unit = _named(session, Unit, data.unit)
    if project.unit is not unit:
        project.unit = unit
    leader = _named(session, Leader, data.leader)
    if project.leader is not leader:
        project.leader = leader
    if sorted(project.levels) != sorted(set(data.levels)):
        project.level_rows = [ProjectLevel(level=lv) for lv in sorted(set(data.levels))]
    current_q = [(q.value, q.unit) for q in project.quantities]
    if current_q != list(data.quantities):
        project.quantities = [ProjectQuantity(value=v, unit=u) for v, u in data.quantities]
    current_f = [(f.source, f.amount) for f in project.funding]
    if current_f != list(data.funding):
        project.funding = [FundingSource(source=s, amount=a) for s, a in data.funding]
    project.search_key = search_key(
        project.name, data.unit, project.township, project.location
    )


def to_data(project: Project) -> ProjectData:
    values = {name: getattr(project, name) for name in _SCALAR_FIELDS}
    values["project_code"] = values["project_code"] or ""
    return ProjectData(
        **values,
        levels=project.levels,
        unit=project.unit.name if project.unit else "",
        leader=project.leader.name if project.leader else "",
        quantities=[(q.value, q.unit) for q in project.quantities],
        funding=[(f.source, f.amount) for f in project.funding],
        version=project.version,
    )


def load(session: Session, project_id: int) -> ProjectData:
    project = session.get(Project, project_id)
    if project is None:
        raise KeyError(project_id)
    return to_data(project)


def create(session: Session, data: ProjectData, *, origin: str = "user") -> int:
    validate(data)
    _check_code(session, data, None)
    project = Project(origin=origin)
    session.add(project)
    _apply(session, project, data)
    session.flush()
    return project.id


def _locked(session: Session, project_id: int) -> Project:
    lock_projects(session, [project_id])
    project = session.get(Project, project_id)
    if project is None:
        raise KeyError(project_id)
    return project


def stale(session: Session, project: Project, keys: Sequence[str]) -> StaleEdit:
    """The refusal of a save made from data whose fields ``keys`` changed since; names the
    newest change of them in the audit log (or of anything, when ``keys`` is empty)."""
    places = [_AUDIT_PLACES[k] for k in keys] or [
        ("projects", None), *(_AUDIT_PLACES[k] for k in ("levels", "quantities", "funding"))]
    change = last_change(session, project.id, places)
    if not keys and change is not None:
        field_name = {v: k for k, v in _AUDIT_PLACES.items()}.get(
            (change.table_name, change.field)) or {
            v[0]: k for k, v in _AUDIT_PLACES.items() if v[1] is None}.get(change.table_name)
        keys = [field_name] if field_name else []
    labels = [FIELD_LABELS.get(k, k) for k in keys]
    return StaleEdit(stale_message(project.name, labels, change), project.id, keys)


def check_unchanged(session: Session, project: Project, expected: ProjectData) -> None:
    """Raise :class:`StaleEdit` unless ``project`` still holds ``expected`` (same version, or
    else the same values: a change made and reverted meanwhile is no conflict)."""
    if expected.version is not None and expected.version == project.version:
        return
    current = to_data(project)
    changed = [f.name for f in fields(ProjectData)
               if f.compare and getattr(current, f.name) != getattr(expected, f.name)]
    if changed:
        raise stale(session, project, changed)


def update(session: Session, project_id: int, data: ProjectData, *,
           expected: ProjectData | None = None, expected_version: int | None = None) -> int:
    """Save ``data`` over the project; its new version.

    ``expected`` is the data the edit was made from (what the editor loaded), ``expected_version``
    the version it was loaded at: when the project no longer holds it, :class:`StaleEdit`
    names what changed, who changed it and when, and nothing is written."""
    validate(data)
    _check_code(session, data, project_id)
    project = _locked(session, project_id)
    if expected is not None:
        check_unchanged(session, project, expected)
    if expected_version is not None and project.version != expected_version:
        raise stale(session, project, [])
    before = to_data(project)
    _apply(session, project, data)
    if to_data(project) != before:
        # also when only child rows (levels, quantities, funding) change: the project's row
        # is updated, which raises its version
        project.updated_at = dt.datetime.now().replace(microsecond=0)
        flag_modified(project, "updated_at")  # even within the second it was created in
    session.flush()
    return project.version


def set_field(session: Session, project_id: int, name: str, old: Any, new: Any) -> int:
    """Set one field (a register cell) provided it still holds ``old``, the value the cell
    showed; else :class:`StaleEdit`. The project's new version."""
    project = _locked(session, project_id)
    data = to_data(project)
    if getattr(data, name) != old:
        raise stale(session, project, [name])
    return update(session, project_id, data.with_changes(**{name: new}))


#: Tables that hang off a project, in the order they must be restored.
_CHILD_TABLES = (
    ProjectLevel.__table__,
    ProjectQuantity.__table__,
    FundingSource.__table__,
    Citation.__table__,
    AnnualPlan.__table__,
    MonthlyReport.__table__,
    target_projects,
    Problem.__table__,
    ApprovalStep.__table__,
    FundsReceived.__table__,
)


def snapshot(session: Session, project_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row of a project and of what hangs off it, so that a delete can be undone."""
    project_table = Project.__table__
    rows: dict[str, list[dict[str, Any]]] = {
        "projects": [
            dict(r._mapping)
            for r in session.execute(select(project_table).where(project_table.c.id == project_id))
        ]
    }
    for table in _CHILD_TABLES:
        rows[table.name] = [
            dict(r._mapping)
            for r in session.execute(select(table).where(table.c.project_id == project_id))
        ]
    plan_ids = [r["id"] for r in rows[AnnualPlan.__tablename__]]
    plan_months = PlanMonth.__table__
    rows["plan_months"] = [
        dict(r._mapping)
        for r in session.execute(select(plan_months).where(plan_months.c.plan_id.in_(plan_ids)))
    ] if plan_ids else []
    return rows


def delete_project(session: Session, project_id: int, *, expected_version: int | None = None,
                   ) -> dict[str, list[dict[str, Any]]]:
    """Delete a project (its sub-projects are kept and lose their parent); returns a snapshot.

    With ``expected_version`` (the version the user saw), a project changed since is not
    deleted: :class:`StaleEdit` says who changed it."""
    project = _locked(session, project_id)
    if expected_version is not None and project.version != expected_version:
        raise stale(session, project, [])
    saved = snapshot(session, project_id)
    saved["children"] = [{"id": c.id} for c in project.children]
    for child in project.children:
        child.parent_id = None
    session.delete(project)
    session.flush()
    return saved


def restore(session: Session, saved: dict[str, list[dict[str, Any]]]) -> int:
    """Put back a project deleted by :func:`delete_project`, with the same id."""
    session.execute(insert(Project.__table__), saved["projects"])
    for table in (*_CHILD_TABLES[:5], PlanMonth.__table__, *_CHILD_TABLES[5:]):
        if saved.get(table.name):
            session.execute(insert(table), saved[table.name])
    project_id = saved["projects"][0]["id"]
    for child in saved.get("children", []):
        project = session.get(Project, child["id"])
        if project is not None:
            project.parent_id = project_id
    session.flush()
    audit.record(session, "restore", "projects", str(project_id), "撤销删除")
    return project_id



# --- lookups the views list and count ------------------------------------------------------


def unit_names(session: Session) -> list[str]:
    """Every responsible unit's name, sorted: the choices of the editor and the register."""
    return list(session.scalars(select(Unit.name).order_by(Unit.name)))


def leader_names(session: Session) -> list[str]:
    """Every responsible leader's name, sorted: the choices of the editor and the register."""
    return list(session.scalars(select(Leader.name).order_by(Leader.name)))


def townships(session: Session) -> list[str]:
    """The townships the projects name, sorted, without blanks."""
    query = select(Project.township).distinct().order_by(Project.township)
    return [t for t in session.scalars(query) if t]


def parent_choices(session: Session, project_id: int | None = None) -> list[tuple[int, str]]:
    """``(id, name)`` of every project that can be the parent of ``project_id`` (every
    project but itself), sorted by name."""
    query = (
        select(Project.id, Project.name)
        .where(Project.id != (project_id if project_id is not None else -1))
        .order_by(Project.name)
    )
    return [(pid, name) for pid, name in session.execute(query)]


def count(session: Session, flt: ProjectFilter = ProjectFilter()) -> int:
    """How many projects ``flt`` selects (every project, by default)."""
    return queries.count(session, flt)


def filtered_ids(
    session: Session, flt: ProjectFilter = ProjectFilter(),
    sort: str = "id", descending: bool = False,
) -> list[int]:
    """The ids of the projects ``flt`` selects, in register order (``sort`` is a key of
    :data:`db.queries.SORT_KEYS`)."""
    return queries.filtered_ids(session, flt, sort, descending)


def register_rows(session: Session, ids: Sequence[int]) -> list[RegisterRow]:
    """The register lines of ``ids``, in that order."""
    return queries.register_rows(session, ids)


def filter_choices(session: Session) -> FilterChoices:
    """What the filter bar offers: the categories, townships, units, levels, stages and
    documents in use."""
    return queries.filter_choices(session)
