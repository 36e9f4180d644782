"""Where imported data came from, and what is wrong with it: the file, sheet, row and column
that every import message names, so that a clerk can find the cell in the file.

Plain data: the readers in :mod:`exports` fill it in, :mod:`portfolio` checks and reports
with it, the views show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def column_letter(column: int) -> str:
    """A 1-based column number as Excel names it: 1 → A, 27 → AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class Source:
    """Where a value came from: file, sheet and row (1-based, as Excel numbers them)."""

    file: str
    sheet: str
    row: int

    def text(self) -> str:
        return f"“{self.file}”“{self.sheet}”第{self.row}行"


@dataclass(frozen=True)
class Problem:
    """An error that blocks the import, placed as precisely as it can be."""

    file: str
    message: str
    sheet: str = ""
    row: int | None = None
    column: int | None = None
    header: str = ""

    @property
    def column_letter(self) -> str:
        return column_letter(self.column) if self.column else ""

    def text(self) -> str:
        where = f"文件“{self.file}”"
        if self.sheet:
            where += f"，工作表“{self.sheet}”"
        if self.row is not None:
            where += f"，第{self.row}行"
        if self.column is not None:
            where += f"{'' if self.row is not None else '，'}{self.column_letter}列"
            if self.header:
                where += f"（{self.header}）"
        elif self.header:
            where += f"，“{self.header}”列"
        return f"{where}：{self.message}"


@dataclass
class Unmatched:
    """A line that names no project, or more than one (see :mod:`portfolio.matching`)."""

    source: Source
    name: str
    project_id: int | None
    reason: str
    candidates: list[tuple[int, str]] = field(default_factory=list)

    def text(self) -> str:
        return f"{self.source.text()}“{self.name or self.project_id}”：{self.reason}"


__all__ = ["Problem", "Source", "Unmatched", "column_letter"]
