"""Text in a terminal's columns: a Chinese character takes two, a Latin one one.

Every table the command line prints (``list``, ``status``, ``extract``, the benchmark
summary) lines up its columns with these, so that Chinese names do not push the
columns after them out of line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, TextIO


def display_width(text: str) -> int:
    """The columns ``text`` takes in a terminal (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` filled with spaces to ``width`` columns; aligned right when ``right``."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` columns, ending in … when cut."""
    if display_width(text) <= limit:
        return text
    out, used = "", 0
    for ch in text:
        w = display_width(ch)
        if used + w > limit - 1:
            break
        out, used = out + ch, used + w
    return out + "…"


_OPENING = "（「『“《【"
_CLOSING = "、，。；：！？）」』”》】"
#: the pieces a line may break between: a run of spaces, a wide character, or a run of
#: narrow characters (a Latin word, a number, an option such as --format); opening
#: brackets stay with what follows and closing punctuation with what precedes, so that no
#: line starts with "、" or ends with "（"
_PIECES = re.compile(
    rf"\s+|[{_OPENING}]*(?:[\u1100-\uffef]|[^\s\u1100-\uffef]+)[{_CLOSING}]*")


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken between Chinese characters or at
    spaces but never inside a Latin word (textwrap counts characters, not columns, and cuts
    "budget" into "budge" and "t" when a Chinese line has no spaces)."""
    lines: list[str] = []
    line, used = "", 0
    for piece in _PIECES.findall(text):
        w = display_width(piece)
        if piece.isspace():
            if line and used + w <= width:
                line, used = line + " ", used + 1
            continue
        if line and used + w > width:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + piece, used + w
    if line.strip():
        lines.append(line.rstrip())
    return lines


def write_table(out: TextIO, columns: Sequence[tuple[str, str]],
                records: Iterable[Mapping[str, Any]], text: Callable[[Any], str],
                limits: Mapping[str, int], default_limit: int, *,
                right: Collection[str] = ()) -> None:
    """Records as aligned columns under their labels, each cell ``text(value)`` clipped to its
    column's limit (``limits`` by key, else ``default_limit``); the columns keyed in ``right``
    aligned right."""
    table = [[label for _, label in columns]]
    table += [[clip(text(r[k]), limits.get(k, default_limit)) for k, _ in columns]
              for r in records]
    widths = [max(display_width(row[i]) for row in table) for i in range(len(columns))]
    for row in table:
        cells = [pad(cell, widths[i], right=columns[i][0] in right) for i, cell in enumerate(row)]
        out.write("  ".join(cells).rstrip() + "\n")

