"""The dashes offices type for one and the same "-": ASCII, full-width (－), en and em dashes
(–, —, ——), the hyphens Word and WPS put in (‐, ‑, ‒), the horizontal bar (―), the minus sign
(−) and the box-drawing line (─). A name or a 项目代码 copied between files keeps its meaning
whichever was typed, so comparisons make every run of them one "-". The stored text is never
changed by this (except a 项目代码, which is stored in its national form with "-").

〇 and ○ written for the digit zero are a different matter and are left alone.
"""

from __future__ import annotations

import re

#: every dash character, as a regular expression's character set
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2500\ufe58\ufe63\uff0d"
#: every dash character, and runs of them ("——" is one Chinese dash)
DASH_RUN = re.compile(f"[{DASHES}]+")


def unify_dashes(text: str) -> str:
    """``text`` with each run of dashes made one ASCII "-" ("二期——北段" → "二期-北段")."""
    return DASH_RUN.sub("-", text)


__all__ = ["DASHES", "DASH_RUN", "unify_dashes"]
