"""What python-calamine does not tell about a sheet, read from the file's XML directly.

calamine gives values and (for xlsx and xls) merged ranges. Importing an office's file also
wants to know which rows and columns are hidden (a hidden 项目代码 column is still a column; a
hidden row is usually an old project someone did not delete) and which rows hold SUM formulas
(a subtotal row without a label). For xlsx these come from a fast byte-level scan of the sheet
part; for ods from an event parse of ``content.xml``, which also gives its merged ranges
(calamine has none for ods); for .xls from its BIFF records (:mod:`exports.sheets.xls_extras`:
hidden rows and columns only). CSV gives nothing here.

Any failure here is silent: these are hints, the values come from calamine.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from defusedxml.ElementTree import iterparse

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OOXML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROW_HIDDEN = re.compile(rb'<row\b[^>]*?\br="(\d+)"[^>]*?\bhidden="(?:1|true)"'
                         rb'|<row\b[^>]*?\bhidden="(?:1|true)"[^>]*?\br="(\d+)"')
_COL_TAG = re.compile(rb"<col\b[^>]*>")
_ATTR = re.compile(rb'\b(min|max|hidden)="([^"]*)"')
_FORMULA_TAG = re.compile(rb"<f\b")
_SUM_FORMULA = re.compile(rb"<f\b[^>]*>\s*(?:_xlfn\.)?(?:SUM|SUBTOTAL)\s*\(", re.IGNORECASE)
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
_VALUE = re.compile(rb"<v\b[^>]*?(?:/>|>([^<]*)</v>)")
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_SHEET_TAG = re.compile(r"<(?:\w+:)?sheet\b[^>]*>")
_NAME_ATTR = re.compile(r'\bname="([^"]*)"')
_RID_ATTR = re.compile(r'\br:id="([^"]*)"|\b\w+:id="([^"]*)"')


@dataclass(frozen=True)
class SheetExtras:
    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()
    formula_rows: frozenset[int] = frozenset()
    #: (first_row, first_col, last_row, last_col), 0-based inclusive; ods only
    merged: tuple[tuple[int, int, int, int], ...] = ()
    #: (row, col) of formula cells saved without their result (xlsx only), see
    #: :func:`uncalculated_cell`
    uncalculated: frozenset[tuple[int, int]] = frozenset()


def is_ods(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.read("mimetype").startswith(b"application/vnd.oasis.opendocument")
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


def is_encrypted_ooxml(path: Path) -> bool:
    """An OLE container holding an encrypted Office Open XML package (a password-set .xlsx)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return False
    return "EncryptionInfo".encode("utf-16-le") in head or \
        "EncryptedPackage".encode("utf-16-le") in head


def read_extras(path: Path, sheet: str, kind: str) -> SheetExtras:
    try:
        if kind == "xlsx":
            return _xlsx_extras(path, sheet)
        if kind == "ods":
            return _ods_extras(path, sheet)
        if kind == "xls":
            from exports.sheets.xls_extras import xls_extras  # xlrd: imported for .xls only
            return xls_extras(path, sheet)
    except (KeyError, OSError, zipfile.BadZipFile, SyntaxError, ValueError):
        pass
    return SheetExtras()


def _xlsx_sheet_part(zf: zipfile.ZipFile, sheet: str) -> str:
    workbook = zf.read("xl/workbook.xml").decode("utf-8")
    rid = ""
    for tag in _SHEET_TAG.findall(workbook):
        name = _NAME_ATTR.search(tag)
        if name and _unescape(name.group(1)) == sheet:
            found = _RID_ATTR.search(tag)
            rid = (found.group(1) or found.group(2)) if found else ""
            break
    rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    for rel in re.findall(r"<Relationship\b[^>]*>", rels):
        if re.search(rf'\bId="{re.escape(rid)}"', rel):
            target = re.search(r'\bTarget="([^"]*)"', rel)
            if target:
                t = target.group(1)
                return t.lstrip("/") if t.startswith("/") else posixpath.normpath("xl/" + t)
    raise KeyError(sheet)


def _xlsx_extras(path: Path, sheet: str) -> SheetExtras:
    with zipfile.ZipFile(path) as zf:
        data = zf.read(_xlsx_sheet_part(zf, sheet))
    start = data.find(b"<sheetData")
    hidden_rows = frozenset(int(a or b) - 1 for a, b in _ROW_HIDDEN.findall(data)) \
        if data.find(b'hidden="', max(start, 0)) >= 0 else frozenset()
    hidden_cols: set[int] = set()
    head = data[: data.find(b"<sheetData")] if b"<sheetData" in data else b""
    for tag in _COL_TAG.findall(head):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get(b"hidden") in (b"1", b"true"):
            hidden_cols.update(range(int(attrs[b"min"]) - 1, int(attrs[b"max"])))
    formula_rows: set[int] = set()
    uncalculated: set[tuple[int, int]] = set()
    # a regex led by the literal "<f" skips through the sheet faster than bytes.find(b"<f")
    # ("<" starts every tag); a formula never shows where there is no sheetData
    for found in _FORMULA_TAG.finditer(data, start) if start >= 0 else ():
        at = found.start()
        if _SUM_FORMULA.match(data, at):
            row_tag = _ROW_NUMBER.match(data, data.rfind(b"<row ", 0, at))
            if row_tag:
                formula_rows.add(int(row_tag.group(1)) - 1)
        if data[at + 2:at + 3] in (b">", b" ", b"/"):
            cell = _without_result(data, at)
            if cell is not None:
                uncalculated.add(cell)
    return SheetExtras(hidden_rows, frozenset(hidden_cols), frozenset(formula_rows),
                       uncalculated=frozenset(uncalculated))


