"""Finding a sheet's header block and recognising each column by what it means.

Offices word the same column many ways (1—4月完成投资, 今年以来累计完成（万元）, 本年累计) and stack
headers two or three rows deep under merged parents (总投资 over 合计 and 其中：中央预算内; 2026年
over 计划 and 1—4月完成). :func:`find_header` locates the block under the title, 单位 and 填报
lines, reads each column top to bottom and matches the most specific text first (the child
alone, then parent + child …) against :data:`RULES`, an ordered table of regular expressions
over a normalised text (full-width to ASCII, no spaces or line breaks, dashes unified, units in
brackets taken out and recorded). The result, a :class:`HeaderMap`, also carries the default
money unit, the columns nobody recognised (by their header text) and the reporting period the
header, title or file name names.

Long because: :data:`RULES` and the few context rules that correct them (a bare 开工时间 beside
a 计划开工 column) are read by the same header walk; apart, each would need the other's
internals.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from exports.sheets.grid import SheetError, SheetGrid
from exports.sheets.period_words import period_digits

#: Field keys whose cells are money (parsed to 万元 with the column's unit).
MONEY_FIELDS = frozenset({
    "total_investment", "investment_central", "investment_bonds", "investment_fiscal",
    "investment_loans", "investment_self", "investment_other", "prior_cumulative",
    "annual_plan", "q1_plan", "q2_plan", "q3_plan", "q4_plan", "month_plan",
    "month_investment", "ytd_investment", "cumulative_investment",
    # a plan's months (1月 … 12月 under 2026年计划投资) and halves, as a register reads them
    *(f"m{n}_plan" for n in range(1, 13)), "h1_plan", "h2_plan"})
DATE_FIELDS = frozenset({"planned_start", "planned_finish", "actual_start", "actual_finish",
                         "signed_on"})

_P = r"(?:20\d{2}年)?"
#: (field, pattern) in the order they are tried; the first pattern found in the text wins.
RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((f, re.compile(p)) for f, p in (
    ("serial", r"^(序号|序|排序|编号|顺序号)$"),
    ("code", r"项目代码|统一代码|项目编码|赋码|备案代码|审批代码|项目编号|入库编号|代码"),
    ("progress", r"^(工程|施工|形象|工程形象)(进度)?(完成)?(比例|百分比)$"),
    ("completion_rate", r"^占|完成率|比例|百分比|%"),
    ("investment_central", r"中央预算内|中央资金|中央投资"),
    ("investment_bonds", r"专项债|债券"),
    ("investment_loans", r"贷款|融资"),
    ("investment_self", r"自筹|自有资金|企业投资"),
    ("investment_fiscal", r"财政|政府投资|地方资金"),
    ("investment_other", r"其中:?其他|^其他资金|社会资金"),
    ("prior_cumulative", r"(截至|截止|至)?(上年|去年|" + r"20\d{2}年)(底|末)|以前年度|往年"),
    ("month_plan", r"(本月|当月|^\d{1,2}月份?)计划"),
    ("ytd_investment", r"^(?!.*计划).*(1-\d{1,2}月|今年以来|本年累计|本年度累计|年初至今|今年累计"
                       r"|本年完成|本年度完成|年度累计完成|本年已完成|年内累计)"),
    ("month_investment", r"^(?!.*计划).*(本月|当月|(^|^其中:?)\d{1,2}月份?(完成|投资))"),
    ("q1_plan", r"(第?一|1)季度|^Q1"), ("q2_plan", r"(第?二|2)季度|^Q2"),
    ("q3_plan", r"(第?三|3)季度|^Q3"), ("q4_plan", r"(第?四|4)季度|^Q4"),
    ("total_investment", r"总投资|投资总额|总概算|总额"),
    # 三个一批: the 期 of each list (or, as some offices fill them, the month); before
    # years, whose 工期 is in 开工期, and before signed_on, which a planned signing is not
    ("signed_issue", r"^签约(期|期数|批次)$"), ("started_issue", r"^开工(期|期数|批次)$"),
    ("produced_issue", r"^投产(期|期数|批次)$"), ("planned_signing", r"(计划|预计|拟)签约"),
    ("signed_on", r"签约(时间|日期|年月)|^签约$|合同签订(时间|日期)"),
    ("planned_start", r"(计划|预计|拟)开工|开工.*计划|^开工(时间|日期|年月)$"),
    ("actual_start", r"实际开工|开工.*实际"),
    ("started", r"是否开工|开工情况|开工与否|已开工"),
    # before planned_finish, whose 计划 is optional: 实际竣工时间 is not a plan
    ("actual_finish", r"实际(竣工|完工|建成)"),
    ("planned_finish", r"(计划|预计)?(竣工|完工|建成|投产)(时间|日期|年月)|(计划|预计)(竣工|完工)"),
    ("annual_goal", r"年度(建设)?目标|建设目标|目标任务|年度(计划)?建设内容|年度形象进度"
                    r"|^20\d{2}年度?(主要)?建设(内容|任务)"),
    ("annual_plan", _P + r"(年度计划|年计划|全年计划|本年计划|年度投资计划|计划投资|计划完成投资"
                         r"|^计划$|^年度投资$)|^全年(合计|小计)?$"
                         r"|^(20\d{2}年度?)?投资计划(全年)?(合计)?$"),
    ("cumulative_investment", r"累计完成|开工以来|自开工|累计投资"),
    ("name", r"项目名称|^名称$|^项目$|^项目名$"),
    ("stage", r"建设性质|项目性质|建设阶段|项目阶段|建设类别"),
    ("owner", r"建设单位|项目单位|业主|实施主体|项目法人|建设主体|项目主体"),
    ("co_unit", r"^(配合|协办|协助|参与)(单位|部门)$"),  # beside the 牵头单位, not it
    ("unit", r"责任单位|牵头单位|主管部门|责任部门|分包单位|承办单位|单位"),
    ("location", r"建设地点|建设地址|地点|地址|位置|选址|所在地"),
    ("township", r"乡镇|街道|办事处|^乡$|^镇$"),
    # 省重点 / 市重点 / 县重点 as columns of ticks ("√", "是"), or "是否省重点项目" 是/否
    ("level_province", r"^(是否)?(为|属于|纳入|列入)?省级?重点(项目)?$"),
    ("level_city", r"^(是否)?(为|属于|纳入|列入)?市级?重点(项目)?$"),
    ("level_county", r"^(是否)?(为|属于|纳入|列入)?县级?重点(项目)?$"),
    ("level", r"级别|层级|重点类别|项目等级"),
    ("category", r"领域|行业|产业类别|项目类型|^类型$|^类别$|项目分类|项目类别|所属板块"),
    ("scale", r"建设规模|主要内容|建设内容|规模"),
    ("years", r"起止|年限|期限|工期|建设周期"),
    ("status", r"项目状态|建设状态|实施状态|^状态$|^项目进展状态$"),
    ("progress", r"形象进度|进展|进度"),
    ("problems", r"问题|困难|需协调|制约因素"),
    ("next_steps", r"下步|下一步|下阶段"),
    ("leader", r"领导"),
    ("contact", r"联系人|责任人|负责人"),
    ("phone", r"电话|手机|联系方式"),
    ("remarks", r"备注|说明"),
))

#: a column comparing with last year: no field, not a 完成率 for its "%"
_YEAR_ON_YEAR = re.compile(r"同比|环比|增长|增幅|增速|增减|比上年|较上年|上年同期|去年同期")
_UNIT_IN_TEXT = re.compile(r"[(\[【]?(?:单位:|金额单位:)?(亿元|万元|元)[)\]】]?")
#: a unit, or the form a date is written in ("开工时间（年月）", "竣工日期(年/月/日)"), in brackets
_BRACKETED_UNIT = re.compile(
    r"\((?:单位:|金额单位:)?(亿元|万元|元|%|个|万千瓦|千瓦|亩|平方米|公里"
    r"|年/?月(/?日)?|年\.月(\.日)?|yyyy[-./]?mm([-./]?dd)?)\)", re.IGNORECASE)
#: "单位：万元", and a summary's "单位：个、亿元" (counts in 个, money in 亿元)
_DEFAULT_UNIT = re.compile(r"(?:金额|计量|投资)?单位[:：]\s*(?:个\s*[、,，/]\s*)?(亿元|万元|元)")
_YEAR = re.compile(r"(20\d{2})年(?![底末])")
_MONTH_RANGE = re.compile(r"1-(\d{1,2})月")
_MONTH_REPORT = re.compile(r"(20\d{2})年(?:1-)?(\d{1,2})月")
#: "截至4月底", "截止2026年4月末", "4月份" (a title's month without its year beside it)
_AS_OF = re.compile(r"(?:截至|截止|至)(?:(20\d{2})年)?(\d{1,2})月|(?<![\d-])()(\d{1,2})月份")
_META = re.compile(r"^(填报单位|填表单位|报送单位|单位名称|填报日期|报送时间|填报时间|日期|制表)")
_COLUMN_NUMBER = re.compile(r"^(\d{1,3}|[甲乙丙丁]|栏次)$")
#: Child texts too vague alone: read with their parent ("开工情况 / 计划", "总投资 / 合计").
GENERIC = frozenset({"计划", "实际", "合计", "小计", "完成", "其中", "金额", "投资", "时间",
                     "计划投资", "完成投资", "累计", "小计/合计", "全年", "全年合计"})
_GROUPISH = re.compile(r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]"
                       r"|[一二三四五六七八九十]+$|合\s*计|总\s*计)")
MAX_HEADER_SCAN = 30


class HeaderError(SheetError):
    """A header without a 项目名称 column; ``header`` holds what was recognised."""

    def __init__(self, message: str, header: HeaderMap | None) -> None:
        super().__init__(message)
        self.header = header


@dataclass(frozen=True)
class HeaderColumn:
    """One recognised column."""

    col: int
    field: str
    #: the header's words as they appear, parents first ("总投资 / 其中：中央预算内")
    text: str
    #: for money columns: 元, 万元 or 亿元 (the column's own, else the sheet's, else 万元)
    unit: str | None = None
    year: int | None = None
    #: N of a "1—N月" column, or the month of a month column
    month: int | None = None


@dataclass(frozen=True)
class PeriodHint:
    year: int | None
    month: int | None
    #: where it was found: 表头, 标题 or 文件名
    source: str
    text: str


@dataclass
class HeaderMap:
    first_row: int
    last_row: int
    columns: dict[int, HeaderColumn]
    unrecognised: list[tuple[int, str]] = field(default_factory=list)
    #: columns a caller's ``known`` texts said to leave alone (``"ignore"``)
    ignored: list[tuple[int, str]] = field(default_factory=list)
    #: recognised columns not to import, each with the reason (col, header text, why)
    left_out: list[tuple[int, str, str]] = field(default_factory=list)
    default_unit: str | None = None
    title: str = ""
    #: 填报单位, 填报日期 … lines above or beside the header
    meta: dict[str, str] = field(default_factory=dict)
    period: PeriodHint | None = None

    def column(self, key: str) -> HeaderColumn | None:
        """The first column holding ``key``."""
        return next((c for c in self.columns.values() if c.field == key), None)

    def col(self, key: str) -> int | None:
        found = self.column(key)
        return None if found is None else found.col


@lru_cache(maxsize=1 << 14)
def normalise_header(text: str) -> str:
    """Header text for matching: NFKC, no whitespace, unified dashes, no units in brackets."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"(?<=\d)\s*[—–~至到－-]+\s*(?=\d)", "-", text)
    text = text.replace("—", "-").replace("–", "-")
    return _BRACKETED_UNIT.sub("", text).strip(":")


