"""The rules of the 问题台账: its words (类别, 状态), what "open" and "overdue" mean on a
day (in Python and as SQL, so that lists and counts agree with the alert rule), the guess of a
类别 from a text, and the validation of a problem's fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from db.models import Problem
from portfolio.periods import Period

KINDS: tuple[str, ...] = (
    "用地", "资金", "手续审批", "征地拆迁", "水电气配套", "环保", "施工组织", "其他",
)
#: 状态, in the order a problem moves through them.
STATES: tuple[str, ...] = ("待解决", "解决中", "已解决", "无法解决")
OPEN_STATES: tuple[str, ...] = ("待解决", "解决中")
CLOSED_STATES: tuple[str, ...] = ("已解决", "无法解决")

#: Chinese names of the fields, for messages and headers.
FIELD_LABELS: dict[str, str] = {
    "project_id": "项目",
    "raised": "提出时间",
    "description": "问题描述",
    "kind": "类别",
    "unit": "协调单位",
    "person": "责任人",
    "deadline": "办结时限",
    "state": "状态",
    "resolution": "解决情况",
    "resolved_on": "解决日期",
}

#: Words that tell a problem's 类别, tried kind by kind in this order (the first kind with a
#: word in the text wins): the specific kinds before the broad ones, so that 土地手续 is 用地
#: and 施工许可证 is 手续审批, and the single characters 电/水/气 last, after 天气 has been
#: taken by 施工组织.
KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("征地拆迁", ("拆迁", "征地", "征迁", "征收", "搬迁", "迁坟", "青苗", "补偿", "安置")),
    ("用地", ("用地", "土地", "林地", "耕地", "供地", "基本农田", "地块")),
    ("资金", ("资金", "缺口", "融资", "贷款", "专项债", "拨付", "垫资", "欠款")),
    ("手续审批", ("手续", "审批", "环评", "施工许可", "许可证", "立项", "备案", "核准", "批复",
                 "可研", "能评", "节能审查", "图审", "报批")),
    ("环保", ("环保", "环境", "扬尘", "污染", "排放", "督察", "噪声", "生态")),
    ("水电气配套", ("供电", "用电", "电力", "电网", "变电", "接电", "通电", "供水", "用水",
                   "给水", "排水", "通水", "管网", "供气", "燃气", "天然气", "通气", "配套")),
    ("施工组织", ("施工", "工期", "材料", "人员", "机械", "设备", "降雨", "雨季", "天气",
                 "冬季", "停工", "进场", "工人", "劳动力", "设计")),
    ("水电气配套", ("电", "水", "气")),
)


class ProblemError(ValueError):
    """A problem that cannot be saved; ``errors`` maps field names to Chinese messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("；".join(errors.values()))
        self.errors = errors


@dataclass
class ProblemData:
    """The editable fields of a problem, as plain values (``unit`` is the unit's name)."""

    project_id: int
    raised: Period
    description: str
    kind: str = "其他"
    unit: str = ""
    person: str = ""
    deadline: dt.date | None = None
    state: str = "待解决"
    resolution: str = ""
    resolved_on: dt.date | None = None

    def with_changes(self, **changes: Any) -> ProblemData:
        return replace(self, **changes)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


@dataclass(frozen=True)
class ProblemRow:
    """One line of the 问题台账, as every list shows it."""

    id: int
    project_id: int
    project_name: str
    raised: Period
    description: str
    kind: str
    unit: str
    person: str
    deadline: dt.date | None
    state: str
    resolution: str
    resolved_on: dt.date | None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def overdue_days(self, on: dt.date) -> int:
        """Days past the 办结时限 on ``on`` (0 when not overdue then)."""
        return days_overdue(self.state, self.deadline, self.resolved_on, on)


def is_open_on(state: str, resolved_on: dt.date | None, on: dt.date) -> bool:
    """Whether a problem was still open at the end of ``on``."""
    if state in OPEN_STATES:
        return True
    return resolved_on is not None and resolved_on > on


