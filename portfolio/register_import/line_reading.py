"""One line of a register as project fields and plan figures: stages and 领域 from their
column or the group rows above, a part inheriting from its package, dates from 起止年限, a
start taken for a started project, money to the cent, quarters spread over months. Problems go
to the preview's warnings and errors; nothing is compared with the database here."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from portfolio.matching import strip_marks
from portfolio.money import format_money
from portfolio.name_lists import split_units
from portfolio.projects import normalise_code
from portfolio.register_import.changes import RegisterPreview, RowChange
from portfolio.register_import.fields import (
    FUNDING_COLUMNS,
    HALF_PLANS,
    MONTH_PLANS,
    QUARTERS,
    category_of,
    stage_of,
)
from portfolio.register_import.records import (
    LeaderName,
    RegisterSource,
    SourceDate,
    SourceRow,
    YearSpan,
)
from portfolio.register_import.states import (
    HALTED,
    WITHDRAWN,
    issue_of_text,
    remark_started,
    state_of,
)
from portfolio.vocabulary import CATEGORIES, LEVELS, STAGES

CENT = Decimal("0.01")
_STARTED_STAGES = ("续建", "竣工")
#: 三个一批's 期 columns → the date a 期 column gives when an office fills it with a month
ISSUE_DATES = {"signed_issue": "signed_on", "started_issue": "planned_start",
               "produced_issue": "planned_finish"}


#: a mobile or a fixed-line number, as written beside a name in one 联系人及电话 cell
_PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")


def split_contact(text: str) -> dict[str, str]:
    """"张明 13903781234" (联系人 and 电话 in one cell) → its name and its number; a cell
    without a number stays the name."""
    found = _PHONE.search(text)
    if found is None:
        return {"contact_name": text}
    name = (text[:found.start()] + " " + text[found.end():]).strip(" ：:，,、/;；（）()")
    return {"contact_name": name, "contact_phone": found.group(1)} if name else {
        "contact_phone": found.group(1)}


#: text columns and the fields they give
_TEXTS = (("township", "township"), ("location", "location"), ("scale", "scale"),
          ("unit", "unit"), ("contact", "contact_name"), ("phone", "contact_phone"),
          ("remarks", "notes"))
#: amount columns and the fields they give
_AMOUNTS = (("total_investment", "total_investment"), ("prior_cumulative", "prior_investment"))
_NONE: dict[str, Any] = {}
_BAD_STAGE = "建设性质「{}」无法识别（应为" + "、".join(STAGES) + "），未导入"
_BAD_CATEGORY = "领域「{}」对应不到" + "、".join(CATEGORIES) + "之一，未导入"
#: what a year's plan is split into, as an error names it
_PARTS = {MONTH_PLANS: "各月", QUARTERS: "四个季度", HALF_PLANS: "上下半年"}


class LineReader:
    """Reads the lines of one source for one plan year, reporting into one preview.

    A register repeats itself down a column (levels, 起止年限, dates): a value the source
    shares among rows (the reader shares one per distinct cell) is worked out once, looked up
    by identity and kept, so that its identity stays its own."""

    def __init__(self, source: RegisterSource, result: RegisterPreview) -> None:
        self.source = source
        self.result = result
        self.year = result.year
        #: 项目状态 words that say nothing the register keeps → the rows they are on
        self.unknown_states: dict[str, list[int]] = {}
        #: id of a value → (the value, what it gives)
        self._levels: dict[int, tuple[Any, tuple[str, ...], list[str]]] = {}
        self._spans: dict[int, tuple[YearSpan, dt.date, dt.date]] = {}
        self._ends: dict[int, tuple[SourceDate, dt.date]] = {}
        #: the 资金来源 the file has a column for: what its lines say of each project's
        self.funding_sources = {name: key for key, name in FUNDING_COLUMNS.items()
                                if source.column(key) is not None}
        # what the lines of this file can say, worked out once: a field without a column (or
        # a value from the group rows) is not looked for on every line
        said = _keys_said(source.rows)
        self._with_issues = not said.isdisjoint(ISSUE_DATES)
        self._texts = [(key, target) for key, target in _TEXTS if key in said]
        self._amounts = [(key, target) for key, target in _AMOUNTS if key in said]
        self._states = not said.isdisjoint(("started", "status", "remarks"))
        #: a 责任单位 cell's text → its units (offices repeat a handful of units)
        self._units: dict[str, list[str]] = {}

    def read(self, row: SourceRow, parent: RowChange | None
              ) -> tuple[dict[str, Any], dict[str, Any], LeaderName | None]:
        v = row.values
        if self._with_issues and (
                "signed_issue" in v or "started_issue" in v or "produced_issue" in v):
            # the 期 columns (ISSUE_DATES) may move a date: a copy
            v = dict(v)
        inherited = parent.changes if parent is not None else _NONE
        ch: dict[str, Any] = {"name": strip_marks((v.get("name") or "").strip())}
        if v is not row.values:
            self._issues(row, v, ch)
        code = v.get("code")
        if code:
            ch["project_code"] = normalise_code(str(code))
        self._word(row, "stage", v.get("stage") or row.stage_group, stage_of, STAGES,
                   inherited, ch, _BAD_STAGE)
        self._word(row, "category", v.get("category") or row.category_group, category_of,
                   CATEGORIES, inherited, ch, _BAD_CATEGORY)
        levels = v.get("level")
        if levels:
            known = self._levels.get(id(levels))
            if known is None:
                good = tuple(sorted((lv for lv in levels if lv in LEVELS), key=LEVELS.index))
                known = self._levels[id(levels)] = (
                    levels, good, [lv for lv in levels if lv not in LEVELS])
            if known[2]:
                self.result.warnings.append(
                    f"{self.source.where(row.row, 'level')}：级别「{'、'.join(known[2])}」"
                    f"无法识别（应为{'、'.join(LEVELS)}），未导入")
            if known[1]:
                ch["levels"] = list(known[1])
        elif "levels" in inherited:
            ch["levels"] = inherited["levels"]
        for key, target in self._texts:
            text = v.get(key)
            if text is not None and text != "":
                ch[target] = str(text).strip()
        if "unit" in ch:
            self._unit(row, ch)
        if "contact_name" in ch and "contact_phone" not in ch:
            ch.update(split_contact(ch["contact_name"]))
        leaders: tuple[LeaderName, ...] = v.get("leader") or ()
        leader = leaders[0] if leaders else None
        if len(leaders) > 1:
            self.result.warnings.append(
                f"{self.source.where(row.row, 'leader')}：写了{len(leaders)}位领导，只导入第一位"
                f"“{leaders[0].name}”")
        if leader is None and parent is not None:
            leader = parent.leader
        if leader is not None:
            ch["leader"] = leader.name
        self._dates(v, ch, self._started(row, v, ch) if self._states else None)
        for key, target in self._amounts:
            amount = v.get(key)
            if amount is not None:
                ch[target] = self._money(row, key, amount)
        funding = [(source, self._money(row, key, v[key]))
                   for source, key in self.funding_sources.items() if v.get(key) is not None]
        if funding:
            ch["funding"] = funding
        plan = self._plan(row, v, ch)
        return ch, plan, leader

    def finish(self) -> None:
        """Name, once a word, the 项目状态 the register could not read, with their rows."""
        for word, rows in self.unknown_states.items():
            halted = any(h in word for h in HALTED)
            listed = "、".join(str(r + 1) for r in rows[:10]) + ("行等" if len(rows) > 10 else "行")
            self.result.warnings.append(
                f"{self.source.where(None, 'status')}：项目状态「{word}」"
                + ("本系统没有停建、缓建状态" if halted else
                   "无法识别（应为在建、已开工、未开工、前期、已竣工、投产等）")
                + f"，未导入（第{listed}，共{len(rows)}行）")

    def _word(self, row: SourceRow, key: str, text: str | None,
              convert: Callable[[str], str | None], allowed: Sequence[str],
              inherited: dict[str, Any], ch: dict[str, Any], refusal: str) -> None:
        """``ch[key]`` from the office's word ``text`` when ``convert`` makes it one of
        ``allowed``, else a warning (``refusal`` with the word); without a word, the package's."""
        if text:
            value = convert(text)
            if value in allowed:
                ch[key] = value
            else:
                self.result.warnings.append(
                    f"{self.source.where(row.row, key)}：{refusal.format(text)}")
        elif key in inherited:
            ch[key] = inherited[key]

    def _unit(self, row: SourceRow, ch: dict[str, Any]) -> None:
        """Several 责任单位 in one cell ("县住建局、县交通局"): the first, the lead unit, is the
        project's (as the first of several leaders is), the others named in a warning —
        never one unit called "县住建局、县交通局"."""
        text = ch["unit"]
        units = self._units.get(text)
        if units is None:
            units = self._units[text] = split_units(text)
        if len(units) > 1:
            ch["unit"] = units[0]
            self.result.warnings.append(
                f"{self.source.where(row.row, 'unit')}：写了{len(units)}个责任单位，只导入第一个"
                f"“{units[0]}”（牵头单位），{'、'.join(units[1:])}未导入")
        elif units:
            ch["unit"] = units[0]

    def _money(self, row: SourceRow, key: str, amount: Any) -> Decimal:
        rounded = (amount if type(amount) is Decimal else Decimal(amount)).quantize(
            CENT, ROUND_HALF_UP)
        if rounded != amount:
            self.result.warnings.append(
                f"{self.source.where(row.row, key)}：{_as_written(Decimal(amount))}万元"
                f"保留两位小数为{format_money(rounded)}万元")
        if rounded < 0:
            self.result.errors.append(f"{self.source.where(row.row, key)}：金额不能为负数")
        return rounded

    def _issues(self, row: SourceRow, v: dict[str, Any], ch: dict[str, Any]) -> None:
        """签约期 / 开工期 / 投产期: a 期 to its number; a date to the 签约日期, 计划开工 or
        计划竣工 (投产) the row does not give in a column of its own."""
        for key, date_key in ISSUE_DATES.items():
            value = v.pop(key, None)
            if isinstance(value, str):
                try:
                    ch[key] = issue_of_text(value)
                except ValueError as error:
                    self.result.warnings.append(
                        f"{self.source.where(row.row, key)}：{error}，未导入")
            elif isinstance(value, SourceDate):
                if v.get(date_key) is None:
                    v[date_key] = value
                elif v[date_key] != value:
                    column = self.source.column(date_key)
                    self.result.warnings.append(
                        f"{self.source.where(row.row, key)}：日期{value.date.isoformat()}与"
                        f"「{column.text if column else date_key}」列不同，以后者为准，本格未导入")

    def _started(self, row: SourceRow, v: dict[str, Any], ch: dict[str, Any]) -> bool | None:
        """Started or not: a 是否开工 column, else 项目状态, else a state written in 备注;
        ``None`` when none says (the stage may, see :meth:`_dates`). 项目状态 also gives the
        stage when no 建设性质 does."""
        where, warn = self.source.where, self.result.warnings.append
        started: bool | None = v.get("started")
        status = v.get("status")
        if status:
            state = state_of(status)
            if state is None:
                self.unknown_states.setdefault(status, []).append(row.row)
            else:
                if started is None:
                    started = state.started
                if state.stage and "stage" not in ch:
                    ch["stage"] = state.stage
        remarks = str(v.get("remarks") or "")
        if not remarks:
            return started
        if started is None:
            started = remark_started(remarks)
        withdrawn = next((word for word in WITHDRAWN if word in remarks), None)
        if withdrawn:
            warn(f"{where(row.row, 'remarks')}：“{ch['name']}”备注为「{withdrawn}」，仍按项目导入，"
                 "未删除任何项目；如已调出，请在项目库中处理")
        return started

    def _dates(self, v: dict[str, Any], ch: dict[str, Any], started: bool | None) -> None:
        start: SourceDate | None = v.get("planned_start")
        finish: SourceDate | None = v.get("planned_finish")
        years: YearSpan | None = v.get("years")
        span = None
        if years is not None and (start is None or finish is None):
            span = self._spans.get(id(years))
            if span is None:
                span = self._spans[id(years)] = (
                    years, dt.date(years.start_year, years.start_month or 1, 1),
                    _month_end(years.finish_year, years.finish_month or 12))
        if start is not None:
            ch["planned_start"] = start.date
        elif span is not None:
            ch["planned_start"] = span[1]
        if finish is not None:
            end = self._ends.get(id(finish))
            if end is None:
                end = self._ends[id(finish)] = (finish, _end_of(finish))
            ch["planned_finish"] = end[1]
        elif span is not None:
            ch["planned_finish"] = span[2]
        actual: SourceDate | None = v.get("actual_start")
        if actual is not None:
            ch["actual_start"] = actual.date
        signed: SourceDate | None = v.get("signed_on")
        if signed is not None:
            ch["signed_on"] = signed.date
        if started is None and ch.get("stage") in _STARTED_STAGES:
            started = True
        if started and "actual_start" not in ch:
            # no date in the file: the start of the 起止年限, else the planned start, else the
            # plan year; taken only when the database has none (see _diffs)
            first = dt.date(self.year, 1, 1)
            guess = ch.get("planned_start")
            ch["actual_start?"] = guess if guess and guess < dt.date(self.year + 1, 1, 1) \
                else first

    def _plan(self, row: SourceRow, v: dict[str, Any], ch: dict[str, Any]) -> dict[str, Any]:
        plan: dict[str, Any] = {}
        annual = v.get("annual_plan")
        if annual is not None:
            annual = self._money(row, "annual_plan", annual)
        keys = next((k for k in (MONTH_PLANS, QUARTERS, HALF_PLANS)
                     if not v.keys().isdisjoint(k)), None)
        if keys is not None:  # the year's months, quarters or halves
            amounts = [Decimal(0) if v.get(key) is None else self._money(row, key, v[key])
                       or Decimal(0) for key in keys]
            total = sum(amounts, Decimal("0.00"))
            if annual is None:
                annual = total
            if annual != total:
                self.result.errors.append(
                    f"{self.source.where(row.row, 'annual_plan')}：年度计划{format_money(annual)}"
                    f"万元与{_PARTS[keys]}合计{format_money(total)}万元不一致")
            elif keys is not HALF_PLANS:
                plan["distribution"] = "custom"
                plan["months"] = quarter_months(amounts) if keys is QUARTERS else {
                    n: a for n, a in enumerate(amounts, start=1) if a}
        if annual is not None:
            plan["planned_investment"] = annual
        goal = v.get("annual_goal")
        if goal:
            plan["goal"] = str(goal).strip()
        for key, target in (("planned_start", "planned_start_month"),
                            ("planned_finish", "planned_finish_month")):
            date = ch.get(key)
            if date is None or date.year != self.year:
                continue
            explicit: SourceDate | None = v.get(key)
            years: YearSpan | None = v.get("years")
            known = (explicit is not None and explicit.precision != "year") or (
                explicit is None and years is not None
                and (years.start_month if key == "planned_start" else years.finish_month))
            if known:
                plan[target] = date.month
        return plan


