"""An office's spreadsheet (重点项目清单, 年度投资计划表) read into the plain records of a
register import (:class:`portfolio.register_import.records.RegisterSource`).

Reading goes through the one spreadsheet reader, :func:`exports.sheets.table.read_table`,
with the user's column mapping (a :class:`~portfolio.register_import.profiles.MappingProfile`)
laid over automatic recognition. Reading never touches the database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exports.sheets import values as v
from exports.sheets.table import ParsedProject, read_table
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


def read_register(path: str | Path, sheet: str | None = None,
                  profile: MappingProfile | None = None) -> RegisterSource:
    """Read one sheet (``sheet``, else the profile's, else the one with most project rows);
    raises :class:`~exports.sheets.grid.SheetError` when the file, sheet or header cannot be
    read. Cells that cannot be parsed become the source's ``errors``."""
    table = read_table(path, sheet or (profile.sheet if profile else None),
                       mapping=profile.overrides() if profile else None,
                       units=profile.units if profile else None)
    grid, header = table.grid, table.header
    columns = [SourceColumn(c.text, c.field, c.unit, c.year)
               for c in sorted(header.columns.values(), key=lambda c: c.col)]
    unnamed = {s.row for s in table.skipped if s.kind.name == "UNNAMED"}
    # an unnamed row is already listed as skipped, with its reason; everything else blocks
    errors = [p for p in table.problems
              if not (p.endswith("已跳过") and any(f"第{r + 1}行" in p for r in unnamed))]
    convert = _Converter()
    period = header.period
    return RegisterSource(
        file=grid.path.name,
        sheet=grid.sheet,
        sheets=grid.sheet_names,
        columns=columns,
        rows=[convert.row(p) for p in table.projects],
        unrecognised=[text for _, text in header.unrecognised],
        ignored=[text for _, text in header.ignored],
        skipped=[SkippedLine(s.row, s.kind.value, s.text) for s in table.skipped],
        errors=errors,
        period_year=period.year if period else None,
        period_text=f"{period.source}：{period.text}" if period else "",
    )


class _Converter:
    """The sheet reader's value types as the register import's own, each distinct value once."""

    def __init__(self) -> None:
        self.seen: dict[Any, Any] = {}

    def row(self, project: ParsedProject) -> SourceRow:
        values = {key: self.value(value) for key, value in project.values.items()
                  if value is not None and value != ()}
        return SourceRow(project.row, values, project.group("stage"), project.group("category"),
                         [self.row(p) for p in project.parts])

    def value(self, value: Any) -> Any:
        if isinstance(value, v.Years | v.DateValue | tuple):
            found = self.seen.get(value)
            if found is None:
                found = self.seen[value] = _converted(value)
            return found
        return value


def _converted(value: Any) -> Any:
    if isinstance(value, v.Years):
        return YearSpan(value.start_year, value.finish_year, value.start_month,
                        value.finish_month)
    if isinstance(value, v.DateValue):
        return SourceDate(value.date, value.precision)
    if value and isinstance(value[0], v.Leader):
        return tuple(LeaderName(x.name, x.title) for x in value)
    return value
