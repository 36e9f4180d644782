"""Storing the computed value of each formula cell in a written workbook.

openpyxl writes formulas without their results. Excel, WPS and LibreOffice recalculate on
opening, but previewers, phone viewers and programs reading the file see empty totals. This
module puts the exact figure next to every formula (``<f>SUM(H6:H20)</f><v>1234.56</v>``), so
the file shows the database's figures before and after any recalculation.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>([^<]*)</f>(?:<v\s*/>|<v></v>|<v>[^<]*</v>)?</c>'
)


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → the zip member holding its XML."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target)
        )
        parts[sheet.get("name", "")] = member
    return parts


def _text(value: object) -> tuple[bytes, bool]:
    """The cached value as XML text, and whether it is a string result."""
    if isinstance(value, str):
        return escape(value).encode(), True
    if isinstance(value, bool):
        return (b"1" if value else b"0"), False
    if isinstance(value, Decimal):
        return format(value, "f").encode(), False
    return str(value).encode(), False


def _patch(xml: bytes, values: dict[str, object]) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        ref = match.group(1).decode()
        if ref not in values:
            return match.group(0)
        text, is_string = _text(values[ref])
        attributes = match.group(2)
        if is_string:
            attributes = re.sub(rb'\st="[^"]*"', b"", attributes) + b' t="str"'
        return b'<c r="%s"%s><f>%s</f><v>%s</v></c>' % (
            match.group(1), attributes, match.group(3), text
        )

    return _FORMULA_CELL.sub(replace, xml)


def store_cached_values(source: Path, target: Path, cached: dict[str, dict[str, object]]) -> None:
    """Copy the workbook ``source`` to ``target`` with ``cached[sheet][cell]`` as the stored
    results of those formula cells."""
    with zipfile.ZipFile(source) as archive:
        parts = sheet_parts(archive)
        patched = {parts[title]: values for title, values in cached.items()
                   if values and title in parts}
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in archive.infolist():
                data = archive.read(info)
                if info.filename in patched:
                    data = _patch(data, patched[info.filename])
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
