"""A project as the user edits it: plain values (:class:`ProjectData`), the refusal of invalid
values (:class:`ValidationError`), and the mapping between those values and a :class:`Project`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import Any

from db.models import Project


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
    #: 三个一批: the 期 (campaign-wide number) of each list the project is on
    signed_issue: int | None = None
    started_issue: int | None = None
    produced_issue: int | None = None
    #: 签约日期
    signed_on: dt.date | None = None
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


#: Fields copied one to one between :class:`ProjectData` and :class:`Project`.
SCALAR_FIELDS = tuple(
    f.name for f in fields(ProjectData)
    if f.name not in {"levels", "unit", "leader", "quantities", "funding", "version"}
)


def to_data(project: Project) -> ProjectData:
    """The project's editable fields as plain values, with its version."""
    values = {name: getattr(project, name) for name in SCALAR_FIELDS}
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
