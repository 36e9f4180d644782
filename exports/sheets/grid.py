"""A spreadsheet file as a grid of cell values, whatever format the office saved it in.

:func:`read_grid` reads .xlsx, .xlsm, .xls and .ods with python-calamine and .csv with the
standard :mod:`csv` module. WPS's own .et (and .ett templates) is read by what it holds: WPS
saves it as an Excel 97-2003 (BIFF) or an Office Open XML workbook under its own suffix, and
calamine reads either; one it cannot read is refused with a message saying how to save it.
Cell values are kept as calamine gives them (``str``, ``float``, ``int``, ``bool``, ``date``,
``datetime``, ``time``, ``timedelta``; an empty cell is ``""``); CSV cells are all text.
Numbers stay floats here: :func:`exports.sheets.values.to_decimal` turns them into exact
:class:`~decimal.Decimal` only where a column is money.

Row and column indices are 0-based throughout; messages say the 1-based row number a user sees.
What the format lets us know besides values is kept too: merged ranges (xlsx, xls; ods through
:mod:`exports.sheets.extras`), hidden rows and columns and rows holding SUM formulas (xlsx, ods).

Every failure is a :class:`SheetError` whose message is Chinese and names the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import python_calamine as calamine

from exports.sheets import extras
from portfolio import safe_files

Cell = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta

#: WPS 表格's workbook and template: an .xls or .xlsx inside (read by content, not by suffix)
WPS_SUFFIXES = (".et", ".ett")
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", *WPS_SUFFIXES)
SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv")
#: every suffix read, as a file chooser's patterns ("*.xlsx *.xlsm …")
PATTERNS = " ".join(f"*{suffix}" for suffix in SUFFIXES)
CSV_ENCODINGS = ("utf-8-sig", "gbk", "gb18030")
ENCRYPTED_MESSAGE = "文件已加密，请先取消密码后再导入"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_CJK = re.compile(r"[\u4e00-\u9fff]")


class SheetError(Exception):
    """A file or sheet that cannot be read; the message is Chinese and user-facing."""


@dataclass(frozen=True)
class CellRange:
    """A merged block of cells, inclusive on both ends."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int

    def contains(self, row: int, col: int) -> bool:
        return self.first_row <= row <= self.last_row and self.first_col <= col <= self.last_col


@dataclass
class SheetGrid:
    """One sheet's values with what the format tells about its layout."""

    path: Path
    sheet: str
    sheet_names: tuple[str, ...]
    rows: list[list[Cell]]
    merged: tuple[CellRange, ...] = ()
    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()
    #: rows with a SUM or SUBTOTAL formula (known for xlsx and ods only)
    formula_rows: frozenset[int] = frozenset()
    #: (row, col) of formula cells saved without a result, read as "" (xlsx only)
    uncalculated: frozenset[tuple[int, int]] = frozenset()
    #: each visible sheet's count of project-like rows, when the sheet was chosen by them
    sheet_rows: tuple[tuple[str, int], ...] = ()
    _merge_index: dict[tuple[int, int], CellRange] | None = field(default=None, repr=False)

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max(map(len, self.rows), default=0)

    def value(self, row: int, col: int) -> Cell:
        """The cell's own value (``""`` when empty or outside the sheet)."""
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= col < len(cells):
                return cells[col]
        return ""

    def text(self, row: int, col: int) -> str:
        """The cell as stripped text; a whole float shows without ``.0``."""
        return cell_text(self.value(row, col))

    def merge_at(self, row: int, col: int) -> CellRange | None:
        """The merged range covering the cell, if any."""
        if self._merge_index is None:
            index: dict[tuple[int, int], CellRange] = {}
            for rng in self.merged:
                for r in range(rng.first_row, rng.last_row + 1):
                    for c in range(rng.first_col, rng.last_col + 1):
                        index[(r, c)] = rng
            self._merge_index = index
        return self._merge_index.get((row, col))

    def merged_value(self, row: int, col: int) -> Cell:
        """The value a reader sees: a merged cell shows its top-left cell's value."""
        rng = self.merge_at(row, col) if self.merged else None
        if rng is None:
            return self.value(row, col)
        return self.value(rng.first_row, rng.first_col)

    def where(self, row: int | None = None, column: str | None = None) -> str:
        """``文件 X，工作表 Y，第12行「总投资」列`` for messages."""
        text = f"文件 {self.path.name}，工作表 {self.sheet}"
        if row is not None:
            text += f"，第{row + 1}行"
        if column:
            text += f"「{column}」列"
        return text


