"""The demo's 资金到位: money arriving per funding source the way each source usually arrives.

- 中央预算内投资 is passed down whole once a project is well under way, in one or two tranches
  early in its spending;
- 地方政府专项债券 arrives in one to three tranches in the issuing season (March—November);
- 省市县财政 in two to four allocations, late in the year more often than early;
- 银行贷款 in two or three drawdowns;
- 企业自筹 month by month, in step with the spending;
- anything else in one to three pieces.

A line's target is its amount times the project's spent share (with some noise; a finished
project's line arrives almost whole), never more than the line's amount, and it is split to the
cent with :func:`portfolio.plans.spread`, so every figure is exact.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from portfolio import funds, plans
from portfolio.money import CENT

#: (months in which the source may arrive, fewest and most tranches, pick the earliest months)
PATTERNS: dict[str, tuple[frozenset[int], int, int, bool]] = {
    "中央预算内投资": (frozenset(range(1, 13)), 1, 2, True),
    "地方政府专项债券": (frozenset(range(3, 12)), 1, 3, False),
    "省市县财政": (frozenset(range(4, 13)), 2, 4, False),
    "银行贷款": (frozenset(range(1, 13)), 2, 3, False),
    "其他": (frozenset(range(1, 13)), 1, 3, False),
}

Month = tuple[int, int, Decimal]  # year, month, spent that month


def _target(rng: random.Random, source: str, amount: Decimal, share: float,
            finished: bool) -> Decimal:
    if source == "中央预算内投资":
        fraction = 1.0 if share > 0.25 else rng.uniform(0.4, 0.8)
    elif finished:
        fraction = rng.uniform(0.93, 1.0)
    else:
        fraction = min(1.0, share * rng.uniform(0.75, 1.15))
    return min(amount, (amount * Decimal(f"{fraction:.4f}")).quantize(CENT))


def _months(rng: random.Random, source: str, spending: Sequence[Month]) -> list[Month]:
    """The spending months in which ``source`` arrives."""
    if source == "企业自筹":
        return list(spending[-12:])
    allowed, fewest, most, early = PATTERNS.get(source, PATTERNS["其他"])
    pool = [m for m in spending if m[1] in allowed] or list(spending)
    count = min(len(pool), rng.randint(fewest, most))
    if early:
        return pool[:count]
    return sorted(rng.sample(pool, count))


def receipts(pid: int, plan: Sequence[tuple[str, Decimal]], spending: Sequence[Month],
             share: float, finished: bool, rng: random.Random) -> list[dict[str, Any]]:
    """Rows of ``funds_received`` for one project: ``plan`` is its funding lines (text,
    amount), ``spending`` its months with money spent, in order; ``share`` what it has spent
    of its total."""
    got: dict[tuple[int, int, str], Decimal] = defaultdict(Decimal)
    for text, amount in plan:
        source = funds.source_of(text)
        target = _target(rng, source, amount, share, finished)
        chosen = _months(rng, source, spending)
        if target <= 0 or not chosen:
            continue
        weights = ([max(1, int(spent)) for _, _, spent in chosen] if source == "企业自筹"
                   else [rng.randint(3, 10) for _ in chosen])
        for (year, month, _), piece in zip(chosen, plans.spread(target, weights), strict=True):
            if piece > 0:
                got[(year, month, source)] += piece
    return [{"project_id": pid, "year": y, "month": m, "source": s, "amount": a}
            for (y, m, s), a in sorted(got.items())]
