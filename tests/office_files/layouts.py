"""Registers and annual plans as Henan county offices lay them out, one function a layout.

Each writes an .xlsx with openpyxl the way the office's own Excel or WPS file looks (merged
titles, 单位 lines, stacked headers, group and total rows, notes, text numbers, hidden
columns, several sheets) and returns the file with the figures it states.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from tests.office_files.projects import (
    BASE,
    Expected,
    Project,
    expected,
    full_width,
    thousands,
    varied,
    yi,
)


@dataclass(frozen=True)
class OfficeFile:
    name: str
    path: Path
    expected: Expected
    projects: tuple[Project, ...]
    #: "其中" parts of 打包项目, each a row of its own in the register
    parts: int = 0


def _write(ws: Worksheet, top: int, rows: Sequence[Sequence[Any]]) -> int:
    """Rows from ``top`` (1-based); ``None`` leaves a cell empty. Returns the next row."""
    for offset, values in enumerate(rows):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=top + offset, column=c, value=value)
    return top + len(rows)


def _merge(ws: Worksheet, *ranges: str) -> None:
    for rng in ranges:
        ws.merge_cells(rng)


def _groups(projects: Sequence[Project], key: Callable[[Project], str]
            ) -> list[tuple[str, list[Project]]]:
    out: dict[str, list[Project]] = {}
    for p in projects:
        out.setdefault(key(p), []).append(p)
    return list(out.items())


NUMERALS = "一二三四五六七八九十"


def progress_table(folder: Path) -> OfficeFile:
    """推进情况表 in 亿元: three-row header (投资情况 over 总投资 over 合计/其中：财政资金/社会资金
    and 2026年计划 over 全年/一季度…), 合计 at the top, groups per 领域 with counts and SUM
    subtotals, 单位：亿元 in the right-hand corner."""
    projects = varied(BASE, 1)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "推进情况"
    ws["A1"] = "XX县2026年重点项目建设推进情况表（截至4月底）"
    ws["N2"] = "单位：亿元"
    _merge(ws, "A1:N1")
    _write(ws, 3, [
        ["序号", "项目名称", "建设性质", "建设起止年限", "投资情况"] + [None] * 7
        + ["责任单位", "包联领导"],
        [None] * 4 + ["总投资", None, None, "2026年计划"],
        [None] * 4 + ["合计", "其中：财政资金", "社会资金", "全年", "一季度", "二季度", "三季度",
                      "四季度"],
    ])
    _merge(ws, "A3:A5", "B3:B5", "C3:C5", "D3:D5", "E3:L3", "E4:G4", "H4:L4", "M3:M5",
           "N3:N5")
    row = 7
    sums: list[str] = []
    body: list[list[Any]] = []
    for g, (category, members) in enumerate(_groups(projects, lambda p: p.category)):
        first = row + 1
        body.append([f"{NUMERALS[g]}、{category}项目（{len(members)}个）"])
        for i, p in enumerate(members, start=1):
            body.append([i, p.name, p.stage, p.years, yi(p.total), yi(p.fiscal), yi(p.social),
                         yi(p.plan), *(yi(q) for q in p.quarters), p.unit, p.leader])
        last = first + len(members) - 1
        body.append([f"{category}小计", None, None, None,
                     *(f"=SUM({c}{first}:{c}{last})" for c in "EFGHIJKL")])
        sums.append(f"{last + 1}")
        row = last + 2
    _write(ws, 7, body)
    _write(ws, 6, [["合计", None, None, None,
                    *("=" + "+".join(f"{c}{r}" for r in sums) for c in "EFGHIJKL")]])
    _merge(ws, "A6:D6")
    path = folder / "XX县2026年重点项目建设推进情况表（截至4月底）.xlsx"
    wb.save(path)
    return OfficeFile("推进情况表（亿元，三行表头，合计在上）", path,
                      expected(projects), projects)


def plan_by_stage(folder: Path) -> OfficeFile:
    """年度投资计划表 grouped by 建设性质 then 领域 (一、/（一）/1), numbers kept as text with
    thousands separators, spacer rows, 合计 at the bottom, 备注 and 填报人 lines under it."""
    projects = varied(BASE, 2)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年计划"
    ws["A1"] = "XX县2026年重点项目年度投资计划表"
    _merge(ws, "A1:J1")
    ws["A2"] = "填报单位：XX县发展和改革委员会"
    ws["H2"] = "填报日期：2026年1月15日"
    _write(ws, 3, [["序号", "项目名称", "建设地点", "总投资（万元）",
                    "截至2025年底累计完成投资（万元）",
                    "2026年计划投资（万元）", "计划开工时间", "计划竣工时间", "2026年建设目标",
                    "责任单位", "责任领导"]])
    body: list[list[Any]] = []
    for s, (stage, by_stage) in enumerate(_groups(projects, lambda p: p.stage)):
        body.append([NUMERALS[s] + "、", f"{stage}项目（{len(by_stage)}个）"])
        for c, (category, members) in enumerate(_groups(by_stage, lambda p: p.category)):
            body.append([f"（{NUMERALS[c]}）", category])
            for i, p in enumerate(members, start=1):
                start = p.planned_start
                body.append([i, p.name, p.township or "县城", thousands(p.total),
                             thousands(p.total / 4), thousands(p.plan),
                             f"{start.year}年{start.month}月" if start else "—",
                             p.years.split("-")[-1] if "-" in p.years else "2027年",
                             "完成年度建设任务", p.unit, p.leader])
        body.append([])
    total = sum(p.total for p in projects)
    plan = sum(p.plan for p in projects)
    body += [["", "合计", None, thousands(total), None, thousands(plan)], [],
             ["备注：1.本表由各责任单位填报，县发改委汇总；2.总投资以批复为准。"],
             ["填报人：张伟    联系电话：0371-23191234    审核人：刘强"]]
    _write(ws, 4, body)
    path = folder / "2026年重点项目年度投资计划表.xlsx"
    wb.save(path)
    return OfficeFile("年度投资计划表（按建设性质和领域分组，文本数字带千分位）", path,
                      expected(projects), projects)


def text_numbers(folder: Path) -> OfficeFile:
    """清单 typed by hand in WPS: "万元"/"亿元" written in the cells, full-width digits, a hidden
    项目代码 column, levels and leaders with their titles, a "项目基本情况" parent header; the
    last project's row is hidden."""
    projects = varied(BASE, 3)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目清单"
    ws["A1"] = "XX县2026年省市县重点项目清单"
    _merge(ws, "A1:J1")
    _write(ws, 2, [
        ["序号", "项目基本情况", None, None, None, "总投资", "2026年计划投资", "建设起止年限",
         "责任单位", "包联领导"],
        [None, "项目名称", "项目代码", "级别", "建设性质"],
    ])
    _merge(ws, "A2:A3", "B2:E2", "F2:F3", "G2:G3", "H2:H3", "I2:I3", "J2:J3")
    ws.column_dimensions["C"].hidden = True
    body = []
    for i, p in enumerate(projects, start=1):
        total = full_width(f"{p.total}万元") if i % 2 else f"{yi(p.total)}亿元"
        plan = full_width(f"{p.plan}") if i % 3 else f"{p.plan} 万元"
        level = "省重点、市重点" if i % 3 == 1 else "市重点" if i % 3 == 2 else "县重点"
        body.append([full_width(str(i)), p.name, p.code or None, level, p.stage, total, plan,
                     p.years, p.unit, p.leader])
    _write(ws, 4, body)
    ws.row_dimensions[3 + len(body)].hidden = True  # the last project, hidden by someone
    path = folder / "省市县重点项目清单.xlsx"
    wb.save(path)
    return OfficeFile("手填清单（万元/亿元写在格内，全角数字，隐藏项目代码列）", path,
                      expected(projects), projects)


