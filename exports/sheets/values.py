"""One cell's content to a typed value, the way offices write it.

Every parser takes what a :class:`~exports.sheets.grid.SheetGrid` cell holds (text, a calamine
number, a date) and returns the typed value, ``None`` for "nothing" ("", "—", "/", "无" …), or
raises :class:`ValueProblem` with a Chinese message that says what is wrong with the value; the
caller adds the file, sheet, row and column (:func:`exports.sheets.table.read_table` does).

Money is exact: a calamine float becomes a Decimal through its 15-significant-digit decimal
form (:func:`to_decimal`). Excel itself keeps 15 significant digits of what was typed, so a
figure typed in Excel (万元 with two decimals up to 10¹³) comes back exactly as typed, and a
formula's binary noise (0.30000000000000004) is rounded away.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from exports.sheets.grid import Cell, cell_text
from portfolio.dates import DateTextError, DateValue, date_from_number, parse_date_text
from portfolio.name_lists import split_outside_brackets

#: What a money cell holds when there is nothing: the values offices use for "none".
NOTHING = frozenset({"", "-", "--", "—", "——", "–", "/", "//", "\\", "无", "暂无", "空",
                     "_", "…", "...", "x", "×", "不适用"})
UNIT_FACTORS: dict[str, Decimal] = {"元": Decimal("0.0001"), "万元": Decimal(1),
                                    "亿元": Decimal(10000)}

_INLINE_UNIT = re.compile(r"^(.*?)(亿元|万元|亿|万|元)$")
_UNTIDY = re.compile(r"[\r\n\t\u3000\xa0]|  ")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_WIDE = r"[\u3000-\u9fff\uff00-\uffef]"
_CJK_BREAK = re.compile(rf"(?<={_WIDE})\s*\n\s*(?={_WIDE})")
_YEAR_MONTH = re.compile(r"((?:19|20)\d{2})(?:\s*(?:年|\.|/|-)\s*(\d{1,2})(?!\d)\s*月?)?")
_LEADER = re.compile(r"^(.*?)\s*[(（](.*)[)）]\s*$")
#: "李明 副县长", "赵永强 县委常委、组织部长": a name of two to four characters, a space, a title
_LEADER_SPACED = re.compile(r"^([\u4e00-\u9fff·]{2,4})\s+(\S.*)$")
#: what a title says (a part after "、" that is one is the previous leader's second title)
_TITLE = re.compile(r"(书记|常委|县长|市长|镇长|乡长|主任|部长|局长|主席|秘书长|政委|院长|组长|"
                    r"指挥长|经理|董事长|委员|调研员|巡视员)$")
_LIST_SPLIT = re.compile(r"[、，,;；/\s]+|(?<=[重点])和|及")
_TRUE = frozenset({"是", "√", "✓", "✔", "y", "yes", "true", "1", "有", "已", "已开工", "开工",
                   "已完成", "已建成", "已竣工", "已投产"})
_FALSE = frozenset({"否", "×", "✗", "✘", "n", "no", "false", "0", "未", "未开工", "无",
                    "没有", "未完成", "暂未开工", "尚未开工"})


#: how a state written instead of a date begins ("未开工", "尚未竣工", "已建成")
_STATE_PREFIXES = ("已", "未", "尚未", "暂未")


class ValueProblem(ValueError):
    """A cell whose content is not what its column needs; the message is Chinese."""


@dataclass(frozen=True)
class Years:
    """建设起止年限: start and finish year, with the month when the office gave one."""

    start_year: int
    finish_year: int
    start_month: int | None = None
    finish_month: int | None = None


@dataclass(frozen=True)
class Leader:
    name: str
    title: str = ""


def normalise(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII (NFKC), stripped."""
    return unicodedata.normalize("NFKC", text).strip()


def clean_text(value: Cell) -> str:
    """A text cell tidied: line breaks inside Chinese text dropped, other breaks and runs of
    (full-width) spaces made one space."""
    if isinstance(value, str) and not _UNTIDY.search(value):
        return value.strip()
    text = cell_text(value).replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in text:
        text = _CJK_BREAK.sub("", text).replace("\n", " ")
    return _SPACES.sub(" ", text).strip()


