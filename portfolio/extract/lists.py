"""Sentences, clauses and list items, and the names a list's items share.

A line is cut into sentences (。；) and clauses (，：), a clause into list items (、 和 及 与).
In a list whose last item carries the head noun, the short items before it share that item's
tail ("仪封、考城及黄河滩区集中式风电项目" → 仪封集中式风电项目, 考城集中式风电项目,
黄河滩区集中式风电项目).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from portfolio.extract.lexicon import HEADS
from portfolio.extract.names import (
    HEAD,
    Found,
    Places,
    clean_kind,
    is_generic,
    is_kind_of_thing,
    is_name,
    name_in,
    strip_leads,
)

SENTENCE = re.compile(r"[^。；;！!？?]+[。；;！!？?]?")
CLAUSE_BREAK = re.compile(r"[，,：:\t]")
_ITEM_BREAK = re.compile(r"、|以及|和|及|与")
#: clauses that place something ("位于洪河大道与金沙路交叉口") name roads, not projects
_SITE_CLAUSE = re.compile(r"位于|交叉口|东至|西至|南至|北至")


def _share_tail(
    items: Sequence[tuple[str, int]], last: Found, places: Places
) -> list[Found]:
    """Names for the short items before ``last`` that share its tail (see module doc)."""
    shared: list[Found] = []
    if last.shared:
        tail = last.shared
    else:
        markers = list(re.finditer(r"(?:区|县|市|镇|乡|村|河|路|街道)(?=.{3,})", last.name))
        if not markers:
            return shared
        tail = clean_kind(last.name[markers[-1].end():])
    for text, offset in items:
        text, start = strip_leads(text.strip(), offset)
        if not text or len(text) > 6 or (HEAD.search(text) and text.endswith(tuple(HEADS))):
            continue
        if is_kind_of_thing(text):  # "智能装备制造、高技术制造等先进制造业项目": kinds, not places
            continue
        shared.append(Found(places.complete(text) + tail, start, start + len(text), last.head))
    return shared


def find_in_clause(clause: str, offset: int, places: Places) -> list[Found]:
    if _SITE_CLAUSE.search(clause):
        return []
    items: list[tuple[str, int]] = []
    position = 0
    for match in _ITEM_BREAK.finditer(clause):
        items.append((clause[position:match.start()], offset + position))
        position = match.end()
    items.append((clause[position:], offset + position))
    found: list[Found] = []
    pending: list[tuple[str, int]] = []
    for text, start in items:
        hit = name_in(text, start, places)
        if hit is not None and is_name(hit):
            if pending:
                found += [f for f in _share_tail(pending, hit, places) if is_name(f)]
            found.append(hit)
            pending = []
        else:
            pending.append((text, start))
    for hit in found:
        hit.generic = is_generic(hit)
    return found
