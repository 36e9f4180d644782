"""Reporting periods (月调度 months) and 序时进度."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

_PERIOD = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"月份应在 1—12 之间：{self.month}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026-10``, ``2026/10`` or ``2026年10月``."""
        match = _PERIOD.match(text)
        if not match:
            raise ValueError(f"无法识别的月份“{text}”，应写作 2026-10")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Period:
        return cls(day.year, day.month)

    @classmethod
    def current(cls) -> Period:
        return cls.of(dt.date.today())

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def next(self) -> Period:
        return Period(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Period:
        return Period(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @property
    def time_progress(self) -> Decimal:
        """序时进度: the share of the year gone after this month, N/12."""
        return Decimal(self.month) / Decimal(12)

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def range_label(self) -> str:
        """``1—10月``, as the report columns say."""
        return "1月" if self.month == 1 else f"1—{self.month}月"

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"
