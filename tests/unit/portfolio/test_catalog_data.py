"""The shipped catalogue against the five planning documents it was read from."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
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
    assert sum(s.entries for s in stats) == 1269
    assert sum(s.targets for s in stats) == 136


def test_catalogue_kinds() -> None:
    """The 2026 review: 18 entries added, 28 re-kinded as directions and goals."""
    kinds = Counter(p.kind for doc in DOCS for p in doc.projects)
    assert kinds == {"project": 969, "programme": 272, "direction": 21, "goal": 7}
    stats = catalog.stats(DOCS)
    assert sum(s.untracked for s in stats) == 28
    assert sum(s.citations for s in stats) == 1424


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


_ENTRY = "{name: A, kind: project, category: 工业, type: 学校, status: planned, line: 1, quote: A"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{kind: project}", "x.txt 第1个项目：缺少 name"),
        ("just text", "x.txt 第1个项目：格式错误"),
        (_ENTRY.replace(", quote: A", "") + "}", "x.txt 项目“A”：缺少 quote"),
        # a missing field is reported before a wrong one
        ("{name: A, kind: x}", "x.txt 项目“A”：缺少 category"),
        (
            _ENTRY.replace("kind: project", "kind: x") + "}",
            "x.txt 项目“A”：kind 应为 project/programme/direction/goal",
        ),
        (_ENTRY.replace("type: 学校", "type: 工厂") + "}", "x.txt 项目“A”：类型“工厂”不在类型表中"),
        (_ENTRY + ", investment: abc}", "x.txt 项目“A” 的投资：“abc”不是数字"),
        (_ENTRY + ", investment: .nan}", "x.txt 项目“A” 的投资：“nan”不是数字"),
        (_ENTRY + ", quantities: [{value: x, unit: 亩}]}", "x.txt 项目“A” 的数量：“x”不是数字"),
        (_ENTRY + ", start_year: soon}", "x.txt 项目“A”：“soon”不是年份"),
        (_ENTRY + ", start_year: 2025, end_year: 2021}", "x.txt 项目“A”：end_year 早于 start_year"),
    ],
)
def test_reading_names_file_entry_and_field(tmp_path: Path, entry: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"document: {{file: x.txt, title: T}}\nprojects:\n- {entry}\n", encoding="utf-8")
    with pytest.raises(catalog.CatalogError) as raised:
        catalog.read_file(bad)
    assert str(raised.value) == message


def test_reading_keeps_values_as_written(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(
        "document: {file: x.txt, title: T, date: '2021-05-01'}\nprojects:\n- "
        + _ENTRY.replace("name: A", "name: 2035")
        + ", investment: 0.1, start_year: '', also_cited: [{line: 3, quote: B}]}\n",
        encoding="utf-8",
    )
    doc = catalog.read_file(path)
    [project] = doc.projects
    assert doc.issued_on == dt.date(2021, 5, 1)
    assert project.name == "2035" and project.investment == Decimal("0.1")
    assert project.start_year is None
    assert [(c.line, c.quote) for c in project.citations] == [(1, "A"), (3, "B")]
