"""Monthly figures read from workbooks, checked against the database and applied.

The domain half of an Excel import (the reading half, which never touches the database, is
:mod:`exports.xlsx_import`): :func:`compare` takes the lines read from every file, matches
each to a project (:mod:`portfolio.matching`: by 编号, else by normalised name; an ambiguous or
unknown line is listed, never guessed), merges several files for the same month (a figure two
files disagree on is a conflict, shown and not applied) and compares the result with what the
database holds: new, changed (old → new per figure) and unchanged projects. :func:`apply`
then writes the new and changed figures in one transaction through the monthly entry rules
(:mod:`portfolio.monthly.saving`: locked months, packages, amounts past the total investment).
Every problem names the file, sheet, row and column in Chinese, and any error leaves the
database untouched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from db.queries import chunked
from db.session import Database
from portfolio import matching
from portfolio.collection import ReturnedForm, record_returns
from portfolio.concurrency import last_change, lock_projects
from portfolio.matching import ProjectMatcher
from portfolio.money import format_money
from portfolio.monthly.columns import EDITABLE
from portfolio.monthly.errors import EntryError
from portfolio.monthly.locking import is_locked
from portfolio.monthly.rows import EntryRow, load_rows
from portfolio.monthly.saving import CellEdit, check_values, save_cells
from portfolio.periods import Period
from portfolio.provenance import Problem, Source, Unmatched

#: The monthly figures an import can write, with their Chinese names: what the month grid
#: edits but the 竣工日期, which a monthly return does not carry.
FIGURES: dict[str, str] = {k: v for k, v in EDITABLE.items() if k != "finished_on"}


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
        figure = FIGURES.get(self.figure, self.figure)
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
        return [(FIGURES[k], self.old.get(k), v) for k, v in self.new.items()
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


def held(row: EntryRow) -> dict[str, object]:
    """What the database holds for each of :data:`FIGURES` (本月 0 when not reported)."""
    return {"investment": row.investment if row.has_report else Decimal("0.00"),
            "progress": row.progress, "problems": row.problems, "next_steps": row.next_steps,
            "started": row.started, "started_on": row.started_on}


def compare(session: Session, readings: Sequence[FileReading], *,
            period: Period | None = None) -> ImportPreview:
    """Match the lines of ``readings`` to projects and compare them with the database for
    their month (``period`` when the files do not say); writes nothing."""
    result = ImportPreview([r.name for r in readings], period)
    for reading in readings:
        result.errors.extend(reading.problems)
        result.warnings.extend(reading.warnings)
        if reading.form is not None:
            result.returned.append(reading.form)
    periods = {r.period for r in readings if r.period is not None}
    if len(periods) > 1:
        listed = "、".join(f"“{r.name}”为{r.period.label}" for r in readings if r.period)
        result.errors.append(Problem("、".join(result.files), f"各文件的报告月份不同：{listed}"))
        return result
    result.period = next(iter(periods), period)
    if result.period is None:
        return result
    the_period = result.period
    if is_locked(session, the_period):
        result.errors.append(Problem(
            "、".join(result.files),
            f"{the_period.label}已报送锁定，不能导入；如需更正请先在月度调度中“重新打开”本月"))
    lines = [line for r in readings for line in r.lines]
    result.lines = len(lines)
    matched, projects = _match(session, lines, result)
    _compare(session, the_period, matched, result, whole=len(matched) * 3 >= projects)
    return result


def _unmatched(line: ImportLine, found: matching.Match) -> Unmatched:
    """The line that ``found`` did not match, with the reason in Chinese."""
    if found.how == matching.UNKNOWN_ID:
        return Unmatched(line.source, line.name, line.project_id,
                         f"编号{line.project_id}不存在")
    if found.how == matching.NAME_DIFFERS:
        known = found.candidates[0][1]
        return Unmatched(line.source, line.name, line.project_id,
                         f"编号{line.project_id}的项目名称为“{known}”，与表中名称不符，请核对",
                         list(found.candidates))
    if found.how == matching.AMBIGUOUS:
        ids = "、".join(str(pid) for pid, _ in found.candidates)
        return Unmatched(
            line.source, line.name, None,
            f"有{len(found.candidates)}个同名项目（编号{ids}），请在表中填写编号",
            list(found.candidates))
    return Unmatched(line.source, line.name, None, "项目库中没有这个名称的项目")


def _match(session: Session, lines: list[ImportLine],
           result: ImportPreview) -> tuple[dict[int, list[ImportLine]], int]:
    """The lines by the project each matched, and how many projects the database holds."""
    matcher = ProjectMatcher.from_database(session)
    matched: dict[int, list[ImportLine]] = defaultdict(list)
    for line in lines:
        found = matcher.match(line.name, line.project_id)
        if found.project_id is None:
            result.unmatched.append(_unmatched(line, found))
            continue
        line.project_id = found.project_id
        matched[found.project_id].append(line)
    return matched, matcher.size


def _compare(session: Session, period: Period, matched: dict[int, list[ImportLine]],
             result: ImportPreview, *, whole: bool = False) -> None:
    """Compare the matched lines with the database's rows for ``period``; ``whole``: the
    files name much of the register, so its rows are read in one query rather than by ids."""
    ids = list(matched)
    rows: dict[int, EntryRow] = {}
    if whole:
        rows = {row.project_id: row for row in load_rows(session, period)
                if row.project_id in matched}
    else:
        for chunk in chunked(ids):
            for row in load_rows(session, period, ids=chunk):
                rows[row.project_id] = row
    for pid in ids:
        lines = matched[pid]
        row = rows[pid]
        merged: dict[str, object] = {}
        conflicted = False
        for key in FIGURES:
            seen = [(line.source, line.values[key]) for line in lines if key in line.values]
            derived = [(line.source, line) for line in lines
                       if key == "investment" and key not in line.values and line.ytd is not None]
            for source, line in derived:
                amount = line.ytd - row.ytd_before  # type: ignore[operator]
                if amount < 0:
                    result.errors.append(Problem(
                        source.file,
                        f"1—{period.month}月完成投资{format_money(line.ytd)}万元少于此前各月已报的"
                        f"{format_money(row.ytd_before)}万元",
                        source.sheet, source.row, line.ytd_column, "1—N月完成投资"))
                    continue
                seen.append((source, amount))
            distinct = {v for _, v in seen}
            if len(distinct) > 1:
                result.conflicts.append(Conflict(pid, row.name, key, seen))
                conflicted = True
            elif seen:
                merged[key] = seen[0][1]
        for line in lines:  # 1—N月 and 本月 on one line must agree with the months before
            if line.ytd is not None and "investment" in line.values:
                expected = row.ytd_before + line.values["investment"]  # type: ignore[operator]
                if expected != line.ytd:
                    result.errors.append(Problem(
                        line.source.file,
                        f"1—{period.month}月完成投资{format_money(line.ytd)}万元不等于此前各月合计"
                        f"{format_money(row.ytd_before)}万元加本月完成投资"
                        f"{format_money(line.values['investment'])}万元"
                        f"（应为{format_money(expected)}万元）",
                        line.source.sheet, line.source.row, line.ytd_column, "1—N月完成投资"))
        if conflicted or not merged:
            continue
        old = held(row)
        differs = any(old[k] != v for k, v in merged.items())
        status = "unchanged" if not differs else ("changed" if row.has_report else "new")
        result.changes.append(Change(pid, row.name, status, old, merged,
                                     [line.source for line in lines]))
    _check_entry_rules(period, rows, matched, result)


def _edits(change: Change) -> list[CellEdit]:
    return [CellEdit(change.project_id, key, value)
            for key, value in change.new.items() if change.old.get(key) != value]


def _check_entry_rules(period: Period, rows: dict[int, EntryRow],
                       matched: dict[int, list[ImportLine]], result: ImportPreview) -> None:
    """Check the changes with the monthly entry rules (:func:`check_values`, which needs no
    database: the rows are loaded already), so that every refusal (an amount past the total
    investment, a package's money, a start after the month …) is shown in the preview with its
    file and row, and nothing is written. :func:`apply` checks again as it writes."""
    if result.errors:
        return
    for change in result.changes:
        if change.status == "unchanged":
            continue
        values = {e.key: e.value for e in _edits(change)}
        try:
            check_values(rows[change.project_id], values, period)
        except EntryError as error:
            line = matched[change.project_id][0]
            column = line.columns.get(error.column or "") or line.ytd_column
            result.errors.append(Problem(
                line.source.file, str(error), line.source.sheet, line.source.row, column,
                FIGURES.get(error.column or "", "")))


def _changed_since(session: Session, period: Period, change: Change, keys: list[str]) -> str:
    """项目“…”的数据在预览后已被修改 (naming the figures, who and when), 请重新预览."""
    entry = last_change(session, change.project_id,
                        [("monthly_reports", k) for k in keys])
    by = f"（{entry.user} 于 {entry.at:%Y-%m-%d %H:%M} 修改了" if entry else "（已修改"
    figures = "、".join(FIGURES[k] for k in keys)
    return (f"项目“{change.name}”的数据在预览后已被修改{by}{period.label}的{figures}），"
            "未导入任何数据，请重新预览")


def apply(db: Database, preview_: ImportPreview, *, skip_unresolved: bool = False) -> int:
    """Write the new and changed figures of ``preview_`` in one transaction; the number of
    projects changed. Refuses when the preview has errors (or, unless ``skip_unresolved``,
    conflicts or unmatched lines), or when the database changed since the preview.

    The check and the write are one transaction holding the write lock (SQLite: ``BEGIN
    IMMEDIATE``; PostgreSQL: the projects' rows ``FOR UPDATE``), so two imports applied at once
    run one after the other and the second sees the first's figures: exactly one of two
    previews of the same figures is applied, never both."""
    if not preview_.can_apply(skip_unresolved=skip_unresolved):
        raise ImportFailed("预览中有错误或未解决的冲突、未匹配的行，未导入任何数据")
    period = preview_.period
    assert period is not None
    pending = [c for c in preview_.changes if c.status != "unchanged"]
    if not pending and not preview_.returned:
        return 0
    with db.transaction(immediate=True) as session:
        ids = [c.project_id for c in pending]
        lock_projects(session, ids)
        current = {r.project_id: r for r in load_rows(session, period, ids=ids)}
        for change in pending:
            row = current.get(change.project_id)
            if row is None:
                raise ImportFailed(f"项目“{change.name}”已被删除，请重新预览")
            now = held(row)
            changed = [k for k in change.new if now[k] != change.old[k]]
            if changed:
                raise ImportFailed(_changed_since(session, period, change, changed))
        try:
            save_cells(session, period, [e for c in pending for e in _edits(c)])
        except EntryError as error:
            raise ImportFailed(str(error)) from None
        record_returns(session, preview_.returned)
    return len(pending)

__all__ = [
    "FIGURES",
    "Change",
    "Conflict",
    "FileReading",
    "ImportFailed",
    "ImportLine",
    "ImportPreview",
    "apply",
    "compare",
]
