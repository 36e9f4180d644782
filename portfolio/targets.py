"""Plan targets (规划目标) and how far the projects linked to them go towards them.

A target such as 新增集中式风电50万千瓦 is met by the projects linked to it. What a linked
project contributes, in the target's unit:

- its quantities in that unit, or in one convertible to it (千瓦, 兆瓦 → 万千瓦; 千米 → 公里;
  平方米 → 万平方米; 吨 → 万吨; 亩 ↔ 万亩 …), summed;
- for a target in money (亿元, 万元): its total investment;
- for a target that counts things (所, 个, 座, 家, 处, 条, 套, 项) and a project that states no
  such quantity: one — a named project is one school, one park, one substation. A programme
  (专项工程, many sites) counts only with a stated quantity.

Otherwise it contributes nothing known ("未填规模"), and the target shows how many linked
projects still lack a figure. Covered = the sum of the contributions; gap = quantity − covered
(negative: the linked projects exceed the target).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Document, Project, Target, target_projects
from db.queries import chunked
from portfolio.projects import quantities_of

#: Units of the same quantity, with their size in the first unit of the group.
_GROUPS: tuple[dict[str, Decimal], ...] = (
    {"千瓦": Decimal(1), "万千瓦": Decimal(10000), "兆瓦": Decimal(1000)},
    {"公里": Decimal(1), "千米": Decimal(1), "米": Decimal("0.001")},
    {"平方米": Decimal(1), "万平方米": Decimal(10000), "平方公里": Decimal(1000000)},
    {"亩": Decimal(1), "万亩": Decimal(10000)},
    {"吨": Decimal(1), "万吨": Decimal(10000)},
    {"立方米": Decimal(1), "万立方米": Decimal(10000)},
    {"头": Decimal(1), "万头": Decimal(10000)},
    {"只": Decimal(1), "万只": Decimal(10000)},
    {"人": Decimal(1), "万人": Decimal(10000)},
    {"户": Decimal(1), "万户": Decimal(10000)},
    {"学位": Decimal(1), "个学位": Decimal(1)},
    {"床位": Decimal(1), "张床位": Decimal(1), "张": Decimal(1)},
    {"教学班": Decimal(1), "个教学班": Decimal(1)},
)
MONEY_UNITS: dict[str, Decimal] = {"万元": Decimal(1), "亿元": Decimal(10000)}
#: Units that count things: a named project counts as one when it states no such quantity.
COUNT_UNITS: tuple[str, ...] = ("所", "个", "座", "家", "处", "条", "套", "项")


def base_unit(unit: str) -> str:
    """The unit without its qualification: "所（每乡镇，2—3所）" → 所, "个拆迁村" → 个."""
    unit = re.sub(r"[（(].*$", "", unit).strip()
    for count in COUNT_UNITS:
        if unit.startswith(count) and len(unit) > len(count) and unit not in _ALL_UNITS:
            return count
    return unit


_ALL_UNITS = {u for group in _GROUPS for u in group} | set(MONEY_UNITS) | set(COUNT_UNITS)


def conversion(source: str, target: str) -> Decimal | None:
    """How many ``target`` units one ``source`` unit is, or None when they do not convert."""
    if source == target:
        return Decimal(1)
    for group in _GROUPS:
        if source in group and target in group:
            return group[source] / group[target]
    return None


def _plain(value: Decimal) -> Decimal:
    """A figure without trailing zeros from the database's fixed scale (50.0000 → 50)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


@dataclass(frozen=True)
class Contribution:
    """What one linked project adds to a target, and how it was reckoned."""

    value: Decimal | None
    #: 按规模 / 按总投资 / 按1个计 / 未填规模
    basis: str


def contribution(
    target_unit: str,
    kind: str,
    quantities: Sequence[tuple[Decimal, str]],
    total_investment: Decimal | None,
) -> Contribution:
    """A project's contribution to a target in ``target_unit`` (see the module docstring)."""
    unit = base_unit(target_unit)
    if unit in MONEY_UNITS:
        if total_investment is None:
            return Contribution(None, "未填总投资")
        return Contribution(_plain(total_investment / MONEY_UNITS[unit]), "按总投资")
    values = [
        value * factor
        for value, q_unit in quantities
        if (factor := conversion(q_unit, unit)) is not None
    ]
    if values:
        return Contribution(_plain(sum(values, Decimal(0))), "按规模")
    if unit in COUNT_UNITS and kind == "project":
        return Contribution(Decimal(1), f"按1{unit}计")
    return Contribution(None, "未填规模")


@dataclass(frozen=True)
class LinkedProject:
    id: int
    name: str
    kind: str
    stage: str
    township: str
    total_investment: Decimal | None
    quantities: tuple[tuple[Decimal, str], ...]
    contribution: Contribution

    @property
    def quantities_text(self) -> str:
        return "、".join(f"{_plain(v)}{u}" for v, u in self.quantities)


