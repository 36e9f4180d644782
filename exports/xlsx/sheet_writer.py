"""Writing a sheet of the monthly report with openpyxl, laid out by its template: the
prototype rows' styles, number formats and merges copied to each line, titles filled, the
rows after the data moved below it, row heights fitted to wrapped text, and the print area
and filter stretched over the lines.

What goes in each cell comes from :mod:`exports.xlsx.line_values`; this module is the
openpyxl mechanics only.
"""

from __future__ import annotations

import math
from copy import copy
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from exports.fields import FIELDS, NUMBER_FORMATS, Kind, tokens_in
from exports.output import ProgressFn, tick
from exports.report_data import ReportData
from exports.sheets.values import UNIT_FACTORS
from exports.template import SheetLayout, fill_text
from exports.xlsx.cells import Formula, as_text, set_text, text_units
from exports.xlsx.line_values import LineValues
from exports.xlsx.report_lines import Line


class SheetWriter:
    """Writes planned lines into one worksheet of a copy of the template."""

    def __init__(self, ws: Worksheet, layout: SheetLayout, data: ReportData,
                 progress: ProgressFn | None, done: int, total: int) -> None:
        self.ws = ws
        self.layout = layout
        self.data = data
        self.progress = progress
        self.done = done
        self.total_steps = total
        #: cell → stored result of each formula written
        self.cached: dict[str, object] = {}
        self.max_column = ws.max_column
        self.styles = {
            p.kind: [copy(ws.cell(p.row, c)._style) for c in range(1, self.max_column + 1)]
            for p in layout.prototypes
        }
        self.formats = {
            p.kind: [ws.cell(p.row, c).number_format for c in range(1, self.max_column + 1)]
            for p in layout.prototypes
        }
        self.heights = {p.kind: ws.row_dimensions[p.row].height for p in layout.prototypes}
        #: the columns each kind of line writes: those with text or a style in the template
        self.written = {
            p.kind: [c for c in range(1, self.max_column + 1)
                     if c in p.texts or ws.cell(p.row, c).has_style]
            for p in layout.prototypes
        }
        self.prototypes = {p.kind: p for p in layout.prototypes}
        #: 1 for a sheet in 万元; 10000 for a blank form in 亿元 (see :mod:`exports.blank_form`)
        self.money_factor = UNIT_FACTORS[layout.money_unit]
        #: the money tokens written in the form's unit (none for a sheet in 万元)
        self.scaled_tokens = frozenset(
            t for t, f in FIELDS.items() if f.kind is Kind.MONEY) if self.money_factor != 1 \
            else frozenset()
        self._wrapped: dict[str, list[tuple[int, float, float]]] = {}
        #: per kind of line: token → column, and the tokens in the order they are computed
        #: (sums before the rates computed from them, rates before the points from the rates)
        self.token_columns = {
            p.kind: {token: column for column, token in p.tokens.items()}
            for p in layout.prototypes
        }
        self.token_order = {
            kind: LineValues.order(list(columns))
            for kind, columns in self.token_columns.items()
        }
        self.text_values = data.text_values()

    # --- the frame: titles, headers and the rows after the data --------------------------------

    def _fill_frame(self) -> list[tuple[int, dict[int, tuple[Any, Any]], float | None]]:
        """Fill text tokens outside the data rows; lift out the rows after them."""
        ws, layout = self.ws, self.layout
        for row in ws.iter_rows(max_row=layout.first_row - 1):
            for cell in row:
                if isinstance(cell.value, str) and "{{" in cell.value:
                    cell.value = fill_text(cell.value, self.text_values)
        after = []
        for r in range(layout.last_row + 1, ws.max_row + 1):
            cells = {}
            for cell in ws[r]:
                if cell.value is not None or cell.has_style:
                    value = cell.value
                    if isinstance(value, str) and "{{" in value:
                        value = fill_text(value, self.text_values)
                    cells[cell.column] = (value, copy(cell._style))
            after.append((r - layout.last_row, cells, ws.row_dimensions[r].height))
        self.after_merges = []
        for merged in list(ws.merged_cells.ranges):
            if merged.min_row >= layout.first_row:
                if merged.min_row > layout.last_row:
                    self.after_merges.append(
                        (merged.min_row - layout.last_row, merged.min_col,
                         merged.max_row - layout.last_row, merged.max_col)
                    )
                ws.merged_cells.remove(merged)
        for r in range(ws.max_row, layout.first_row - 1, -1):
            ws.row_dimensions.pop(r, None)
        if ws.max_row >= layout.first_row:
            ws.delete_rows(layout.first_row, ws.max_row - layout.first_row + 1)
        return after

    def _restore_after(self, after, last_row: int) -> None:  # type: ignore[no-untyped-def]
        ws = self.ws
        for offset, cells, height in after:
            r = last_row + offset
            for column, (value, style) in cells.items():
                cell = ws.cell(r, column)
                cell._style = style
                if isinstance(value, str):
                    set_text(cell, value)
                else:
                    cell.value = value
            if height is not None:
                ws.row_dimensions[r].height = height
        for r1, c1, r2, c2 in self.after_merges:
            ws.merge_cells(start_row=last_row + r1, start_column=c1,
                           end_row=last_row + r2, end_column=c2)

    def _fix_ranges(self, last_row: int) -> None:
        ws = self.ws
        if ws.print_area:
            areas = []
            for area in ws.print_area.split(","):
                ref = area.split("!")[-1].replace("$", "")
                min_col, min_row, max_col, _ = range_boundaries(ref)
                areas.append(
                    f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{last_row}"
                )
            ws.print_area = areas
        if ws.auto_filter.ref:
            min_col, min_row, max_col, _ = range_boundaries(ws.auto_filter.ref)
            ws.auto_filter.ref = (
                f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}"
                f"{max(last_row, min_row)}"
            )

    # --- writing --------------------------------------------------------------------------------

    def write(self, lines: list[Line]) -> int:
        """Write ``lines`` (from :mod:`exports.xlsx.report_lines`); how many were written."""
        after = self._fill_frame()
        self.values = LineValues(self.layout, self.data, lines)
        # projects first, then the groups that add them up (lower-level ones before the
        # groups that add those), then the total
        rank = {"item": 0, "group": 1, "heading": 1, "total": 2}
        order = sorted(lines, key=lambda ln: (rank[ln.kind], -ln.depth))
        for n, line in enumerate(order):
            self._write_line(line)
            if n % 200 == 0:
                tick(self.progress, self.done + n, self.total_steps)
        last_row = max((ln.row for ln in lines), default=self.layout.first_row - 1)
        self._restore_after(after, last_row)
        self._fix_ranges(last_row + len(after))
        return len(lines)

    def _write_line(self, line: Line) -> None:
        ws = self.ws
        prototype = self.prototypes[line.kind]
        styles = self.styles[line.kind]
        formats = self.formats[line.kind]
        r = line.row
        self.values.use_columns(self.token_columns[line.kind])
        values = {token: self.values.value(token, line) for token in self.token_order[line.kind]}
        texts: dict[int, str] = {}
        for c in self.written[line.kind]:
            style = styles[c - 1]
            # a form group's own words replace the prototype's, token or text
            text = line.texts.get(c, prototype.texts.get(c))
            token = None if c in line.texts else prototype.tokens.get(c)
            cell = ws.cell(r, c)
            cell._style = copy(style)
            if token is not None:
                value = values[token]
                if token in self.scaled_tokens:
                    value = self._in_form_unit(value)
                if isinstance(value, Formula):
                    cell.value = value.text
                    self.cached[cell.coordinate] = value.cached
                    self._number_format(cell, token, formats[c - 1])
                elif isinstance(value, str):
                    set_text(cell, value)
                    texts[c] = value
                elif value is not None:
                    cell.value = value
                    self._number_format(cell, token, formats[c - 1])
                if token == "项目名称" and line.depth:
                    alignment = copy(cell.alignment) if cell.has_style else Alignment()
                    cell.alignment = Alignment(
                        horizontal=alignment.horizontal, vertical=alignment.vertical,
                        wrap_text=alignment.wrap_text, indent=2 * line.depth,
                    )
            elif text is not None:
                texts[c] = self._fill_line_text(text, line)
                if c in line.texts and texts[c].isdecimal() and texts[c].isascii():
                    cell.value = int(texts[c])  # a form's own numbering (1, 2, 3) stays numbers
                else:
                    set_text(cell, texts[c])
        height = self.heights.get(line.kind)
        fitted = self._fitted_height(line.kind, texts)
        if height is not None or fitted is not None:
            ws.row_dimensions[r].height = max(height or 0, fitted or 0)
        for first, last in prototype.merges:
            ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=last)

    def _wrapped_columns(self, kind: str) -> list[tuple[int, float, float]]:
        """(column, width in characters, font size) of the wrapped cells of a kind of line."""
        found = self._wrapped.get(kind)
        if found is None:
            found = []
            row = self.prototypes[kind].row
            for c in self.written[kind]:
                style_cell = self._style_probe(kind, c)
                if style_cell.alignment.wrap_text:
                    letter = get_column_letter(c)
                    width = self.ws.column_dimensions[letter].width or 8.43
                    found.append((c, width, style_cell.font.sz or 11))
            del row
            self._wrapped[kind] = found
        return found

    def _style_probe(self, kind: str, column: int) -> Cell:
        probe = Cell(self.ws)
        probe._style = copy(self.styles[kind][column - 1])
        return probe

    def _fitted_height(self, kind: str, texts: dict[int, str]) -> float | None:
        """A row height that shows all wrapped text (Excel and LibreOffice do not measure
        rows of a generated file on opening)."""
        lines = 1
        size = 11.0
        for column, width, font_size in self._wrapped_columns(kind):
            value = texts.get(column)
            if not value:
                continue
            usable = max(1.0, (width - 1) * 11 / font_size)
            needed = sum(max(1, math.ceil(text_units(part) / usable)) for part in value.split("\n"))
            if needed > lines:
                lines, size = needed, font_size
        if lines <= 1:
            return None
        return round(lines * size * 1.3 + 4, 1)

    def _in_form_unit(self, value: object) -> object:
        """A 万元 amount in the unit of the form's money columns (exact: a shift of digits)."""
        if isinstance(value, Decimal):
            return value / self.money_factor
        if isinstance(value, Formula) and isinstance(value.cached, Decimal):
            return Formula(value.text, value.cached / self.money_factor)
        return value

    @staticmethod
    def _number_format(cell: Cell, token: str, template_format: str) -> None:
        kind = FIELDS[token].kind if token in FIELDS else Kind.TEXT
        if template_format == "General" and kind in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[kind]
        else:
            cell.number_format = template_format

    def _fill_line_text(self, text: str, line: Line) -> str:
        if "{{" not in text:
            return text
        values = dict(self.text_values)
        for token in tokens_in(text):
            if token in FIELDS:
                value = self.values.value(token, line)
                if isinstance(value, Formula):
                    value = value.cached
                values[token] = as_text(value)
        return fill_text(text, values)

    # --- values by line kind -----------------------------------------------------------------


__all__ = ["SheetWriter"]
