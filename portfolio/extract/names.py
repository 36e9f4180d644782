"""Reading a project name in a list item: its head noun, where it starts, whether it names one.

An item that ends — before words such as 建设 or 等 — in a head noun (…物流园, …小学, see
:mod:`.lexicon`) holds a name once the verbs and qualifiers in front of it are stripped
("加快推进中心医院迁建" → 中心医院). A name made only of kind words ("区域展示平台") is generic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from portfolio.extract.lexicon import (
    BREAKS,
    GENERIC,
    HEADS,
    KIND_WORDS,
    LEADS,
    NAMED_BY_ANY_WORDS,
    NOT_NAME_ENDS,
    NOT_NAME_STARTS,
    NOT_NAME_WORDS,
    TAILS,
)
from portfolio.extract.words import lead_length, words


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


HEAD = re.compile(rf"(?:{alternation(HEADS)}|(?<=[一二三四五六七八九十\d])(?:小|中|高))")
#: every head noun, overlapping ones included ("示范园区" holds 示范园 and 园区)
_ANY_HEAD = re.compile(rf"(?=({HEAD.pattern}))")


@dataclass(frozen=True)
class _Head:
    start: int
    end: int
    text: str


def _heads(text: str) -> list[_Head]:
    return [_Head(m.start(1), m.end(1), m.group(1)) for m in _ANY_HEAD.finditer(text)]
_LEAD = re.compile(rf"^(?:{alternation(LEADS)})")
_TAIL = re.compile(rf"^(?:{alternation(TAILS)})")
_BREAK = re.compile(alternation(BREAKS))
#: the types of lines and ports a list shares ("平江、清东等铁路")
_LINE_TYPES = ("铁路", "道路", "机场", "轨道", "桥梁")
#: "(简称…)", "（以下简称…）": another name for it, not part of it
_ALIAS = re.compile(r"^[（(](?:以下)?简称")
#: "云川段", "兰考段": a section of what the head names, where a name can end
_SECTION_AFTER = re.compile(
    rf"^(?:[东南西北]|[\u4e00-\u9fff]{{2,4}}至[\u4e00-\u9fff]{{2,4}}|[\u4e00-\u9fff]{{2,3}}|先行)段(?=$|[，,。；;、和及与]|{alternation(TAILS)}|改造)"
)
#: "…项目3家企业入驻": a count after a list's last name
_COUNT_AFTER = re.compile(r"^[\d一二三四五六七八九十两]+(?:家企业|个企业|个项目)")
#: "建设沿黄森林绿道32公里", "…变电站1座": the amount of it after a name ends the name (a
#: length, an area, or buildings counted; not 个/条, which count kinds: "道路5条")
_AMOUNT_AFTER = re.compile(
    r"^\d+(?:\.\d+)?\s*(?:万|千)?(?:公里|千米|米|平方米|亩|公顷|处|座|所|km|KM)"
)
#: "S312东延至兰考": where a road goes, after it, ending the item
_DESTINATION_AFTER = re.compile(r"^至[\u4e00-\u9fff]{2,4}(?=$|[、，,。；;和及与])")
_PAREN_AFTER = re.compile(r"^[（(][^（()）]{1,14}[）)]")
CJK = re.compile(r"[\u3400-\u9fff]")
TOWNSHIP = re.compile(r"[\u3400-\u9fff]{2,4}?(?:镇(?![区域])|乡(?![村镇土愁])|街道)")


@dataclass
class Found:
    """A candidate's name and where it sits in the normalised line."""

    name: str
    start: int
    end: int
    head: str
    generic: bool = False
    #: the words after 等 that the items of the list share
    shared: str = ""


_NUMBERING = re.compile(
    r"^(?:[（(]\d{1,2}[)）]|\d{1,2}[.、．]|[（(]?[一二三四五六七八九十]{1,3}[、)）]|专栏\d+\s*)"
)


def strip_leads(text: str, start: int) -> tuple[str, int]:
    numbering = _NUMBERING.match(text)
    if numbering and numbering.end() < len(text):
        text, start = text[numbering.end():], start + numbering.end()
    while True:
        match = _LEAD.match(text)
        if not match or match.end() == len(text):
            return text, start
        text, start = text[match.end():], start + match.end()


