"""Finding candidate named projects in normalised lines, by rules.

A line is cut into sentences (。；) and clauses (，：), a clause into list items (、 和 及 与).
An item that ends — before words such as 建设 or 等 — in a head noun (…物流园, …小学, see
:mod:`.lexicon`) is a candidate once the verbs and qualifiers in front of it are stripped
("加快推进中心医院迁建" → 中心医院). In a list whose last item carries the head noun, the
short items before it share that item's tail ("仪封、考城及黄河滩区集中式风电项目" → 仪封集中式
风电项目, 考城集中式风电项目, 黄河滩区集中式风电项目).

Investment (…亿元/万元), physical quantities (万千瓦, 学位, 亩 …) and years in the same clause
— or anywhere in the sentence when the sentence names a single candidate — are attached to the
candidate, and the quote spans the original words from the name to the last figure used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from portfolio.extract.lexicon import (
    BREAKS,
    CATEGORY_OF_TYPE,
    GENERIC,
    HEADS,
    KIND_WORDS,
    LEADS,
    NAMED_BY_ANY_WORDS,
    NOT_NAME_ENDS,
    NOT_NAME_STARTS,
    NOT_NAME_WORDS,
    PROGRAMME_HEADS,
    TAILS,
)
from portfolio.extract.normalise import NormalisedLine
from portfolio.extract.rejecting import reason
from portfolio.extract.words import lead_length


@dataclass
class Candidate:
    """A proposed project: what the rules read, for a person to accept, edit or reject."""

    name: str
    line: int
    quote: str
    category: str
    project_type: str
    kind: str = "project"
    location: str = ""
    investment: Decimal | None = None
    investment_text: str = ""
    quantities: list[tuple[Decimal, str]] = field(default_factory=list)
    start_year: int | None = None
    end_year: int | None = None
    #: the name only says what kind of thing it is (区域展示平台): likely not a project
    generic: bool = False
    #: why this is probably not a project (an honour, a cluster, "一批…"); "" for a proposal.
    #: The review dialog shows it and leaves the candidate 拒绝 until a person decides otherwise.
    reason: str = ""
    #: further mentions in the document: (line, quote)
    mentions: list[tuple[int, str]] = field(default_factory=list)

    @property
    def lines(self) -> list[int]:
        return [self.line, *(line for line, _ in self.mentions)]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_HEAD = re.compile(rf"(?:{_alternation(HEADS)}|(?<=[一二三四五六七八九十\d])(?:小|中|高))")
#: every head noun, overlapping ones included ("示范园区" holds 示范园 and 园区)
_ANY_HEAD = re.compile(rf"(?=({_HEAD.pattern}))")


@dataclass(frozen=True)
class _Head:
    start: int
    end: int
    text: str


def _heads(text: str) -> list[_Head]:
    return [_Head(m.start(1), m.end(1), m.group(1)) for m in _ANY_HEAD.finditer(text)]
_LEAD = re.compile(rf"^(?:{_alternation(LEADS)})")
_TAIL = re.compile(rf"^(?:{_alternation(TAILS)})")
_BREAK = re.compile(_alternation(BREAKS))
_SENTENCE = re.compile(r"[^。；;！!？?]+[。；;！!？?]?")
_CLAUSE_BREAK = re.compile(r"[，,：:\t]")
_ITEM_BREAK = re.compile(r"、|以及|和|及|与")
_PAREN_AFTER = re.compile(r"^[（(][^（()）]{1,14}[）)]")
_CJK = re.compile(r"[\u3400-\u9fff]")

_NUMBER = r"(\d+(?:\.\d+)?)"
MONEY = re.compile(rf"{_NUMBER}\s*(亿元|万元|亿|万)(?![千平方吨亩人户头只个])")
_MONEY_LEAD = re.compile(r"(?:计划)?(?:总投资|投资总额|投资)(?:约|达|超过|近)?\s*$")
#: clauses that place something ("位于洪河大道与金沙路交叉口") name roads, not projects
_SITE_CLAUSE = re.compile(r"位于|交叉口|东至|西至|南至|北至")
QUANTITY_UNITS: tuple[str, ...] = (
    "万千瓦", "千瓦", "兆瓦", "万平方米", "平方米", "平方公里", "公里", "千米", "亩", "万亩",
    "学位", "个学位", "个教学班", "教学班", "张床位", "床位", "万吨", "吨", "万立方米", "户",
    "套", "座", "所",
)
QUANTITY = re.compile(rf"{_NUMBER}\s*({_alternation(QUANTITY_UNITS)})")
_UNIT_NAMES = {"个学位": "学位", "个教学班": "教学班", "张床位": "床位", "千米": "公里"}
_YEAR_RANGE = re.compile(r"(20\d\d)\s*年?\s*[-—–~至到]+\s*(20\d\d)\s*年")
_YEAR_END = re.compile(r"(?:到|至|于|在)\s*(20\d\d)\s*年(?:底|前|内)?|(20\d\d)\s*年(?:底|前)")
_TOWNSHIP = re.compile(r"[\u3400-\u9fff]{2,4}?(?:镇|乡|街道)")


@dataclass
class _Found:
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


def _strip_leads(text: str, start: int) -> tuple[str, int]:
    numbering = _NUMBERING.match(text)
    if numbering and numbering.end() < len(text):
        text, start = text[numbering.end():], start + numbering.end()
    while True:
        match = _LEAD.match(text)
        if not match or match.end() == len(text):
            return text, start
        text, start = text[match.end():], start + match.end()


def _name_in(item: str, offset: int, places: Places) -> _Found | None:
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
    name, start = _strip_leads(name, start)
    lead = lead_length(name)
    name, start = name[lead:], start + lead
    name = name.strip(" 　“”\"")
    etc = name.find("等")
    if etc > 0:
        # "行业研究院等创新平台": the instance before 等 when it has a head noun of its own;
        # "寨卜昌、苏家作等新型文旅商业消费聚集区": else the instance with the kind after 等,
        # which the list items before it share
        before = name[:etc]
        head = _HEAD.search(before)
        if head is not None and head.end() == len(before):
            return _Found(before, offset + start, offset + start + etc, head.group())
        kind = _clean_kind(name[etc + 1:])
        before = places.complete(before)
        return _Found(before + kind, offset + start, offset + end, best.text, shared=kind)
    counted = re.match(r"^(.{2,6}?)([\d一二三四五六七八九十两]+个.+)$", name)
    if counted:  # "惠安3个街道办事处养老综合服务中心"
        kind = _clean_kind(counted.group(2))
        if kind != counted.group(2) and _HEAD.search(kind):
            place = places.complete(counted.group(1))
            return _Found(place + kind, offset + start, offset + end, best.text, shared=kind)
    return _Found(name, offset + start, offset + end, best.text)


_KIND_WORDS = sorted(KIND_WORDS, key=len, reverse=True)


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


def _is_name(found: _Found) -> bool:
    name = found.name
    chars = len(_CJK.findall(name)) + len(re.findall(r"[A-Za-z0-9]", name))
    if chars < 3 or len(name) > 40 or name in GENERIC:
        return False
    if name.startswith(NOT_NAME_STARTS) or name.endswith(NOT_NAME_ENDS) or name[0].isdigit():
        return False
    if any(word in name for word in NOT_NAME_WORDS):
        return False
    head_start = name.rfind(found.head)
    body = name[:head_start] if head_start > 0 else ""
    if re.search(r"[A-Za-z0-9“”]", body):
        return True
    return len(_CJK.findall(body)) >= 2


def _is_generic(found: _Found) -> bool:
    """Whether a name only says what kind of thing it is ("区域展示平台")."""
    if found.head in NAMED_BY_ANY_WORDS:
        return False
    head_start = found.name.rfind(found.head)
    body = found.name[:head_start] if head_start > 0 else found.name
    return not re.search(r"[A-Za-z0-9“”]", body) and is_kind_of_thing(body)


_COUNTED_PLACES = re.compile(
    r"^(?:[\d一二三四五六七八九十两]+[个座所条家])?(?:乡镇|街道办事处|办事处|街道|乡|镇|村|县区)?"
)


def _clean_kind(kind: str) -> str:
    """The kind words a list shares, without counts and place classes ("六个乡镇产业园区" →
    产业园区, "乡镇建设田园综合体" → 田园综合体)."""
    previous = None
    while kind != previous:
        previous = kind
        kind = _COUNTED_PLACES.sub("", kind, count=1)
        kind, _ = _strip_leads(kind, 0)
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


def _share_tail(
    items: Sequence[tuple[str, int]], last: _Found, places: Places
) -> list[_Found]:
    """Names for the short items before ``last`` that share its tail (see module doc)."""
    shared: list[_Found] = []
    if last.shared:
        tail = last.shared
    else:
        markers = list(re.finditer(r"(?:区|县|市|镇|乡|村|河|路|街道)(?=.{3,})", last.name))
        if not markers:
            return shared
        tail = _clean_kind(last.name[markers[-1].end():])
    for text, offset in items:
        text, start = _strip_leads(text.strip(), offset)
        if not text or len(text) > 6 or (_HEAD.search(text) and text.endswith(tuple(HEADS))):
            continue
        if is_kind_of_thing(text):  # "智能装备制造、高技术制造等先进制造业项目": kinds, not places
            continue
        shared.append(_Found(places.complete(text) + tail, start, start + len(text), last.head))
    return shared


def _find_in_clause(clause: str, offset: int, places: Places) -> list[_Found]:
    if _SITE_CLAUSE.search(clause):
        return []
    items: list[tuple[str, int]] = []
    position = 0
    for match in _ITEM_BREAK.finditer(clause):
        items.append((clause[position:match.start()], offset + position))
        position = match.end()
    items.append((clause[position:], offset + position))
    found: list[_Found] = []
    pending: list[tuple[str, int]] = []
    for text, start in items:
        hit = _name_in(text, start, places)
        if hit is not None and _is_name(hit):
            if pending:
                found += [f for f in _share_tail(pending, hit, places) if _is_name(f)]
            found.append(hit)
            pending = []
        else:
            pending.append((text, start))
    for hit in found:
        hit.generic = _is_generic(hit)
    return found


def _type_of(name: str, head: str) -> str:
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


def _money(value: str, unit: str) -> Decimal:
    """万元 from a figure in 亿元 or 万元, without a spurious decimal place (18.5亿 → 185000)."""
    number = Decimal(value) * (10000 if unit.startswith("亿") else 1)
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


@dataclass
class _Figures:
    investment: tuple[Decimal, str, int, int] | None = None
    quantities: list[tuple[Decimal, str, int, int]] = field(default_factory=list)
    years: tuple[int | None, int | None] = (None, None)


def _figures(text: str, offset: int) -> _Figures:
    """The investment (only one introduced as such: 总投资/投资 …), quantities and years."""
    figures = _Figures()
    for match in MONEY.finditer(text):
        window = max(0, match.start() - 8)
        lead = _MONEY_LEAD.search(text[window:match.start()])
        if lead:
            figures.investment = (
                _money(match.group(1), match.group(2)), match.group(),
                offset + window + lead.start(), offset + match.end(),
            )
            break
    for match in QUANTITY.finditer(text):
        unit = _UNIT_NAMES.get(match.group(2), match.group(2))
        figures.quantities.append(
            (Decimal(match.group(1)), unit, offset + match.start(), offset + match.end())
        )
    years = _YEAR_RANGE.search(text)
    if years:
        figures.years = (int(years.group(1)), int(years.group(2)))
    else:
        end = _YEAR_END.search(text)
        if end:
            figures.years = (None, int(end.group(1) or end.group(2)))
    return figures


#: "焦南高铁新城:围绕…" — a line that opens with a name and a colon describes that project
_COLON_HEADING = re.compile(r"^\s*([^，,。；;：:]{3,24}?)[：:]")
_HEADING_ENDS = re.compile(
    r"(?:区|城|谷|港|湖|园|带|镇|村|中心|小学|中学|初中|[一二三四五六七八九十\d][小中])$"
)


def _colon_heading(text: str, places: Places) -> _Found | None:
    match = _COLON_HEADING.match(text)
    if match is None:
        return None
    name, start = _strip_leads(match.group(1), match.start(1))
    hit = _name_in(name, start, places)
    if hit is not None:
        return hit
    ends = _HEADING_ENDS.search(name)
    if ends is None:
        return None
    return _Found(name.strip(), start, match.end(1), ends.group())


def candidates_in_line(
    line: NormalisedLine, places: Places | None = None
) -> list[Candidate]:
    """The candidates one normalised line names, in order, without duplicates.

    ``places`` are the townships the document names (东坝头镇 …), to complete bare ones.
    """
    text = line.text
    places = places or Places(text)
    results: list[Candidate] = []
    seen: set[str] = set()
    heading = _colon_heading(text, places)
    if heading is not None and _is_name(heading) and not _is_generic(heading):
        seen.add(heading.name)
        first = _SENTENCE.match(text)
        figures = _figures(first.group(), 0) if first else _Figures()
        results.append(_candidate(line, heading, figures))
    for sentence in _SENTENCE.finditer(text):
        s_text, s_start = sentence.group(), sentence.start()
        clauses: list[tuple[str, int]] = []
        position = 0
        for brk in _CLAUSE_BREAK.finditer(s_text):
            clauses.append((s_text[position:brk.start()], s_start + position))
            position = brk.end()
        clauses.append((s_text[position:], s_start + position))
        per_clause = [(c, o, _find_in_clause(c, o, places)) for c, o in clauses]
        in_sentence = [f for _, _, found in per_clause for f in found]
        sentence_figures = _figures(s_text, s_start) if len(in_sentence) == 1 else None
        for clause, offset, found in per_clause:
            clause_figures = _figures(clause, offset) if len(found) == 1 else _Figures()
            for hit in found:
                if hit.name in seen:
                    continue
                seen.add(hit.name)
                figures = sentence_figures if sentence_figures is not None else clause_figures
                candidate = _candidate(line, hit, figures)
                candidate.reason = reason(
                    hit.name, text[offset:hit.start], text[hit.end:offset + len(clause)],
                    s_text, generic=hit.generic,
                )
                results.append(candidate)
    return results


def _candidate(line: NormalisedLine, hit: _Found, figures: _Figures) -> Candidate:
    start, end = hit.start, hit.end
    investment = None
    investment_text = ""
    if figures.investment is not None:
        investment, _, a, b = figures.investment
        start, end = min(start, a), max(end, b)
    quantities = []
    for value, unit, a, b in figures.quantities:
        quantities.append((value, unit))
        start, end = min(start, a), max(end, b)
    quote = line.quote(start, end)
    if figures.investment is not None:
        # the words as they stand in the quote (the original may keep noise around them)
        a, b = line.original_span(figures.investment[2], figures.investment[3])
        investment_text = line.original[a:b]
    project_type = _type_of(hit.name, hit.head)
    township = _TOWNSHIP.search(hit.name)
    return Candidate(
        name=hit.name,
        line=line.number,
        quote=quote,
        category=CATEGORY_OF_TYPE.get(project_type, "城建"),
        project_type=project_type,
        kind="programme" if hit.name.endswith(PROGRAMME_HEADS) else "project",
        location=township.group() if township else "",
        investment=investment,
        investment_text=investment_text,
        quantities=quantities,
        start_year=figures.years[0],
        end_year=figures.years[1],
        generic=hit.generic,
    )


def find_candidates(lines: Sequence[NormalisedLine]) -> list[Candidate]:
    """Candidates of a whole document: one per name, with its further mentions.

    The first mention is the citation, unless a later one states the investment: then that one
    is, so that the investment figure stands in the quote.
    """
    places = Places("\n".join(line.text for line in lines))
    first: dict[str, Candidate] = {}
    for line in lines:
        for candidate in candidates_in_line(line, places):
            earlier = first.get(candidate.name)
            if earlier is None:
                first[candidate.name] = candidate
            elif candidate.line not in earlier.lines:
                earlier.mentions.append((candidate.line, candidate.quote))
                if earlier.investment is None and candidate.investment is not None:
                    # the figures of a later, fuller mention, with that mention as the quote
                    earlier.mentions[-1] = (earlier.line, earlier.quote)
                    earlier.line, earlier.quote = candidate.line, candidate.quote
                    earlier.investment = candidate.investment
                    earlier.investment_text = candidate.investment_text
                    earlier.quantities = candidate.quantities or earlier.quantities
    return list(first.values())