#: What a ``known`` text maps to when its column is to be left alone.
IGNORE = "ignore"
_ANY_MONTHS = re.compile(r"1-\d{1,2}月")


def known_key(text: str) -> str:
    """The form a header text is looked up in a caller's ``known`` table: normalised, "1-N月"
    for any month range, without the " / " that joins parent and child headers."""
    text = text.replace("{{", "").replace("}}", "")
    return _ANY_MONTHS.sub("1-N月", normalise_header(text.replace(" / ", "")).replace("/", ""))


def known_from_mapping(mapping: Mapping[str, str | None]) -> dict[str, str]:
    """A user's mapping (header text as the preview shows it → field key, or ``None`` to
    ignore the column) as the ``known`` table :func:`find_header` takes."""
    return {known_key(text): key or IGNORE for text, key in mapping.items()}


def recognise(text: str, known: Mapping[str, str] | None = None) -> str | None:
    """The field key a (combined) header text means, or ``None``. ``known`` (a
    :func:`known_key` → field key table: a template's own header texts, a user's mapping) is
    looked up first and may say :data:`IGNORE`."""
    key = normalise_header(text)
    if not key:
        return None
    if known:
        found = known.get(known_key(text))
        if found:
            return found
    return _by_rules(key)


@lru_cache(maxsize=1 << 14)
def _by_rules(key: str) -> str | None:
    """The first of :data:`RULES` a normalised header matches (remembered: the same header
    words come back in every file, and each is tried against every rule). A comparison with
    last year (同比增长%, 增速, 比上年增减) is none of them, whatever "%" it has."""
    if _YEAR_ON_YEAR.search(key):
        return None
    for name, pattern in RULES:
        if pattern.search(key):
            return name
    return None