def name_in(item: str, offset: int, places: Places) -> Found | None:
    """The name in one list item, or None when it has no head noun."""
    best: _Head | None = None
    item = item.rstrip("。；;！!？?.")
    for match in _heads(item):
        after = item[match.end:]
        if match.text in ("项目", "工程") and _COUNT_AFTER.match(after):
            best = match  # "…加气站建设项目3家企业入驻园区": the count closes the list's names
            break
        ends_name = (
            not after or _TAIL.match(after) or after[0] in "(（“”\"" or _SECTION_AFTER.match(after)
            or _AMOUNT_AFTER.match(after)
            or (HEADS.get(match.text) == "道路" and _DESTINATION_AFTER.match(after))
        )
        # the head that ends last, and the longest of those (物流园区 over 园区)
        if ends_name and (best is None or (match.end, -match.start) > (best.end, -best.start)):
            best = match
    if best is None:
        return None
    end = best.end
    paren = _PAREN_AFTER.match(item[end:])
    if paren and not _ALIAS.match(paren.group()):  # "(简称瑞丰甲醇项目)" is no part
        end += paren.end()
    section = _SECTION_AFTER.match(item[end:])
    if section:  # "…铁路电气化改造工程云川段": the section of it
        end += section.end()
    elif HEADS.get(best.text) == "道路" and (reach := _DESTINATION_AFTER.match(item[end:])):
        end += reach.end()  # "…大道东延至兰考": how far the road goes
    name, start = item[:end], 0
    cut = name.rfind("的")
    if cut >= 0:
        name, start = name[cut + 1:], cut + 1
    cuts = [
        brk.end() for brk in _BREAK.finditer(name)
        if len(name) - brk.end() >= 4 and brk.end() < best.start - start
        # "滨湖康养小镇建设项目二期工程": a verb before 项目/工程 is the name's own word
        and not name.startswith(("项目", "工程"), brk.end())
    ]
    if cuts:
        name, start = name[cuts[-1]:], start + cuts[-1]
    name, start = strip_leads(name, start)
    lead = lead_length(name)
    if lead and HEAD.match(name[lead:]) is None:
        # jieba reads the start of some names as a verb (击鼓路, 前进大道): what is left must
        # not open with a head noun
        name, start = name[lead:], start + lead
        if name.startswith(("了", "着")):  # "开工了平河…": the particle after the verb
            name, start = name[1:], start + 1
    name = _strip_quotes(name.strip(" 　\""))
    etc = name.find("等")
    if etc > 0:
        # "行业研究院等创新平台": the instance before 等 when it has a head noun of its own
        # and what follows is a category (平台, 载体 …);
        # "寨卜昌、苏家作等新型文旅商业消费聚集区", "焦裕禄纪念园等智能停车场": else the
        # instance with the kind after 等, which the list items before it share
        before = name[:etc]
        # the longest head the instance ends with ("瑞丰新材料产业园三期" ends with 三期)
        ending = [h.text for h in _heads(before) if h.end == len(before)]
        head = max(ending, key=len) if ending else None
        kind = clean_kind(name[etc + 1:])
        if head is not None and (
            _CATEGORY.search(kind) or HEAD.search(kind) is None or len(kind) < 3
            or kind.endswith(head)  # "镁业小镇等精品特色小镇": one kind
        ):
            # "平江、清东、枢纽西环线等铁路": the items before it without a head are such
            shared = kind if HEADS.get(kind) in _LINE_TYPES else ""
            return Found(before, offset + start, offset + start + etc, head, shared=shared)
        if ROAD_CODE.fullmatch(before) or (
            sorts_instances(kind) and not _is_place(before, places)
        ):
            # "崇和里(村庄安置D区)等工程", "清江引水等重大水利工程", "S312等国省道项目": the
            # instance is the name (but "东坝头、谷营等生活污水治理项目" are built at each place)
            return Found(before, offset + start, offset + start + etc, "")
        before = places.complete(before)
        return Found(before + kind, offset + start, offset + end, best.text, shared=kind)
    counted = re.match(r"^(.{2,6}?)([\d一二三四五六七八九十两]+个.+)$", name)
    if counted:  # "惠安3个街道办事处养老综合服务中心"
        kind = clean_kind(counted.group(2))
        if kind != counted.group(2) and HEAD.search(kind):
            # a class that names one place each (街道办事处, 社区) stays with the place
            single = _SINGLE_CLASS.search(counted.group(2)[: len(counted.group(2)) - len(kind)])
            if single is not None and not counted.group(1).endswith(single.group()):
                kind = single.group() + kind
            place = places.complete(counted.group(1)) if single is None else counted.group(1)
            return Found(place + kind, offset + start, offset + end, best.text, shared=kind)
    return Found(name, offset + start, offset + end, best.text)


