"""Several names in one cell: "县住建局（牵头）、县交通局", "李明（副县长）、刘洋". Split on the
separators offices use, but never inside brackets, where a name or a title may hold one
("县发改委（县重点项目办、县统计局）")."""

from __future__ import annotations

import re

OPENING = "(（[【"
CLOSING = ")）]】"


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """``text`` cut at each of ``separators`` that no bracket encloses (pieces as they are,
    empty ones too)."""
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += ch in OPENING
        depth -= ch in CLOSING
        if depth <= 0 and ch in separators:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


#: "（牵头）", "（配合单位）" after a unit's name: its part, not its name
_UNIT_ROLE = re.compile(r"\s*[（(](牵头|配合|负责|协办|主办|责任|参与)(单位)?[)）]$")


def split_units(text: str) -> list[str]:
    """"县住建局（牵头）、县交通局" → ["县住建局", "县交通局"]: split on 、，；/ outside
    brackets (a name may hold some: "县发改委（县重点项目办）"), each without its role."""
    parts = split_outside_brackets(text, "、，,;；/")
    return [_UNIT_ROLE.sub("", p).strip() for p in parts if _UNIT_ROLE.sub("", p).strip()]