def find_header(grid: SheetGrid, known: Mapping[str, str] | None = None,
                units: Mapping[str, str] | None = None) -> HeaderMap:
    """Locate the header block and recognise its columns; :class:`SheetError` without one.

    ``known`` maps header texts (as :func:`known_key` gives them) to field keys or
    :data:`IGNORE`, tried before :data:`RULES`: a template's own wording, or a user's mapping
    (:func:`known_from_mapping`). ``units`` (header text → 元, 万元 or 亿元) come from the user
    and win over the unit the sheet states."""
    unit_of = {known_key(text): unit for text, unit in (units or {}).items()}
    scan = min(grid.n_rows, MAX_HEADER_SCAN)
    best, anchor = 0, -1
    for r in range(scan):
        found = {recognise(grid.text(r, c), known) for c in range(len(grid.rows[r]))} - {None}
        if len(found) > best:
            best, anchor = len(found), r
    if best < 2:
        raise HeaderError(f"{grid.where()}：前{scan}行中找不到表头（如“项目名称”“总投资”）"
                          + _texts_of_likeliest_header(grid, scan), None)
    first = anchor
    while first > 0 and _merges_down_into(grid, first - 1, first):
        first -= 1
    last, end = _header_end(grid, first, anchor)
    texts = _column_texts(grid, first, last)
    header = HeaderMap(first_row=first, last_row=end, columns={})
    _read_meta(grid, header, first)
    header_years = set()
    for col, segments in texts.items():
        if not segments:
            continue
        joined = " / ".join(segments)
        key = None
        start = 2 if len(segments) > 1 and normalise_header(segments[-1]) in GENERIC else 1
        if known and (whole := known.get(known_key("".join(segments)))):
            key = whole  # a caller's text for the whole column wins over its parts
        else:
            for depth in range(start, len(segments) + 1):
                key = recognise("".join(segments[-depth:]), known)
                if key:
                    break
        if key == IGNORE:
            header.ignored.append((col, joined))
            continue
        if key is None or (key in {c.field for c in header.columns.values()} and key == "name"):
            header.unrecognised.append((col, joined))
            continue
        flat = normalise_header("".join(segments))
        unit = None
        if key in MONEY_FIELDS:
            own = _UNIT_IN_TEXT.search(unicodedata.normalize("NFKC", "".join(segments)))
            unit = own.group(1) if own else (header.default_unit or "万元")
            unit = (unit_of.get(known_key("".join(segments)))
                    or unit_of.get(known_key(segments[-1])) or unit)
        year = _YEAR.search(flat)
        month = _MONTH_RANGE.search(flat) or re.search(r"(?<!-)(?<!\d)(\d{1,2})月", flat)
        header.columns[col] = HeaderColumn(
            col, key, joined, unit, int(year.group(1)) if year else None,
            int(month.group(1)) if month and key in {"ytd_investment", "month_investment",
                                                      "month_plan"} else None)
        if year:
            header_years.add(int(year.group(1)))
    _bare_start_is_actual(header)
    _months_under_a_year(header, texts)
    header.period = _period(grid, header, header_years)
    if header.col("name") is None:
        recognised = "、".join(c.text for c in header.columns.values()) or "无"
        unknown = "、".join(t for _, t in header.unrecognised) or "无"
        raise HeaderError(f"{grid.where(first)}：表头中没有“项目名称”列。已识别的列：{recognised}；"
                          f"未能识别的列：{unknown}", header)
    return header


