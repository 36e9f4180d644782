"""What a register's words say about a project's state, its 三个一批 期 and its name.

- 项目状态 (在建, 已开工, 未开工, 前期, 已竣工, 投产 …) gives the started state and, where the
  register has one, the stage (a new project 在建 since before the plan year is 续建, not
  前期); 停建 and 缓建 have no place in the register and are said so;
- 备注 written as a state (已开工, 已竣工, 未开工) gives the started state when nothing better
  does; 拟调出 is a warning for the office, never a deletion;
- 签约期 / 开工期 / 投产期 written as a 期 ("2026年第1期", "第二十期") become the campaign-wide
  期 number (:func:`portfolio.campaign.parse_batch`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from portfolio.campaign import parse_batch
from portfolio.chinese_numerals import numerals_as_digits


@dataclass(frozen=True)
class State:
    """A 项目状态 word read: started (``None``: the word does not say), and the stage it
    implies when no 建设性质 says one."""

    started: bool | None
    stage: str | None = None


#: 项目状态 words (after 已/正在 are dropped) → what they say; the first found in the text wins
_STATES: tuple[tuple[str, State], ...] = (
    ("未开工", State(False)), ("待开工", State(False)), ("拟开工", State(False)),
    ("竣工", State(True, "竣工")), ("建成", State(True, "竣工")), ("完工", State(True, "竣工")),
    ("投产", State(True, "竣工")),
    ("在建", State(True)), ("开工", State(True)), ("施工", State(True)), ("续建", State(True)),
    ("前期", State(False, "前期")), ("储备", State(False, "储备")), ("谋划", State(False, "储备")),
)
#: states the register cannot keep: started or not is not said by them
HALTED = ("停建", "缓建", "停工", "暂停", "终止")


@cache  # a register repeats a handful of states
def state_of(text: str) -> State | None:
    """The state a 项目状态 word means, or ``None`` when it is unknown or a halt
    (:data:`HALTED`, which the caller names)."""
    word = re.sub(r"\s+", "", text)
    if any(h in word for h in HALTED):
        return None
    return next((state for key, state in _STATES if key in word), None)


def stage_of_start(start: dt.date | None, year: int, *, guessed: bool) -> str | None:
    """The stage of a new project that started (its 项目状态 says "在建"; no 建设性质): 续建
    when it started before the plan ``year``, 新开工 when the file dates its start in it
    (not when the start is ``guessed``), else ``None`` (the default, 前期, stays)."""
    if start is None:
        return None
    if start.year < year:
        return "续建"
    return "新开工" if start.year == year and not guessed else None


#: 备注 words that state a start (or its absence)
_REMARK_STATES: tuple[tuple[str, bool], ...] = (
    ("未开工", False), ("已开工", True), ("已竣工", True), ("已建成", True), ("已投产", True),
)
#: 备注 words a user must be told about
WITHDRAWN = ("拟调出", "调出", "拟退出", "拟删除")


@cache
def remark_started(text: str) -> bool | None:
    """The started state a 备注 states ("已开工", "已竣工"), or ``None``."""
    return next((s for word, s in _REMARK_STATES if word in text), None)


def issue_of_text(text: str) -> int:
    """"2026年第1期", "第二十期", "20" → the campaign-wide 期; raises ValueError (Chinese)."""
    cleaned = numerals_as_digits(re.sub(r"\s+|（.*）|\(.*\)|批次?", "", text))
    return parse_batch(cleaned)
