"""Importing an office's own 重点项目清单 or 年度投资计划表 into the register.

The file is read elsewhere (:mod:`exports.register_source` turns a spreadsheet into a
:class:`~portfolio.register_import.records.RegisterSource` of plain records); this package
decides what the records mean for the database and never reads a file:

- :mod:`~portfolio.register_import.records` — the plain input: columns, rows, skipped rows;
- :mod:`~portfolio.register_import.fields` — which column keys are imported, their labels,
  and the words offices use for 建设性质 and 领域;
- :mod:`~portfolio.register_import.line_reading` — one line's cells as project fields and
  plan figures (group rows, inheritance from a package, dates, money, quarters);
- :mod:`~portfolio.register_import.states` — 项目状态 and 备注 words as the started state,
  三个一批 期 written as text;
- :mod:`~portfolio.register_import.preview` — :func:`preview`: every row matched (through
  :mod:`portfolio.matching`) and compared, field by field, with the database, giving the
  plain values of :mod:`~portfolio.register_import.changes`;
- :mod:`~portfolio.register_import.applying` — :func:`apply`: the preview written in one
  transaction, all or nothing;
- :mod:`~portfolio.register_import.profiles` — saved column mappings by name.

Blank cells change nothing: a register names what it knows, and re-importing the same or a
corrected list updates projects, never duplicates them.
"""

from portfolio.register_import.applying import apply
from portfolio.register_import.changes import (
    RegisterImportError,
    RegisterPreview,
    RowChange,
)
from portfolio.register_import.preview import preview
from portfolio.register_import.records import RegisterSource, SourceColumn, SourceRow

__all__ = [
    "RegisterImportError",
    "RegisterPreview",
    "RegisterSource",
    "RowChange",
    "SourceColumn",
    "SourceRow",
    "apply",
    "preview",
]
