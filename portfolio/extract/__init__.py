"""The extractor: candidate named projects proposed from a new planning document.

``extract_file(path)`` reads plain text (UTF-8 or GB18030), .docx or a text PDF, normalises it
(conversion noise stripped, traditional script converted to simplified) and applies the rules
of :mod:`.candidates`. Each candidate keeps the original line number and the original words
as its quote. Candidates are proposals: nothing enters the register until a person accepts
them (``ui/extract/``). The shipped catalogue is reviewed data, not extractor output;
``benchmarks/extractor.py`` measures the extractor against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portfolio.extract.candidates import find_candidates
from portfolio.extract.model import Candidate
from portfolio.extract.normalise import NormalisedLine, normalise_lines, normalise_text
from portfolio.extract.reading import ExtractError, SourceText, read_source


@dataclass(frozen=True)
class ExtractResult:
    source: SourceText
    #: the document's title as best known: declared in the file, else its first text line
    title: str
    candidates: list[Candidate]
    lines: list[NormalisedLine]


def _title(source: SourceText, lines: list[NormalisedLine]) -> str:
    if source.declared_title.strip():
        return source.declared_title.strip()
    for line in lines:
        text = line.text.strip()
        if text:
            return text[:200]
    return source.name


def extract_source(source: SourceText) -> ExtractResult:
    lines = normalise_lines(source.lines)
    return ExtractResult(source, _title(source, lines), find_candidates(lines), lines)


def extract_file(path: Path) -> ExtractResult:
    """Read ``path`` and propose its named projects."""
    return extract_source(read_source(Path(path)))


def extract_text(text: str, name: str = "文本") -> ExtractResult:
    """Propose the named projects of ``text`` (for tests and pasted text)."""
    from portfolio.extract.reading import split_lines

    return extract_source(SourceText(name, split_lines(text), "UTF-8"))


__all__ = [
    "Candidate",
    "ExtractError",
    "ExtractResult",
    "SourceText",
    "extract_file",
    "extract_source",
    "extract_text",
    "normalise_text",
    "read_source",
]
