"""A candidate named project, as the extractor proposes it for review, with its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

#: what a piece of evidence supports, in the order the review dialog lists them
EVIDENCE_KINDS = ("名称", "总投资", "规模", "年限", "地点", "理由")


@dataclass(frozen=True)
class Evidence:
    """The words of the document behind one reading of a candidate (its name, its investment,
    why it was set aside …): ``text`` is verbatim from line ``line``, noise included."""

    what: str
    text: str
    line: int


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
    #: the words behind each reading, name first (see :data:`EVIDENCE_KINDS`)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """建议导入 for a proposal, 建议不导入 for what the rules set aside (see ``reason``)."""
        return "建议不导入" if self.reason else "建议导入"

    @property
    def lines(self) -> list[int]:
        return [self.line, *(line for line, _ in self.mentions)]
