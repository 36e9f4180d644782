"""The catalogue as a library beside the register: its entries, which are adopted, choosing.

The command line (``catalog list|adopt``) and the 规划项目目录 page read the catalogue through
this module: an entry is shown with its document and whether the register holds it (a project
with its ``catalog_key``). Reading the files is cached (:func:`.reading.shipped_catalog`); only
the adopted keys come from the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Project
from portfolio.catalog.entries import CatalogDocument, CatalogError, CatalogProject
from portfolio.catalog.reading import shipped_catalog
from portfolio.vocabulary import UNTRACKED_KINDS


@dataclass(frozen=True)
class LibraryEntry:
    """One catalogue entry with the document it comes from."""

    document: CatalogDocument
    entry: CatalogProject

    @property
    def key(self) -> str:
        return self.entry.key


def entries(docs: Sequence[CatalogDocument] | None = None) -> list[LibraryEntry]:
    """Every entry of the catalogue, in file order and then in the order of each file."""
    docs = shipped_catalog() if docs is None else docs
    return [LibraryEntry(doc, entry) for doc in docs for entry in doc.projects]


def adopted_keys(session: Session) -> set[str]:
    """The catalogue keys the register holds."""
    return set(
        session.scalars(select(Project.catalog_key).where(Project.catalog_key.is_not(None)))
    )


def document_matches(document: CatalogDocument, text: str) -> bool:
    """Whether ``text`` names ``document``: the start of its file name (``003`` or
    ``003_7fd3883a336dc26e.txt``), its number, or part of its title."""
    text = text.strip()
    return bool(text) and (
        document.file.startswith(text) or text in document.number or text in document.title
    )


def choose(
    rows: Sequence[LibraryEntry],
    *,
    documents: Iterable[str] = (),
    categories: Iterable[str] = (),
) -> list[LibraryEntry]:
    """The entries of any of ``documents`` (see :func:`document_matches`) and of any of the
    领域 ``categories``; an empty choice keeps everything. A document or 领域 that matches
    nothing raises :class:`CatalogError`."""
    documents = [d for d in documents if d.strip()]
    categories = [c for c in categories if c.strip()]
    for text in documents:
        if not any(document_matches(r.document, text) for r in rows):
            raise CatalogError(f"没有与“{text}”对应的规划文件")
    for category in categories:
        if not any(r.entry.category == category for r in rows):
            raise CatalogError(f"目录中没有领域为“{category}”的条目")
    return [
        r for r in rows
        if (not documents or any(document_matches(r.document, t) for t in documents))
        and (not categories or r.entry.category in categories)
    ]


def tracked(rows: Iterable[LibraryEntry]) -> list[LibraryEntry]:
    """The entries a whole-document or whole-catalogue adoption takes: not the directions and
    goals (``UNTRACKED_KINDS``), which are adopted only by their own id."""
    return [r for r in rows if r.entry.kind not in UNTRACKED_KINDS]


def find(rows: Sequence[LibraryEntry], ids: Iterable[str]) -> list[LibraryEntry]:
    """The entries named by ``ids``: each a full key (``file#name``) or the eight-digit
    number ``catalog list`` shows. Unknown ids raise :class:`CatalogError` naming them all."""
    by_id = {r.entry.short_id: r for r in rows} | {r.key: r for r in rows}
    found: dict[str, LibraryEntry] = {}
    unknown: list[str] = []
    for text in ids:
        row = by_id.get(text.strip()) or by_id.get(text.strip().lower())
        if row is None:
            unknown.append(text)
        else:
            found.setdefault(row.key, row)
    if unknown:
        raise CatalogError(f"目录中没有这些编号的条目：{'、'.join(unknown)}")
    return list(found.values())
