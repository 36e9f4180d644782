"""Sentences, clauses and list items, and the names a list's items share.

A line is cut into sentences (。；) and clauses (，：), a clause into list items (、 和 及 与).
In a list whose last item carries the head noun, the short items before it share that item's
tail ("仪封、考城及黄河滩区集中式风电项目" → 仪封集中式风电项目, 考城集中式风电项目,
黄河滩区集中式风电项目). Further shapes a plan writes lists in:

- a list said to be of projects (…等项目, …等防洪工程) or counted (…十大地标): items without a
  head noun are names too (万华禾香, 黎阳津);
- the owner of the first item is shared by short items after it (兰考三农学院综合检测工程中心、
  职业技能鉴定中心 → 兰考三农学院职业技能鉴定中心), roads by the bridge across the last one;
- a bracketed list names parts of what precedes it (…迁建安置(朝阳社区二期、…)) or, after a
  count (四桥(…)), is a list of its own;
- "对A、B等道路进行智能化升级改造" names each road with its work, "A、B等院校在兰考设立应用类学院"
  each owner's own one there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from portfolio.extract.lexicon import BREAKS, HEADS
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
from portfolio.extract.words import lead_length

SENTENCE = re.compile(r"[^。；;！!？?]+[。；;！!？?]?")
CLAUSE_BREAK = re.compile(r"[，,：:\t]")
_BREAK = re.compile("|".join(BREAKS))
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
        # a place word after the first character ("河南儿童医院" is not on a river)
        markers = list(
            re.finditer(r"(?<=.)(?:区|县|市|镇|乡|村|河|路|街道)(?=.{3,})", last.name)
        )
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


#: "对裕禄大道、中山大道等道路进行智能化升级改造": each instance with the work done on it
_WORK_ON = re.compile(
    r"对(?P<items>[^，。；]+?)等[\u4e00-\u9fff]{1,6}(?:进行|实施)(?P<work>[^，。；]{2,12}?)[。；;]?$"
)


def _work_on(clause: str, offset: int) -> list[Found]:
    match = _WORK_ON.search(clause)
    if match is None:
        return []
    work = match.group("work")
    found = []
    for item in re.finditer(r"[^、]+", match.group("items")):
        text = item.group().strip()
        if 2 <= len(text) <= 12 and HEAD.search(text):
            start = offset + match.start("items") + item.start()
            found.append(Found(text + work, start, start + len(text), ""))
    return found


#: "支持郑州大学、河南大学等高等院校在兰考设立应用类学院": each owner's own one, there
_SET_UP_THERE = re.compile(
    r"(?P<owners>[^，。；在]{2,40}?)(?:(?<!高)等[\u4e00-\u9fff]{1,6})?在(?P<place>[\u4e00-\u9fff]{2,3})"
    r"(?:设立|建设|建立|开办|筹建|布局)(?P<what>[^，。；、]{2,16}?)(?:建设)?[。；;]?$"
)


def _set_up_there(clause: str, offset: int) -> list[Found]:
    match = _SET_UP_THERE.search(clause)
    if match is None or HEAD.search(match.group("what")) is None:
        return []
    tail = match.group("place") + match.group("what")
    found = []
    for item in re.finditer(r"[^、]+", match.group("owners")):
        at = offset + match.start("owners") + item.start()
        owner, start = strip_leads(item.group().strip(), at)
        if 2 <= len(owner) <= 12 and not is_kind_of_thing(owner):
            found.append(Found(owner + tail, start, offset + match.end("what"), ""))
    return found


#: words that hold 和/及/与 without joining two items (jieba's words are no guide here: it
#: reads "谷营镇和堌阳镇" with a word 镇和)
_HOLDING_WORDS = (
    "参与", "给与", "涉及", "普及", "惠及", "波及", "及时", "及早", "和谐", "和平", "平和",
    "祥和", "太和", "温和", "和美", "与会",
)


def _inside_word(text: str, at: int) -> bool:
    """Whether the 和/及/与 at ``at`` belongs to a word such as 参与 or 和平."""
    return any(
        text.startswith(word, at - word.index(text[at]))
        for word in _HOLDING_WORDS if text[at] in word and at >= word.index(text[at])
    )


#: "淇县城北区居民迁建安置(朝阳社区二期、阳光社区二期)", "四桥(山阳路、…凯旋路跨大沙河桥)":
#: a list in brackets after what its items are parts of, or after a count of them
_GROUP = re.compile(r"(?P<prefix>[^、()（）]{2,24})[（(](?P<inner>[^()（）]*、[^()（）]*)[)）]")
_COUNT_LABEL = re.compile(r"^[一二两三四五六七八九十百\d]+[\u4e00-\u9fff]{1,2}$")


#: "山阳路、民主路跨大沙河桥": roads listed before the last one share what is built on it
_CROSSING = re.compile(r"^(?P<road>.{2,6}?(?:路|大道|大街|街))(?P<work>跨.{2,10})$")


def _share_crossing(found: list[Found]) -> None:
    crossing = _CROSSING.match(found[-1].name) if found else None
    if crossing is None:
        return
    for hit in reversed(found[:-1]):
        if len(hit.name) > 6 or not hit.name.endswith(("路", "大道", "大街", "街")):
            break
        hit.name += crossing.group("work")


def _group(match: re.Match[str], offset: int, places: Places) -> list[Found]:
    """The names of a bracketed list: its items as a list of their own after a count (四桥),
    else each item as a part of what the words before the bracket name."""
    inner_at = offset + match.start("inner")
    prefix, start = strip_leads(match.group("prefix").strip(), offset + match.start("prefix"))
    if _COUNT_LABEL.match(prefix):
        return find_in_clause(match.group("inner"), inner_at, places)
    found = []
    for item in re.finditer(r"[^、]+", match.group("inner")):
        part = item.group().strip()
        head = HEAD.search(part)
        if not 3 <= len(part) <= 16 or head is None or is_kind_of_thing(part):
            return []  # an aside, not a list of parts (every part names a thing)
        found.append(Found(prefix + part, start, inner_at + item.end(), head.group()))
    return found


def find_in_clause(clause: str, offset: int, places: Places) -> list[Found]:
    if _SITE_CLAUSE.search(clause):
        return []
    if worked := _work_on(clause, offset) or _set_up_there(clause, offset):
        return worked
    grouped: list[Found] = []
    for group in _GROUP.finditer(clause):
        if names := _group(group, offset, places):
            grouped += names
            # the group is read: blank it (same length, so offsets hold) for the rest
            clause = clause[:group.start()] + " " * len(group.group()) + clause[group.end():]
    items: list[tuple[str, int]] = []
    position = 0
    for match in _ITEM_BREAK.finditer(clause):
        if len(match.group()) == 1 and match.group() != "、" and (
            match.start() - position < 2 or _inside_word(clause, match.start())
        ):
            continue  # 和 inside a name or a word (崇和里, 参与): no item is one character long
        items.append((clause[position:match.start()], offset + position))
        position = match.end()
    items.append((clause[position:], offset + position))
    found: list[Found] = []
    pending: list[tuple[str, int]] = []
    listed = _LISTED.search(clause) is not None
    for text, start in items:
        hit = name_in(text, start, places)
        if hit is not None and is_name(hit):
            if pending:
                shared = [f for f in _share_tail(pending, hit, places) if is_name(f)]
                found += shared or (_bare_names(pending) if listed else [])
            found.append(hit)
            pending = []
        else:
            pending.append((text, start))
    if pending and found and listed:
        found += _bare_names(pending)
    _share_crossing(found)
    found += grouped
    if found and found[0].start == strip_leads(items[0][0], items[0][1])[1]:
        _share_owner(found)
    for hit in found:
        hit.generic = is_generic(hit)
    return found


#: a list said to be of projects ("…等项目", "…等工程") or counted ("十大地标"): its items are
#: names even without a head noun (万华禾香, 黎阳津)
_LISTED = re.compile(
    r"等(?:[\d一二三四五六七八九十]+个)?[\u4e00-\u9fff]{0,4}(?:项目|工程)"
    r"|[一二三四五六七八九十]大[\u4e00-\u9fff]{1,3}[。；;]?$"
)
_COUNT_TAIL = re.compile(r"(?:等.*|[一二三四五六七八九十]大[\u4e00-\u9fff]{1,3}[。；;]?)$")


def _bare_names(items: Sequence[tuple[str, int]]) -> list[Found]:
    """The items of a listed clause that are proper names without a head noun."""
    names = []
    for text, offset in items:
        text, start = strip_leads(_COUNT_TAIL.sub("", text.strip()), offset)
        text = text.strip(" 　“”\"")
        if not 2 <= len(text) <= 16 or lead_length(text) or is_kind_of_thing(text):
            continue
        if _BREAK.search(text) or not re.match(r"[\u4e00-\u9fffA-Za-z]", text):
            continue
        found = Found(text, start, start + len(text), "")
        if is_name(found):
            names.append(found)
    return names


#: "兰考三农学院综合检测工程中心、职业技能鉴定中心": the owner the later items share
_OWNER = re.compile(r"^.{2,12}?(?:学院|大学|医院|集团|公司|研究院|学校)(?=.{3,})")
_OWNED = re.compile(r"学院|大学|医院|集团|公司|研究院|学校|县|区|市|镇|乡|村|路|街")


def _share_owner(found: list[Found]) -> None:
    """Prefix the owner of a list's first name (its first item) to the short names after it
    that have none."""
    if len(found) < 2:
        return
    owner = _OWNER.match(found[0].name)
    if owner is None:
        return
    for hit in found[1:]:
        if len(hit.name) <= 8 and not _OWNED.search(hit.name) and not hit.shared:
            hit.name = owner.group() + hit.name
