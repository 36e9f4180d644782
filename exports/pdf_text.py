"""Chinese line breaking (禁则) for every paragraph of every PDF we write.

reportlab's ``wordWrap="CJK"`` breaks between any two characters. Its only rule is to let one
character from its short list (``reportlab.lib.textsplit.ALL_CANNOT_START``, which lacks the
full-width ，；：？！》 and ”) hang past the right edge; it has no rule for opening brackets.
So lines of the briefing began with "，占年度计划的56.1%", and a cell could end with "（".

:class:`ChineseParagraph` breaks the same lines but moves the break back, as GB/T 15834 and
every Chinese word processor do, until the next line does not start with closing punctuation
(:data:`CANNOT_START`), the line does not end with an opening bracket (:data:`CANNOT_END`),
and a number or Latin word such as "56.1%" is not cut. Use it wherever a PDF wraps text.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

#: may not begin a line: closing punctuation and brackets, marks that follow what they close
CANNOT_START = frozenset("，。、；：？！）》」』】〕〉］｝”’…‥·～%‰℃°,.;:?!)]}>'\"")
#: may not end a line: opening brackets and quotes
CANNOT_END = frozenset("（《「『【〔〈［｛“‘([{<")
#: characters of a number or a Latin word, kept together on one line
_WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,%-+/")


def break_before(text: str, start: int, end: int) -> int:
    """Where the line ``text[start:end + 1]`` (one character too long) should end: the index
    of the first character of the next line. ``end`` when breaking there is allowed; earlier
    when the rules need it; ``end`` again when no earlier break would do (a line of nothing
    but punctuation)."""
    at = end
    word_limit = (start + end) // 2  # never move a whole line for a long Latin word
    while at > start + 1:
        before, after = text[at - 1], text[at]
        in_word = before in _WORD and after in _WORD and at > word_limit
        if after in CANNOT_START or before in CANNOT_END or in_word:
            at -= 1
        else:
            return at
    return end


def _width(glyph: Any, max_width: float) -> float:
    width = glyph.width
    if hasattr(width, "normalizedValue"):
        width._normalizer = max_width
        width = width.normalizedValue(max_width)
    return float(width)


def kinsoku_split(frags: list[Any], max_widths: list[float], calc_bounds: bool) -> ParaLines:
    """reportlab's ``cjkFragSplit`` (one glyph at a time, every frag kept) with
    :func:`break_before` choosing each break."""
    glyphs: list[Any] = []
    for frag in frags:
        text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
        if text:
            glyphs.extend(cjkU(ch, frag, "utf8") for ch in text)
        else:
            glyphs.append(cjkU(text, frag, "utf8"))
    text = "".join(str(g) or "\0" for g in glyphs)  # one character per glyph
    lines: list[Any] = []
    start = 0
    max_width = max_widths[0]

    def close(end: int, line_break: bool) -> None:
        nonlocal start, max_width
        used = sum(_width(g, max_width) for g in glyphs[start:end])
        lines.append(makeCJKParaLine(glyphs[start:end], max_width, used, max_width - used,
                                     line_break, calc_bounds))
        start = end
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]

    used = 0.0
    i = 0
    while i < len(glyphs):
        glyph = glyphs[i]
        if hasattr(glyph.frag, "lineBreak"):
            close(i + 1, True)
            used, i = 0.0, i + 1
            continue
        width = _width(glyph, max_width)
        if used + width > max_width + _FUZZ and i > start:
            close(break_before(text, start, i), False)
            used = sum(_width(g, max_width) for g in glyphs[start:i])
            continue
        used += width
        i += 1
    if start < len(glyphs):
        close(len(glyphs), False)
    return ParaLines(kind=1, lines=lines)


class ChineseParagraph(Paragraph):
    """A :class:`Paragraph` whose CJK wrapping (``wordWrap="CJK"``) keeps the Chinese
    line-breaking rules; other styles wrap as reportlab does."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara  # the second half of a split paragraph keeps its lines
        widths = list(maxWidths) if isinstance(maxWidths, list | tuple) else [maxWidths]
        if not self.frags or self.style.endDots or any(
                hasattr(f, "cbDefn") for f in self.frags):
            return super().breakLinesCJK(widths)
        self.height = 0
        auto_leading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return kinsoku_split(self.frags, widths, auto_leading not in ("", "off"))
