"""The shipped catalogue against the five planning documents it was read from."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

import resources
from portfolio import catalog
from tests.helpers import SEEDS

DOCS = catalog.read_catalog()
SEED_FILES = ("000_c25127e9708c978d.txt", "001_0fcf01f5f6d18067.txt",
              "002_3ca4e12bec14f454.txt", "003_7fd3883a336dc26e.txt",
              "004_9b7329dcd4a14262.txt")


@cache
def seed_lines(file: str) -> list[str]:
    """The lines of a planning document as shipped in ``resources/documents``."""
    return resources.path("documents", file).read_text(encoding="utf-8").split("\n")


def test_one_catalogue_file_per_seed_document() -> None:
    assert [doc.file for doc in DOCS] == list(SEED_FILES)
    for doc in DOCS:
        assert doc.title and doc.issuer


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.file)
def test_every_document_has_entries(doc: catalog.CatalogDocument) -> None:
    assert len(doc.projects) >= 30


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.file)
def test_every_quote_is_an_exact_substring_of_its_line(doc: catalog.CatalogDocument) -> None:
    lines = seed_lines(doc.file)
    wrong = []
    for entry in doc.projects:
        for citation in entry.citations:
            if not (1 <= citation.line <= len(lines)) or not citation.quote.strip() or (
                citation.quote not in lines[citation.line - 1]
            ):
                wrong.append(f"{entry.name} @{citation.line}: {citation.quote}")
    for target in doc.targets:
        if target.quote not in lines[target.line - 1]:
            wrong.append(f"目标 {target.text} @{target.line}: {target.quote}")
    assert not wrong, "\n".join(wrong)


_MONEY = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|万元|亿|万)")


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.file)
def test_every_investment_appears_in_its_quote(doc: catalog.CatalogDocument) -> None:
    wrong = []
    for entry in doc.projects:
        if entry.investment is None:
            assert not entry.investment_text, entry.name
            continue
        if not entry.investment_text or entry.investment_text not in entry.quote:
            wrong.append(f"{entry.name}: “{entry.investment_text}” not in “{entry.quote}”")
            continue
        match = _MONEY.search(entry.investment_text)
        assert match, entry.investment_text
        value = Decimal(match.group(1)) * (10000 if match.group(2).startswith("亿") else 1)
        if value != entry.investment:
            wrong.append(f"{entry.name}: {entry.investment_text} ≠ {entry.investment}万元")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.file)
def test_no_duplicate_names_within_a_document(doc: catalog.CatalogDocument) -> None:
    names = [entry.name for entry in doc.projects]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.file)
def test_names_are_clean_simplified_chinese(doc: catalog.CatalogDocument) -> None:
    from portfolio.extract.normalise import to_simplified

    noisy = [
        e.name for e in doc.projects
        if "?" in e.name or re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)", e.name)
        or (doc.file.startswith("001") and to_simplified(e.name) != e.name)
    ]
    assert not noisy


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.file)
def test_targets_name_projects_of_their_document(doc: catalog.CatalogDocument) -> None:
    names = {entry.name for entry in doc.projects}
    for target in doc.targets:
        assert set(target.projects) <= names, target.text
        assert target.quantity is None or target.quantity > 0


def test_shipped_documents_are_the_seed_documents() -> None:
    """The source panel shows paragraphs from resources/documents: the same files."""
    for file in SEED_FILES:
        shipped = resources.path("documents", file)
        assert shipped.is_file(), file
        if (SEEDS / file).is_file():
            assert shipped.read_bytes() == (SEEDS / file).read_bytes(), file


def test_catalogue_counts() -> None:
    stats = catalog.stats(DOCS)
    assert sum(s.entries for s in stats) == 1251
    assert sum(s.targets for s in stats) == 136


def test_reading_rejects_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "document: {file: x.txt, title: T}\nprojects:\n"
        "- {name: A, kind: project, category: 工厂, type: 学校, status: planned, line: 1,"
        " quote: A}\n",
        encoding="utf-8",
    )
    with pytest.raises(catalog.CatalogError, match="领域“工厂”"):
        catalog.read_file(bad)
