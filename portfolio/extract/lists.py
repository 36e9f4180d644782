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

from portfolio.extract.conjunctions import inside_word, joins_one_name, joins_quantities
from portfolio.extract.lexicon import BREAKS, GENERIC, HEADS
from portfolio.extract.names import (
    HEAD,
    ROAD_CODE,
    Found,
    Places,
    clean_kind,
    is_generic,
    is_kind_of_thing,
    is_name,
    name_in,
    strip_leads,
)
from portfolio.extract.sharing import share_crossing, share_owner, share_work
from portfolio.extract.words import lead_length

SENTENCE = re.compile(r"[^。；;！!？?]+[。；;！!？?]?")
CLAUSE_BREAK = re.compile(r"[，,：:\t]")
_BREAK = re.compile("|".join(BREAKS))
_ITEM_BREAK = re.compile(r"、|以及|和|及|与")
#: clauses that place something ("位于洪河大道与金沙路交叉口") name roads, not projects
_SITE_CLAUSE = re.compile(  # "该区东至文汇路", but not the route "陕北至云川…"
    r"位于|交叉口|(?:^|[区县市园镇村块址地])\s*[东西南北]至"
)


def _share_tail(
    items: Sequence[tuple[str, int]], last: Found, places: Places
) -> list[Found]:
    """Names for the short items before ``last`` that share its tail (see module doc)."""
    shared: list[Found] = []
    if last.shared:
        tail = last.shared
    elif parallel := _parallel_tail([strip_leads(t.strip(), 0)[0] for t, _ in items], last):
        tail = parallel
    else:
        # a place word after the first character ("河南儿童医院" is not on a river)
        markers = list(
            re.finditer(r"(?<=.)(?:区|县|市|镇|乡|村|河|路|街道)(?=.{3,})", last.name)
        )
        if not markers:
            return shared
        tail = clean_kind(last.name[markers[-1].end():])
        if re.match(r"[\u4e00-\u9fff]{2,3}段", tail):
            return shared  # "黄河兰考段清淤": a section of its own river, not shared
    # the head the shared words end with ("平江、清东、枢纽西环线等铁路" share 铁路)
    head = last.head if not last.shared or tail.endswith(last.head) else next(
        (h for h in sorted(HEADS, key=len, reverse=True) if tail.endswith(h)), last.head
    )
    for text, offset in items:
        text, start = strip_leads(text.strip(), offset)
        lead = lead_length(text)
        if lead and len(text) - lead >= 2 and _BREAK.search(text[:lead]):  # "协调推进云川石门"
            text, start = text[lead:], start + lead
        # a route may be long ("青龙山镇至江口、青阳至南川等高速公路")
        longest = 12 if "至" in text else 6
        if not text or len(text) > longest or (
            HEAD.search(text) and text.endswith(tuple(HEADS))
        ):
            continue
        if is_kind_of_thing(text):  # "智能装备制造、高技术制造等先进制造业项目": kinds, not places
            continue
        shared.append(Found(places.complete(text) + tail, start, start + len(text), head))
    return shared


#: the ports whose kind a list of places shares
_PORTS = ("机场", "枢纽港", "车站", "高铁站")


def _parallel_tail(texts: Sequence[str], last: Found) -> str:
    """What short items share of the last name when they stand parallel to its start: routes
    ("平阳至清河、清河至东岭铁路" → 铁路, "南川至平阳、平阳至江口铁路客运专线" → 铁路客运专线) or
    places as long as its first words, before a port or a station ("江口、石门、青阳港件杂货码头
    扩建工程" → 港件杂货码头扩建工程); "" when they do not."""
    if not texts or any(not t or is_kind_of_thing(t) for t in texts):
        return ""
    if "至" in last.name and all(0 < t.find("至") < len(t) - 1 for t in texts):
        head = HEAD.search(last.name, last.name.index("至") + 2)
        return last.name[head.start():] if head else ""
    line = next((h for h in HEAD.finditer(last.name) if h.group() in _PORTS), None)
    if (
        line is not None and all(2 <= len(t) <= 4 for t in texts) and 2 <= line.start() <= 4
        and not lead_length(last.name[:line.start()])
    ):
        return last.name[line.start():]  # "平阳、青川机场改扩建项目" share 机场改扩建项目
    sizes = {len(t) for t in texts}
    size = sizes.pop() if len(sizes) == 1 else 0
    tail = last.name[size:]
    if 2 <= size <= 4 and tail[:1] in ("港", "站") and HEAD.search(tail):
        return tail
    return ""


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


#: "淇县城北区居民迁建安置(朝阳社区二期、阳光社区二期)", "四桥(山阳路、…凯旋路跨大沙河桥)":
#: a list in brackets after what its items are parts of, or after a count of them
_GROUP = re.compile(r"(?P<prefix>[^、()（）]{2,24})[（(](?P<inner>[^()（）]*、[^()（）]*)[)）]")
_COUNT_LABEL = re.compile(r"^[一二两三四五六七八九十百\d]+[\u4e00-\u9fff]{1,2}$")


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