_BARE_START = re.compile(r"^开工(时间|日期|年月)$")
_BARE_MONTH = re.compile(r"^(\d{1,2})月份?$")
_YEAR_ALONE = re.compile(r"^20\d{2}年度?$")


def _months_under_a_year(header: HeaderMap, texts: Mapping[int, list[str]]) -> None:
    """完成投资 over 2026年 over 1—3月 / 4月 / 累计: "4月" is the month's figure, "累计" under
    the year is 1—N月, and the "1—3月" beside them (the months before) is left out with its
    reason (:attr:`HeaderMap.left_out`) rather than taken for 1—N月."""
    taken = []
    for col, joined in header.unrecognised:
        segments = [normalise_header(s) for s in texts[col]]
        parents, leaf = segments[:-1], segments[-1]
        if any("计划" in s for s in segments) or not any(
                "完成" in s or "投资" in s or _YEAR_ALONE.match(s) for s in parents):
            continue
        month = _BARE_MONTH.match(leaf)
        if month and 1 <= int(month.group(1)) <= 12:
            key, n = "month_investment", int(month.group(1))
        elif leaf in {"累计", "合计"} and any(_YEAR_ALONE.match(s) for s in parents):
            key, n = "ytd_investment", None
        else:
            continue
        own = _UNIT_IN_TEXT.search(unicodedata.normalize("NFKC", "".join(texts[col])))
        unit = own.group(1) if own else (header.default_unit or "万元")
        year = next((int(s[:4]) for s in parents if _YEAR_ALONE.match(s)), None)
        header.columns[col] = HeaderColumn(col, key, joined, unit, year, n)
        taken.append(col)
    header.unrecognised = [(c, t) for c, t in header.unrecognised if c not in taken]
    months = [c.month for c in header.columns.values() if c.field == "month_investment"]
    ytds = [c for c in header.columns.values() if c.field == "ytd_investment"]
    if len(months) != 1 or months[0] is None or len(ytds) < 2:
        return
    kept = next((c for c in ytds if c.month is None or c.month == months[0]), None)
    for column in ytds:
        if kept is not None and column.month is not None and column.month < months[0]:
            del header.columns[column.col]
            header.left_out.append((column.col, column.text,
                                    f"是{months[0]}月之前各月的累计，1—{months[0]}月取自"
                                    f"“{kept.text}”列"))


