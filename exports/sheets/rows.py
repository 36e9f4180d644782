"""Sorting a sheet's data rows: projects, their 其中 parts, and everything that is not a project.

Below the header an office's table mixes project rows with group rows ("一、工业项目（28个）",
序号 "一" + "新开工项目", "（一）"), subtotal and total rows (工业项目小计, 合计, 总计, a SUM row
without a label), spacer rows, notes at the bottom (填表人, 审核人, 说明), and where two pages
were pasted into one the "续表" line and the header repeated under it. :func:`classify_rows`
keeps each project with its group path (the groups above it, each read as a 建设性质 or a 领域),
attaches "其中：" sub-rows of a 打包项目 to the project above as parts — but not the "其中：
土建工程" lines breaking a project's investment down, nor the numbered lines of a "备注：" or
"下步计划：" block under the table, nor a text merged across the whole row — and lists every
row it skipped with the reason. A cell merged over several data rows gives its text to each
row; in a money column that is an error, since the amount cannot be split.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from operator import itemgetter

from exports.sheets.grid import Cell, SheetGrid, cell_text
from exports.sheets.headers import MONEY_FIELDS, HeaderMap
from exports.sheets.project_lines import add_own_text, project_lines, within_one_project


class RowKind(Enum):
    PROJECT = "项目"
    PART = "子项目"
    GROUP = "分组"
    SUBTOTAL = "小计"
    TOTAL = "合计"
    BLANK = "空行"
    NOTE = "表尾说明"
    UNNAMED = "无项目名称"
    CONTINUATION = "续表"
    SECOND_LINE = "项目的第二行"
    HEADER = "重复的表头"
    BREAKDOWN = "投资构成分项（不是子项目）"


STAGE_WORDS = ("新开工", "续建", "前期", "竣工", "建成", "储备", "在建", "投产", "谋划")
_NUMERAL = "一二三四五六七八九十"
#: a group's 序号: "一", "一、", "（一）", or a capital letter ("A", "B、") some offices use
_GROUP_SERIAL = re.compile(rf"^[{_NUMERAL}]+[、.．]?$|^[（(][{_NUMERAL}]+[)）]$|^[A-Z][、.．]?$")
_GROUP_LABEL = re.compile(
    rf"^(?:([{_NUMERAL}]+|[A-Z])[、.．]|[（(]([{_NUMERAL}]+)[)）]、?)\s*(.*)$")
_COUNT = re.compile(r"[（(](?:共|计)?\s*\d+\s*个(?:项目)?[)）]$")
_TOTAL = re.compile(r"^(合计|总计|全县合计|总合计|全部合计|共计|累计|全县)")
_SUBTOTAL = re.compile(r"小计$|^小计|合计$")
_SPACE = re.compile(r"\s+")
#: "续表", "续表1", "（续表）", "续上表": where a table pasted from two pages goes on
_CONTINUATION = re.compile(r"^[（(]?续(上)?表\s*\d*[)）]?[:：]?$")
_PART = re.compile(r"^其中[:：]?\s*")
_PART_SERIAL = re.compile(r"^\d+\s*[-.．—]\s*\d+$|^[（(]\d+[)）]$|^[①-⑳]$")
#: 建设性质 and 领域 words that, alone on a line without a 序号, head a group ("新开工项目",
#: "工业类", "社会民生领域"): offices leave out the "一、" as often as they write it.
GROUP_WORDS = (*STAGE_WORDS, "工业", "农业", "城建", "城乡建设", "城市建设", "社会事业",
               "社会民生", "民生", "服务业", "现代服务业", "交通", "能源", "交通能源", "基础设施",
               "水利", "文化旅游", "文旅", "生态环保", "教育", "卫生", "医疗卫生", "商贸物流",
               "先进制造业", "新能源", "乡村振兴", "科技创新", "创新驱动能力提升", "基础设施建设",
               "产业转型发展", "绿色低碳转型", "民生和社会事业改善", "重大", "省重点", "市重点",
               "县重点")
_LEVEL_WORDS = frozenset({"重大", "省重点", "市重点", "县重点"})
_BARE_GROUP = re.compile(rf"^(?:{'|'.join(sorted(GROUP_WORDS, key=len, reverse=True))})"
                         r"(?:类|领域|板块)?(?:项目)?(?:[（(](?:共|计)?\d+个(?:项目)?[)）])?[:：]?$")
#: a place heading its projects ("城关镇（8个）", "产业集聚区"): a group even with a 序号 in figures
_PLACE_GROUP = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:镇|乡|街道|办事处|县直|县直单位|集聚区|开发区)"
                          r"(?:项目)?(?:[（(](?:共|计)?\d+个(?:项目)?[)）])?[:：]?$")
_NOTE = re.compile(r"^(填表人|填报人|审核人|制表人|制表|审核|负责人|单位负责人|分管领导|联系人|"
                   r"填报单位|填表单位|报送单位|主要领导|单位领导|签发人|"
                   r"联系电话|说明|注[:：1-9]|备注[:：]|附注|报送时间|填报日期|填表说明|有关说明|"
                   r"下一?步(计划|工作|打算|措施)[:：]|工作(措施|建议)[:：]|存在的?问题[:：])")
#: a line of a note block: "1.本表…", "2、…", "（1）…", "①…", or a sentence
_NOTE_LINE = re.compile(r"^(\d{1,2}[.．、]|[（(]\d{1,2}[)）]|[①-⑳])|[。；;，,]|[:：]$")
#: what a "其中" line under a project names when it breaks the project's investment down (cost
#: items, funding sources) rather than naming a part of a 打包项目, or an amount in its name
_BREAKDOWN = re.compile(
    r"^(土建|建安|建筑(安装)?工程|安装工程|设备(购置|采购|及安装|安装)|工程建设其他|其他费用|"
    r"(基本)?预备费|征地|土地(费|购置|出让|征收)|拆迁|铺底流动资金|建设期利息|装饰装修|"
    r"工程费用|前期费用|(中央|省级?|市级?|县级?|地方)?(预算内|财政资金|政府投资)|"
    r"(地方政府)?专项债|债券|银行贷款|贷款|(企业)?自筹|社会资本|争取)"
    # a short name of money by kind: 设备投资, 建安投资, 中央预算内资金 3000万元
    r"|^.{0,8}(投资|资金|费用|补助|拨款)(\s*[\d.,，]+\s*(万元|亿元|万)?)?$"
    r"|\d(\.\d+)?\s*(万元|亿元)")


@dataclass(frozen=True)
class Group:
    """A group row above a project: its level (1 for "一、", 2 for "（一）") and meaning."""

    level: int
    label: str
    #: ``stage`` (建设性质: 新开工项目 …), ``category`` (领域: 工业 …) or ``township`` (城关镇)
    kind: str
    value: str


@dataclass
class ProjectRow:
    """A project (or a part of a 打包项目): raw cell values by field key."""

    row: int
    cells: dict[str, Cell]
    groups: tuple[Group, ...] = ()
    parts: list[ProjectRow] = field(default_factory=list)
    hidden: bool = False

    def group(self, kind: str) -> str | None:
        """The innermost group of ``kind`` (``stage`` or ``category``)."""
        return next((g.value for g in reversed(self.groups) if g.kind == kind), None)


@dataclass(frozen=True)
class SkippedRow:
    row: int
    kind: RowKind
    text: str


@dataclass
class ClassifiedRows:
    projects: list[ProjectRow]
    skipped: list[SkippedRow]
    #: Chinese messages naming file, sheet, rows and column
    problems: list[str]


def group_of(label: str, level: int) -> Group:
    label = _COUNT.sub("", label).strip().rstrip(":：")
    if re.fullmatch(r"[A-Z]?", label):  # "A" alone: a group that says nothing of its projects
        return Group(level, label, "label", label)
    if any(word in label for word in STAGE_WORDS):
        return Group(level, label, "stage", label)
    if _PLACE_GROUP.match(label):
        return Group(level, label, "township", re.sub(r"项目$", "", label))
    return Group(level, label, "category", re.sub(r"(类)?项目$|类$|领域$", "", label) or label)


def classify_rows(grid: SheetGrid, header: HeaderMap) -> ClassifiedRows:
    """Sort every row below the header (see the module docstring)."""
    firsts: dict[str, int] = {}
    for column in header.columns.values():
        firsts.setdefault(column.field, column.col)
    cols = [(c, f) for f, c in firsts.items()]
    name_col = header.col("name")
    serial_col = header.col("serial")
    money_cols = {c.col for c in header.columns.values() if c.field in MONEY_FIELDS}
    result = ClassifiedRows([], [], [])
    data_merges = [m for m in grid.merged if m.first_row > header.last_row]
    lines = project_lines(grid, header)
    for m in data_merges:
        bad = [c for c in money_cols if m.first_col <= c <= m.last_col]
        if bad and m.last_row > m.first_row and not within_one_project(m, lines):
            where = grid.where(None, header.columns[bad[0]].text)
            result.problems.append(
                f"{where}：第{m.first_row + 1}—{m.last_row + 1}行的金额单元格"
                "跨行合并，无法分到各个项目，请取消合并后分别填写")
    value = grid.merged_value if data_merges else _direct(grid)
    fields = [f for _, f in cols]
    picked = _picker([c for c, _ in cols])
    widest = max((c for c, _ in cols), default=-1)
    header_words = _header_words(header)
    hidden = grid.hidden_rows
    stack = _sheet_group(grid.sheet)
    groups: tuple[Group, ...] = tuple(stack)  # the stack as every row under it shares it
    last_project: ProjectRow | None = None
    last_serial = ""
    previous = RowKind.BLANK
    # the common row, decided without the general walk: no merges below the header, a 序号
    # in figures and a name on one line that cannot be a total, a 其中 or a 续表 line
    quick = (serial_col, name_col) if not data_merges and name_col is not None \
        and serial_col is not None else None
    for r in range(header.last_row + 1, grid.n_rows):
        row = grid.rows[r]
        if r in lines and last_project is not None and last_project.row == lines[r]:
            add_own_text(grid, r, cols, money_cols, last_project.cells)
            result.skipped.append(SkippedRow(r, RowKind.SECOND_LINE, ""))
            continue
        if quick is not None and len(row) > widest and previous is not RowKind.NOTE \
                and _plain_project(row[quick[0]], row[quick[1]]):
            last_project = ProjectRow(r, dict(zip(fields, picked(row), strict=True)), groups,
                                      hidden=r in hidden)
            result.projects.append(last_project)
            previous = RowKind.PROJECT
            continue
        if not any(row) and not any(value(r, c) != "" for c, _ in cols):
            result.skipped.append(SkippedRow(r, RowKind.BLANK, ""))
            continue
        name = _text(value(r, name_col)) if name_col is not None else ""
        serial = _text(value(r, serial_col)) if serial_col is not None else ""
        label = name or next(
            (t for t in (_text(value(r, c)) for c in range(len(row))) if t), "")
        kind = _kind(grid, r, serial, name, label, previous, serial_col is not None)
        if kind in (RowKind.PROJECT, RowKind.PART, RowKind.UNNAMED):
            kind = _not_a_project(grid, r, kind, (serial, name, label), previous,
                                  serial_col is not None, (name_col, cols, money_cols))
        if kind is RowKind.PART and last_serial and _PART_SERIAL.match(last_serial) and (
                not _PART.match(name)):
            kind = RowKind.PROJECT  # "1-2" after "1-1", "（2）" after "（1）": group siblings
        # a 序号 in figures is never the header's "序号": the check is for the other rows
        if kind is RowKind.PROJECT and not serial.isdigit() and _repeats_header(
                header_words, r, value):
            kind = RowKind.HEADER
        if kind is RowKind.GROUP:
            group = _group(serial, name, label)
            stack = [g for g in stack if g.level < group.level] + [group]
            groups = tuple(stack)
            last_project = None
        elif kind in (RowKind.PROJECT, RowKind.PART):
            if data_merges:
                cells = {f: value(r, c) for c, f in cols}
            elif len(row) > widest:  # calamine's rows are as wide as the sheet
                cells = dict(zip(fields, picked(row), strict=True))
            else:
                width = len(row)
                cells = {f: row[c] if c < width else "" for c, f in cols}
            if kind is RowKind.PART and last_project is not None:
                cells["name"] = _PART.sub("", name)
                last_project.parts.append(ProjectRow(r, cells, groups,
                                                     hidden=r in hidden))
            else:
                kind = RowKind.PROJECT
                last_project = ProjectRow(r, cells, groups, hidden=r in hidden)
                last_serial = serial
                result.projects.append(last_project)
        if kind not in (RowKind.PROJECT, RowKind.PART):
            result.skipped.append(SkippedRow(r, kind, label))
            if kind is RowKind.UNNAMED:
                result.problems.append(f"{grid.where(r)}：没有项目名称（「{label}」），已跳过")
        previous = kind
    return result


#: the first characters of the names :func:`_kind` reads as a total (合计, 总计, 全县 …) or as
#: a 其中 line, and what a subtotal (小计, …合计) and a 续表 line hold
_TOTAL_FIRSTS = frozenset("合总全共累其")


def _plain_project(serial: Cell, name: Cell) -> bool:
    """A row :func:`_kind` reads as a project at its first test, without the texts: a 序号
    that is a whole number from 0 and a name without spaces or line breaks (:func:`_text`
    keeps it as it is) that no total, subtotal, 其中, 续表 or group pattern ("1" +
    "城关镇（8个）") can match."""
    if type(name) is not str or not name or " " in name or "\n" in name \
            or name[0] in _TOTAL_FIRSTS or "计" in name or "续" in name \
            or _BARE_GROUP.match(name) or _PLACE_GROUP.match(name):
        return False
    if type(serial) is float:
        return serial.is_integer() and 0 <= serial < 1e15
    return type(serial) is int and serial >= 0


def _picker(cols: list[int]) -> Callable[[list[Cell]], tuple[Cell, ...]]:
    """The cells of ``cols`` of a row wide enough, picked in C (:func:`operator.itemgetter`)."""
    if not cols:
        return lambda row: ()
    if len(cols) == 1:
        only = cols[0]
        return lambda row: (row[only],)
    return itemgetter(*cols)


def _direct(grid: SheetGrid) -> Callable[[int, int], Cell]:
    """``grid.value`` without the bounds checks' method call, for sheets without merges."""
    rows = grid.rows

    def value(r: int, c: int) -> Cell:
        row = rows[r]
        return row[c] if c < len(row) else ""

    return value