#: "平河锦绣新城项目位于…", "…全民健身中心项目作为…", "…分输门站项目设计日供气能力…": a
#: clause that describes its subject, named before the verb
_PREDICATE = re.compile(r"位于|作为|坐落|地处|选址|设计")


def _subject(clause: str, offset: int, places: Places) -> Found | None:
    """The name a describing clause opens with, when it ends right before the verb."""
    predicate = _PREDICATE.search(clause)
    if predicate is None:
        return None
    subject = clause[:predicate.start()]
    hit = name_in(subject, offset, places)
    if (
        hit is None or hit.end != offset + len(subject) or hit.start - offset > 6
        or "、" in hit.name or not is_name(hit) or is_generic(hit)
    ):
        return None  # not one name opening the clause (…创新能力、运营能力、工程设计能力)
    return hit


def find_in_clause(clause: str, offset: int, places: Places) -> list[Found]:
    if (subject := _subject(clause, offset, places)) is not None:
        return [subject]
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
            match.start() - position < 2 or inside_word(clause, match.start())
            or joins_one_name(clause, position, match.start(), match.end())
        ):
            continue  # 和 inside a name or a word (崇和里, 参与): no item is one character long
        if joins_quantities(clause, position, match.start(), match.end()):
            continue
        items.append((clause[position:match.start()], offset + position))
        position = match.end()
    items.append((clause[position:], offset + position))
    found: list[Found] = []
    pending: list[tuple[str, int]] = []
    listed = _LISTED.search(clause) is not None
    for text, start in items:
        hit = name_in(text, start, places)
        code, at = strip_leads(_COUNT_TAIL.sub("", text.strip()), start)
        if hit is None and ROAD_CODE.fullmatch(code):
            hit = Found(code, at, at + len(code), "")  # "改造完成G105、G318及S203": roads
        if hit is not None and is_name(hit):
            if pending:
                shared = [f for f in _share_tail(pending, hit, places) if is_name(f)]
                found += shared or (_bare_names(pending) if listed else [])
            found.append(hit)
            pending = []
        else:
            pending.append((text, start))
    if pending and listed and (found or _COUNTED_LIST.search(clause)):
        # "A、B、C等18个项目": a counted list names its items even when none has a head
        found += _bare_names(pending)
    share_crossing(found)
    found += grouped
    if found and found[0].start == strip_leads(items[0][0], items[0][1])[1]:
        share_owner(found)
    share_work(found, clause, offset)
    for hit in found:
        hit.generic = is_generic(hit)
    return found


#: a list said to be of projects ("…等项目", "…等工程") or counted ("十大地标"): its items are
#: names even without a head noun (万华禾香, 黎阳津)
_LISTED = re.compile(
    r"等(?:[\d一二三四五六七八九十]+个)?[\u4e00-\u9fff]{0,4}(?:项目|工程)"
    r"|等一批[\u4e00-\u9fff]{0,6}项目"  # "…等一批骨干工业项目"
    r"|[一二三四五六七八九十]大[\u4e00-\u9fff]{1,3}[。；;]?$"
    r"|等(?:大型|大中型|重点|重大|标志性)(?![\u4e00-\u9fff]{0,2}企业)"  # "甲、乙等大型公园"
)
_COUNT_TAIL = re.compile(r"(?:等.*|[一二三四五六七八九十]大[\u4e00-\u9fff]{1,3}[。；;]?)$")


_ENTERPRISE = re.compile(r"公司|集团|年产")
_COUNTED_LIST = re.compile(r"等[\d一二三四五六七八九十]+个[\u4e00-\u9fff]{0,4}项目")


def _bare_names(items: Sequence[tuple[str, int]]) -> list[Found]:
    """The items of a listed clause that are proper names without a head noun."""
    names = []
    for text, offset in items:
        text, start = strip_leads(_COUNT_TAIL.sub("", text.strip()), offset)
        # "南湖滨湖路建设、县一中实验楼建设等6个项目": the item is named without its 建设
        text = text.strip(" 　“”\"")
        if (cut := text.rfind("的")) >= 0:  # "总投资60亿元的青禾光伏组件产业园"
            text, start = text[cut + 1:], start + cut + 1
        built, text = text.endswith("建设"), text.removesuffix("建设")
        # an enterprise's product line may be long ("平河铝业总公司年产30万吨电解铝")
        longest = 24 if _ENTERPRISE.search(text) else 16
        if not 2 <= len(text) <= longest or lead_length(text) or is_kind_of_thing(text):
            continue
        if built and (text in HEADS or text in GENERIC):  # "储能站建设": a kind, no name
            continue
        if _BREAK.search(text) or not re.match(r"[\u4e00-\u9fffA-Za-z]", text):
            continue
        found = Found(text, start, start + len(text), "")
        if is_name(found):
            names.append(found)
    return names
