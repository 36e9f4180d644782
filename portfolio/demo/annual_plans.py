"""The demo's annual plans: one for every year a project is planned or under way, set from what
was left to do at the start of that year (even, typical or custom monthly spread)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal

from portfolio import plans
from portfolio.demo.lifecycle import Life, money, month_index
from portfolio.plans import PlanData


def plans_for(rng: random.Random, life: Life, first_year: int, last_year: int,
              project_id: int) -> Iterator[PlanData]:
    """An annual plan for every year in which the project is planned or under way."""
    if life.reserve:
        return
    for year in range(first_year, last_year + 1):
        year_start, year_end = month_index(year, 1), month_index(year, 12)
        if life.finish is not None and life.finish < year_start:
            continue
        started_before = life.actual_start is not None and life.actual_start < year_start
        if not started_before and life.planned_start > year_end:
            continue
        remaining = life.total - life.spent_before(year_start)
        if remaining <= 0:
            continue
        if started_before:
            start = year_start
            start_month = None
        elif life.planned_start >= year_start:
            start = life.planned_start
            start_month = start % 12 + 1
        else:  # should have started in an earlier year: re-planned for this spring
            start = year_start + rng.randint(1, 4)
            start_month = start % 12 + 1
        end = max(life.planned_finish, year_end if life.planned_finish < year_start else 0)
        end = max(end, start)
        months_left = end - start + 1
        months_in_year = min(end, year_end) - start + 1
        wan = remaining * months_in_year // months_left // 100
        wan = max(10, wan // 10 * 10) if wan >= 100 else max(1, wan)
        amount = money(min(remaining, wan * 100))
        finish_month = life.planned_finish % 12 + 1 if year_start <= life.planned_finish <= (
            year_end) else None
        if finish_month is not None and start_month is not None and finish_month < start_month:
            finish_month = None
        roll = rng.random()
        distribution = "even" if roll < 0.7 else ("typical" if roll < 0.95 else "custom")
        months: dict[int, Decimal] = {}
        if distribution == "custom":
            weights = [w * rng.randint(5, 15) for w in plans.month_weights(
                "typical", start_month, finish_month)]
            months = {m + 1: a for m, a in enumerate(plans.spread(amount, weights)) if a}
        yield PlanData(project_id, year, amount, start_month, finish_month, distribution, months)
