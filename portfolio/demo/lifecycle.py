"""One demo project's simulated life: its planned schedule, its start (late or never), and the
money it spends month by month, as integer cents on month indices (``year * 12 + month - 1``).

Lags are drawn so that every warning rule fires for a few projects: late starts, projects that
never started, slow projects, idle spells, and projects running past their planned finish.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from portfolio.money import CENT
from portfolio.periods import Period
from portfolio.plans import TYPICAL_WEIGHTS


def campaign_issue(day: dt.date) -> int:
    """三个一批 期数: four a year, the first in the first quarter of 2021."""
    return max(1, (day.year - 2021) * 4 + (day.month - 1) // 3 + 1)


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def period_of(index: int) -> Period:
    year, month = divmod(index, 12)
    return Period(year, month + 1)


def day_in(index: int, rng: random.Random) -> dt.date:
    """A day of the month ``index`` (the 1st to the 28th)."""
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, rng.randint(1, 28))


def money(cents: int) -> Decimal:
    return (Decimal(cents) * CENT).quantize(CENT)


@dataclass
class Life:
    """A leaf project's schedule and its month-by-month spending (integer cents)."""

    total: int
    planned_start: int
    duration: int
    actual_start: int | None
    spend: dict[int, int] = field(default_factory=dict)
    finish: int | None = None
    behind: bool = False
    idle_months: set[int] = field(default_factory=set)
    reserve: bool = False

    @property
    def planned_finish(self) -> int:
        return self.planned_start + self.duration - 1

    def spent_before(self, index: int) -> int:
        return sum(c for i, c in self.spend.items() if i < index)

    def stage(self, last: int) -> str:
        """建设性质 as of month index ``last``."""
        if self.reserve:
            return "储备"
        if self.finish is not None:
            return "竣工"
        if self.actual_start is None:
            return "前期"
        return "新开工" if self.actual_start // 12 == last // 12 else "续建"


def simulate(rng: random.Random, total: int, first: int, last: int) -> Life:
    """Plan a project and play its spending up to month ``last`` (the last reported month);
    months before ``first`` (the window's January) end up in ``prior_investment``."""
    duration = max(8, min(60, int(rng.lognormvariate(3.15, 0.4))))
    roll = rng.random()
    if roll < 0.03:
        start = last + rng.randint(6, 24)
        return Life(total, start, duration, None, reserve=True)
    if roll < 0.23:  # under way before the window opens
        start = rng.randint(first - duration + 6, first - 1)
    else:
        start = rng.randint(first, last + 8)
    lag_roll = rng.random()
    if lag_roll < 0.6:
        lag: int | None = 0
    elif lag_roll < 0.88:
        lag = rng.randint(1, 2)
    elif lag_roll < 0.96 or start < last - 9:
        lag = rng.randint(3, 5)
    else:
        lag = None  # has not started yet, months after it should have
    actual = None if lag is None or start + lag > last else start + lag
    life = Life(total, start, duration, actual)
    if actual is None:
        return life
    life.behind = rng.random() < 0.1
    pace = rng.uniform(0.5, 0.8) if life.behind else rng.uniform(1.0, 1.3)
    if rng.random() < 0.1 and last - actual >= 3:
        life.idle_months = set(range(last - rng.randint(1, 2), last + 1))
    base = total / duration
    spent = 0
    for index in range(actual, last + 1):
        season = TYPICAL_WEIGHTS[index % 12] * 12 / 100
        if index in life.idle_months or rng.random() < 0.03:
            cents = 0
        else:
            cents = int(base * pace * season * rng.uniform(0.8, 1.2))
            if index == actual:
                cents //= 2
        if spent + cents >= total or (index >= life.planned_finish + 2 and not life.behind
                                      and rng.random() < 0.5):
            cents = total - spent
        life.spend[index] = cents
        spent += cents
        if spent >= total:
            life.finish = index
            break
    return life