def _keys_said(rows: list[SourceRow]) -> set[str]:
    """Every key the values of ``rows`` (and of their parts) hold."""
    said: set[str] = set()
    for row in rows:
        said.update(row.values)
        if row.parts:
            said |= _keys_said(row.parts)
    return said


def _as_written(amount: Decimal) -> str:
    """An amount with every decimal it has ("13614.875", not the "13614.88" it rounds to)."""
    return f"{amount.normalize():f}"


def quarter_months(quarters: list[Decimal]) -> dict[int, Decimal]:
    """Four quarter amounts as twelve monthly ones (months without money left out): each
    quarter split in three to the cent, rounding down, the remainder in its last month."""
    months: dict[int, Decimal] = {}
    for q, amount in enumerate(quarters):
        third = (amount / 3).quantize(CENT, ROUND_DOWN)
        for i, value in enumerate((third, third, amount - 2 * third)):
            if value:
                months[3 * q + i + 1] = value
    return months


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _end_of(value: SourceDate) -> dt.date:
    """A planned finish written as a month, a quarter or a year means its end."""
    date = value.date
    if value.precision == "month":
        return _month_end(date.year, date.month)
    if value.precision == "quarter":
        return _month_end(date.year, date.month + 2)
    if value.precision == "year":
        return dt.date(date.year, 12, 31)
    return date