def _text(value: Cell) -> str:
    if isinstance(value, str):
        return _SPACE.sub("", value) if " " in value or "\n" in value else value
    return cell_text(value)


def _header_words(header: HeaderMap) -> tuple[list[tuple[int, frozenset[str]]], int]:
    """Each recognised column with its header words (spaces removed), and how many of them a
    row must repeat to be the header again (:func:`_repeats_header`)."""
    words = [(column.col, frozenset(_SPACE.sub("", t) for t in column.text.split(" / ")))
             for column in header.columns.values()]
    return words, max(2, len(words) // 2)


def _repeats_header(header_words: tuple[list[tuple[int, frozenset[str]]], int], r: int,
                    value: Callable[[int, int], Cell]) -> bool:
    """The header again in the middle of the data (a second page pasted under the first):
    most of the recognised columns hold their own header words."""
    columns, needed = header_words
    same = 0
    for col, words in columns:
        cell = value(r, col)
        if cell != "" and (text := _text(cell)) and text in words:
            same += 1
    return same >= needed


def _kind(grid: SheetGrid, r: int, serial: str, name: str, label: str,
          previous: RowKind, has_serial: bool) -> RowKind:
    if _CONTINUATION.match(label) or (serial and _CONTINUATION.match(serial)):
        return RowKind.CONTINUATION
    if name and serial.isdigit() and not (_TOTAL.match(name) or _SUBTOTAL.search(name)
                                          or _PART.match(name) or _BARE_GROUP.match(name)
                                          or _PLACE_GROUP.match(name)):
        return RowKind.PROJECT  # the common case, decided early
    for text in (serial, name, label):
        if text and _TOTAL.match(text):
            return RowKind.TOTAL
    if _SUBTOTAL.search(label) or (serial and _SUBTOTAL.search(serial)):
        return RowKind.SUBTOTAL
    if _PART.match(label) and previous in (RowKind.TOTAL, RowKind.SUBTOTAL):
        return RowKind.SUBTOTAL  # "其中：省重点项目" breaking a total down
    if _GROUP_SERIAL.match(serial) or _GROUP_LABEL.match(label) or (
            name and _COUNT.search(name) and not serial.isdigit()) or _BARE_GROUP.match(label) \
            or _PLACE_GROUP.match(label):
        return RowKind.GROUP
    if _NOTE.match(label) and not serial.isdigit():
        return RowKind.NOTE
    if name and (_PART.match(name) or _PART_SERIAL.match(serial)):
        return RowKind.PART
    if name and has_serial and not serial and previous is RowKind.PART:
        return RowKind.PART
    if name:
        return RowKind.PROJECT
    if serial.isdigit():
        # a numbered line whose name is missing (or a formula nobody calculated): a project
        # the file does not let us read, never a total
        return RowKind.UNNAMED
    if r in grid.formula_rows or any(isinstance(v, int | float) for v in grid.rows[r]):
        return RowKind.SUBTOTAL  # amounts without a name: an unlabelled total
    return RowKind.UNNAMED


def _not_a_project(grid: SheetGrid, r: int, kind: RowKind, texts: tuple[str, str, str],
                   previous: RowKind, has_serial: bool,
                   columns: tuple[int | None, list[tuple[int, str]], set[int]]) -> RowKind:
    """``kind`` (a project, a part or an unnamed row), unless the row is none of them:

    - a line of the notes under the table (after "备注：", "下步计划：" …) holding no amount;
    - one text merged across the table's columns: a note ("1.本表…。") or else a heading;
    - a "其中" line breaking the project above down into cost items or funding sources
      ("其中：土建工程", "设备购置及安装", "其中：中央预算内投资3000万元"), and the lines
      without a 序号 that go on with it: not a 打包项目's parts, which are projects."""
    serial, name, label = texts
    name_col, cols, money_cols = columns
    amounts = any(isinstance(grid.merged_value(r, c), int | float) for c in money_cols)
    if previous is RowKind.NOTE and not amounts:
        return RowKind.NOTE
    if name_col is not None and grid.merged:
        span = grid.merge_at(r, name_col)
        if span is not None and span.first_row == span.last_row and any(
                c != name_col and span.first_col <= c <= span.last_col for c, _ in cols):
            if _NOTE_LINE.search(label) or len(label) > 20:
                return RowKind.NOTE
            return RowKind.GROUP
    part = _PART.sub("", name)
    under_a_project = kind is RowKind.PART or (
        has_serial and not serial and previous in (RowKind.PROJECT, RowKind.BREAKDOWN))
    if name and under_a_project and (
            _BREAKDOWN.match(part) or (not amounts and _BREAKDOWN.search(part))):
        return RowKind.BREAKDOWN
    if previous is RowKind.BREAKDOWN and has_serial and not serial and name:
        return RowKind.BREAKDOWN
    return kind


def _sheet_group(sheet: str) -> list[Group]:
    """A workbook of a sheet per 领域, 建设性质 or 乡镇 ("工业", "社会民生", "新开工项目",
    "城关镇"): the sheet's name heads every project of it, as a group row above them all
    would (level 0: a group row of the sheet's own is nearer, and says more)."""
    name = sheet.strip()
    if not (_BARE_GROUP.match(name) or _PLACE_GROUP.match(name)):
        return []
    group = group_of(name, 1)
    if group.value in _LEVEL_WORDS:  # a sheet per 级别 says no 领域
        return []
    return [replace(group, level=0)]


def _group(serial: str, name: str, label: str) -> Group:
    match = _GROUP_LABEL.match(label)
    if match:
        return group_of(match.group(3) or label, 2 if match.group(2) else 1)
    level = 2 if serial.startswith(("（", "(")) else 1
    return group_of(name or label, level)