def cell_text(value: Cell) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def sheet_names(path: str | Path) -> list[str]:
    """The names of the visible sheets (a CSV has one, named after the file)."""
    path = Path(path)
    kind = _kind(path)
    if kind == "csv":
        return [path.stem]
    with _open_book(path) as book:
        return [m.name for m in book.sheets_metadata
                if m.visible == calamine.SheetVisibleEnum.Visible] or list(book.sheet_names)


def _check_safe(path: Path) -> None:
    """Refuse a zip bomb or an encrypted package before calamine decompresses anything."""
    stat = path.stat()
    reason = _unsafe_reason(path.resolve(), stat.st_size, stat.st_mtime_ns)
    if reason:
        raise SheetError(f"文件 {path.name}：{reason}")


@lru_cache(maxsize=64)
def _unsafe_reason(path: Path, _size: int, _mtime_ns: int) -> str:
    """Why ``path`` is unsafe to open ("" when it is safe), remembered for this size and
    modification time: listing a workbook's sheets and reading one would check it twice."""
    try:
        safe_files.check_office_file(path)
    except safe_files.UnsafeFile as error:
        return error.reason
    return ""


def sheet_scores(path: str | Path) -> list[tuple[str, int]]:
    """Each visible worksheet with its count of project-like rows (:func:`project_like_rows`),
    in the file's order, for a user choosing the sheet; a CSV is one sheet (all text, so its
    count is of no use: there is nothing to choose)."""
    path = Path(path)
    kind = _kind(path)
    if kind == "csv":
        return [(path.stem, project_like_rows(_read_csv(path).rows))]
    with _open_book(path) as book:
        names = _visible(book)
        return [(n, project_like_rows(book.get_sheet_by_name(n).to_python())) for n in names]


def read_grid(path: str | Path, sheet: str | int | None = None) -> SheetGrid:
    """Read one sheet: by name, by 0-based index, or (``None``) the one most like a project list.

    Raises :class:`SheetError` for a missing, unreadable, truncated, encrypted or wrong-type
    file and for a sheet that does not exist.
    """
    path = Path(path)
    kind = _kind(path)
    if kind == "csv":
        return _read_csv(path)
    with _open_book(path) as book, ThreadPoolExecutor(max_workers=1) as pool:
        names = tuple(book.sheet_names)
        if not names:
            raise SheetError(f"文件 {path.name} 中没有工作表")
        name, scores = _choose_sheet(path, book, sheet)
        # The second look at the file (decompressing the sheet's XML again) runs beside
        # calamine's parse: zlib releases the GIL.
        pending = pool.submit(extras.read_extras, path, name, kind)
        try:
            calamine_sheet = book.get_sheet_by_name(name)
            rows = calamine_sheet.to_python(skip_empty_area=False)
            ranges = calamine_sheet.merged_cell_ranges
        except calamine.CalamineError as exc:
            raise SheetError(f"文件 {path.name}，工作表 {name}：无法读取（{exc}）") from exc
        info = pending.result()
    merged = tuple(CellRange(a[0], a[1], b[0], b[1]) for a, b in ranges or ())
    if info.merged and not merged:
        merged = tuple(CellRange(*m) for m in info.merged)
    return SheetGrid(path=path, sheet=name, sheet_names=names, rows=rows, merged=merged,
                     hidden_rows=info.hidden_rows, hidden_cols=info.hidden_cols,
                     formula_rows=info.formula_rows, uncalculated=info.uncalculated,
                     sheet_rows=scores)


def wps_unreadable(path: Path, why: str) -> str:
    """Why a WPS 表格 file (.et/.ett) cannot be read, and how to save it so that it can."""
    return (f"文件 {path.name}：这是 WPS 表格（{path.suffix}）文件，但无法读取（{why}）；"
            "请在 WPS 中打开，用“另存为”保存为 Excel 工作簿（.xlsx）或 Excel 97-2003 工作簿"
            "（.xls）后再导入")


