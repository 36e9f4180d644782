"""Normalising a line for rule matching while remembering where every character came from.

Two kinds of damage are undone:

- conversion noise in documents that went through a broken simplified/traditional converter:
  pinyin in brackets after a character ("發(fā)展"), sometimes with a garbled character or a
  '?' in front of the bracket ("F(xiàn)", "?yōu)"), and stray ASCII question marks;
- traditional script, converted to simplified with OpenCC (``t2s``) — but only for a document
  that is mostly traditional, because t2s also rewrites a few characters that simplified
  documents use as they are (乾憬科技 would become 干憬科技).

Every normalised character keeps the column of the original character it came from, so that a
candidate found in the normalised text is quoted from the original line, noise included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = f"a-zü{_TONED}"
#: "(fā)", "(chuàng)", "y(tǒng)", "F(xiàn)", "?yōu)": a syllable with a tone mark in brackets,
#: optionally after one stray ASCII character, or with the opening bracket lost to a '?'
_PINYIN_NOISE = re.compile(
    rf"(?:[A-Za-z^?](?=\())?\((?=[{_PINYIN_LETTERS}]*[{_TONED}])[{_PINYIN_LETTERS}]{{1,7}}\)"
    rf"|\?(?=[{_PINYIN_LETTERS}]*[{_TONED}])[{_PINYIN_LETTERS}]{{1,7}}\)"
)
_CJK = r"\u3400-\u9fff"
#: an ASCII '?' touching a Chinese character or punctuation is a lost character, not a question
_STRAY_QUESTION = re.compile(rf"(?<=[{_CJK}\u3000-\u303f\uff00-\uffef])\?+|\?+(?=[{_CJK}])")
#: spaces that typesetting put between Chinese and figures ("大沙河 5 个节点公园")
_WIDE = rf"{_CJK}\u2018-\u201f\u3000-\u303f\uff00-\uffef"
_LOOSE_SPACE = re.compile(
    rf"(?<=[{_WIDE}\w+])[ \u3000\u00a0]+(?=[{_WIDE}])|(?<=[{_WIDE}])[ \u3000\u00a0]+(?=[\w+])"
)

#: share of Chinese characters that t2s changes above which a text counts as traditional (and
#: at least three of them: one 乾 does not make a sentence traditional)
TRADITIONAL_SHARE = 0.02


@dataclass(frozen=True)
class NormalisedLine:
    """A line's normalised text; ``columns[i]`` is the original column of ``text[i]``."""

    number: int
    original: str
    text: str
    columns: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original columns covering normalised ``text[start:end]`` (with the pinyin noise
        that follows its last character: 園區(qū), as the catalogue quotes it)."""
        if start >= end:
            column = self.columns[start] if start < len(self.columns) else len(self.original)
            return column, column
        last = self.columns[end - 1] + 1
        for noise_start, noise_end in noise_spans(self.original):
            if noise_start == last:
                last = noise_end
        return self.columns[start], last

    def quote(self, start: int, end: int) -> str:
        """The original words behind normalised ``text[start:end]`` (an exact substring)."""
        a, b = self.original_span(start, end)
        return self.original[a:b]


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


#: variant forms OpenCC's t2s leaves as they are (陜北, 鑛業), one character for one, so that
#: the columns of a normalised line still point at the original words
_VARIANTS = str.maketrans("陜衞鑛濬蔴緖搾菓", "陕卫矿浚麻绪榨果")


def to_simplified(text: str) -> str:
    return _converter().convert(text).translate(_VARIANTS)


def noise_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` has pinyin noise ("(fā)"), as (start, end) columns."""
    return [match.span() for match in _PINYIN_NOISE.finditer(text)]


def strip_noise(text: str) -> tuple[str, list[int]]:
    """``text`` without pinyin noise, stray '?' and spaces around Chinese characters, and the
    original column of each character."""
    keep = [True] * len(text)
    for pattern in (_PINYIN_NOISE, _STRAY_QUESTION, _LOOSE_SPACE):
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                keep[i] = False
    columns = [i for i, kept in enumerate(keep) if kept]
    return "".join(text[i] for i in columns), columns


def is_traditional(lines: Sequence[str]) -> bool:
    """Whether a document is written in traditional characters (see :data:`TRADITIONAL_SHARE`)."""
    sample = "".join(lines)
    cjk = re.findall(rf"[{_CJK}]", sample)
    if not cjk:
        return False
    chars = "".join(cjk)
    converted = to_simplified(chars)
    changed = sum(1 for a, b in zip(chars, converted, strict=False) if a != b)
    return changed >= 3 and changed / len(chars) > TRADITIONAL_SHARE


def normalise_line(number: int, line: str, *, convert: bool) -> NormalisedLine:
    stripped, columns = strip_noise(line)
    if convert and stripped:
        converted = to_simplified(stripped)
        if len(converted) != len(stripped):  # a phrase changed length: convert char by char
            converted = "".join(to_simplified(ch) for ch in stripped)
        stripped = converted
    return NormalisedLine(number, line, stripped, tuple(columns))


def normalise_lines(lines: Sequence[str]) -> list[NormalisedLine]:
    """Every line normalised; traditional script is converted only in a traditional document."""
    convert = is_traditional(lines)
    return [normalise_line(i + 1, line, convert=convert) for i, line in enumerate(lines)]


def normalise_text(text: str) -> str:
    """The normalised form of a short text (noise stripped, converted when traditional)."""
    stripped, _ = strip_noise(text)
    return to_simplified(stripped) if is_traditional([stripped]) else stripped
