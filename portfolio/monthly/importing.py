"""Monthly figures read from workbooks, checked against the database and applied.

The domain half of an Excel import (the reading half, which never touches the database, is
:mod:`exports.xlsx_import`): :func:`compare` takes the lines read from every file, matches
each to a project (:mod:`portfolio.matching`: by 项目代码, else 编号, else normalised name;
an ambiguous or unknown line is listed, never guessed), merges several files for the same
month (a figure two files disagree on is a conflict, shown and not applied) and compares the
result with what the database holds: new, changed (old → new per figure) and unchanged
projects. :func:`apply` then writes the new and changed figures in one transaction through
the monthly entry rules (:mod:`portfolio.monthly.saving`: locked months, packages, amounts
past the total investment). Every problem names the file, sheet, row and column in Chinese,
and any error leaves the database untouched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import cast

from sqlalchemy.orm import Session

from db.queries import chunked
from db.session import Database
from portfolio.collection import record_returns
from portfolio.concurrency import last_change, lock_projects
from portfolio.matching import ProjectMatcher
from portfolio.money import format_money
from portfolio.monthly import carried, first_month
from portfolio.monthly.errors import EntryError
from portfolio.monthly.first_month import Position
from portfolio.monthly.importing_records import (
    FIGURES,
    KEYS,
    LABELS,
    Change,
    Conflict,
    FileReading,
    ImportFailed,
    ImportLine,
    ImportPreview,
)
from portfolio.monthly.locking import check_open, is_locked
from portfolio.monthly.rows import ZERO, EntryRow, load_rows
from portfolio.monthly.saving import CellEdit, check_values, save_cells
from portfolio.monthly.unmatched import unmatched_line
from portfolio.periods import Period
from portfolio.provenance import Problem


def held(row: EntryRow) -> dict[str, object]:
    """What the database holds for each of :data:`KEYS` (本月 0 when not reported)."""
    return {"carried": row.carried,
            "investment": row.investment if row.has_report else Decimal("0.00"),
            "progress": row.progress, "problems": row.problems, "next_steps": row.next_steps,
            "started": row.started, "started_on": row.started_on}


def compare(session: Session, readings: Sequence[FileReading], *,
            period: Period | None = None) -> ImportPreview:
    """Match the lines of ``readings`` to projects and compare them with the database for
    their month (``period`` when the files do not say); writes nothing."""
    result = ImportPreview(list(dict.fromkeys(r.name for r in readings)), period)
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


def _match(session: Session, lines: list[ImportLine],
           result: ImportPreview) -> tuple[dict[int, list[ImportLine]], int]:
    """The lines by the project each matched, and how many projects the database holds."""
    matcher = ProjectMatcher.from_database(session)
    matched: dict[int, list[ImportLine]] = defaultdict(list)
    for line in lines:
        found = matcher.match(line.name, line.project_id, line.code)
        if found.project_id is None:
            result.unmatched.append(unmatched_line(line, found, matcher))
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
    # from which month each project reports (its first month decides 1—N月's split)
    firsts = first_month.first_months(session, period.year, None if whole else ids)
    for pid in ids:
        rows[pid].first_month = firsts.get(pid)
    for pid in ids:
        lines = matched[pid]
        row = rows[pid]
        if len(lines) == 1:  # the usual case: one line, nothing to merge or conflict
            merged, conflicted = _single(lines[0], row, period, result), False
        else:
            merged, conflicted = _merged(pid, lines, row, period, result)
        if conflicted or not merged:
            continue
        old = held(row)
        differs = any(old[k] != v for k, v in merged.items())
        status = "unchanged" if not differs else ("changed" if row.has_report else "new")
        result.changes.append(Change(pid, row.name, status, old, merged,
                                     [line.source for line in lines]))
    _check_entry_rules(period, rows, matched, result)


def _merged(pid: int, lines: list[ImportLine], row: EntryRow, period: Period,
            result: ImportPreview) -> tuple[dict[str, object], bool]:
    """The figures of a project that several lines name (in one file or several), and whether
    two of them disagree (each disagreement is a :class:`Conflict`)."""
    figures = [(line.source, _figures(line, row, period, result)) for line in lines]
    merged: dict[str, object] = {}
    conflicted = False
    for key in KEYS:
        seen = [(source, found[key]) for source, found in figures if key in found]
        distinct = {v for _, v in seen}
        if len(distinct) > 1:
            result.conflicts.append(Conflict(pid, row.name, key, seen))
            conflicted = True
        elif seen:
            merged[key] = seen[0][1]
    return merged, conflicted


def _less_than(line: ImportLine, period: Period, what: str, amount: Decimal,
               result: ImportPreview) -> None:
    result.errors.append(Problem(
        line.source.file,
        f"1—{period.month}月完成投资{format_money(line.ytd)}万元少于{what}"
        f"{format_money(amount)}万元",
        line.source.sheet, line.source.row, line.ytd_column, "1—N月完成投资"))


def _split(line: ImportLine, ytd: Decimal, values: dict[str, object], row: EntryRow,
           period: Period, result: ImportPreview) -> dict[str, object]:
    """A project's first month: 1—N月 (``ytd``) is the carried amount plus 本月, or, with no
    本月 on the line, carried whole (本月 0, with a warning naming the project)."""
    if "investment" in values:
        amount = values["investment"]
        assert isinstance(amount, Decimal)
        if amount > ytd:
            if line.ytd is not None:
                _less_than(line, period, f"{period.month}月完成投资", amount, result)
            else:
                result.errors.append(Problem(
                    line.source.file,
                    f"{period.month}月完成投资{format_money(amount)}万元超过已计入的"
                    f"{carried.LABEL}{format_money(ytd)}万元",
                    line.source.sheet, line.source.row, line.columns.get("investment"),
                    FIGURES["investment"]))
            return values
        values["carried"] = ytd - amount
        return values
    values = {"investment": ZERO, "carried": ytd, **values}
    if ytd:
        result.warnings.append(Problem(
            line.source.file,
            f"“{row.name}”仅有1—{period.month}月累计，无法拆分本月：1—{period.month}月"
            f"{format_money(ytd)}万元记为{carried.LABEL}，{period.month}月完成投资记为0",
            line.source.sheet, line.source.row, line.ytd_column, "1—N月完成投资"))
    return values


def _figures(line: ImportLine, row: EntryRow, period: Period,
             result: ImportPreview) -> dict[str, object]:
    """What one line says of its project's month: its figures, 本月 derived from 1—N月 when
    the line has no 本月, and in the project's first month of the year
    (:mod:`.first_month`) the carried amount; a line that contradicts the database is an
    error of ``result``."""
    values = dict(line.values)
    where = first_month.position(row, period)
    if where is Position.EARLIER:
        assert row.first_month is not None
        has_money = line.ytd is not None or "investment" in values
        if first_month.splits(row, period) and has_money and line.ytd in (None, row.carried):
            # the month just before the first: it splits the carried amount
            return _split(line, row.carried, values, row, period, result)
        message = (first_month.mismatch_message(row.name, period, line.ytd, row.carried)
                   if first_month.splits(row, period) and line.ytd is not None
                   else first_month.earlier_message(row.name, period, row.first_month))
        result.errors.append(Problem(
            line.source.file, message, line.source.sheet, line.source.row,
            line.ytd_column or line.columns.get("investment"),
            "1—N月完成投资" if line.ytd_column else ""))
        return values
    if line.ytd is None:
        if line.ytd_blank is not None and "investment" in values:
            _say_ytd_blank(line, row, period, cast(Decimal, values["investment"]), result)
        return values
    if where is Position.FIRST:
        return _split(line, line.ytd, values, row, period, result)
    if "investment" not in values:
        amount = line.ytd - row.ytd_before
        if amount < 0:
            _less_than(line, period, "此前各月已报的", row.ytd_before, result)
        else:
            values = {"investment": amount, **values}
        return values
    investment = cast(Decimal, values["investment"])
    expected = row.ytd_before + investment
    if expected != line.ytd and line.ytd_said:  # 1—N月 added up from the months before
        result.errors.append(Problem(
            line.source.file,
            f"表中{line.ytd_said[0]}为{format_money(line.ytd - investment)}万元，与此前各月"
            f"已计入的{format_money(row.ytd_before)}万元不符；请核对",
            line.source.sheet, line.source.row, line.ytd_column, line.ytd_said[1]))
    elif expected != line.ytd:
        result.errors.append(Problem(
            line.source.file,
            f"1—{period.month}月完成投资{format_money(line.ytd)}万元不等于此前各月合计"
            f"{format_money(row.ytd_before)}万元加本月完成投资"
            f"{format_money(investment)}万元"
            f"（应为{format_money(expected)}万元）",
            line.source.sheet, line.source.row, line.ytd_column, "1—N月完成投资"))
    return values


def _say_ytd_blank(line: ImportLine, row: EntryRow, period: Period, investment: Decimal,
                   result: ImportPreview) -> None:
    """A line giving 本月 beside a blank 1—N月 cell: its 1—N月 is what the months before hold
    plus 本月, and the preview says so, row by row (never silently 本月 alone)."""
    before, n = row.ytd_before, period.month
    if not before and not investment:
        return
    if before:
        said = (f"按此前各月已计入的{format_money(before)}万元加{n}月完成投资"
                f"{format_money(investment)}万元，1—{n}月计为"
                f"{format_money(before + investment)}万元")
    else:
        said = (f"此前各月没有已计入的完成投资，1—{n}月只计{n}月完成投资{format_money(investment)}"
                f"万元；如1—{n - 1}月另有完成投资，请补填该行的1—{n}月累计后重新导入"
                if n > 1 else f"1月即1—1月，计为{format_money(investment)}万元")
    result.warnings.append(Problem(
        line.source.file, f"“{row.name}”未填1—{n}月累计：{said}", line.source.sheet,
        line.source.row, line.ytd_blank, "1—N月完成投资"))


def _single(line: ImportLine, row: EntryRow, period: Period,
            result: ImportPreview) -> dict[str, object]:
    """The figures of a project named by one line only, in the order of :data:`KEYS`."""
    values = _figures(line, row, period, result)
    return {key: values[key] for key in KEYS if key in values}


def _edits(change: Change) -> list[CellEdit]:
    """The grid's cells a change writes, as :func:`_edited` lists them."""
    return [CellEdit(change.project_id, key, value) for key, value in _edited(change).items()]


