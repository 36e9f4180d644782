"""The demo's 签约日期 (``projects.signed_on``), so that 三个一批's 签约一批 has projects in the
期 of every quarter.

Most enterprise projects (招商引资: the word list's ``private_types``) are signed, and about a
quarter of the public ones (an EPC or PPP contract counts as a 签约 in the campaign); every
project filed on the 签约 list is signed. A project is signed one to ten months before its
planned start, never after it started nor after ``today`` (one whose day is still to come is
not signed yet), so the dates spread over the quarters as the starts do. A project filed on
the 签约 list carries the 期 its 签约日期 falls in, as an office would file it.

It draws from its own random stream, so the rest of the portfolio is the same for a seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from portfolio.demo.lifecycle import campaign_issue
from portfolio.demo.naming import WORDS
from portfolio.demo.register_rows import Spec

#: Shares of projects with a 签约日期: enterprise projects, public ones.
PRIVATE_SHARE = 0.85
PUBLIC_SHARE = 0.25


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, min(day.day, 28))


def sign(rng: random.Random, specs: Iterable[Spec], today: dt.date) -> None:
    """Set ``signed_on`` on every row of ``specs`` (None for most public projects)."""
    private = set(WORDS["private_types"])
    for spec in specs:
        row = spec.row
        row["signed_on"] = None
        tagged = row.get("signed_issue") is not None
        share = PRIVATE_SHARE if spec.project_type in private else PUBLIC_SHARE
        if spec.life is None or not (tagged or rng.random() < share):
            continue
        latest = min(d for d in (row["planned_start"], row["actual_start"], today) if d)
        day = _months_before(row["planned_start"], rng.randint(1, 10))
        day = day.replace(day=rng.randint(1, 28))
        if day >= latest:
            if latest == today and not tagged:
                row["signed_on"] = None  # to be signed later, before it starts
                continue
            day = latest - dt.timedelta(days=rng.randint(7, 150))
        row["signed_on"] = day
        if tagged:
            row["signed_issue"] = campaign_issue(day)
