"""Finding candidate named projects in normalised lines, by rules.

Each line is cut into sentences, clauses and list items (:mod:`.lists`); each item's name is
read by :mod:`.names`. Investment (…亿元/万元), physical quantities (万千瓦, 学位, 亩 …) and years
in the same clause — or anywhere in the sentence when the sentence names a single candidate —
are attached to the candidate (:mod:`.figures`), and the quote spans the original words from
the name to the last figure used. Rows under a table header are read by column instead
(:mod:`.tables`). The location is the site stated (位于…, a 地点 column), else a township or the
county/district the name opens with. Every reading keeps its evidence: the verbatim words behind
the name, investment, scale, years, site and — for what :mod:`.rejecting` sets aside — the reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from portfolio.extract.figures import Figures, figures_in
from portfolio.extract.lexicon import CATEGORY_OF_TYPE, PROGRAMME_HEADS
from portfolio.extract.lists import CLAUSE_BREAK, SENTENCE, find_in_clause
from portfolio.extract.model import Candidate, Evidence
from portfolio.extract.names import (
    TOWNSHIP,
    Found,
    Places,
    is_generic,
    is_name,
    name_in,
    strip_leads,
    type_of,
)
from portfolio.extract.normalise import NormalisedLine
from portfolio.extract.rejecting import reason
from portfolio.extract.tables import Header, header_of, read_row

#: "焦南高铁新城:围绕…" — a line that opens with a name and a colon describes that project
_COLON_HEADING = re.compile(r"^\s*([^，,。；;：:]{3,24}?)[：:]")
_HEADING_ENDS = re.compile(
    r"(?:区|城|谷|港|湖|园|带|镇|村|中心|小学|中学|初中|[一二三四五六七八九十\d][小中])$"
)


#: a paragraph that opens with the title of a programme: "沿黄生态廊道建设工程。…"
_TITLE = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）.、．]\s*)?"
    r"(?P<title>[\u4e00-\u9fff“”、]{4,24}工程)[。．.]"
)


def _colon_heading(text: str, places: Places) -> Found | None:
    match = _COLON_HEADING.match(text)
    if match is None:
        return None
    name, start = strip_leads(match.group(1), match.start(1))
    hit = name_in(name, start, places)
    if hit is not None:
        return hit
    ends = _HEADING_ENDS.search(name)
    if ends is None:
        return None
    return Found(name.strip(), start, match.end(1), ends.group())


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
    if heading is not None and is_name(heading) and not is_generic(heading):
        seen.add(heading.name)
        first = SENTENCE.match(text)
        figures = figures_in(first.group(), 0) if first else Figures()
        results.append(_candidate(line, heading, figures))
    title = _TITLE.match(text)
    if title is not None:
        # "完善水利基础设施工程。…": a programme the paragraph is titled by, named as it stands
        titled = Found(title.group("title"), title.start("title"), title.end("title"), "工程")
        seen.add(titled.name)
        results.append(_candidate(line, titled, Figures()))
    for sentence in SENTENCE.finditer(text):
        s_text, s_start = sentence.group(), sentence.start()
        if title is not None and s_start < title.end():
            continue
        clauses: list[tuple[str, int]] = []
        position = 0
        for brk in CLAUSE_BREAK.finditer(s_text):
            clauses.append((s_text[position:brk.start()], s_start + position))
            position = brk.end()
        clauses.append((s_text[position:], s_start + position))
        per_clause = [(c, o, find_in_clause(c, o, places)) for c, o in clauses]
        in_sentence = [f for _, _, found in per_clause for f in found]
        sentence_figures = figures_in(s_text, s_start) if len(in_sentence) == 1 else None
        for clause, offset, found in per_clause:
            clause_figures = figures_in(clause, offset) if len(found) == 1 else Figures()
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
                if candidate.reason:
                    words = line.quote(s_start, s_start + len(s_text)).strip()
                    candidate.evidence.append(Evidence("理由", words, line.number))
                results.append(candidate)
    return results


#: a county, district or zone opening a name ("淇滨区城市排洪…", "示范区石河岸城中村…")
_PLACE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{1,5}?(?:县|区|市)(?=[\u4e00-\u9fff(（]{3,})")
_NOT_A_PLACE = re.compile(r"^[县区市]|城市|(?:园|景|小|社|片|城|校|院|功能|集聚|度假|旅游)区$")


def _location(name: str, figures: Figures) -> tuple[str, tuple[int, int] | None]:
    """Where a candidate is: the site its sentence or row states, else the township or the
    county/district its name opens with; with the span of stated words, if any."""
    if figures.site is not None:
        return figures.site[0], (figures.site[1], figures.site[2])
    township = TOWNSHIP.search(name)
    if township:
        return township.group(), None
    prefix = _PLACE_PREFIX.match(name)
    if prefix and not _NOT_A_PLACE.search(prefix.group()):
        return prefix.group(), None
    return "", None


def _candidate(line: NormalisedLine, hit: Found, figures: Figures) -> Candidate:
    start, end = hit.start, hit.end
    evidence = [Evidence("名称", line.quote(hit.start, hit.end), line.number)]
    investment = None
    investment_text = ""
    if figures.investment is not None:
        investment, _, a, b = figures.investment
        start, end = min(start, a), max(end, b)
        # the words as they stand in the quote (the original may keep noise around them)
        a, b = line.original_span(a, b)
        investment_text = line.original[a:b]
        evidence.append(Evidence("总投资", investment_text, line.number))
    quantities = []
    for value, unit, a, b in figures.quantities:
        quantities.append((value, unit))
        start, end = min(start, a), max(end, b)
        evidence.append(Evidence("规模", line.quote(a, b), line.number))
    if figures.years_span is not None:
        evidence.append(Evidence("年限", line.quote(*figures.years_span), line.number))
    location, site = _location(hit.name, figures)
    if site is not None:
        evidence.append(Evidence("地点", line.quote(*site), line.number))
    project_type = type_of(hit.name, hit.head)
    return Candidate(
        name=hit.name,
        line=line.number,
        quote=line.quote(start, end),
        category=CATEGORY_OF_TYPE.get(project_type, "城建"),
        project_type=project_type,
        kind="programme" if hit.name.endswith(PROGRAMME_HEADS) else "project",
        location=location,
        investment=investment,
        investment_text=investment_text,
        quantities=quantities,
        start_year=figures.years[0],
        end_year=figures.years[1],
        generic=hit.generic,
        evidence=evidence,
    )


def _in_table(
    line: NormalisedLine, header: Header | None, before: Sequence[str]
) -> tuple[Header | None, list[Candidate] | None]:
    """The table header in force after ``line`` and, when ``line`` is a header or a row of the
    table, its candidates (none for a header); ``None`` candidates for running text."""
    found = header_of(line.text, before)
    if found is not None:
        return replace(found, line=line.number), []
    if header is None or "\t" not in line.text:
        return None, None
    row = read_row(line, header)
    if row is None:
        return header, []
    hit, figures = row
    candidate = _candidate(line, hit, figures)
    candidate.quote = line.original.strip()
    if candidate.investment is not None and header.money_label:
        # the unit stands in the header: its words are evidence of the figure too
        candidate.evidence.insert(2, Evidence("总投资", header.money_label, header.line))
    candidate.reason = reason(hit.name, "", "", line.text, generic=False)
    return header, [candidate]


def find_candidates(lines: Sequence[NormalisedLine]) -> list[Candidate]:
    """Candidates of a whole document: one per name, with its further mentions.

    The first mention is the citation, unless a later one states the investment: then that one
    is, so that the investment figure stands in the quote.
    """
    places = Places("\n".join(line.text for line in lines))
    first: dict[str, Candidate] = {}
    header: Header | None = None
    for number, line in enumerate(lines):
        before = [previous.text for previous in lines[max(0, number - 3):number]]
        header, rows = _in_table(line, header, before)
        for candidate in rows if rows is not None else candidates_in_line(line, places):
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
