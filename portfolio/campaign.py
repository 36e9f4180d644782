"""三个一批: per 期, the projects signed (签约一批), started (开工一批) and put into production
(投产一批), and the batches' totals.

How a project is filed (set in the editor): a 期 for each list it is on —
``projects.signed_issue``, ``started_issue``, ``produced_issue`` — so a project signed in
2026年第一期, started in 第二期 and put into production in 第四期 is on three lists of three
期. A 期 is numbered from the campaign's first in the first quarter of 2021, four a year —
第23期 is the third of 2026. A batch is named either by that number ("23") or as year and 期
of the year ("2026-3"); :func:`parse_batch` reads both.

签约一批 also reads the 签约日期 (``projects.signed_on``): a project signed in a quarter and not
filed with a 签约期 of its own is on the 签约 list of that quarter's 期 (the n-th 期 of a year
is its n-th quarter). A 签约期 the office filed wins.

A package with parts is listed once: a part is left out of a list that already holds its
package. Each list's 总投资 is the sum of its lines, so a total is always traceable to rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session

from db.models import Project, Unit
from db.queries import ProjectFilter
from portfolio.vocabulary import CAMPAIGN_BATCHES

#: The year of the campaign's first 期, and how many 期 a year.
FIRST_YEAR = 2021
PER_YEAR = 4

#: The three lists in their customary order: tag → list name.
LISTS: dict[str, str] = {tag: f"{tag}一批" for tag in CAMPAIGN_BATCHES}

#: What the date column of each list means.
DATE_LABELS: dict[str, str] = {"签约": "签约时间", "开工": "开工时间", "投产": "投产时间"}

_ALL = ProjectFilter()
_BATCH = re.compile(r"^\s*(?:(\d{4})\s*[-—年/.]\s*(?:第)?\s*(\d{1,2})|(?:第)?\s*(\d{1,3}))"
                    r"\s*期?\s*$")


def issue_of(year: int, number: int) -> int:
    """The campaign-wide 期 number of the ``number``-th 期 of ``year``."""
    if year < FIRST_YEAR or not 1 <= number <= PER_YEAR:
        raise ValueError(f"三个一批期数应为 {FIRST_YEAR} 年以后每年第1—{PER_YEAR}期")
    return (year - FIRST_YEAR) * PER_YEAR + number


def year_and_number(issue: int) -> tuple[int, int]:
    """The year and the 期 of the year of the campaign-wide 期 number ``issue``."""
    year, index = divmod(issue - 1, PER_YEAR)
    return FIRST_YEAR + year, index + 1


def parse_batch(text: str) -> int:
    """"2026-3", "2026年第3期", "23" or "第23期" → 23. Raises ValueError (Chinese)."""
    match = _BATCH.match(text)
    if match is None or (match.group(3) is not None and int(match.group(3)) < 1):
        raise ValueError(f"无法识别三个一批期数“{text}”，"
                         "应写作 2026-3（年份-当年第几期）或 23（总期数）")
    if match.group(3) is not None:
        return int(match.group(3))
    return issue_of(int(match.group(1)), int(match.group(2)))


def batch_code(issue: int) -> str:
    """23 → "2026-3", as ``--batch`` takes it."""
    year, number = year_and_number(issue)
    return f"{year}-{number}"


def batch_label(issue: int) -> str:
    """23 → "2026年第3期（总第23期）"."""
    year, number = year_and_number(issue)
    return f"{year}年第{number}期（总第{issue}期）"


def issue_text(issue: int) -> str:
    """23 → "2026年第3期"."""
    year, number = year_and_number(issue)
    return f"{year}年第{number}期"


def campaign_text(signed: int | None, started: int | None, produced: int | None) -> str:
    """A project's 期 on each list, e.g. "签约2026年第1期，开工2026年第2期"; "" on none."""
    return "，".join(f"{tag}{issue_text(issue)}" for tag, issue in zip(
        CAMPAIGN_BATCHES, (signed, started, produced), strict=True) if issue is not None)


@dataclass
class CampaignProject:
    """One line of a list."""

    project_id: int
    name: str
    total_investment: Decimal | None
    scale: str
    unit: str
    township: str
    category: str
    #: 开工: the actual start; 投产: the actual finish; 签约: the 签约日期
    day: dt.date | None


@dataclass
class CampaignBatch:
    """One 期: its three lists."""

    issue: int
    lists: dict[str, list[CampaignProject]] = field(
        default_factory=lambda: {tag: [] for tag in CAMPAIGN_BATCHES})

    @property
    def code(self) -> str:
        return batch_code(self.issue)

    @property
    def label(self) -> str:
        return batch_label(self.issue)

    def count(self, tag: str) -> int:
        return len(self.lists[tag])

    def investment(self, tag: str) -> Decimal:
        """Σ总投资 of one list: the sum of its lines (an empty total counts as zero)."""
        return sum((p.total_investment or Decimal("0") for p in self.lists[tag]),
                   Decimal("0.00"))

    @property
    def project_count(self) -> int:
        return sum(self.count(tag) for tag in CAMPAIGN_BATCHES)

    @property
    def total_investment(self) -> Decimal:
        return sum((self.investment(tag) for tag in CAMPAIGN_BATCHES), Decimal("0.00"))


