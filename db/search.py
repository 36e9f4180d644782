"""Search keys: what the register's instant search matches against.

A key holds the lower-case text, the pinyin initials and the full pinyin of every searchable
field, so that "wbgjwly" or "wuliu" finds 万邦国际物流园 with a plain SQL ``LIKE`` on any
database; :func:`initials_pattern` also lets "wbwl" (some of the initials, in order) find it.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def _pinyin_forms(text: str) -> tuple[str, str]:
    # pypinyin loads its dictionaries on import (a fifth of a second): only when a key is
    # made (saving a project), never just for searching or starting the program
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    initials = "".join(s[0] for s in syllables if s)
    return initials.lower(), "".join(syllables).lower()


def search_key(*fields: str | None) -> str:
    """The search key for a record made of ``fields`` (name, unit, location …)."""
    parts: list[str] = []
    for field in fields:
        if not field:
            continue
        text = field.strip().lower()
        initials, full = _pinyin_forms(text)
        parts.extend((text, initials, full))
    return "\x1f".join(parts)


def normalise_query(text: str) -> str:
    """The user's search text as it is matched against keys."""
    return " ".join(text.strip().lower().split())


_SEP = "\x1f"


def initials_pattern(word: str) -> str | None:
    """A regular expression for keys where ``word`` picks, in order, initials of one field.

    Users abbreviate: "wbwl" for 万邦国际物流园 (initials wbgjwly). The pattern skips whole
    fields (text, initials, full pinyin: three parts each) to an initials part and finds the
    letters there in order. None for a word that is not two or more latin letters.
    """
    if len(word) < 2 or not word.isascii() or not word.isalpha():
        return None
    part = f"[^{_SEP}]*"
    skip_fields = f"(?:{part}{_SEP}{part}{_SEP}{part}{_SEP})*"
    return f"^{skip_fields}{part}{_SEP}" + "".join(part + letter for letter in word.lower())
