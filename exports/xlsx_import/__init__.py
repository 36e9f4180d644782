"""Importing monthly figures from spreadsheets: our own report, a mapped layout, or the 调度表
that townships and departments send back in their own wording (.xlsx, .xlsm, .xls, .ods, .csv).

This package reads; :mod:`portfolio.monthly.importing` decides. Reading never touches the
database: :func:`read_workbook` reads a sheet through :mod:`exports.sheets` (the one header
recogniser of every spreadsheet we read, with the template's own header texts and a user's
``--mapping`` tried first), and turns each project's row into plain data
(:class:`~portfolio.monthly.importing.ImportLine`), placing every problem at its file, sheet,
row and column in Chinese. :func:`preview` reads every file and hands the lines to
:func:`portfolio.monthly.importing.compare`, which matches them to projects and compares them
with the database; :func:`apply` writes in one transaction, and any error leaves the database
untouched.

The month comes from our own stamp (:data:`exports.xlsx.PERIOD_PROPERTY`), else a 1—N月 header,
else the title, else the file name, else the caller's ``period``; a file and a caller that
disagree is an error. Empty cells mean "not reported" and change nothing; a zero is a zero. A
file that yields nothing always says why, naming the columns it recognised and those it did not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from sqlalchemy.orm import Session

from exports import template as templates
from exports.forms.returned import check_returned, form_stamp, locked_columns, wrong_period
from exports.output import ProgressFn, tick
from exports.sheets.grid import SheetGrid
from exports.sheets.headers import HeaderMap
from exports.template import SheetLayout, Template
from exports.xlsx_import.cells import amount
from exports.xlsx_import.lines import (
    read_lines,
    say_cumulative_left_out,
    say_share_left_out,
    say_why_empty,
)
from exports.xlsx_import.month_columns import read_month_columns
from exports.xlsx_import.period import file_period, stamped_period
from exports.xlsx_import.table import (
    as_serial,
    find_tables,
    say_unrecognised_figures,
    template_known,
)
from portfolio.bulk import gc_paused
from portfolio.monthly.importing import (
    FIGURES,
    Change,
    Conflict,
    FileReading,
    ImportFailed,
    ImportPreview,
    apply,
    compare,
)
from portfolio.periods import Period
from portfolio.provenance import Problem, Source, Unmatched


def read_workbook(path: Path, layout: SheetLayout, period: Period | None = None,
                  progress: ProgressFn | None = None,
                  mapping: Mapping[str, str] | None = None) -> list[FileReading]:
    """Read the lines of one file (no database access): one reading per sheet imported —
    usually one; a sheet each when the workbook holds several returns of the same month (one
    sheet per 乡镇). ``mapping`` (from :func:`exports.sheets.mapping.load_mapping`) overrides
    the automatic recognition."""
    first = FileReading(path.name)
    known = {**template_known(layout), **(mapping or {})}
    found = find_tables(path, layout, known, first, period)
    readings = [first, *(FileReading(path.name) for _ in found[1:])]
    for reading, (grid, header) in zip(readings, found, strict=False):
        _read_sheet(path, grid, header, reading, period, progress, mapping)
    return readings


def _read_sheet(path: Path, grid: SheetGrid, header: HeaderMap, reading: FileReading,
                period: Period | None, progress: ProgressFn | None,
                mapping: Mapping[str, str] | None) -> None:
    reading.sheet = grid.sheet
    reading.headers = {c.field: c.text for c in header.columns.values()}
    if header.col("project_id") is not None and header.col("serial") is None \
            and not (mapping and "project_id" in mapping.values()) \
            and stamped_period(path) is None:
        as_serial(header)  # an office's lone "编号" counts its rows, it is not our 编号
    stamp = form_stamp(grid, header)  # our 填报表: its stamp decides the month
    if stamp and period and stamp[0].period != period:
        reading.problems.append(Problem(path.name, wrong_period(stamp[0], period), grid.sheet))
        return
    read_month_columns(grid, header, period, reading)
    reading.period = file_period(path, grid, header, period, reading)
    read_lines(grid, header, reading, progress,
               locked=locked_columns(grid, header, stamp[0]) if stamp else frozenset())
    if stamp:
        check_returned(grid, header, reading)
    say_why_empty(grid, header, reading)
    say_cumulative_left_out(grid, header, reading)
    say_share_left_out(grid, header, reading)
    say_unrecognised_figures(grid, header, reading)


def preview(
    session: Session,
    paths: Sequence[Path | str],
    *,
    period: Period | None = None,
    template: Template | None = None,
    progress: ProgressFn | None = None,
    mapping: Mapping[str, str] | None = None,
) -> ImportPreview:
    """Read ``paths`` and compare them with the database; writes nothing."""
    with gc_paused():
        return _preview(session, paths, period, template or _default_template(), progress,
                        mapping)


def _default_template() -> Template:
    """The shipped template, read once per process (and again only if the file changes):
    reading it with openpyxl costs more than reading a township's whole return."""
    path = templates.default_path()
    stat = path.stat()
    return _template_at(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2)
def _template_at(path: Path, _mtime: int, _size: int) -> Template:
    return templates.load(path)


def _preview(session: Session, paths: Sequence[Path | str], period: Period | None,
             template: Template, progress: ProgressFn | None,
             mapping: Mapping[str, str] | None) -> ImportPreview:
    layout = template.sheet("detail")
    files = [Path(p) for p in paths]
    if layout is None:
        result = ImportPreview([p.name for p in files], period)
        result.errors.append(Problem(template.path.name, "模板中没有项目明细表，无法用于导入"))
        return result
    readings = []
    for index, path in enumerate(files):
        tick(progress, index, len(files) + 1)
        readings.extend(read_workbook(path, layout, period, mapping=mapping))
    result = compare(session, readings, period=period)
    tick(progress, len(files) + 1, len(files) + 1)
    return result


__all__ = [
    "FIGURES",
    "Change",
    "Conflict",
    "ImportFailed",
    "ImportPreview",
    "Problem",
    "Source",
    "Unmatched",
    "amount",
    "apply",
    "compare",
    "preview",
    "read_workbook",
    "template_known",
]