def _bare_start_is_actual(header: HeaderMap) -> None:
    """"开工时间" beside a 计划开工 column is when the project did start."""
    starts = [c for c in header.columns.values() if c.field == "planned_start"]
    if len(starts) < 2:
        return
    for column in starts:
        if _BARE_START.match(normalise_header(column.text.split(" / ")[-1])):
            header.columns[column.col] = HeaderColumn(column.col, "actual_start", column.text)


def _texts_of_likeliest_header(grid: SheetGrid, scan: int) -> str:
    """"。已识别的列：…；未能识别的列：…" of the row with most texts, to say what was seen."""
    rows = [[grid.text(r, c) for c in range(len(grid.rows[r]))] for r in range(scan)]
    texts = max(([t for t in row if t and not _NUMBERISH.match(t)] for row in rows),
                key=len, default=[])
    if not texts:
        return ""
    found = "、".join(t for t in texts if recognise(t)) or "无"
    unknown = "、".join(t for t in texts if not recognise(t)) or "无"
    return f"。已识别的列：{found}；未能识别的列：{unknown}"


_NUMBERISH = re.compile(r"^[\d.,\s-]+$")


def _merges_down_into(grid: SheetGrid, row: int, below: int) -> bool:
    return any(m.first_row <= row and m.last_row >= below for m in grid.merged)