def _strip_quotes(name: str) -> str:
    """``name`` without quotation marks that open or close nothing in it ("“渔果三营”田园综合体"
    keeps its quotes; "示范园”" loses the stray one)."""
    if name.startswith("“") and "”" not in name:
        name = name[1:]
    if name.endswith("”") and "“" not in name:
        name = name[:-1]
    if name.startswith("”"):
        name = name[1:]
    if name.endswith("“"):
        name = name[:-1]
    return name


#: kind words, and the conjunctions that join two of them ("研发与创新平台")
_KIND_WORDS = sorted([*KIND_WORDS, "和", "与", "及"], key=len, reverse=True)
#: kinds after 等 that sort the instances rather than name a facility built at each
_CATEGORY = re.compile(r"(?:平台|载体|设施|项目|工程|机构|场馆|阵地|品牌|园区|基地|中心)$")
#: kinds after 等 that say nothing of what the instances are
_BARE_KINDS = ("项目", "工程", "重点项目", "重大项目", "重点工程", "重大工程")
#: a kind after 等 that sorts by size or weight ("碧莲湖等大型公园游园": 碧莲湖 is the park)
_SIZING = re.compile(r"^(?:大型|大中型|重点|重大|骨干|标志性|龙头)")
_SORTING_KIND = re.compile(r"(?P<body>(?![一二三四五六七八九十\d]+大).{1,8}?)(?:项目|工程)")
#: a road's number names it (G105, S312)
ROAD_CODE = re.compile(r"[GSXY]\d{2,4}")
_PLACE_END = re.compile(r"(?:镇|乡|村|街道|社区|县|区|市)$")


def _is_place(text: str, places: Places) -> bool:
    """Whether ``text`` names a place (谷营镇, or 谷营 where the document writes 谷营镇)."""
    return bool(_PLACE_END.search(text)) or places.complete(text) != text


def sorts_instances(kind: str) -> bool:
    """Whether ``kind``, after 等, sorts the instances before it into a class of projects
    ("重大水利工程", "在建产业项目", "电源电网项目") rather than naming a facility built at each
    of them ("集中式风电项目", "智能停车场"): a 项目/工程 whose words hold no head noun, or a kind
    sorted by size or weight ("大型公园游园", "重点企业技改项目")."""
    if kind in _BARE_KINDS or _SIZING.match(kind):
        return True
    match = _SORTING_KIND.fullmatch(kind.strip("“”\""))
    return match is not None and HEAD.search(match.group("body")) is None


#: place classes of which each place is one (a 街道办事处), unlike 乡镇 (a 乡 or a 镇)
_SINGLE_CLASS = re.compile(r"(?:街道办事处|街道|社区|村)$")


def is_kind_of_thing(body: str) -> bool:
    """Whether ``body`` (a name without its head noun) is made only of kind words."""
    position = 0
    while position < len(body):
        for word in _KIND_WORDS:
            if body.startswith(word, position):
                position += len(word)
                break
        else:
            return False
    return True


def _opens_with_word(name: str) -> bool:
    """Whether ``name`` opens with a word of its own that merely starts like a fragment
    (中心医院, 万华禾香, 年产… rather than 中, 万, 年 left over from a phrase)."""
    first = words(name)[0][0] if name else ""
    if _PLACE_OPENING.match(name) or _COMPANY_OPENING.match(name):
        return True  # "下塘片区…", "亿丰矿业公司…": a place or a firm, whatever its first word
    return (
        len(first) >= 2 and first not in LEADS and not name.startswith(_FRAGMENT_WORDS)
    )


_COMPANY_OPENING = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:公司|集团)")
_PLACE_OPENING = re.compile(
    r"^(?![其该这各每全本此])[\u4e00-\u9fff]{1,3}(?:片区|村|镇|乡|街道|社区)"
)


#: the starts of names that are fragments even as whole words (各类, 全县, 以上 …)
_FRAGMENT_WORDS = tuple(word for word in NOT_NAME_STARTS if len(word) >= 2)