def _kind(path: Path) -> str:
    """``xlsx``, ``xls``, ``ods`` or ``csv`` from the file's first bytes, else an error."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SheetError(f"不支持的文件类型「{path.suffix or '无扩展名'}」：文件 {path.name}。"
                         "请另存为 .xlsx、.xls、.et、.ods 或 .csv 后再导入")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            size = path.stat().st_size
    except FileNotFoundError:
        raise SheetError(f"找不到文件 {path}") from None
    except OSError as exc:
        raise SheetError(f"无法打开文件 {path.name}：{exc.strerror or exc}") from exc
    if size == 0:
        raise SheetError(f"文件 {path.name} 是空文件")
    if head.startswith(_ZIP_MAGIC):
        # before anything lists the zip's members: that alone can take seconds
        _check_safe(path)
        return "ods" if extras.is_ods(path) else "xlsx"
    if head.startswith(_CFB_MAGIC):
        if extras.is_encrypted_ooxml(path):
            raise SheetError(f"文件 {path.name}：{ENCRYPTED_MESSAGE}")
        return "xls"
    if suffix in WPS_SUFFIXES:
        raise SheetError(wps_unreadable(path, "其内容既不是 .xlsx 也不是 .xls 格式"))
    if suffix == ".csv":
        return "csv"
    if head.lstrip().lower().startswith((b"<html", b"<!doc", b"<table", b"<?xml")):
        raise SheetError(f"文件 {path.name} 实际是网页（HTML/XML）格式，不是 Excel 工作簿。"
                         "请用 Excel 或 WPS 打开后另存为 .xlsx 再导入")
    raise SheetError(f"文件 {path.name} 不是有效的电子表格（文件类型不符，或已损坏）")


class _Book:
    """Context manager around a calamine workbook that turns its errors into SheetError."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.book: calamine.CalamineWorkbook | None = None

    def __enter__(self) -> calamine.CalamineWorkbook:
        path = self.path
        try:
            # from_path trusts the suffix; a renamed file (.xls that is really .xlsx) needs
            # calamine's own sniffing, which from_filelike does.
            with path.open("rb") as fh:
                self.book = calamine.CalamineWorkbook.from_filelike(fh)
        except calamine.PasswordError:
            raise SheetError(f"文件 {path.name}：{ENCRYPTED_MESSAGE}") from None
        except (calamine.ZipError, calamine.XmlError, calamine.CalamineError) as exc:
            if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
                raise SheetError(f"文件 {path.name}：{ENCRYPTED_MESSAGE}") from None
            if path.suffix.lower() in WPS_SUFFIXES:
                raise SheetError(wps_unreadable(path, "可能是 WPS 专有格式或已损坏")) from exc
            raise SheetError(f"文件 {path.name} 已损坏或不完整，无法读取"
                             "（可能只复制或下载了一部分）") from exc
        return self.book

    def __exit__(self, *_: object) -> None:
        if self.book is not None:
            self.book.close()


def _open_book(path: Path) -> _Book:
    return _Book(path)


def _choose_sheet(path: Path, book: calamine.CalamineWorkbook, sheet: str | int | None
                  ) -> tuple[str, tuple[tuple[str, int], ...]]:
    """The sheet to read, and (when chosen by them) every visible sheet's project-like rows."""
    names = list(book.sheet_names)
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise SheetError(f"文件 {path.name} 只有 {len(names)} 个工作表，没有第{sheet + 1}个")
        return names[sheet], ()
    if isinstance(sheet, str):
        if sheet in names:
            return sheet, ()
        stripped = {n.strip(): n for n in names}
        if sheet.strip() in stripped:
            return stripped[sheet.strip()], ()
        raise SheetError(f"文件 {path.name} 中没有名为「{sheet}」的工作表"
                         f"（现有：{'、'.join(names)}）")
    visible = _visible(book)
    if len(visible) == 1:
        return visible[0], ()
    scores = {n: project_like_rows(book.get_sheet_by_name(n).to_python()) for n in visible}
    # ties: the first sheet
    return max(visible, key=lambda n: scores[n]), tuple(scores.items())


def _visible(book: calamine.CalamineWorkbook) -> list[str]:
    """The visible worksheets (charts and hidden sheets left out), else every sheet."""
    return [m.name for m in book.sheets_metadata
            if m.visible == calamine.SheetVisibleEnum.Visible
            and m.typ == calamine.SheetTypeEnum.WorkSheet] or list(book.sheet_names)


def project_like_rows(rows: Sequence[Sequence[Cell]]) -> int:
    """How many rows look like a project: a Chinese text of 4+ characters and a number."""
    count = 0
    for row in rows:
        has_name = has_number = False
        for v in row:
            if isinstance(v, str):
                if len(v) >= 4 and _CJK.search(v):
                    has_name = True
            elif isinstance(v, int | float) and not isinstance(v, bool):
                has_number = True
        count += has_name and has_number
    return count


def _read_csv(path: Path) -> SheetGrid:
    raw = path.read_bytes()
    text = None
    for encoding in CSV_ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise SheetError(f"文件 {path.name} 的文字编码无法识别（支持 UTF-8 与 GBK/GB18030）")
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",\t;|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[list[Cell]] = [list(r) for r in reader]
    return SheetGrid(path=path, sheet=path.stem, sheet_names=(path.stem,), rows=rows)