def issue_of_day(day: dt.date) -> int | None:
    """The 期 of the quarter ``day`` falls in; None before the campaign began."""
    if day.year < FIRST_YEAR:
        return None
    return issue_of(day.year, (day.month - 1) // 3 + 1)


def quarter_of(issue: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the quarter of 期 ``issue``."""
    year, number = year_and_number(issue)
    first = dt.date(year, 3 * number - 2, 1)
    following = dt.date(year + 1, 1, 1) if number == PER_YEAR else dt.date(
        year, 3 * number + 1, 1)
    return first, following - dt.timedelta(days=1)


#: The column holding each list's 期.
ISSUE_COLUMNS = {"签约": Project.signed_issue, "开工": Project.started_issue,
                 "投产": Project.produced_issue}


def _entries(signed: int | None, started: int | None, produced: int | None,
             signed_on: dt.date | None) -> list[tuple[str, int]]:
    """The (list, 期) a project is on: each list it is filed on, and 签约 in the 期 of its
    签约日期 when it has no 签约期."""
    if signed is None and signed_on is not None:
        signed = issue_of_day(signed_on)
    return [(tag, issue) for tag, issue in zip(CAMPAIGN_BATCHES, (signed, started, produced),
                                               strict=True) if issue is not None]


def batches(session: Session, flt: ProjectFilter = _ALL,
            issues: Sequence[int] | None = None) -> list[CampaignBatch]:
    """Every 期 that has a project in ``flt`` on one of its lists (or only ``issues``), newest
    first; each list ordered by 总投资, largest first, then by id."""
    columns = ISSUE_COLUMNS.values()
    if issues is None:
        filed: ColumnElement[bool] = or_(*(c.is_not(None) for c in columns))
        signed: ColumnElement[bool] = Project.signed_on.is_not(None)
    else:
        filed = or_(*(c.in_(issues) for c in columns))
        signed = or_(false(), *(Project.signed_on.between(*quarter_of(i)) for i in issues))
    query = (
        select(Project.id, Project.name, Project.total_investment, Project.scale,
               func.coalesce(Unit.name, ""), Project.township, Project.category,
               Project.signed_issue, Project.started_issue, Project.produced_issue,
               Project.parent_id, Project.actual_start, Project.actual_finish,
               Project.signed_on)
        .outerjoin(Unit, Project.unit_id == Unit.id)
        .where(or_(filed, and_(Project.signed_issue.is_(None), signed)))
    )
    rows = session.execute(flt.apply(query).order_by(Project.id)).all()
    on_lists = {row.id: _entries(row.signed_issue, row.started_issue, row.produced_issue,
                                 row.signed_on) for row in rows}
    listed = {(pid, tag, issue) for pid, entries in on_lists.items() for tag, issue in entries}
    found: dict[int, CampaignBatch] = {}
    for (pid, name, total, scale, unit, township, category, _signed, _started, _produced,
         parent, started, finished, signed_on) in rows:
        day = {"签约": signed_on, "开工": started, "投产": finished}
        for tag, issue in on_lists[pid]:
            if issues is not None and issue not in issues:
                continue
            if parent is not None and (parent, tag, issue) in listed:
                continue  # the package is on this list already
            line = CampaignProject(pid, name, total, scale or "", unit, township or "",
                                   category or "", day[tag])
            found.setdefault(issue, CampaignBatch(issue)).lists[tag].append(line)
    for batch in found.values():
        for lines in batch.lists.values():
            lines.sort(key=lambda p: (-(p.total_investment or 0), p.project_id))
    if issues is not None:
        for issue in issues:
            found.setdefault(issue, CampaignBatch(issue))
    return [found[i] for i in sorted(found, reverse=True)]


def batch(session: Session, issue: int, flt: ProjectFilter = _ALL) -> CampaignBatch:
    """The lists of one 期 (empty lists when nothing is filed in it)."""
    return batches(session, flt, (issue,))[0]


__all__ = [
    "DATE_LABELS",
    "FIRST_YEAR",
    "ISSUE_COLUMNS",
    "LISTS",
    "PER_YEAR",
    "CampaignBatch",
    "CampaignProject",
    "batch",
    "batch_code",
    "batch_label",
    "batches",
    "campaign_text",
    "issue_of",
    "issue_of_day",
    "issue_text",
    "parse_batch",
    "quarter_of",
    "year_and_number",
]
