"""The settings store: typed rows under a prefix, defaults for what is missing or unreadable."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from db.models import Setting
from portfolio import settings


@dataclass
class Sample:
    name: str = "县发改委"
    months: int = 2
    points: Decimal = Decimal("10")


def test_round_trip_by_field_type(db) -> None:
    with db.session() as s:
        assert settings.load(s, Sample, "sample.") == Sample()
    with db.transaction() as s:
        settings.save(s, Sample(" 兰考县发改委 ", 3, Decimal("12.5")), "sample.")
    with db.session() as s:
        assert s.get(Setting, "sample.points").value == "12.5"
        assert settings.load(s, Sample, "sample.") == Sample("兰考县发改委", 3, Decimal("12.5"))


def test_unreadable_rows_keep_their_defaults(db) -> None:
    with db.transaction() as s:
        s.add(Setting(key="sample.months", value="三"))
        s.add(Setting(key="sample.points", value="abc"))
        s.add(Setting(key="other.name", value="不相干"))
    with db.session() as s:
        assert settings.load(s, Sample, "sample.") == Sample()


@dataclass
class Window:
    first: int = 1
    last: int = 12

    def validate(self) -> None:
        if self.first > self.last:
            raise ValueError("起始月份不能晚于结束月份")


def test_values_that_fail_validation_fall_back_to_every_default(db) -> None:
    with db.transaction() as s:
        settings.save(s, Window(3, 9), "window.")
    with db.session() as s:
        assert settings.load(s, Window, "window.") == Window(3, 9)
    with db.transaction() as s:
        s.get(Setting, "window.first").value = "10"  # each readable, together nonsense
    with db.session() as s:
        assert settings.load(s, Window, "window.") == Window()
