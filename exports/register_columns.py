"""Which recognised columns of an office's register a register import reads, and the plan
year its dates without a year belong to.

Offices keep last year's plan beside this year's (often hidden: "2025年计划投资" next to
"2026年计划投资"), reuse last year's list, and add columns the register has no field for.
Reading the wrong one would put another year's figures into this year's plan without a word,
so :func:`choose` leaves out, each with a reason the preview shows:

- a hidden column that is a plan figure, or that repeats a field a visible column gives (a
  hidden 项目代码 alone is still read: systems hide it, its values are the project's own);
- a plan column (年度计划, 季度计划, 年度目标) naming another year than the plan year;
- a column whose field the register does not keep (计划签约时间);
- a 累计完成 to the end of another year than the one before the plan year ("截至2026年底累计
  完成" in a 2026 plan is what the year should end with, not what was done before it);
- a half year's plan (上半年 / 下半年 under 2026年计划投资) beside the year's: the register
  keeps the year and its quarters, and a half cannot be split into quarters without a guess —
  nor is it the year;
- the second of two columns read as the same field (only the first would be read).

The plan year is the user's (``--year``), else the one year the visible plan columns name,
else the title's or file name's.

A plan given only by its halves (上半年 and 下半年, no 全年 column) is their sum; a plan given by
its months (1月 … 12月 under 2026年计划投资) is read month by month (:func:`plan_parts`), the
year their sum unless a 全年 column says it.

Some offices call the 建设性质 the 项目类型 or 类别: a column recognised as the 领域 whose
every value is a 建设性质 (新开工, 续建, 前期) is read as the 建设性质
(:func:`stages_by_values`), unless the sheet has a 建设性质 column or the user mapped it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import replace

from exports.sheets.grid import SheetError, SheetGrid
from exports.sheets.headers import HeaderColumn, HeaderMap, known_key, normalise_header
from portfolio.register_import.fields import (
    HALF_PLANS,
    IMPORTED,
    MONTH_PLANS,
    category_of,
    stage_of,
)

#: fields that are one year's plan
PLAN_FIELDS = frozenset({"annual_plan", "q1_plan", "q2_plan", "q3_plan", "q4_plan",
                         "annual_goal", "month_plan", *MONTH_PLANS, *HALF_PLANS})
#: recognised fields the register keeps nowhere, and why that is said
NOT_KEPT: dict[str, str] = {
    "planned_signing": "本系统没有计划签约时间，未导入（签约日期只记实际签约）",
    "co_unit": "是配合单位：本系统只记牵头（责任）单位，未导入",
    "how_built": "写的是新建/扩建/改建（建设方式），不是新开工、续建等建设性质，未导入",
}

#: a column's own (lowest) header naming half a year: "上半年", "下半年计划", "1-6月计划",
#: "2026年上半年计划投资"
_HALF_YEAR = re.compile(r"^(20\d{2}年度?)?((上|下)半年|(1-6|7-12)月)")
HALF_YEAR_REASON = "是半年计划：本系统只记全年和各季度的计划，半年数不能拆分到季度，未导入"


def plan_year(grid: SheetGrid, header: HeaderMap, year: int | None,
              today: dt.date | None = None) -> int | None:
    """``year``, else the one year the visible plan columns name, else the title's; plan
    columns of several years (2026年 and 2027年计划投资) under a title naming none are this
    year's (``today``'s) when one of them is, else the file is refused (:class:`SheetError`):
    taking the first column's year would read another year's plan without a word."""
    if year is not None:
        return year
    named = {c.year for c in header.columns.values()
             if c.field in PLAN_FIELDS and c.year and c.col not in grid.hidden_cols}
    if len(named) == 1:
        return named.pop()
    if header.period:
        return header.period.year
    if len(named) > 1:
        if (this := (today or dt.date.today()).year) in named:
            return this
        years = "、".join(f"{y}年" for y in sorted(named))
        raise SheetError(f"{grid.where(header.first_row)}：表头中的计划投资列分别写了{years}，"
                         "标题和文件名中没有年度，无法确定计划年度。请用 --year 指定计划年度"
                         "（如 --year 2026）后再导入")
    return None


def choose(grid: SheetGrid, header: HeaderMap, year: int | None, mapped: Collection[str] = ()
           ) -> tuple[dict[int, str], int | None]:
    """The columns not to read (column → reason) and the plan year, for
    :func:`exports.sheets.table.read_table`; ``mapped``: the header texts the user's mapping
    names (their fields are the user's, never changed by their values)."""
    stages_by_values(grid, header, mapped)
    the_year = plan_year(grid, header, year)
    plan_parts(grid, header, the_year)
    return left_out(grid, header, the_year), the_year


def left_out(grid: SheetGrid, header: HeaderMap, year: int | None) -> dict[int, str]:
    columns = sorted(header.columns.values(), key=lambda c: c.col)
    hidden = grid.hidden_cols
    visible = {c.field for c in columns if c.col not in hidden}
    out: dict[int, str] = {}
    for c in columns:
        if c.field in NOT_KEPT:
            out[c.col] = NOT_KEPT[c.field]
        elif c.field == "annual_plan" and _HALF_YEAR.match(_own_header(c.text)):
            out[c.col] = HALF_YEAR_REASON
        elif c.col in hidden and (c.field in PLAN_FIELDS or c.field in visible):
            out[c.col] = "隐藏列，未导入" + (f"（写的是{c.year}年）" if c.year else "")
        elif c.field in PLAN_FIELDS and c.year and year and c.year != year:
            out[c.col] = f"写的是{c.year}年，不是计划年度{year}年，未导入"
        elif c.field == "prior_cumulative" and year and (
                end := _year_end(c.text)) is not None and end != year - 1:
            out[c.col] = f"是截至{end}年底的累计完成，不是截至上年（{year - 1}年）底的，未导入"
    first: dict[str, HeaderColumn] = {}
    for c in columns:
        if c.col in out or c.field not in IMPORTED or c.field == "serial":
            continue
        if c.field in first:
            out[c.col] = (f"与「{first[c.field].text}」同为{IMPORTED[c.field]}，"
                          "只导入前一列")
        else:
            first[c.field] = c
    return out


#: a column's own header naming one month of the plan: "1月", "12月份", "3月计划"
_OWN_MONTH = re.compile(r"^(\d{1,2})月份?(计划)?(投资)?$")


def plan_parts(grid: SheetGrid, header: HeaderMap, year: int | None) -> None:
    """Columns under the year's plan ("2026年计划投资 / …") headed by a month ("1月" …
    "12月", two or more) are that month's plan, by a quarter's months ("1—3月" … "10—12月")
    that quarter's (never 1—3月 done); 上半年 and 下半年 (or 1—6月 and 7—12月: both, and no
    other column of the year's plan) are the halves whose sum is the year's. Left as they are
    otherwise: "1月" alone is no spread, one half is not the year."""
    plans = {c.col: own for c in header.columns.values()
             if c.col not in grid.hidden_cols and (c.year is None or year is None
                                                   or c.year == year)
             and (own := _plan_own(c.field, c.text)) is not None}
    months = {col: int(m.group(1)) for col, own in plans.items()
              if (m := _OWN_MONTH.match(own)) and 1 <= int(m.group(1)) <= 12}
    if len(set(months.values())) < 2:
        months = {}
    for col, own in plans.items():
        key = (MONTH_PLANS[months[col] - 1] if col in months
               else _QUARTER_MONTHS.get(re.sub(r"(计划|投资)+$", "", own)))
        if key is not None:
            header.columns[col] = replace(header.columns[col], field=key,
                                          month=months.get(col))
    halves = {col: own.startswith(("上", "1-6")) for col, own in plans.items()
              if _HALF_YEAR.match(own)}
    whole = [c for c in header.columns.values() if c.field == "annual_plan"
             and c.col in plans and c.col not in halves]
    if not whole and sorted(halves.values()) == [False, True]:
        for col, first in halves.items():
            header.columns[col] = replace(header.columns[col],
                                          field=HALF_PLANS[0 if first else 1], month=None)


#: a quarter's months as a plan column's own header names them
_QUARTER_MONTHS = {"1-3月": "q1_plan", "4-6月": "q2_plan", "7-9月": "q3_plan",
                   "10-12月": "q4_plan"}


def _plan_own(field: str, text: str) -> str | None:
    """The own header of a column of the year's plan, without "其中：" ("2026年计划投资 /
    其中：1—3月" → "1-3月"); ``None`` for a column that is no plan (a 1—3月 under no 计划 is
    what was done)."""
    if field not in {"annual_plan", "month_plan", "ytd_investment"} or (
            field == "ytd_investment" and "计划" not in normalise_header(text)):
        return None
    own = re.sub(r"^(20\d{2}年度?)?其中:?", "", _own_header(text))
    return own if field != "month_plan" or "计划" in own else None


def stages_by_values(grid: SheetGrid, header: HeaderMap, mapped: Collection[str] = ()) -> None:
    """Read a 领域 column (项目类型, 类别) whose every value is a 建设性质 and none a 领域
    ("新开工", "续建项目") as the 建设性质, when the sheet has no 建设性质 column (or only
    one of 新建 / 扩建 / 改建, :func:`_how_built`) and the user did not map this one."""
    given = {known_key(text) for text in mapped}
    stage = header.column("stage")
    if stage is not None and known_key(stage.text) not in given and _how_built(grid, header,
                                                                              stage.col):
        header.columns[stage.col] = replace(stage, field="how_built")
    column = header.column("category")
    if column is None or header.col("stage") is not None or known_key(column.text) in given:
        return
    words = _words(grid, header, column.col)
    if words and all(stage_of(w) and not category_of(w) for w in words):
        header.columns[column.col] = replace(column, field="stage")


#: 建设性质 as the statistics office asks it: how a project builds, not where it stands
_HOW_BUILT = re.compile(r"^(新建|扩建|改建|改扩建|扩改建|迁建|恢复|技改|技术改造|改造)(项目)?$")


def _how_built(grid: SheetGrid, header: HeaderMap, col: int) -> bool:
    """A 建设性质 column of 新建 / 扩建 / 改扩建 (not all 新建, which may mean 新开工)."""
    words = {re.sub(r"\s+", "", w) for w in _words(grid, header, col)}
    return bool(words) and all(_HOW_BUILT.match(w) for w in words) and any(
        not w.startswith("新建") for w in words)


def _words(grid: SheetGrid, header: HeaderMap, col: int) -> set[str]:
    return {grid.text(r, col) for r in range(header.last_row + 1, grid.n_rows)} - {""}


_YEAR_END = re.compile(r"(20\d{2})年(?:底|末)")


def _year_end(text: str) -> int | None:
    """The year whose end a 累计完成 header names ("截至2026年底累计完成" → 2026)."""
    found = _YEAR_END.search(normalise_header(text))
    return int(found.group(1)) if found else None


def _own_header(text: str) -> str:
    """The lowest level of a header read over several rows, normalised ("2026年计划 /
    1—6月（万元）" → "1-6月")."""
    return normalise_header(text.rsplit(" / ", 1)[-1])