@dataclass(frozen=True)
class TargetProgress:
    """One target with its linked projects and how far they go."""

    id: int
    text: str
    quantity: Decimal | None
    unit: str
    deadline_year: int | None
    document_id: int | None
    document_title: str
    document_number: str
    line: int | None
    quote: str
    projects: tuple[LinkedProject, ...] = field(default_factory=tuple)

    @property
    def unit_label(self) -> str:
        """The unit figures are given in ("个（每乡镇）" → 个)."""
        return base_unit(self.unit)

    @property
    def covered(self) -> Decimal | None:
        """Summed contribution of the linked projects; None when none has a figure."""
        known = [p.contribution.value for p in self.projects if p.contribution.value is not None]
        return _plain(sum(known, Decimal(0))) if known else None

    @property
    def gap(self) -> Decimal | None:
        if self.quantity is None or base_unit(self.unit) in ("%", ""):
            return None
        return _plain(self.quantity - (self.covered or Decimal(0)))

    @property
    def unknown(self) -> int:
        """Linked projects whose contribution is not known."""
        return sum(1 for p in self.projects if p.contribution.value is None)

    @property
    def share(self) -> Decimal | None:
        """Covered / quantity, as a fraction (1 = met)."""
        if self.quantity in (None, 0) or self.covered is None or self.gap is None:
            return None
        return self.covered / self.quantity

    @property
    def met(self) -> bool:
        """Linked projects cover the whole quantity (a target without links is never met)."""
        return bool(self.projects) and self.gap is not None and self.gap <= 0


@dataclass(frozen=True)
class Coverage:
    """How many of a set of targets have linked projects, and how many those projects meet."""

    targets: int
    linked: int
    met: int


def coverage(targets: Iterable[TargetProgress]) -> Coverage:
    """Counts for the targets a page shows (its filter decides which)."""
    shown = list(targets)
    return Coverage(
        targets=len(shown),
        linked=sum(1 for target in shown if target.projects),
        met=sum(1 for target in shown if target.met),
    )


def documents_with_targets(session: Session) -> list[tuple[int, str]]:
    """(id, label) of every document that states a target, in file order; the label is the
    document number (文号), or its title when it has none."""
    return [
        (document.id, document.number or document.title)
        for document in session.scalars(
            select(Document)
            .where(Document.id.in_(select(Target.document_id)))
            .order_by(Document.file)
        )
    ]


def progress(
    session: Session, document_ids: Sequence[int] = (), target_ids: Sequence[int] | None = None
) -> list[TargetProgress]:
    """Every target (of ``document_ids`` when given), in document and line order."""
    query = (
        select(Target, Document.title, Document.number)
        .outerjoin(Document, Document.id == Target.document_id)
        .order_by(Document.file.nulls_last(), Target.line.nulls_last(), Target.id)
    )
    if document_ids:
        query = query.where(Target.document_id.in_(document_ids))
    if target_ids is not None:
        query = query.where(Target.id.in_(target_ids))
    rows = session.execute(query).all()
    ids = [t.id for t, _, _ in rows]
    links: dict[int, list[int]] = {i: [] for i in ids}
    project_ids: set[int] = set()
    if ids:
        for target_id, project_id in session.execute(
            select(target_projects.c.target_id, target_projects.c.project_id)
            .where(target_projects.c.target_id.in_(ids))
        ):
            links[target_id].append(project_id)
            project_ids.add(project_id)
    projects = _projects(session, sorted(project_ids))
    result = []
    for target, title, number in rows:
        linked = sorted(
            (projects[pid] for pid in links[target.id] if pid in projects), key=lambda p: p[0]
        )
        result.append(
            TargetProgress(
                id=target.id,
                text=target.text,
                quantity=None if target.quantity is None else _plain(target.quantity),
                unit=target.unit,
                deadline_year=target.deadline_year,
                document_id=target.document_id,
                document_title=title or "",
                document_number=number or "",
                line=target.line,
                quote=target.quote,
                projects=tuple(
                    LinkedProject(
                        id=pid, name=name, kind=kind, stage=stage, township=township,
                        total_investment=investment, quantities=quantities,
                        contribution=contribution(target.unit, kind, quantities, investment),
                    )
                    for pid, name, kind, stage, township, investment, quantities in linked
                ),
            )
        )
    return result


def _projects(session: Session, ids: Sequence[int]) -> dict[int, tuple]:  # type: ignore[type-arg]
    found: dict[int, tuple] = {}  # type: ignore[type-arg]
    quantities = quantities_of(session, ids)
    for chunk in chunked(ids):
        for row in session.execute(
            select(
                Project.id, Project.name, Project.kind, Project.stage, Project.township,
                Project.total_investment,
            ).where(Project.id.in_(chunk))
        ):
            found[row[0]] = (*row, tuple(quantities[row[0]]))
    return found


def format_quantity(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"{_plain(value)}{unit}"
