"""The catalogue's records: a document with its projects and targets, as read from a file.

These are plain frozen dataclasses so that the rest of the program (loading, statistics, the
extractor's benchmark) never sees YAML or pydantic; :mod:`.schema` builds them. A project
entry knows the register values it stands for (:meth:`CatalogProject.values`) and their
fingerprint, which is how :mod:`.sync` tells an unedited project from an edited one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from portfolio.catalog.fingerprints import fingerprint
from portfolio.projects import planned_dates

_TOWNSHIP = re.compile(r"([^县区市各或和及、，,（()）\s]{1,5}?(?:(?<!乡)镇|乡|街道))(?!镇|街道)")
_COUNTY_PREFIX = re.compile(r"^.*?(?:县|区|市)(?=.)")


class CatalogError(ValueError):
    """A catalogue file that cannot be read; the message names the file and entry."""



def short_id(key: str) -> str:
    """The eight-digit number ``catalog list`` shows for the entry ``key`` ("file#name")."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]

@dataclass(frozen=True)
class CatalogCitation:
    line: int
    quote: str


@dataclass(frozen=True)
class CatalogProject:
    """One project entry of a catalogue file."""

    file: str
    name: str
    kind: str
    category: str
    project_type: str
    location: str
    status: str
    investment: Decimal | None
    investment_text: str
    quantities: tuple[tuple[Decimal, str], ...]
    start_year: int | None
    end_year: int | None
    citations: tuple[CatalogCitation, ...]

    @property
    def key(self) -> str:
        """``"<seed file>#<name>"``: how a loaded project remembers its entry."""
        return f"{self.file}#{self.name}"

    @property
    def short_id(self) -> str:
        """Eight hex digits of the key's SHA-1: the entry's number in ``catalog list``.

        Derived from the file and the name alone, so it stays the same when other entries
        are added, removed or reordered.
        """
        return short_id(self.key)

    @property
    def line(self) -> int:
        return self.citations[0].line

    @property
    def quote(self) -> str:
        return self.citations[0].quote

    def values(self) -> dict[str, Any]:
        """The project column values this entry stands for (see the package docstring)."""
        township, location = split_location(self.location)
        planned_start, planned_finish = planned_dates(self.start_year, self.end_year)
        return {
            "name": self.name,
            "kind": self.kind,
            "category": self.category,
            "project_type": self.project_type,
            "plan_status": self.status,
            "township": township,
            "location": location,
            "total_investment": self.investment,
            "planned_start": planned_start,
            "planned_finish": planned_finish,
        }

    def fingerprint(self) -> str:
        return fingerprint(
            self.values(), self.quantities, [(self.file, c.line, c.quote) for c in self.citations]
        )


@dataclass(frozen=True)
class CatalogTarget:
    """One plan target (规划目标) of a catalogue file, with the names of its projects."""

    file: str
    text: str
    quantity: Decimal | None
    unit: str
    deadline: int | None
    line: int
    quote: str
    projects: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.file}#{self.line}#{self.text}"

    def values(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "quantity": self.quantity,
            "unit": self.unit,
            "deadline_year": self.deadline,
            "line": self.line,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class CatalogDocument:
    """One catalogue file: the planning document's header, its projects and its targets."""

    file: str
    title: str
    issuer: str
    number: str
    issued_on: dt.date | None
    period: str
    projects: tuple[CatalogProject, ...]
    targets: tuple[CatalogTarget, ...]

    def values(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "title": self.title,
            "issuer": self.issuer,
            "number": self.number,
            "issued_on": self.issued_on,
            "period": self.period,
        }


def split_location(text: str) -> tuple[str, str]:
    """(township, location) from a catalogue location such as ``兰考县堌阳镇徐场村``.

    The township is set only when the text names exactly one 乡/镇/街道; the location then
    starts at the township, so that the register (which writes township + location) names it
    once.
    """
    text = text.strip()
    if "或" in text:  # "开发区或惠安街道": not decided yet
        return "", text
    body = _COUNTY_PREFIX.sub("", text) if not _TOWNSHIP.match(text) else text
    found = list(dict.fromkeys(m.group(1) for m in _TOWNSHIP.finditer(body)))
    if len(found) != 1:
        return "", text
    township = found[0]
    return township, text[text.index(township):]
