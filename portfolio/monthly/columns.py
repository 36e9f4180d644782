"""The entry grid's columns and which of them are typed (the rest are computed)."""

from __future__ import annotations

from dataclasses import dataclass

from portfolio.periods import Period

#: The most characters a typed text (形象进度, 存在问题, 下步计划) may hold.
TEXT_LIMIT = 1000


@dataclass(frozen=True)
class EntryColumn:
    """One column of the monthly entry grid: its key (an :class:`EntryRow` attribute), its
    Chinese header, whether it is typed, and how its values are parsed and shown."""

    key: str
    label: str
    editable: bool = False
    #: 'text', 'money', 'percent', 'bool', 'date', 'int'
    kind: str = "text"


def columns(period: Period) -> tuple[EntryColumn, ...]:
    """The entry grid's columns, in the order of the 明细表 (so that blocks copied from the
    county's Excel sheet line up: 本月完成投资, 形象进度, 存在问题 … are next to each other)."""
    return (
        EntryColumn("name", "项目名称"),
        EntryColumn("stage", "建设性质"),
        EntryColumn("unit", "责任单位"),
        EntryColumn("total_investment", "总投资", kind="money"),
        EntryColumn("prior_years", "截至上年底累计", kind="money"),
        EntryColumn("annual_plan", f"{period.year}年计划", kind="money"),
        EntryColumn("ytd", f"{period.range_label}累计", kind="money"),
        EntryColumn("plan_rate", "占年度计划%", kind="percent"),
        EntryColumn("investment", "本月完成投资", editable=True, kind="money"),
        EntryColumn("progress", "形象进度", editable=True),
        EntryColumn("problems", "存在问题", editable=True),
        EntryColumn("next_steps", "下步计划", editable=True),
        EntryColumn("started", "是否开工", editable=True, kind="bool"),
        EntryColumn("started_on", "开工日期", editable=True, kind="date"),
        EntryColumn("finished_on", "竣工日期", editable=True, kind="date"),
    )


#: The Chinese label of each editable field, for messages and the history.
EDITABLE: dict[str, str] = {
    "investment": "本月完成投资",
    "progress": "形象进度",
    "problems": "存在问题",
    "next_steps": "下步计划",
    "started": "是否开工",
    "started_on": "开工日期",
    "finished_on": "竣工日期",
}