def needs_tidying(text: str) -> bool:
    """Whether :func:`clean_text` would do more than strip ``text`` (of one cell, or of many
    joined by a character it keeps, such as NUL)."""
    return _UNTIDY.search(text) is not None


def is_nothing(value: Cell) -> bool:
    if not isinstance(value, str):
        return False
    return value in NOTHING or (len(value) <= 8 and normalise(value).replace(" ", "") in NOTHING)


def to_decimal(number: float | int) -> Decimal:
    """A calamine number as the Decimal the user typed (15 significant digits, see above)."""
    if isinstance(number, int):
        return Decimal(number)
    if number.is_integer() and abs(number) < 1e15:
        return Decimal(int(number))
    shortest = repr(number)  # the shortest text that reads back as the same float
    if "e" not in shortest and len(shortest) <= 16:  # ≤ 15 digits and the point: as typed
        return Decimal(shortest)
    return _plain(Decimal(format(number, ".15g")))


def _plain(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def parse_money(value: Cell | Decimal, unit: str = "万元") -> Decimal | None:
    """An amount in 万元 from a cell in ``unit`` (元, 万元 or 亿元); text may carry its own unit
    ("1.2亿", "3000万元"), thousands separators and full-width digits."""
    if isinstance(value, bool):
        raise ValueProblem(f"应为金额，不能是「{cell_text(value)}」")
    factor = UNIT_FACTORS[unit]
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int | float):
        amount = to_decimal(value)
        if factor == 1:
            return amount
    elif isinstance(value, str):
        text = normalise(value).replace(" ", "").replace(",", "").replace("，", "")
        if text in NOTHING:
            return None
        text = text.removeprefix("约").removesuffix("左右")
        match = _INLINE_UNIT.match(text)
        if match:
            text, own = match.group(1), match.group(2)
            factor = UNIT_FACTORS[own if own.endswith("元") else own + "元"]
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueProblem(f"应为金额（{unit}），不能是「{clean_text(value)}」") from None
        if not amount.is_finite():
            raise ValueProblem(f"应为金额（{unit}），不能是「{clean_text(value)}」")
    else:
        raise ValueProblem(f"应为金额（{unit}），不能是日期或时间「{cell_text(value)}」")
    return _plain(amount * factor)


def parse_years(value: Cell) -> Years | None:
    """建设起止年限 in any usual form: "2025-2026年", "2025—2027", "2025.03-2027.12",
    "2025年3月至2027年", "2026" (one year: starts and finishes in it)."""
    if isinstance(value, dt.date):
        return Years(value.year, value.year, value.month, value.month)
    if isinstance(value, int | float) and not isinstance(value, bool):
        year = int(value)
        if year == value and 1900 <= year <= 2100:
            return Years(year, year)
        raise ValueProblem(f"建设起止年限应写成“2025-2026年”的样子，不能是「{cell_text(value)}」")
    text = normalise(cell_text(value))
    if text.replace(" ", "") in NOTHING:
        return None
    parts = [(int(y), int(m) if m else None) for y, m in _YEAR_MONTH.findall(text)]
    if not parts or len(parts) > 2:
        raise ValueProblem(f"建设起止年限应写成“2025-2026年”的样子，不能是「{clean_text(value)}」")
    for _, month in parts:
        if month is not None and not 1 <= month <= 12:
            raise ValueProblem(f"建设起止年限中的月份「{month}」不存在：「{clean_text(value)}」")
    (sy, sm), (fy, fm) = parts[0], parts[-1]
    if (fy, fm or 12) < (sy, sm or 1):
        raise ValueProblem(f"建设起止年限的竣工早于开工：「{clean_text(value)}」")
    return Years(sy, fy, sm, fm if len(parts) == 2 else sm)


def parse_date(value: Cell, *, default_year: int | None = None) -> DateValue | None:
    """A date as offices write it: "2026年3月", "2026.3", "2026-03-15", "2026/3/15",
    "20260315", an Excel serial number, a date cell; "3月" needs ``default_year``
    (:func:`portfolio.dates.parse_date_text` reads the text)."""
    if isinstance(value, dt.datetime):
        return DateValue(value.date())
    if isinstance(value, dt.date):
        return DateValue(value)
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return date_from_number(value, cell_text(value))
        text = normalise(cell_text(value)).replace(" ", "")
        if text in NOTHING:
            return None
        return parse_date_text(clean_text(value), default_year=default_year)
    except DateTextError as error:
        raise ValueProblem(str(error)) from None


