"""How a year's planned amount is spread over its months (even, typical or custom), exact
to the cent; the running totals of such amounts."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from portfolio.money import CENT

DISTRIBUTIONS: dict[str, str] = {"even": "平均分配", "typical": "典型分布", "custom": "自定义"}

#: The usual share (percent) of a year's work done in each month: slow in January and
#: February (Spring Festival, frost), busiest from May to June and September to October.
TYPICAL_WEIGHTS: tuple[int, ...] = (4, 3, 7, 9, 10, 11, 9, 9, 10, 10, 9, 9)

ZERO = Decimal("0.00")


def _whole_weights(weights: Sequence[int | Decimal]) -> list[int]:
    """``weights`` scaled to integers by a common power of ten (exactly, never rounded)."""
    exact = [Decimal(w) for w in weights]
    places = max((-int(d.as_tuple().exponent) for d in exact if d.is_finite()), default=0)
    scale = 10 ** max(places, 0)
    return [int(d * scale) for d in exact]


def spread(
    amount: Decimal,
    weights: Sequence[int | Decimal],
) -> list[Decimal]:
    """Split ``amount`` in proportion to ``weights``, to the cent, adding up exactly.

    Cents left over after rounding down go to the months with the largest remainders (the
    earliest first on a tie), so the result never depends on floating point. Integer
    arithmetic throughout, so that remainders compare exactly (the database does the same
    sum in :func:`_spread_by_month`).
    """
    whole = _whole_weights(weights)
    total_weight = sum(whole)
    if total_weight <= 0:
        return [ZERO for _ in weights]
    cents = int((amount / CENT).to_integral_value())
    sign = -1 if cents < 0 else 1
    cents = abs(cents)
    products = [cents * w for w in whole]
    floors = [p // total_weight for p in products]
    remainders = [p % total_weight for p in products]
    left = cents - sum(floors)
    order = sorted(range(len(whole)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        floors[i] += 1
    return [(Decimal(sign * c) * CENT).quantize(CENT) for c in floors]


def month_weights(
    distribution: str,
    start_month: int | None = None,
    finish_month: int | None = None,
) -> list[int]:
    """The weight of each month (1—12) for an ``even`` or ``typical`` plan, zero outside the
    planned months (from the start month, up to the finish month)."""
    first = start_month or 1
    last = finish_month or 12
    if last < first:
        last = 12
    base = TYPICAL_WEIGHTS if distribution == "typical" else (1,) * 12
    return [base[m - 1] if first <= m <= last else 0 for m in range(1, 13)]


def monthly_amounts(
    amount: Decimal | None,
    distribution: str = "even",
    start_month: int | None = None,
    finish_month: int | None = None,
    custom: dict[int, Decimal] | None = None,
) -> list[Decimal]:
    """The planned amount of each month (index 0 = January) of one plan."""
    if distribution == "custom":
        custom = custom or {}
        return [custom.get(m, ZERO).quantize(CENT) for m in range(1, 13)]
    if not amount:
        return [ZERO] * 12
    return spread(amount, month_weights(distribution, start_month, finish_month))


def cumulative(amounts: Sequence[Decimal]) -> list[Decimal]:
    out: list[Decimal] = []
    running = ZERO
    for value in amounts:
        running += value
        out.append(running)
    return out
