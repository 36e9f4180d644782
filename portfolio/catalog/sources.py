"""The words a citation points at: the cited paragraph of a shipped planning document.

The five planning documents ship in ``resources/documents``, so the 来源 panel can show the
sentence a project was read from, and the section heading above it, without the user having
the files. A document that is not shipped (one a user imported) still lists its citations,
without a paragraph. The same view serves a project of the register
(:func:`citation_sources`) and an entry of the catalogue not adopted yet (:func:`entry_sources`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

import resources
from db.models import Citation, Document
from portfolio.catalog.entries import CatalogDocument, CatalogProject

#: a line that heads a section: "（三）营造一流创新生态。", "第二节 …", "专栏1 …"
_HEADING_LINE = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百]+[章节篇部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]"
    r"|专栏\s*\d+)"
)


@functools.cache
def document_lines(file: str) -> tuple[str, ...] | None:
    """The lines of a planning document shipped in ``resources/documents`` (None if absent)."""
    path = resources.path("documents", Path(file).name)
    try:
        return tuple(path.read_text(encoding="utf-8").split("\n"))
    except (OSError, UnicodeDecodeError):
        return None


@dataclass(frozen=True)
class CitationSource:
    """A citation with the paragraph it points into, for the 来源 view."""

    #: the Document row, None for an entry of the catalogue not adopted yet
    document_id: int | None
    document_file: str
    document_title: str
    document_number: str
    issuer: str
    line: int
    quote: str
    #: the cited line of the shipped document, None when the document is not shipped
    paragraph: str | None
    #: the section heading above the cited line, "" when none is found
    heading: str

    @property
    def quote_span(self) -> tuple[int, int] | None:
        """Where the quote stands in the paragraph."""
        if self.paragraph is None or not self.quote:
            return None
        start = self.paragraph.find(self.quote)
        return None if start < 0 else (start, start + len(self.quote))


def _heading_above(lines: Sequence[str], line: int) -> str:
    for number in range(line - 1, max(0, line - 60), -1):
        text = lines[number - 1].strip()
        if text and _HEADING_LINE.match(text) and len(text) <= 60:
            return text
    return ""


def paragraph_at(file: str, line: int) -> tuple[str | None, str]:
    """The cited line of a shipped document and the section heading above it.

    (None, "") when the document is not shipped or has no such line.
    """
    lines = document_lines(file)
    if lines is None or not 1 <= line <= len(lines):
        return None, ""
    return lines[line - 1].strip(), _heading_above(lines, line)


def citation_sources(session: Session, project_id: int) -> list[CitationSource]:
    """Every citation of a project with its paragraph, in citation order."""
    rows = session.execute(
        select(Citation, Document)
        .join(Document, Document.id == Citation.document_id)
        .where(Citation.project_id == project_id)
        .order_by(Citation.id)
    ).all()
    return [_source(document.id, document, citation.line, citation.quote)
            for citation, document in rows]


def entry_sources(document: CatalogDocument, entry: CatalogProject) -> list[CitationSource]:
    """Every citation of a catalogue entry with its paragraph, read from the files alone."""
    return [_source(None, document, citation.line, citation.quote)
            for citation in entry.citations]


def _source(document_id: int | None, document: Document | CatalogDocument, line: int,
            quote: str) -> CitationSource:
    paragraph, heading = paragraph_at(document.file, line)
    return CitationSource(
        document_id=document_id,
        document_file=document.file,
        document_title=document.title,
        document_number=document.number,
        issuer=document.issuer,
        line=line,
        quote=quote,
        paragraph=paragraph,
        heading=heading,
    )