def days_overdue(state: str, deadline: dt.date | None, resolved_on: dt.date | None,
                 on: dt.date) -> int:
    """Days a problem is past its 办结时限 on ``on``; 0 when it is not overdue that day."""
    if deadline is None or deadline >= on or not is_open_on(state, resolved_on, on):
        return 0
    return (on - deadline).days


def is_overdue(state: str, deadline: dt.date | None, resolved_on: dt.date | None,
               on: dt.date) -> bool:
    return days_overdue(state, deadline, resolved_on, on) > 0


def open_on_sql(on: dt.date) -> ColumnElement[bool]:
    """SQL of :func:`is_open_on`."""
    return or_(Problem.state.in_(OPEN_STATES),
               and_(Problem.resolved_on.is_not(None), Problem.resolved_on > on))


def overdue_on_sql(on: dt.date) -> ColumnElement[bool]:
    """SQL of :func:`is_overdue`."""
    return and_(open_on_sql(on), Problem.deadline.is_not(None), Problem.deadline < on)


def raised_by_sql(period: Period) -> ColumnElement[bool]:
    """Raised in ``period`` or before."""
    return or_(Problem.raised_year < period.year,
               and_(Problem.raised_year == period.year, Problem.raised_month <= period.month))


def guess_kind(text: str) -> str:
    """The 类别 that the words of ``text`` suggest (:data:`KIND_WORDS`); 其他 when none do."""
    for kind, words in KIND_WORDS:
        if any(word in text for word in words):
            return kind
    return "其他"


def validate(data: ProblemData, *, today: dt.date | None = None) -> None:
    """Raise :class:`ProblemError` naming every wrong field in Chinese."""
    label = FIELD_LABELS
    errors: dict[str, str] = {}
    if not data.description.strip():
        errors["description"] = f"{label['description']}不能为空"
    elif len(data.description) > 2000:
        errors["description"] = f"{label['description']}过长（最多2000字）"
    if data.kind not in KINDS:
        errors["kind"] = f"{label['kind']}无效：{data.kind}（可选：{'、'.join(KINDS)}）"
    if data.state not in STATES:
        errors["state"] = f"{label['state']}无效：{data.state}（可选：{'、'.join(STATES)}）"
    if len(data.person) > 100:
        errors["person"] = f"{label['person']}过长（最多100字）"
    if len(data.unit.strip()) > 200:
        errors["unit"] = f"{label['unit']}过长（最多200字）"
    start = data.raised.first_day
    if data.deadline is not None and data.deadline < start:
        errors["deadline"] = f"{label['deadline']}不能早于{label['raised']}（{data.raised.label}）"
    if data.state == "已解决":
        if not data.resolution.strip():
            errors["resolution"] = f"办结为“已解决”须填写{label['resolution']}"
        if data.resolved_on is None:
            errors["resolved_on"] = f"办结为“已解决”须填写{label['resolved_on']}"
    elif data.state == "无法解决":
        if not data.resolution.strip():
            errors["resolution"] = f"办结为“无法解决”须在{label['resolution']}中说明原因"
        if data.resolved_on is None:
            errors["resolved_on"] = f"办结为“无法解决”须填写{label['resolved_on']}"
    elif data.state in OPEN_STATES and data.resolved_on is not None:
        errors["resolved_on"] = f"问题尚未办结（{data.state}），不能填写{label['resolved_on']}"
    if data.resolved_on is not None and "resolved_on" not in errors:
        if data.resolved_on < start:
            errors["resolved_on"] = (f"{label['resolved_on']}不能早于{label['raised']}"
                                     f"（{data.raised.label}）")
        elif data.resolved_on > (today or dt.date.today()):
            errors["resolved_on"] = f"{label['resolved_on']}不能晚于今天"
    if errors:
        raise ProblemError(errors)


def check_transition(old: str, new: str) -> None:
    """Refuse moving a closed problem to the other closed state: it is reopened first."""
    if old in CLOSED_STATES and new in CLOSED_STATES and old != new:
        raise ProblemError({"state": f"问题已办结（{old}），须先重新打开才能改为“{new}”"})
