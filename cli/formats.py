"""The three forms every listing command prints its records in (``--format table|csv|json``):
JSON as the records are, CSV that a spreadsheet will not run as a formula
(:func:`exports.csv_text.write_csv`), or an aligned table (:func:`cli.text.write_table`)
followed by a count line."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any, TextIO

from cli.text import write_table
from exports.csv_text import write_csv
from portfolio.money import format_money


def cell_text(value: Any) -> str:
    """How a listing writes a value: money as 万元 with two decimals, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_money(value)
    return str(value)


def write_records(out: TextIO, records: Sequence[Mapping[str, Any]],
                  columns: Sequence[tuple[str, str]], fmt: str, *, count: str,
                  text: Callable[[Any], str] = cell_text,
                  table_columns: Sequence[tuple[str, str]] | None = None,
                  limits: Mapping[str, int] | None = None, default_limit: int = 30,
                  right: Collection[str] = ()) -> None:
    """``records`` in ``fmt``: JSON (values it cannot write as ``text`` gives them), CSV of
    ``columns``, or a table of ``table_columns`` (default ``columns``) with cells clipped to
    ``limits`` and the line ``count`` after it."""
    if fmt == "json":
        json.dump(list(records), out, ensure_ascii=False, indent=1, default=text)
        out.write("\n")
    elif fmt == "csv":
        write_csv(out, columns, records, text)
    else:
        write_table(out, table_columns or columns, records, text, limits or {}, default_limit,
                    right=right)
        out.write(count + "\n")
