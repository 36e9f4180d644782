"""An office's spreadsheet (重点项目清单, 年度投资计划表) read into the plain records of a
register import (:class:`portfolio.register_import.records.RegisterSource`).

Reading goes through the one spreadsheet reader, :func:`exports.sheets.table.read_table`,
with the user's column mapping (a :class:`~portfolio.register_import.profiles.MappingProfile`)
laid over automatic recognition. Reading never touches the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exports import register_columns
from exports.sheets import values as v
from exports.sheets.extras import uncalculated_cell, uncalculated_message
from exports.sheets.grid import SheetGrid
from exports.sheets.group_order import stray_lower_groups
from exports.sheets.headers import (
    DATE_FIELDS,
    MAX_HEADER_SCAN,
    HeaderError,
    HeaderMap,
    find_header,
    known_from_mapping,
    recognise,
)
from exports.sheets.rows import Group
from exports.sheets.table import ISSUE_FIELDS, ParsedProject, read_table
from portfolio.bulk import gc_paused
from portfolio.provenance import column_letter
from portfolio.register_import.fields import IGNORE, IMPORTED, LEVEL_FLAGS
from portfolio.register_import.profiles import MappingProfile
from portfolio.register_import.records import (
    LeaderName,
    RegisterSource,
    SkippedLine,
    SourceColumn,
    SourceDate,
    SourceRow,
    YearSpan,
)


def read_register(path: str | Path | SheetGrid, sheet: str | None = None,
                  profile: MappingProfile | None = None,
                  year: int | None = None) -> RegisterSource:
    """Read one sheet (``sheet``, else the profile's, else the one with most project rows), or
    a grid already read; raises :class:`~exports.sheets.grid.SheetError` when the file, sheet
    or header cannot be read (:class:`~exports.sheets.headers.HeaderError` without a 项目名称
    column). Cells that cannot be parsed become the source's ``errors``. ``year`` is the plan
    year the user gave (``--year``): plan columns of another year are not read (see
    :func:`exports.register_columns.left_out`)."""
    table = read_table(path, sheet or (profile.sheet if profile else None),
                       mapping=profile.overrides() if profile else None,
                       units=profile.units if profile else None,
                       choose=lambda grid, header: register_columns.choose(
                           grid, header, year, profile.columns if profile else ()))
    grid, header = table.grid, table.header
    columns = [SourceColumn(c.text, c.field, c.unit, c.year)
               for c in sorted(header.columns.values(), key=lambda c: c.col)]
    unnamed = {s.row for s in table.skipped if s.kind.name == "UNNAMED"}
    # an unnamed row is already listed as skipped, with its reason; everything else blocks
    errors = [p for p in table.problems
              if not (p.endswith("已跳过") and any(f"第{r + 1}行" in p for r in unnamed))]
    imported = [c.col for c in header.columns.values()
                if c.field in IMPORTED and c.field != "serial"]  # a 序号 is not imported
    lines = [r for p in table.projects for r in (p.row, *(part.row for part in p.parts))]
    cell = uncalculated_cell(grid.uncalculated, lines, imported)
    if cell is not None:  # calamine read it empty: importing it would import a blank
        errors.append(f"{grid.where(cell[0], header.columns[cell[1]].text)}："
                      f"{uncalculated_message(*cell)}")
    convert = _Converter(c.field for c in header.columns.values())
    with gc_paused():
        rows = [convert.row(p) for p in table.projects]
    period = header.period
    return RegisterSource(
        file=grid.path.name,
        sheet=grid.sheet,
        sheets=grid.sheet_names,
        columns=columns,
        rows=rows,
        unrecognised=[text for _, text in header.unrecognised],
        ignored=[text for _, text in header.ignored],
        skipped=[SkippedLine(s.row, s.kind.value, s.text) for s in table.skipped],
        left_out=table.left_out,
        errors=errors,
        hints=stray_lower_groups(table),
        period_year=period.year if period else None,
        period_text=f"{period.source}：{period.text}" if period else "",
        other_sheets=[(n, c) for n, c in grid.sheet_rows if n != grid.sheet],
    )


class _Converter:
    """The sheet reader's value types as the register import's own. The reader shares one
    parsed value among the cells of a column that say the same, so each is converted once
    (looked up by identity: hashing a leader is a Python call); each distinct run of group
    rows is read once. A row's values are taken over as they are (the table is read for this
    source alone), blank cells (``None``) included."""

    def __init__(self, keys: Iterable[str]) -> None:
        #: the keys whose values may be of the sheet reader's own types
        self.typed = [key for key in keys if key in _TYPED_FIELDS or key in LEVEL_FLAGS]
        #: 省重点 / 市重点 / 县重点 columns of ticks, and each row's levels they give
        self.flags = [key for key in self.typed if key in LEVEL_FLAGS]
        self.ticked: dict[tuple[object, ...], tuple[str, ...] | None] = {}
        #: id of a value read → the value (kept, so that its id stays its own) and its own
        self.seen: dict[int, tuple[Any, Any]] = {}
        self.groups: dict[int, tuple[tuple[Group, ...], str | None, str | None, str | None]] = {}

    def row(self, project: ParsedProject) -> SourceRow:
        values = project.values
        seen = self.seen
        for key in self.typed:
            value = values.get(key)
            if value is None:
                continue
            found = seen.get(id(value))
            if found is None:
                found = seen[id(value)] = (value, _converted(value))
            if found[1] is None:
                del values[key]
            else:
                values[key] = found[1]
        if self.flags:
            self._levels(values)
        groups = self.groups.get(id(project.groups))
        if groups is None:
            groups = self.groups[id(project.groups)] = (
                project.groups, project.group("stage"), project.group("category"),
                project.group("township"))
        if groups[3] and not values.get("township"):
            values["township"] = groups[3]  # "一、城关镇" over its projects
        return SourceRow(project.row, values, groups[1], groups[2],
                         [self.row(p) for p in project.parts], hidden=project.hidden)

    def _levels(self, values: dict[str, Any]) -> None:
        """The levels a row's tick columns give, after those its 级别 column names (one
        tuple for each distinct combination, so that the import reads each once)."""
        key = (values.get("level"), *(values.pop(flag, None) for flag in self.flags))
        found = self.ticked.get(key, ())
        if found == ():
            named = tuple(key[0] or ())
            ticked = tuple(LEVEL_FLAGS[flag] for flag, on in zip(self.flags, key[1:],
                                                                  strict=True) if on)
            found = self.ticked[key] = (
                (*named, *(t for t in ticked if t not in named)) or None)
        if found is None:
            values.pop("level", None)
        else:
            values["level"] = found


#: the fields whose values may be of the sheet reader's own types (dates, 期 written as a
#: date, 起止年限, levels, leaders)
_TYPED_FIELDS = DATE_FIELDS | ISSUE_FIELDS | {"years", "level", "leader"}


def _converted(value: Any) -> Any:
    """The register import's own form of a value read; ``None`` for no levels or leaders."""
    if isinstance(value, v.Years):
        return YearSpan(value.start_year, value.finish_year, value.start_month,
                        value.finish_month)
    if isinstance(value, v.DateValue):
        return SourceDate(value.date, value.precision)
    if type(value) is tuple:
        if not value:
            return None
        if isinstance(value[0], v.Leader):
            return tuple(LeaderName(x.name, x.title) for x in value)
    return value