def _without_result(data: bytes, at: int) -> tuple[int, int] | None:
    """The (row, col) of the cell whose ``<f>`` starts at ``at`` when it was saved without
    a result: no ``<v>``, or an empty one in a cell not typed as text (a program that does not
    calculate, such as openpyxl, writes ``<v></v>``; Excel writes an empty text result as
    ``t="str"`` with an empty ``<v>``)."""
    begin = data.rfind(b"<c ", 0, at)
    end = data.find(b"</c>", at)
    if begin < 0 or end < 0:
        return None
    tag = data[begin:data.find(b">", begin) + 1]
    value = _VALUE.search(data, at, end)
    if value is not None and (value.group(1) or b't="str"' in tag):
        return None
    ref = _CELL_REF.search(tag)
    if ref is None:
        return None
    col = 0
    for letter in ref.group(1):
        col = col * 26 + letter - 64
    return int(ref.group(2)) - 1, col - 1


UNCALCULATED = "公式没有计算结果：请在Excel或WPS中打开并保存后再导入（第{row}行第{col}列）"


def uncalculated_cell(uncalculated: frozenset[tuple[int, int]], rows: Iterable[int],
                      cols: Iterable[int]) -> tuple[int, int] | None:
    """The first (row, col), in reading order, among ``rows`` × ``cols`` whose formula has no
    saved result. calamine reads such a cell as empty: importing it would import a blank
    where the sheet shows a figure, so a reader refuses the file naming this cell."""
    if not uncalculated:
        return None
    wanted_rows, wanted_cols = set(rows), set(cols)
    hits = [(r, c) for r, c in uncalculated if r in wanted_rows and c in wanted_cols]
    return min(hits) if hits else None


def uncalculated_message(row: int, col: int) -> str:
    """:data:`UNCALCULATED` for the 0-based cell (row, col)."""
    letters = ""
    number = col + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return UNCALCULATED.format(row=row + 1, col=letters)


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def _ods_extras(path: Path, sheet: str) -> SheetExtras:
    hidden_rows: set[int] = set()
    hidden_cols: set[int] = set()
    formula_rows: set[int] = set()
    merged: list[tuple[int, int, int, int]] = []
    inside = False
    row = col = 0
    with zipfile.ZipFile(path) as zf, zf.open("content.xml") as fh:
        for event, elem in iterparse(fh, events=("start", "end")):
            tag = elem.tag
            if tag == _TABLE + "table":
                if event == "start":
                    inside = elem.get(_TABLE + "name") == sheet
                    row = col = 0
                elif inside:
                    break
                continue
            if not inside:
                if event == "end":
                    elem.clear()
                continue
            if event == "start":
                if tag == _TABLE + "table-row":
                    col = 0
                continue
            if tag == _TABLE + "table-column":
                repeat = int(elem.get(_TABLE + "number-columns-repeated", "1"))
                if elem.get(_TABLE + "visibility", "visible") != "visible":
                    hidden_cols.update(range(col, col + repeat))
                col += repeat
            elif tag == _TABLE + "table-row":
                repeat = int(elem.get(_TABLE + "number-rows-repeated", "1"))
                if elem.get(_TABLE + "visibility", "visible") != "visible" and repeat < 10000:
                    hidden_rows.update(range(row, row + repeat))
                row += repeat
                col = 0
                elem.clear()
            elif tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                repeat = int(elem.get(_TABLE + "number-columns-repeated", "1"))
                spans_c = int(elem.get(_TABLE + "number-columns-spanned", "1"))
                spans_r = int(elem.get(_TABLE + "number-rows-spanned", "1"))
                if spans_c > 1 or spans_r > 1:
                    merged.append((row, col, row + spans_r - 1, col + spans_c - 1))
                formula = elem.get(_TABLE + "formula", "")
                if re.match(r"(?:of:)?=\s*(?:SUM|SUBTOTAL)\s*\(", formula, re.IGNORECASE):
                    formula_rows.add(row)
                col += repeat
    return SheetExtras(frozenset(hidden_rows), frozenset(hidden_cols),
                       frozenset(formula_rows), tuple(merged))