def parse_start_date(value: Cell, *, default_year: int | None = None
                     ) -> DateValue | bool | None:
    """实际开工/竣工时间 as offices fill it: a date, or words instead of one ("未开工",
    "已开工", "尚未开工", "√"). Words give ``True``/``False`` (started or not, date unknown)."""
    if isinstance(value, str):
        text = normalise(value).replace(" ", "").lower()
        if text not in NOTHING and (text in _TRUE or text in _FALSE
                                    or text.startswith(_STATE_PREFIXES)):
            try:
                return parse_bool(value)
            except ValueProblem:
                pass
    return parse_date(value, default_year=default_year)


def parse_levels(value: Cell) -> tuple[str, ...]:
    """"省重点、市重点" → ["省重点", "市重点"]; "省级重点项目" reads as 省重点."""
    result: list[str] = []
    for part in _LIST_SPLIT.split(normalise(cell_text(value))):
        part = part.strip()
        if not part or part in NOTHING:
            continue
        for prefix, level in (("省", "省重点"), ("市", "市重点"), ("县", "县重点")):
            if part.startswith(prefix):
                part = level
                break
        if part not in result:
            result.append(part)
    return tuple(result)


def parse_leaders(value: Cell) -> tuple[Leader, ...]:
    """"赵永强（县委常委、组织部长）、李明（副县长）" → two leaders with their titles; leaders
    one a line ("李明（副县长）⏎刘洋（副县长）") too, while a title on the line under its
    name ("赵永强⏎（县委常委）", "李明⏎副县长") stays that leader's."""
    if isinstance(value, str) and "\n" in value.strip():
        value = _leader_lines(value)
    text = clean_text(value)
    if text in NOTHING:
        return ()
    parts = split_outside_brackets(text, "、，,;；/\n")
    leaders: list[Leader] = []
    for part in (p.strip() for p in parts if p.strip()):
        if leaders and leaders[-1].title and " " not in part and _TITLE.search(part) and (
                _LEADER_SPACED.match(text)):  # "赵永强 县委常委、组织部长": one leader
            leaders[-1] = Leader(leaders[-1].name, f"{leaders[-1].title}、{part}")
        else:
            leaders.append(parse_leader(part))
    return tuple(leaders)


def _leader_lines(text: str) -> str:
    """A cell's lines outside brackets joined by "、" (each a leader), except a line that is
    its name's title, joined to it ("（…）" directly, a bare title after a space)."""
    lines: list[str] = []
    depth = 0
    for line in text.replace("\r", "").split("\n"):
        line = line.strip()
        if not line:
            continue
        if lines and (depth > 0 or line[0] in "(（"):
            lines[-1] += line
        elif lines and _TITLE.search(line) and not (
                _LEADER.match(line) or _LEADER_SPACED.match(line)):
            lines[-1] += " " + line
        else:
            lines.append(line)
        depth += sum(ch in "(（" for ch in line) - sum(ch in ")）" for ch in line)
    return "、".join(lines)


def parse_leader(text: str) -> Leader:
    text = clean_text(text)
    match = _LEADER.match(text)
    if match:
        return Leader(match.group(1).strip(), match.group(2).strip())
    spaced = _LEADER_SPACED.match(text)
    if spaced and _TITLE.search(spaced.group(2).split("、")[0]):
        return Leader(spaced.group(1), spaced.group(2).strip())
    return Leader(text)


#: marks an office ticks a 省重点 / 市重点 / 县重点 column with, besides √ and 是
_TICKS = frozenset({"●", "★", "▲", "■"})
_LEVEL_WORD = re.compile(r"^[省市县]级?重点(项目)?$")


def parse_tick(value: Cell) -> bool | None:
    """A cell of a 省重点 / 市重点 / 县重点 column: "√", "是", "●", the level's own word
    ("省重点") are ticked; "否", "×" are not; blank is ``None``."""
    text = normalise(cell_text(value)).replace(" ", "")
    if text in _TICKS or _LEVEL_WORD.match(text):
        return True
    try:
        return parse_bool(value)
    except ValueProblem:
        raise ValueProblem(f"应填“√”“是”“否”或留空，不能是「{clean_text(value)}」") from None