def _edited(change: Change) -> dict[str, object]:
    """The figures a change writes into the grid's cells (the carried amount is written by
    :func:`apply`); a new month's 本月 even when 0, so that the month counts as reported."""
    old, new = change.old, change.status == "new"
    return {key: value for key, value in change.new.items()
            if key in FIGURES and (old.get(key) != value or (new and key == "investment"))}


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
        values = _edited(change)
        row = rows[change.project_id]
        amount = change.new.get("carried", row.carried)
        if amount != row.carried:
            assert isinstance(amount, Decimal)
            # a larger carried amount must fit within the total investment too: the row is
            # checked as it will be once it is written (the rows are the preview's own, read
            # for it and dropped after these checks: changed in place, not copied)
            values.setdefault("investment", change.new.get("investment", row.investment))
            row.carried, row.ytd_before = amount, row.ytd_before - row.carried + amount
        try:
            check_values(row, values, period)
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
    figures = "、".join(LABELS[k] for k in keys)
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
            check_open(session, period)
            carried.write_all(session, period.year, {
                change.project_id: amount for change in pending
                if isinstance(amount := change.new.get("carried"), Decimal)
                and amount != change.old["carried"]})
            save_cells(session, period, [e for c in pending for e in _edits(c)])
        except EntryError as error:
            raise ImportFailed(str(error)) from None
        record_returns(session, preview_.returned)
    return len(pending)

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
    "apply",
    "compare",
]
