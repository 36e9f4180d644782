"""A sheet written without a template: a merged title row, a 单位 line, a bordered table
whose formulas carry their results (:mod:`exports.xlsx.cached_values`).

For the lists whose layout is customary rather than the user's (the 三个一批 lists, the
晾晒排名); the monthly report's sheets come from the template instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports.fields import NUMBER_FORMATS, Kind
from exports.xlsx.cells import Formula, set_text

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEAD_FILL = PatternFill("solid", fgColor="E8E8E8")
TOTAL_FILL = PatternFill("solid", fgColor="FBEAEA")
RED_FILL = PatternFill("solid", fgColor="E6F4EA")
BLACK_FILL = PatternFill("solid", fgColor="FBE3E2")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")

#: value kinds of a column → number format
MONEY, COUNT, RATE, POINTS, TEXT = "money", "count", "rate", "points", "text"
_FORMATS = {MONEY: NUMBER_FORMATS[Kind.MONEY], COUNT: NUMBER_FORMATS[Kind.COUNT],
            RATE: NUMBER_FORMATS[Kind.RATE], POINTS: NUMBER_FORMATS[Kind.POINTS]}


class PlainSheet:
    """Writes rows into ``ws`` top to bottom; ``cached`` collects each formula's result."""

    def __init__(self, ws: Worksheet, kinds: Sequence[str], widths: Sequence[float]) -> None:
        self.ws = ws
        self.kinds = list(kinds)
        self.row = 1
        self.cached: dict[str, object] = {}
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width

    def title(self, text: str, size: int = 16) -> None:
        """A title merged over the table's width."""
        ws = self.ws
        set_text(ws.cell(self.row, 1), text)
        ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row,
                       end_column=len(self.kinds))
        ws.cell(self.row, 1).font = Font(bold=True, size=size)
        ws.cell(self.row, 1).alignment = CENTRE
        ws.row_dimensions[self.row].height = size * 2
        self.row += 1

    def note(self, left: str, right: str = "") -> None:
        """A line above a table: text on the left, ``right`` (e.g. 单位：万元) on the right."""
        if left:
            set_text(self.ws.cell(self.row, 1), left)
        if right:
            cell = self.ws.cell(self.row, len(self.kinds))
            set_text(cell, right)
            cell.alignment = RIGHT
        self.row += 1

    def header(self, headings: Sequence[str]) -> int:
        for column, text in enumerate(headings, start=1):
            cell = self.ws.cell(self.row, column)
            set_text(cell, text)
            cell.font = Font(bold=True)
            cell.alignment = CENTRE
            cell.border = BORDER
            cell.fill = HEAD_FILL
        self.row += 1
        return self.row - 1

    def line(self, values: Sequence[object], *, fill: PatternFill | None = None,
             bold: bool = False) -> int:
        """One table row: text stored as text, numbers with their column's format, a
        :class:`Formula` as a formula with its result kept for the file."""
        for column, value in enumerate(values, start=1):
            cell = self.ws.cell(self.row, column)
            kind = self.kinds[column - 1]
            if isinstance(value, Formula):
                cell.value = value.text
                self.cached[cell.coordinate] = value.cached
            elif isinstance(value, str):
                set_text(cell, value)
            else:
                cell.value = value
            if kind in _FORMATS:
                cell.number_format = _FORMATS[kind]
            cell.alignment = LEFT if kind == TEXT else RIGHT
            cell.border = BORDER
            if fill is not None:
                cell.fill = fill
            if bold:
                cell.font = Font(bold=True)
        self.row += 1
        return self.row - 1

    def skip(self, rows: int = 1) -> None:
        self.row += rows


def rate_formula(numerator: str, denominator: str, cached: object) -> Formula:
    """A rate as the report writes it: one decimal of a percent, empty without a base."""
    return Formula(f'=IF(N({denominator})=0,"",ROUND({numerator}/{denominator},3))', cached)


def points_formula(rate_cell: str, time_progress: str, cached: object) -> Formula:
    """超(低于)序时进度的百分点 from a rate cell and a 序时进度 cell, as the report does."""
    return Formula(
        f'=IF(ISNUMBER({rate_cell}),ROUND(({rate_cell}-{time_progress})*100,1),"")', cached)


__all__ = ["BLACK_FILL", "COUNT", "MONEY", "POINTS", "RATE", "RED_FILL", "TEXT", "TOTAL_FILL",
           "PlainSheet", "points_formula", "rate_formula"]
