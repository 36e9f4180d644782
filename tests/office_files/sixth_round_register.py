"""Registers and annual plans of a sixth round of offices, in layouts no earlier round wrote:
a plan given only month by month (1月 … 12月 under 2026年计划投资), or only by 上半年 /
下半年; 省重点 / 市重点 / 县重点 as columns of ticks, or "是否省重点项目" 是/否; a one-row
header with line breaks, an empty spacer column and a hidden 项目代码, 行业类别 in the office's
own words, 牵头单位 beside 配合单位 and 县级领导 beside 责任人, 项目状态 words and dates typed
"2026/03/15" or "26年3月"; a WPS CSV in GBK with money typed "约3亿元" / "3,000.00"; this
year's and next year's plan side by side.

Each returns the file with the figures it states (:class:`~tests.office_files.layouts.OfficeFile`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from tests.office_files.layouts import OfficeFile, _merge, _write
from tests.office_files.projects import BASE, D, Project, expected, varied, yi


def month_split(p: Project) -> list[D]:
    """A project's plan over twelve months: each quarter in three, the remainder in its last
    month (what an office's spreadsheet formula leaves)."""
    months: list[D] = []
    for quarter in p.quarters:
        third = (quarter / 3).quantize(D(1))
        months += [third, third, quarter - 2 * third]
    return months


def monthly_plan(folder: Path, *, with_year: bool = False, wrong_row: int | None = None
                 ) -> OfficeFile:
    """年度投资计划表 whose plan is given month by month: "2026年计划投资（分月）" merged over
    1月 … 12月, no 全年 column (or, ``with_year``, a 全年 column first; ``wrong_row``: that
    project's months do not add up to it), a 合计 row of SUMs at the bottom."""
    projects = varied(BASE, 61)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分月计划"
    ws["A1"] = "XX县2026年重点项目分月投资计划表"
    _merge(ws, "A1:R1")
    ws["Q2"] = "单位：万元"
    year = ["全年"] if with_year else []
    width = 12 + len(year)
    _write(ws, 3, [
        ["序号", "项目名称", "建设性质", "总投资", "2026年计划投资（分月）"]
        + [None] * (width - 1) + ["责任单位", "包联领导"],
        [None] * 4 + year + [f"{m}月" for m in range(1, 13)],
    ])
    last = 4 + width  # the last month's column (1-based)
    _merge(ws, "A3:A4", "B3:B4", "C3:C4", "D3:D4",
           f"E3:{openpyxl.utils.get_column_letter(last)}3",
           *(f"{openpyxl.utils.get_column_letter(c)}3:{openpyxl.utils.get_column_letter(c)}4"
             for c in (last + 1, last + 2)))
    body: list[list[Any]] = []
    for i, p in enumerate(projects, start=1):
        months = month_split(p)
        if i == wrong_row:
            months[11] += 100
        body.append([i, p.name, p.stage, p.total, *([p.plan] if with_year else []), *months,
                     p.unit, p.leader])
    end = 4 + len(body)
    letters = [openpyxl.utils.get_column_letter(c) for c in range(4, last + 1)]
    body.append(["合计", None, None, *(f"=SUM({c}5:{c}{end})" for c in letters)])
    _write(ws, 5, body)
    path = folder / ("2026年重点项目分月投资计划表" + ("（含全年）" if with_year else "") + ".xlsx")
    wb.save(path)
    return OfficeFile("分月计划（1月…12月，无全年列）", path, expected(projects, dated=False),
                      projects)


def halves_only(folder: Path) -> OfficeFile:
    """A plan whose 2026年计划投资 is split into 上半年 / 下半年 with no 全年 column."""
    projects = varied(BASE, 62)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "XX县2026年重点项目投资计划"
    _write(ws, 2, [["序号", "项目名称", "总投资（万元）", "2026年计划投资（万元）", None,
                    "责任单位"],
                   [None] * 3 + ["上半年", "下半年"]])
    _merge(ws, "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:F3")
    _write(ws, 4, [[i, p.name, p.total, p.quarters[0] + p.quarters[1],
                    p.quarters[2] + p.quarters[3], p.unit]
                   for i, p in enumerate(projects, start=1)])
    path = folder / "2026年重点项目投资计划（上下半年）.xlsx"
    wb.save(path)
    return OfficeFile("上半年/下半年计划（无全年列）", path, expected(projects, dated=False),
                      projects)


def levels_of(i: int) -> tuple[str, ...]:
    """The levels :func:`level_ticks` gives its ``i``-th project (from 1)."""
    return tuple(level for level, on in (("省重点", i % 3 == 0), ("市重点", i % 2 == 0),
                                         ("县重点", i != 7)) if on)


def level_ticks(folder: Path, *, yes_no: bool = False) -> OfficeFile:
    """清单 whose levels are columns of ticks: 省重点 / 市重点 / 县重点 holding "√" (or "●",
    or nothing); ``yes_no``: "是否省重点项目" / "是否市重点项目" / "是否县重点项目" holding
    是 / 否."""
    projects = varied(BASE, 63)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    ws["A1"] = "XX县2026年省市县重点项目清单"
    ws["I2"] = "单位：万元"
    names = ([f"是否{level}项目" for level in ("省重点", "市重点", "县重点")] if yes_no
             else ["省重点", "市重点", "县重点"])
    _write(ws, 3, [["序号", "项目名称", "建设性质", *names, "总投资", "2026年计划投资",
                    "责任单位"]])
    body = []
    for i, p in enumerate(projects, start=1):
        levels = levels_of(i)
        marks: list[str | None]
        if yes_no:
            marks = ["是" if level in levels else "否" for level in ("省重点", "市重点", "县重点")]
        else:
            marks = [("●" if i == 5 else "√") if level in levels else None
                     for level in ("省重点", "市重点", "县重点")]
        body.append([i, p.name, p.stage, *marks, p.total, p.plan, p.unit])
    _write(ws, 4, body)
    path = folder / ("2026年重点项目清单（级别" + ("是否" if yes_no else "打勾") + "）.xlsx")
    wb.save(path)
    return OfficeFile("级别为打勾列", path, expected(projects, dated=False), projects)


#: 行业类别 in the office's own words for each of our 领域, and the 领域 each gives
OFFICE_FIELDS = {"工业": "产业转型", "农业": "乡村振兴", "社会事业": "社会民生",
                 "城建": "新型城镇化", "交通能源": "交通能源"}
#: 项目状态 as the office keeps it, by 建设性质
STATES = {"新开工": "前期手续办理中", "续建": "在建", "前期": "前期手续办理中"}


def start_text(i: int, p: Project) -> str | None:
    """计划开工时间 typed as text: "2026/03/15" or "26年3月"."""
    start = p.planned_start
    if start is None:
        return None
    return f"{start.year}/{start.month:02d}/15" if i % 2 else f"{start.year % 100}年{start.month}月"


def office_words(folder: Path) -> OfficeFile:
    """A one-row header whose cells break lines ("总投资\\n（万元）"), an empty narrow spacer
    column after 项目名称, a hidden 项目代码, 行业类别 in the office's words, 牵头单位 beside
    配合单位, 县级领导 beside 责任人, a 项目状态 column ("在建", "前期手续办理中") and
    计划开工时间 typed "2026/03/15" or "26年3月"."""
    projects = varied(BASE, 64)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年"
    ws["A1"] = "XX县2026年重点项目清单"
    _merge(ws, "A1:N1")
    _write(ws, 2, [["序号", "项目名称", None, "项目\n代码", "行业\n类别", "总投资\n（万元）",
                    "2026年\n计划投资\n（万元）", "项目\n状态", "计划开工\n时间", "牵头\n单位",
                    "配合\n单位", "县级\n领导", "责任人", "联系\n电话"]])
    body = []
    for i, p in enumerate(projects, start=1):
        body.append([i, p.name, None, p.code or None, OFFICE_FIELDS[p.category], p.total,
                     p.plan, STATES[p.stage], start_text(i, p), p.unit, "县自然资源局",
                     p.leader, f"张{'一二三四五六七八九十'[i - 1]}", f"1390378{i:04d}"])
    _write(ws, 3, body)
    ws.column_dimensions["C"].width = 1.5
    ws.column_dimensions["D"].hidden = True
    path = folder / "2026年重点项目清单（表头换行）.xlsx"
    wb.save(path)
    return OfficeFile("单行表头换行、空白间隔列、行业用语、牵头/配合单位", path,
                      expected(projects), projects)


def money_text(i: int, amount: D) -> str:
    """Money typed by hand into a cell, in turn: "5000万元", "1.2亿元", "约3亿元",
    "3,000.00", "5000"."""
    return (f"{amount}万元", f"{yi(amount)}亿元", f"约{yi(amount)}亿元", f"{amount:,.2f}",
            f"{amount}")[i % 5]


def wps_csv(folder: Path, encoding: str = "gb18030") -> OfficeFile:
    """A CSV saved by WPS on a Chinese Windows (GB18030, or UTF-8 with a BOM): a title line,
    a 单位 line, amounts typed with their units ("约3亿元", "3,000.00") under headers without
    one, dates "2026/3/1", 合计 at the end."""
    projects = varied(BASE, 65)
    lines = ["XX县2026年重点项目清单,,,,,,,", "填报单位：XX县发展和改革委员会,,,,,,,",
             "序号,项目名称,建设性质,总投资,2026年计划投资,计划开工时间,责任单位,包联领导"]
    for i, p in enumerate(projects, start=1):
        start = p.planned_start
        cells = [str(i), p.name, p.stage, money_text(i, p.total), money_text(i + 2, p.plan),
                 f"{start.year}/{start.month}/1" if start else "", p.unit, p.leader]
        lines.append(",".join(f'"{c}"' if "," in c else c for c in cells))
    lines.append(f"合计,,,{sum(p.total for p in projects)},{sum(p.plan for p in projects)},,,")
    path = folder / f"重点项目清单（{encoding}）.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return OfficeFile("WPS导出的CSV", path, expected(projects), projects)


def next_year_beside(folder: Path) -> OfficeFile:
    """A plan with 2026年计划投资 and 2027年计划投资 side by side, under a title naming no
    year (the register is kept from year to year)."""
    projects = varied(BASE, 66)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "计划"
    ws["A1"] = "XX县重点项目投资计划表"
    _write(ws, 2, [["序号", "项目名称", "总投资（万元）", "2027年计划投资（万元）",
                    "2026年计划投资（万元）", "责任单位"]])
    _write(ws, 3, [[i, p.name, p.total, (p.total - p.plan) / 2, p.plan, p.unit]
                   for i, p in enumerate(projects, start=1)])
    path = folder / "重点项目投资计划表（两年）.xlsx"
    wb.save(path)
    return OfficeFile("今明两年计划并列", path, expected(projects, dated=False), projects)


def quarter_months(folder: Path) -> OfficeFile:
    """A plan whose quarters are headed by their months: "2026年计划投资" merged over 1—3月 /
    4—6月 / 7—9月 / 10—12月, no 全年 column."""
    projects = varied(BASE, 67)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "计划"
    ws["A1"] = "XX县2026年重点项目投资计划表"
    ws["I2"] = "单位：万元"
    _write(ws, 3, [["序号", "项目名称", "总投资", "2026年计划投资", None, None, None, "责任单位"],
                   [None] * 3 + ["1—3月", "4—6月", "7—9月", "10—12月"]])
    _merge(ws, "A3:A4", "B3:B4", "C3:C4", "D3:G3", "H3:H4")
    _write(ws, 5, [[i, p.name, p.total, *p.quarters, p.unit]
                   for i, p in enumerate(projects, start=1)])
    path = folder / "2026年重点项目投资计划表（按季度月份）.xlsx"
    wb.save(path)
    return OfficeFile("季度写作月份（1—3月…10—12月，无全年列）", path,
                      expected(projects, dated=False), projects)


#: 建设性质 as the statistics office asks it, in turn
HOW_BUILT = ("新建", "扩建", "改扩建", "新建", "改建")


def how_built_and_type(folder: Path) -> OfficeFile:
    """清单 whose 建设性质 says how each project builds ("新建", "扩建", "改扩建") and whose
    项目类型 says its stage ("新开工项目", "续建项目")."""
    projects = varied(BASE, 68)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    ws["A1"] = "XX县2026年重点项目清单"
    _write(ws, 2, [["序号", "项目名称", "建设性质", "项目类型", "总投资（万元）",
                    "2026年计划投资（万元）", "责任单位"]])
    _write(ws, 3, [[i, p.name, HOW_BUILT[i % 5], f"{p.stage}项目", p.total, p.plan, p.unit]
                   for i, p in enumerate(projects, start=1)])
    path = folder / "2026年重点项目清单（建设性质为新建扩建）.xlsx"
    wb.save(path)
    return OfficeFile("建设性质写新建/扩建，项目类型写新开工/续建", path,
                      expected(projects, dated=False), projects)
