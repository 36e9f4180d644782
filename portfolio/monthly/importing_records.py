"""The plain records of a monthly import: the lines a reader found in each file, and the
preview that :func:`portfolio.monthly.importing.compare` makes of them (changes, conflicts,
unmatched lines, errors). No database access here."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from portfolio.collection import ReturnedForm
from portfolio.money import format_money
from portfolio.monthly.carried import LABEL as CARRIED_LABEL
from portfolio.monthly.columns import EDITABLE
from portfolio.periods import Period
from portfolio.provenance import Problem, Source, Unmatched

#: The monthly figures an import can write, with their Chinese names: what the month grid
#: edits but the 竣工日期, which a monthly return does not carry.
FIGURES: dict[str, str] = {k: v for k, v in EDITABLE.items() if k != "finished_on"}
#: Every figure a change can hold, in the order shown: the carried amount of a project's first
#: month (:mod:`portfolio.monthly.first_month`), which is no cell of the grid, then
#: :data:`FIGURES`.
LABELS: dict[str, str] = {"carried": CARRIED_LABEL, **FIGURES}
KEYS: tuple[str, ...] = tuple(LABELS)


class ImportFailed(Exception):
    """An import that cannot go on as a whole (e.g. the data changed since the preview)."""


@dataclass
class ImportLine:
    """One project's line as a reader found it: who it names and what it reports."""

    source: Source
    #: the 编号 the line states, if any (set to the matched project by :func:`compare`)
    project_id: int | None
    name: str
    #: figure (a key of :data:`FIGURES`) → value
    values: dict[str, object]
    #: figure → column, for placing errors
    columns: dict[str, int]
    #: 1—N月完成投资, when the file has it (本月 is derived from it when missing)
    ytd: Decimal | None = None
    ytd_column: int | None = None
    #: the column (1-based) of a 1—N月 cell left blank on a line that gives 本月: its 1—N月
    #: is what the database holds before the month plus 本月, and the preview says so
    ytd_blank: int | None = None
    #: when 1—N月 is no column of its own but the months before added to 本月: how the file
    #: gives the months before (“上月累计”列), and the header of its (last) column
    ytd_said: tuple[str, str] | None = None
    #: the 项目代码 the line states, if any: it decides the project before 编号 and name
    code: str = ""


@dataclass
class FileReading:
    """What a reader found in one file: its month, its lines and its problems."""

    name: str
    sheet: str = ""
    period: Period | None = None
    lines: list[ImportLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: what does not block the import but must be said (a file whose figures are all empty)
    warnings: list[Problem] = field(default_factory=list)
    #: field key → the file's header text
    headers: dict[str, str] = field(default_factory=dict)
    #: our 填报表 (:mod:`exports.forms`): whose, recorded as returned when applied
    form: ReturnedForm | None = None


@dataclass
class Conflict:
    """Two lines (in one file or several) give different values of one figure of a project."""

    project_id: int
    name: str
    figure: str
    values: list[tuple[Source, object]]

    def text(self) -> str:
        shown = "；".join(f"{s.text()}为“{_shown(v)}”" for s, v in self.values)
        figure = LABELS.get(self.figure, self.figure)
        return f"{self.name}（编号{self.project_id}）的{figure}不一致：{shown}"


@dataclass
class Change:
    """One project's figures for the month: what the database holds and what the files say."""

    project_id: int
    name: str
    #: 'new' (no report for the month yet), 'changed' or 'unchanged'
    status: str
    old: dict[str, object]
    new: dict[str, object]
    sources: list[Source]

    def differences(self) -> list[tuple[str, object, object]]:
        """(figure's Chinese name, old, new) of every figure that changes."""
        return [(LABELS[k], self.old.get(k), v) for k, v in self.new.items()
                if self.old.get(k) != v]


@dataclass
class ImportPreview:
    """What an import would do; nothing is written until :func:`apply`."""

    files: list[str]
    period: Period | None
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    #: not blocking, but the user must see them (why a file gave nothing)
    warnings: list[Problem] = field(default_factory=list)
    #: lines read, summary lines skipped
    lines: int = 0
    #: our 填报表 among the files, recorded as returned when applied
    returned: list[ReturnedForm] = field(default_factory=list)

    def by_status(self, status: str) -> list[Change]:
        return [c for c in self.changes if c.status == status]

    @property
    def new(self) -> list[Change]:
        return self.by_status("new")

    @property
    def changed(self) -> list[Change]:
        return self.by_status("changed")

    @property
    def unchanged(self) -> list[Change]:
        return self.by_status("unchanged")

    @property
    def unresolved(self) -> bool:
        return bool(self.conflicts or self.unmatched)

    def can_apply(self, *, skip_unresolved: bool = False) -> bool:
        if self.errors or self.period is None:
            return False
        return skip_unresolved or not self.unresolved

    def summary(self) -> str:
        head = f"{self.period.label}：" if self.period else ""
        return (
            f"{head}新增 {len(self.new)} 个项目，修改 {len(self.changed)} 个，"
            f"未变 {len(self.unchanged)} 个；冲突 {len(self.conflicts)} 处，"
            f"未匹配 {len(self.unmatched)} 行，错误 {len(self.errors)} 处"
            + (f"，提示 {len(self.warnings)} 条" if self.warnings else "")
        )


def _shown(value: object) -> str:
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, bool):
        return "已开工" if value else "未开工"
    return "" if value is None else str(value)


__all__ = [
    "FIGURES",
    "KEYS",
    "LABELS",
    "Change",
    "Conflict",
    "FileReading",
    "ImportFailed",
    "ImportLine",
    "ImportPreview",
]
