"""What a register import would do, as plain values: a :class:`RegisterPreview` of
:class:`RowChange` lines, each with its :class:`FieldDiff` s. Built by
:func:`portfolio.register_import.preview.preview`, written by
:func:`portfolio.register_import.applying.apply`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from portfolio.register_import.fields import CHANGE_LABELS
from portfolio.register_import.records import LeaderName, RegisterSource, SkippedLine

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


class RegisterImportError(Exception):
    """An import that cannot even be previewed; the message is Chinese."""


@dataclass(slots=True)
class FieldDiff:
    """One field a row sets: its value in the database (``None`` for a new project) and in
    the file. Not frozen: a frozen dataclass's ``__init__`` goes through
    ``object.__setattr__`` per field, and a preview of ten thousand new projects makes a
    hundred thousand and more of these."""

    key: str
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return CHANGE_LABELS.get(self.key, self.key)


@dataclass
class RowChange:
    """One line of the file and what it does to the database."""

    row: int
    name: str
    status: str
    #: the matched project (``None`` for a new one until it is written)
    project_id: int | None
    #: :class:`ProjectData` fields to set
    changes: dict[str, Any]
    #: :class:`PlanData` fields to set for the year; empty when the line has no plan figures
    plan: dict[str, Any]
    #: what :attr:`diffs` gives; ``None`` for a new project until it is first asked for (its
    #: diffs are its values: ten thousand new projects would make 150,000 of them, and the
    #: window shows none)
    compared: list[FieldDiff] | None
    leader: LeaderName | None = None
    #: the package line of a "其中" part
    parent: RowChange | None = None

    @property
    def diffs(self) -> list[FieldDiff]:
        """Each field the line sets, with its value in the database (``None`` for a new
        project) and in the file."""
        if self.compared is None:
            self.compared = [FieldDiff(k, None, v) for k, v in self.changes.items()
                             if k != "parent_id"] + plan_diffs(self.plan)
        return self.compared


def plan_diffs(plan: dict[str, Any]) -> list[FieldDiff]:
    """The plan figures of a line that sets a plan where there is none."""
    return [FieldDiff(f"plan.{k}", None, v) for k, v in plan.items()
            if k != "distribution" and v not in ("", {}, None)]


@dataclass
class RegisterPreview:
    source: RegisterSource
    year: int
    #: where the year came from ("表头「2026年计划投资」", "--year", …)
    year_source: str
    rows: list[RowChange] = field(default_factory=list)
    new_units: list[str] = field(default_factory=list)
    new_leaders: list[LeaderName] = field(default_factory=list)
    #: (name, old title, new title) of leaders the file gives another title
    leader_titles: list[tuple[str, str, str]] = field(default_factory=list)
    new_townships: list[str] = field(default_factory=list)
    #: recognised columns that this import does not read (e.g. 1—N月完成)
    unused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def of(self, status: str) -> list[RowChange]:
        return [r for r in self.rows if r.status == status]

    @property
    def can_apply(self) -> bool:
        return not self.errors

    @property
    def skipped(self) -> list[SkippedLine]:
        """The rows read as no project that a preview lists (blank rows left out)."""
        return [s for s in self.source.skipped if s.reason != "空行"]

    def summary(self) -> str:
        return (f"共 {len(self.rows)} 个项目：新增 {len(self.of(NEW))} 个，"
                f"修改 {len(self.of(CHANGED))} 个，无变化 {len(self.of(UNCHANGED))} 个；"
                f"跳过 {len(self.skipped)} 行；错误 {len(self.errors)} 处，"
                f"提示 {len(self.warnings)} 条")
