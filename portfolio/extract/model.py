"""A candidate named project, as the extractor proposes it for review."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


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