def _header_end(grid: SheetGrid, first: int, anchor: int) -> tuple[int, int]:
    """The header's last row of words, and its last row (a 栏次 row of numbers may follow)."""
    last = anchor
    for m in grid.merged:  # vertical merges that start in the header reach its last row
        if first <= m.first_row <= anchor and m.last_row > last and m.last_row - first < 4:
            last = m.last_row
    name_cols = [c for c in range(len(grid.rows[anchor]))
                 if recognise(grid.text(anchor, c)) in {"name", "serial"}]
    while last + 1 < grid.n_rows and last - first < 3:
        row = grid.rows[last + 1]
        cells = [v for v in row if v != ""]
        if not cells:
            break
        texts = [grid.text(last + 1, c) for c in range(len(row)) if row[c] != ""]
        if len(texts) >= 3 and all(_COLUMN_NUMBER.match(t) for t in texts):
            return last, last + 1  # the 栏次 row (1, 2, 3 … under the header)
        numbers = any(isinstance(v, int | float) for v in cells)
        named = any(grid.value(last + 1, c) != "" and grid.merge_at(last + 1, c) is None
                    for c in name_cols)
        if numbers or named or any(_GROUPISH.match(t) for t in texts):
            break
        headerish = any(recognise(t) or normalise_header(t) in GENERIC for t in texts) or any(
            (span := grid.merge_at(last, c)) is not None and span.last_col > span.first_col
            for c in range(len(row)) if row[c] != "")
        if not headerish:
            break
        last += 1
    return last, last


def _column_texts(grid: SheetGrid, first: int, last: int) -> dict[int, list[str]]:
    """Each column's header segments, top to bottom, a vertical merge counted once."""
    width = max(len(grid.rows[r]) for r in range(first, last + 1))
    result: dict[int, list[str]] = {}
    for c in range(width):
        segments: list[str] = []
        seen = None
        for r in range(first, last + 1):
            rng = grid.merge_at(r, c) if grid.merged else None
            if rng is not None and rng is seen:
                continue
            seen = rng
            text = grid.text(rng.first_row, rng.first_col) if rng else grid.text(r, c)
            if not text and not grid.merged and r < last and grid.text(last, c):
                text = _left_text(grid, r, c)  # no merge info (csv): a parent spans right
            text = re.sub(r"\s+", "", text)
            if text and (not segments or segments[-1] != text):
                segments.append(text)
        result[c] = segments
    return result


def _left_text(grid: SheetGrid, row: int, col: int) -> str:
    for c in range(col - 1, -1, -1):
        if grid.text(row, c):
            return grid.text(row, c) if grid.text(row + 1, c) else ""
    return ""


def _read_meta(grid: SheetGrid, header: HeaderMap, first: int) -> None:
    for r in range(first):
        for c in range(len(grid.rows[r])):
            text = grid.text(r, c)
            if not text:
                continue
            flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
            unit = _DEFAULT_UNIT.search(flat)
            if unit:
                header.default_unit = unit.group(1)
            elif _META.match(flat):
                label, _, rest = flat.partition(":")
                header.meta[label] = rest
            elif not header.title and len(flat) >= 6:
                header.title = text


def _period(grid: SheetGrid, header: HeaderMap, years: set[int]) -> PeriodHint | None:
    year = min(years) if len(years) == 1 else None
    ytd = header.column("ytd_investment")
    if ytd and ytd.month:
        return PeriodHint(ytd.year or year or _title_year(header.title), ytd.month, "表头",
                          ytd.text)
    for source, text in (("标题", header.title), ("文件名", grid.path.stem)):
        flat = normalise_header(period_digits(text))
        found = _MONTH_REPORT.search(flat)
        if found:
            return PeriodHint(int(found.group(1)), int(found.group(2)), source, text)
        months = _MONTH_RANGE.search(flat)
        if months:
            return PeriodHint(_title_year(flat) or year, int(months.group(1)), source, text)
        as_of = _AS_OF.search(flat)
        if as_of and 1 <= int(as_of.group(2) or as_of.group(4)) <= 12:
            return PeriodHint(int(as_of.group(1) or as_of.group(3) or 0) or _title_year(flat)
                              or year, int(as_of.group(2) or as_of.group(4)), source, text)
    title_year = _title_year(header.title) or year
    return PeriodHint(title_year, None, "标题", header.title) if title_year else None


def _title_year(text: str) -> int | None:
    found = _YEAR.search(normalise_header(period_digits(text)))
    return int(found.group(1)) if found else None
