"""The warning thresholds (预警阈值): when a project goes on the warning list, stored in the
``settings`` table and edited in the settings dialog."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from portfolio import settings


@dataclass
class Thresholds:
    """When a project goes on the warning list; edited in the settings dialog."""

    #: 完成率低于序时进度达到这么多个百分点即预警
    behind_points: Decimal = Decimal("10")
    #: 连续这么多个月无新增投资即预警
    idle_months: int = 2
    #: 计划开工月份过后再宽限这么多个月
    start_grace_months: int = 0
    #: 计划竣工月份过后再宽限这么多个月
    finish_grace_months: int = 0

    def validate(self) -> None:
        """Raise ValueError with a Chinese message when a threshold makes no sense."""
        if not Decimal("0") < self.behind_points <= Decimal("100"):
            raise ValueError("滞后预警的百分点应在 0—100 之间")
        if not 1 <= self.idle_months <= 12:
            raise ValueError("连续无投资的月数应在 1—12 之间")
        for value, label in ((self.start_grace_months, "开工"), (self.finish_grace_months, "竣工")):
            if not 0 <= value <= 12:
                raise ValueError(f"{label}宽限月数应在 0—12 之间")


_SETTING_PREFIX = "warning."


def load_thresholds(session: Session) -> Thresholds:
    """The thresholds stored in the database; defaults for anything missing or unreadable,
    and all defaults when the stored ones do not make sense together."""
    return settings.load(session, Thresholds, _SETTING_PREFIX)


def save_thresholds(session: Session, thresholds: Thresholds,
                    expected: Thresholds | None = None) -> None:
    """Store ``thresholds`` (validated first; the change is audited like any other).
    ``expected`` is what the dialog loaded: when another user saved other thresholds since,
    :class:`~portfolio.concurrency.StaleEdit` names them, who and when, and nothing is
    written."""
    thresholds.validate()
    if expected is not None:
        settings.check_unchanged(session, _SETTING_PREFIX, expected, load_thresholds, "预警设置", {
            "behind_points": "完成率低于序时进度百分点", "idle_months": "连续无新增投资月数",
            "start_grace_months": "开工宽限月数", "finish_grace_months": "竣工宽限月数"})
    settings.save(session, thresholds, _SETTING_PREFIX)