SAMPLES = 3
_SAMPLE_ROWS = 200
_SAMPLE_CHARS = 24


@dataclass(frozen=True)
class FileColumn:
    """A column of the file as a user maps it: its header, a few values, what it was read as."""

    col: int
    text: str
    #: the field key recognised or mapped (``"ignore"``: the mapping leaves it out; ``None``:
    #: nobody recognised it)
    key: str | None
    samples: tuple[str, ...] = ()
    hidden: bool = False

    @property
    def letter(self) -> str:
        return column_letter(self.col + 1)


def file_columns(grid: SheetGrid, profile: MappingProfile | None = None) -> list[FileColumn]:
    """Every header column of ``grid``, left to right, as recognised with ``profile``'s
    mapping; without a recognisable header, the texts of the likeliest header row."""
    header: HeaderMap | None
    try:
        header = find_header(grid, known_from_mapping(profile.overrides()) if profile else None,
                             profile.units if profile else None)
    except HeaderError as error:
        header = error.header
    if header is None:
        return _guessed_columns(grid)
    register_columns.stages_by_values(grid, header, profile.columns if profile else ())
    found: list[tuple[int, str, str | None]] = [
        (c.col, c.text, c.field) for c in header.columns.values()]
    found += [(col, text, None) for col, text in header.unrecognised]
    found += [(col, text, IGNORE) for col, text in header.ignored]
    return [FileColumn(col, text, key, _samples(grid, col, header.last_row + 1),
                       col in grid.hidden_cols) for col, text, key in sorted(found)]


def _guessed_columns(grid: SheetGrid) -> list[FileColumn]:
    """The row with most words among the first rows, taken as a one-row header."""
    best = -1
    texts: dict[int, str] = {}
    for r in range(min(grid.n_rows, MAX_HEADER_SCAN)):
        row = {c: grid.text(r, c) for c in range(len(grid.rows[r]))}
        words = {c: t for c, t in row.items() if t and not _is_number(t)}
        if len(words) > len(texts):
            best, texts = r, words
    return [FileColumn(c, t, recognise(t), _samples(grid, c, best + 1), c in grid.hidden_cols)
            for c, t in sorted(texts.items())]


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def _samples(grid: SheetGrid, col: int, first: int) -> tuple[str, ...]:
    """The first few distinct values under the header, shortened."""
    found: list[str] = []
    for r in range(first, min(grid.n_rows, first + _SAMPLE_ROWS)):
        text = " ".join(grid.text(r, col).split())
        if len(text) > _SAMPLE_CHARS:
            text = text[:_SAMPLE_CHARS - 1] + "…"
        if text and text not in found:
            found.append(text)
            if len(found) == SAMPLES:
                break
    return tuple(found)
