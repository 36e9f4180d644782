"""Finding candidate named projects in normalised lines, by rules.

Each line is cut into sentences, clauses and list items (:mod:`.lists`); each item's name is
read by :mod:`.names`. Investment (…亿元/万元), physical quantities (万千瓦, 学位, 亩 …) and years
in the same clause — or anywhere in the sentence when the sentence names a single candidate —
are attached to the candidate (:mod:`.figures`), and the quote spans the original words from
the name to the last figure used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from portfolio.extract.figures import Figures, figures_in
from portfolio.extract.lexicon import CATEGORY_OF_TYPE, PROGRAMME_HEADS
from portfolio.extract.lists import CLAUSE_BREAK, SENTENCE, find_in_clause
from portfolio.extract.model import Candidate
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

#: "焦南高铁新城:围绕…" — a line that opens with a name and a colon describes that project
_COLON_HEADING = re.compile(r"^\s*([^，,。；;：:]{3,24}?)[：:]")
_HEADING_ENDS = re.compile(
    r"(?:区|城|谷|港|湖|园|带|镇|村|中心|小学|中学|初中|[一二三四五六七八九十\d][小中])$"
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
    for sentence in SENTENCE.finditer(text):
        s_text, s_start = sentence.group(), sentence.start()
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
                results.append(candidate)
    return results


def _candidate(line: NormalisedLine, hit: Found, figures: Figures) -> Candidate:
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
    project_type = type_of(hit.name, hit.head)
    township = TOWNSHIP.search(hit.name)
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
