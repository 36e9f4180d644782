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
