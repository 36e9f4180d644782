"""Entries per catalogue document, counted straight from the files (``portfolio catalog stats``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from portfolio.catalog.entries import CatalogDocument
from portfolio.catalog.reading import read_catalog
from portfolio.vocabulary import UNTRACKED_KINDS


@dataclass(frozen=True)
class DocumentStats:
    file: str
    title: str
    number: str
    projects: int
    programmes: int
    #: directions and goals (``UNTRACKED_KINDS``): named, but not projects to track
    untracked: int
    targets: int
    citations: int
    with_investment: int

    @property
    def entries(self) -> int:
        return self.projects + self.programmes + self.untracked


def stats(docs: Sequence[CatalogDocument] | None = None) -> list[DocumentStats]:
    """Entries per document and kind (of the shipped files unless ``docs`` are given)."""
    docs = read_catalog() if docs is None else docs
    return [
        DocumentStats(
            file=doc.file,
            title=doc.title,
            number=doc.number,
            projects=sum(1 for p in doc.projects if p.kind == "project"),
            programmes=sum(1 for p in doc.projects if p.kind == "programme"),
            untracked=sum(1 for p in doc.projects if p.kind in UNTRACKED_KINDS),
            targets=len(doc.targets),
            citations=sum(len(p.citations) for p in doc.projects),
            with_investment=sum(1 for p in doc.projects if p.investment is not None),
        )
        for doc in docs
    ]
