"""Hidden rows and columns of an .xls (Excel 97-2003; WPS's .et holding one), which
python-calamine does not report: a hidden plan column of last year must be left out of an .xls
as of the same file saved as .xlsx (:mod:`exports.register_columns`), and a hidden row (an old
project nobody deleted) named as in an .xlsx.

``xlrd`` (``formatting_info=True``) gives them as ``colinfo_map[col].hidden`` and
``rowinfo_map[row].hidden``, but only after parsing every cell and the whole shared-string
table: 3.3 s for a 10,000-row sheet that calamine reads in 0.28 s. So xlrd opens the compound
document (its ``CompDoc``, the part that is hard to get right) and this module reads the
sheet's records itself: COLINFO (a column range and its hidden bit, [MS-XLS] 2.4.53) and ROW
(a row and its fDyZero bit, 2.4.221), the layouts xlrd's own ``Sheet`` reads. ROW records sit
between the cells, and a file without an INDEX record (LibreOffice writes none) can only be
walked record by record, about 0.1 s for 10,000 rows: this runs beside calamine's own parse
(:func:`exports.sheets.grid.read_grid`), which releases the GIL. Anything this module cannot
read (BIFF5 and older, a damaged file) gives nothing: these are hints, the values come from
calamine.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from struct import unpack_from

from xlrd.biffh import unpack_unicode
from xlrd.compdoc import CompDoc, CompDocError

from exports.sheets.extras import SheetExtras

_BOF, _EOF, _BOUNDSHEET, _COLINFO, _ROW = 0x0809, 0x000A, 0x0085, 0x007D, 0x0208
_BIFF8 = 0x0600
#: a ROW record's fDyZero: the row is hidden (byte 12 of its data, bit 5)
_ROW_HIDDEN = 0x20


def xls_extras(path: Path, sheet: str) -> SheetExtras:
    """The hidden rows and columns of worksheet ``sheet`` of the .xls at ``path``."""
    try:
        quiet = io.StringIO()  # xlrd writes its notes to a log, never to our output
        stream, base, size = CompDoc(path.read_bytes(), logfile=quiet).locate_named_stream(
            "Workbook")
        if stream is None:
            return SheetExtras()
        data = bytes(stream[base:base + size])
        if unpack_from("<HHH", data, 0)[::2] != (_BOF, _BIFF8):
            return SheetExtras()
        offset = next((unpack_from("<I", data, at + 4)[0]
                       for code, at, length in _records(data, 0) if code == _BOUNDSHEET
                       and unpack_unicode(data[at + 4:at + 4 + length], 6, 1) == sheet),
                      None)
        return SheetExtras() if offset is None else _hidden(data, offset)
    except (CompDocError, OSError, IndexError, ValueError, UnicodeDecodeError):
        return SheetExtras()


def _records(data: bytes, at: int) -> Iterator[tuple[int, int, int]]:
    """(code, offset, length of its data) of each record of the substream at ``at``, up to
    its EOF record."""
    while at + 4 <= len(data):
        code, length = unpack_from("<HH", data, at)
        if code == _EOF:
            return
        yield code, at, length
        at += 4 + length


def _hidden(data: bytes, offset: int) -> SheetExtras:
    """The hidden rows and columns of the sheet substream at ``offset``: one walk over its
    records, inlined (a generator per record costs a third more on 10,000 rows)."""
    cols: set[int] = set()
    rows: set[int] = set()
    at, end = offset, len(data)
    while at + 4 <= end:
        code, length = unpack_from("<HH", data, at)
        if code == _ROW:
            if data[at + 16] & _ROW_HIDDEN:
                rows.add(unpack_from("<H", data, at + 4)[0])
        elif code == _COLINFO:
            first, last, _width, _xf, flags = unpack_from("<HHHHH", data, at + 4)
            if flags & 0x0001:
                cols.update(range(first, min(last, 255) + 1))
        elif code == _EOF:
            break
        at += 4 + length
    return SheetExtras(hidden_rows=frozenset(rows), hidden_cols=frozenset(cols))