def summary_and_detail(folder: Path) -> OfficeFile:
    """汇总 + 明细 sheets: the summary by 领域 first, the detail with 领域 and 建设性质 columns,
    2026年 over 年度计划/1—3月完成, 开工情况 over 计划开工时间/实际开工时间."""
    projects = varied(BASE, 4)
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "汇总"
    summary["A1"] = "XX县2026年重点项目汇总表"
    _write(summary, 2, [["领域", "项目个数", "总投资（万元）", "年度计划投资（万元）"]])
    groups = _groups(projects, lambda p: p.category)
    _write(summary, 3, [[f"{c}项目", len(m), sum(p.total for p in m), sum(p.plan for p in m)]
                        for c, m in groups])
    ws = wb.create_sheet("明细")
    ws["A1"] = "XX县2026年重点项目明细表"
    ws["K2"] = "单位：万元"
    _merge(ws, "A1:K1")
    _write(ws, 3, [
        ["序号", "项目名称", "领域", "建设性质", "总投资", "2026年", None, "开工情况", None,
         "责任单位", "联系人"],
        [None] * 5 + ["年度计划", "1—3月完成", "计划开工时间", "实际开工时间"],
    ])
    _merge(ws, "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:G3", "H3:I3", "J3:J4",
           "K3:K4")
    body = []
    for i, p in enumerate(projects, start=1):
        body.append([i, p.name, p.category, p.stage, p.total, p.plan, p.ytd,
                     p.planned_start, p.actual_start or "未开工", p.unit, "张明"])
    _write(ws, 5, body)
    path = folder / "重点项目汇总及明细.xlsx"
    wb.save(path)
    return OfficeFile("汇总+明细两张表（开工情况合并表头）", path,
                      expected(projects, actual=True), projects)


