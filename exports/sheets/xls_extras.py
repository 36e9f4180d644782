"""Hidden columns of an .xls (Excel 97-2003; WPS's .et holding one), which python-calamine
does not report: a hidden plan column of last year must be left out of an .xls as of the same
file saved as .xlsx (:mod:`exports.register_columns`).

``xlrd`` (``formatting_info=True``) gives them as ``colinfo_map[col].hidden``, but only after
parsing every cell and the whole shared-string table: 3.3 s for a 10,000-row sheet that
calamine reads in 0.28 s. So xlrd opens the compound document (its ``CompDoc``, the part that
is hard to get right) and this module reads the sheet's COLINFO records itself — a column
range and its hidden bit, the layout xlrd's own ``Sheet`` reads ([MS-XLS] 2.4.53). They come
before the sheet's DIMENSIONS record, so the cells are never walked.

Hidden rows are not read: their ROW records sit between the cells, and finding them in a file
without an INDEX record (LibreOffice writes none) means walking every cell record, about 0.1 s
for 10,000 rows. Anything this module cannot read (BIFF5 and older, a damaged file) gives
nothing: these are hints, the values come from calamine.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from struct import unpack_from

from xlrd.biffh import unpack_unicode
from xlrd.compdoc import CompDoc, CompDocError

from exports.sheets.extras import SheetExtras

_BOF, _EOF, _BOUNDSHEET, _COLINFO, _DIMENSIONS = 0x0809, 0x000A, 0x0085, 0x007D, 0x0200
_BIFF8 = 0x0600


def xls_extras(path: Path, sheet: str) -> SheetExtras:
    """The hidden columns of worksheet ``sheet`` of the .xls at ``path``."""
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
        return SheetExtras() if offset is None else SheetExtras(hidden_cols=_hidden(data, offset))
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


def _hidden(data: bytes, offset: int) -> frozenset[int]:
    cols: set[int] = set()
    for code, at, _length in _records(data, offset):
        if code == _COLINFO:
            first, last, _width, _xf, flags = unpack_from("<HHHHH", data, at + 4)
            if flags & 0x0001:
                cols.update(range(first, min(last, 255) + 1))
        elif code == _DIMENSIONS:
            break
    return frozenset(cols)