#: a name may open with its capacity ("35千伏变电站", "80万吨能源储备基地"); a length or an
#: area opens an amount of work instead ("860公里农村公路")
QUANTITY_LED = re.compile(
    r"^\d+(?:\.\d+)?(?:万|亿)?(?:千伏|千瓦|兆瓦|吨|立方米|头|只|羽|件|套|台|辆|张|片|粒|双|床|"
    r"kV|KV|kW|MW|GW)|^\d+(?:国道|省道|县道)"  # "38省道平河石门至江口过境段改建工程"
)


_CODE_LED = re.compile(r"^\d+[A-Za-z]")


def is_name(found: Found) -> bool:
    name = found.name
    chars = len(CJK.findall(name)) + len(re.findall(r"[A-Za-z0-9]", name))
    if chars < 3 or len(name) > 50 or name in GENERIC:
        return False
    if name.endswith("建设") and (name[:-2] in GENERIC or name[:-2] in HEADS):
        return False  # "储能站建设": a kind being built, not a name
    # a figure opens no name unless it is a capacity or a code ("5G产业园", "3D打印中心")
    figure_led = name[0].isdigit() and not QUANTITY_LED.match(name)
    if name.endswith(NOT_NAME_ENDS) or (figure_led and not _CODE_LED.match(name)):
        return False
    if name.startswith(NOT_NAME_STARTS) and not _opens_with_word(name):
        return False
    if any(word in name for word in NOT_NAME_WORDS):
        return False
    if name.count("“") != name.count("”"):  # cut inside a quotation (地“一门户四基地)
        return False
    head_start = name.rfind(found.head)
    body = name[:head_start] if head_start > 0 else ""
    qualifier = _PAREN_AFTER.match(name[head_start + len(found.head):]) if head_start >= 0 else None
    if qualifier:  # "老年公寓(老年养护楼二期)", "科技馆(二期)": the bracket says which
        body += qualifier.group()[1:-1]
    if re.search(r"[A-Za-z0-9“”]", body) or (found.head.startswith("号") and body):
        return True  # "G105改造", "八号线"
    return len(CJK.findall(body)) >= 2


def is_generic(found: Found) -> bool:
    """Whether a name only says what kind of thing it is ("区域展示平台")."""
    if found.head in NAMED_BY_ANY_WORDS:
        return False
    head_start = found.name.rfind(found.head)
    body = found.name[:head_start] if head_start > 0 else found.name
    return not re.search(r"[A-Za-z0-9“”]", body) and is_kind_of_thing(body)


_COUNTED_PLACES = re.compile(
    r"^(?:[\d一二三四五六七八九十两]+[个座所条家])?(?:乡镇|街道办事处|办事处|街道|乡|镇|村|县区)?"
)


def clean_kind(kind: str) -> str:
    """The kind words a list shares, without counts and place classes ("六个乡镇产业园区" →
    产业园区, "乡镇建设田园综合体" → 田园综合体)."""
    previous = None
    while kind != previous:
        previous = kind
        kind = _COUNTED_PLACES.sub("", kind, count=1)
        kind, _ = strip_leads(kind, 0)
    return kind


class Places:
    """Completes a bare township name from how the document writes it elsewhere."""

    def __init__(self, text: str = "") -> None:
        self._text = text
        self._known: dict[str, str] = {}

    def complete(self, name: str) -> str:
        """"东坝头" → 东坝头镇 when the document writes 东坝头镇 somewhere."""
        if name not in self._known:
            match = re.search(rf"{re.escape(name)}(镇|乡(?![村镇])|街道)", self._text)
            self._known[name] = name + match.group(1) if match and len(name) <= 4 else name
        return self._known[name]


def type_of(name: str, head: str) -> str:
    """The type the head noun suggests; for a vague head (中心, 项目) the most telling word."""
    if re.search(r"[一二三四五六七八九十\d][小中高][)）]?$|[小中]学[（(].*[)）]$", name):
        return "学校"  # 置地二小, 驻马店高中附属中学(二十中)
    if HEADS.get(head, "其他") != "其他":
        return HEADS[head]
    for size in range(min(len(name), 8), 0, -1):
        for start in range(len(name) - size, -1, -1):
            kind = HEADS.get(name[start:start + size])
            if kind and kind != "其他":
                return kind
    return HEADS.get(head, "其他")