def parse_bool(value: Cell) -> bool | None:
    """是/否, 已开工/未开工, √/×, 1/0, a boolean cell; "" and "—" are ``None``."""
    if isinstance(value, bool):
        return value
    text = normalise(cell_text(value)).replace(" ", "").lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text in NOTHING:
        return None
    if text.startswith(("已", "是")):
        return True
    if text.startswith(("未", "否", "尚未", "暂未")):
        return False
    raise ValueProblem(f"应填“是”或“否”，不能是「{clean_text(value)}」")


#: a 开工情况 that says when: "已开工（3月）", "已于3月开工", "2026年3月已开工", "3月开工"
_STARTED_WHEN = re.compile(r"^(?:已于?)?[(（]?((?:20\d{2}年)?\d{1,2}月)(?:份|底|初|中旬|上旬|下旬)?"
                           r"[)）]?(?:已?开工)?$|^已?开工[(（]((?:20\d{2}年)?\d{1,2}月)份?[)）]$")
#: states that mean the project has started ("在建" under 开工情况), or not yet ("前期")
_UNDER_WAY = frozenset({"在建", "续建", "施工中", "正在施工", "建设中"})
_NOT_YET = frozenset({"前期", "筹备中", "谋划", "储备"})


def parse_started(value: Cell, *, default_year: int | None = None) -> DateValue | bool | None:
    """是否开工 / 开工情况: 是/否 (:func:`parse_bool`), "在建"/"续建" (started), "前期" (not
    yet), or when it started ("已开工（3月）", "已于3月开工", "2026年3月", a date cell: that
    month or day, of ``default_year`` when the cell names no year)."""
    if isinstance(value, str):
        text = normalise(value).replace(" ", "")
        if text in _UNDER_WAY or text in _NOT_YET:
            return text in _UNDER_WAY
        when = _STARTED_WHEN.match(text)
        if when:
            month = when.group(1) or when.group(2)
            return parse_date(month if "年" in month or default_year is None
                              else f"{default_year}年{month}", default_year=default_year)
    elif isinstance(value, dt.date):  # the date it started, as a date cell
        return parse_date(value, default_year=default_year)
    return parse_bool(value)


_BARE_MONTH = re.compile(r"^(0?[1-9]|1[0-2])(?:月份?)?$")


def bare_month(value: Cell, *, default_year: int | None) -> DateValue | None:
    """计划开工月份 / 计划竣工月份 holding only a month ("3", "03", "3月", 3): that month of
    ``default_year`` (the plan year); ``None`` when the cell holds something else."""
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        found = _BARE_MONTH.match(normalise(cell_text(value)).replace(" ", ""))
        if found is not None:
            if default_year is None:
                raise ValueProblem(f"「{clean_text(value)}」只写了月份，文件的标题和表头都没有写"
                                   "年份：请在标题中写明年份，或指定计划年度（--year）")
            return DateValue(dt.date(default_year, int(found.group(1)), 1), "month")
    return None


#: the largest number read as a 三个一批 期 rather than an Excel date serial
_MAX_ISSUE = 400


def parse_issue_or_date(value: Cell, *, default_year: int | None = None
                        ) -> str | DateValue | None:
    """签约期 / 开工期 / 投产期: a 三个一批 期 ("2026年第1期", "第20期", 20) as its text, or a
    date ("2026年3月", a date cell) as a :class:`DateValue`."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < _MAX_ISSUE:
        return cell_text(value)
    if isinstance(value, str):
        text = clean_text(value)
        if "期" in text or "批" in text:
            return text
    return parse_date(value, default_year=default_year)


#: where the name ends in a "项目名称及主要建设内容" cell
_NAME_END = re.compile(r"\n|：|:|[，,](?=主要)")


def parse_name_and_content(value: Cell) -> tuple[str, str] | None:
    """"项目名称及主要建设内容" in one cell — "X项目" then a line break, "：" or "，主要建设…"
    and the content — as (name, content); a cell without such a break is all name."""
    text = cell_text(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text or is_nothing(text):
        return None
    found = _NAME_END.search(text)
    if found is None:
        return clean_text(text), ""
    return clean_text(text[:found.start()]), clean_text(text[found.end():])
