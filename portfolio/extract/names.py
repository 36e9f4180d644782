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
        ends_name = not after or _TAIL.match(after) or after[0] in "(（“”\""
        # the head that ends last, and the longest of those (物流园区 over 园区)
        if ends_name and (best is None or (match.end, -match.start) > (best.end, -best.start)):
            best = match
    if best is None:
        return None
    end = best.end
    paren = _PAREN_AFTER.match(item[end:])
    if paren:
        end += paren.end()
    name, start = item[:end], 0
    cut = name.rfind("的")
    if cut >= 0:
        name, start = name[cut + 1:], cut + 1
    cuts = [
        brk.end() for brk in _BREAK.finditer(name)
        if len(name) - brk.end() >= 4 and brk.end() < best.start - start
    ]
    if cuts:
        name, start = name[cuts[-1]:], start + cuts[-1]
    name, start = strip_leads(name, start)
    lead = lead_length(name)
    if lead and HEAD.match(name[lead:]) is None:
        # jieba reads the start of some names as a verb (击鼓路, 前进大道): what is left must
        # not open with a head noun
        name, start = name[lead:], start + lead
    name = _strip_quotes(name.strip(" 　\""))
    etc = name.find("等")
    if etc > 0:
        # "行业研究院等创新平台": the instance before 等 when it has a head noun of its own
        # and what follows is a category (平台, 载体 …);
        # "寨卜昌、苏家作等新型文旅商业消费聚集区", "焦裕禄纪念园等智能停车场": else the
        # instance with the kind after 等, which the list items before it share
        before = name[:etc]
        head = HEAD.search(before)
        kind = clean_kind(name[etc + 1:])
        if head is not None and head.end() == len(before) and (
            _CATEGORY.search(kind) or HEAD.search(kind) is None or len(kind) < 3
            or kind.endswith(head.group())  # "镁业小镇等精品特色小镇": one kind
        ):
            return Found(before, offset + start, offset + start + etc, head.group())
        if kind in _BARE_KINDS:  # "崇和里(村庄安置D区)等工程": the instance is the name
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


_KIND_WORDS = sorted(KIND_WORDS, key=len, reverse=True)
#: kinds after 等 that sort the instances rather than name a facility built at each
_CATEGORY = re.compile(r"(?:平台|载体|设施|项目|工程|机构|场馆|阵地|品牌|园区|基地|中心)$")
#: kinds after 等 that say nothing of what the instances are
_BARE_KINDS = ("项目", "工程", "重点项目", "重大项目", "重点工程", "重大工程")
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
    return (
        len(first) >= 2 and first not in LEADS and not name.startswith(_FRAGMENT_WORDS)
    )


#: the starts of names that are fragments even as whole words (各类, 全县, 以上 …)
_FRAGMENT_WORDS = tuple(word for word in NOT_NAME_STARTS if len(word) >= 2)


def is_name(found: Found) -> bool:
    name = found.name
    chars = len(CJK.findall(name)) + len(re.findall(r"[A-Za-z0-9]", name))
    if chars < 3 or len(name) > 40 or name in GENERIC:
        return False
    if name.endswith(NOT_NAME_ENDS) or name[0].isdigit():
        return False
    if name.startswith(NOT_NAME_STARTS) and not _opens_with_word(name):
        return False
    if any(word in name for word in NOT_NAME_WORDS):
        return False
    if name.count("“") != name.count("”"):  # cut inside a quotation (地“一门户四基地)
        return False
    head_start = name.rfind(found.head)
    body = name[:head_start] if head_start > 0 else ""
    if re.search(r"[A-Za-z0-9“”]", body):
        return True
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
