"""The plain records a register import works on, whatever file they came from.

A reader (:mod:`exports.register_source` for spreadsheets) fills these in; values are typed
already: text as ``str``, money as :class:`~decimal.Decimal` in 万元, dates as
:class:`SourceDate`, 起止年限 as :class:`YearSpan`, levels as a tuple of words, leaders as
:class:`LeaderName`. A key absent from a row's values, or ``None``, means the cell was blank.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class YearSpan:
    """建设起止年限, with the months when the office gave them."""

    start_year: int
    finish_year: int
    start_month: int | None = None
    finish_month: int | None = None


@dataclass(frozen=True)
class SourceDate:
    """A date and how much of it was written ("2026年3月" is ``month`` precision)."""

    date: dt.date
    precision: Literal["day", "month", "quarter", "year"] = "day"


@dataclass(frozen=True)
class LeaderName:
    """A leader as written: "赵永强（县委常委、组织部长）" → name and title."""

    name: str
    title: str = ""


@dataclass(frozen=True)
class SourceColumn:
    """A column of the file and the field key it was read as (see
    :data:`portfolio.register_import.fields.IMPORTED`)."""

    text: str
    key: str
    #: money columns: the unit the file wrote them in (元, 万元, 亿元)
    unit: str | None = None
    #: the year the header names ("2026年计划投资")
    year: int | None = None


@dataclass
class SourceRow:
    """One project line (or one "其中" part of a 打包项目)."""

    #: 0-based row index in the sheet (messages say ``row + 1``)
    row: int
    values: dict[str, Any]
    #: the 建设性质 and 领域 of the group rows above it ("一、新开工项目", "二、工业项目")
    stage_group: str | None = None
    category_group: str | None = None
    parts: list[SourceRow] = field(default_factory=list)
    #: the row is hidden in the file (often a dropped project nobody deleted)
    hidden: bool = False


@dataclass(frozen=True)
class SkippedLine:
    row: int
    #: 分组, 小计, 合计, 空行, 表尾说明, 无项目名称
    reason: str
    text: str = ""


@dataclass
class RegisterSource:
    """One sheet of a file, read into plain records."""

    file: str
    sheet: str
    #: every sheet of the file, the one read included
    sheets: tuple[str, ...]
    columns: list[SourceColumn]
    rows: list[SourceRow]
    #: header texts of the columns nobody recognised
    unrecognised: list[str] = field(default_factory=list)
    #: header texts of the columns a mapping said to ignore
    ignored: list[str] = field(default_factory=list)
    skipped: list[SkippedLine] = field(default_factory=list)
    #: recognised columns not read, with the reason: (header text, reason) — hidden, another
    #: year's plan, a field the register does not keep
    left_out: list[tuple[str, str]] = field(default_factory=list)
    #: cells that could not be read (Chinese, naming file, sheet, row and column): these
    #: block the import
    errors: list[str] = field(default_factory=list)
    #: what the preview lists as 提示 about how the sheet is laid out (Chinese, naming rows)
    hints: list[str] = field(default_factory=list)
    #: the year the file's title or name states, and where ("标题 …")
    period_year: int | None = None
    period_text: str = ""
    #: when the sheet was chosen for the user: the other sheets and their project-like rows
    other_sheets: list[tuple[str, int]] = field(default_factory=list)

    def column(self, key: str) -> SourceColumn | None:
        return next((c for c in self.columns if c.key == key), None)

    def where(self, row: int | None = None, key: str | None = None) -> str:
        """``文件 X，工作表 Y，第12行「总投资」列`` for messages."""
        text = f"文件 {self.file}，工作表 {self.sheet}"
        if row is not None:
            text += f"，第{row + 1}行"
        column = self.column(key) if key else None
        if column is not None:
            text += f"「{column.text}」列"
        return text