def packaged(folder: Path) -> OfficeFile:
    """打包项目 with "其中：" parts numbered 1-1, 1-2; 总计 at the top and 合计 at the bottom;
    起止年限 as "2025.3-2027.12"; "—" and "/" for nothing."""
    projects = varied(BASE[:6], 5)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "XX县2026年重点项目（含打包项目）清单"
    ws["A2"] = "金额单位：万元"
    _write(ws, 3, [["序号", "项目名称", "建设性质", "建设起止年限", "总投资", "2026年计划投资",
                    "责任单位", "备注"]])
    total = sum(p.total for p in projects)
    plan = sum(p.plan for p in projects)
    body: list[list[Any]] = [["总计", None, None, None, total, plan]]
    for i, p in enumerate(projects, start=1):
        body.append([i, p.name, p.stage, p.years, p.total, p.plan, p.unit, "—"])
        if i == 2:  # the park is a package of two plots
            first = (p.total * 3 / 5).quantize(1)
            plan_first = (p.plan / 2).quantize(1)
            body.append([f"{i}-1", "其中：一号地块标准化厂房", p.stage, p.years,
                         first, plan_first, p.unit, "/"])
            body.append([f"{i}-2", "二号地块研发中心", p.stage, p.years, p.total - first,
                         p.plan - plan_first, p.unit, "/"])
    body.append(["合计", None, None, None, total, plan])
    _write(ws, 4, body)
    path = folder / "重点项目清单（含打包）.xlsx"
    wb.save(path)
    return OfficeFile("打包项目带“其中”子项（总计在上，合计在下）", path,
                      expected(projects), projects, parts=2)


def stage_groups_with_started(folder: Path) -> OfficeFile:
    """Grouped by 建设性质 in merged A:B rows ("一、新开工项目（5个）"), 领域 sub-rows, a 是否开工
    column (已开工/未开工), 实际开工时间 as real dates, planned starts as "2026.3"."""
    projects = varied(BASE, 6)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "重点项目"
    ws["A1"] = "XX县2026年重点项目建设计划表"
    ws["I2"] = "单位：万元"
    _merge(ws, "A1:I1")
    _write(ws, 3, [["序号", "项目名称", "总投资", "本年计划投资", "计划开工", "是否开工",
                    "实际开工时间", "责任单位", "包联领导"]])
    body: list[list[Any]] = []
    merges = []
    for s, (stage, members) in enumerate(_groups(projects, lambda p: p.stage)):
        merges.append(f"A{4 + len(body)}:B{4 + len(body)}")
        body.append([f"{NUMERALS[s]}、{stage}项目（{len(members)}个）", None,
                     sum(p.total for p in members), sum(p.plan for p in members)])
        for i, p in enumerate(members, start=1):
            start = p.planned_start
            body.append([i, p.name, p.total, p.plan,
                         f"{start.year}.{start.month}" if start else None,
                         "已开工" if p.actual_start or p.stage == "续建" else "未开工",
                         p.actual_start, p.unit, p.leader])
    _write(ws, 4, body)
    _merge(ws, *merges)
    for r in range(4, 4 + len(body)):
        ws.cell(row=r, column=7).number_format = "yyyy-mm-dd"
    path = folder / "重点项目建设计划表.xlsx"
    wb.save(path)
    return OfficeFile("按建设性质分组（合并的分组行，是否开工列）", path,
                      expected(projects, actual=True), projects)


def sheet_per_category(folder: Path) -> OfficeFile:
    """One sheet per 领域 (工业, 农业 …) after a 填表说明 sheet, each with its own title, a
    "总投资（亿元）" column under a sheet-wide 单位：万元, and 合计 at the bottom: the office
    imports each sheet in turn."""
    projects = varied(BASE, 7)
    wb = openpyxl.Workbook()
    wb.active.title = "填表说明"
    wb.active["A1"] = "1.金额除注明外均为万元；2.建设性质填新开工、续建或前期。"
    for category, members in _groups(projects, lambda p: p.category):
        ws = wb.create_sheet(category)
        ws["A1"] = f"XX县2026年{category}重点项目清单"
        ws["F2"] = "单位：万元"
        _merge(ws, "A1:F1")
        _write(ws, 3, [["序号", "项目名称", "建设性质", "总投资（亿元）", "2026年计划投资",
                        "责任单位"]])
        body: list[list[Any]] = [[i, p.name, p.stage, yi(p.total), p.plan, p.unit]
                                 for i, p in enumerate(members, start=1)]
        body.append(["合计", None, None, f"=SUM(D4:D{3 + len(members)})",
                     f"=SUM(E4:E{3 + len(members)})"])
        _write(ws, 4, body)
    path = folder / "分领域重点项目清单.xlsx"
    wb.save(path)
    return OfficeFile("每个领域一张工作表（总投资列为亿元，表为万元）", path,
                      expected(projects, dated=False), projects)
