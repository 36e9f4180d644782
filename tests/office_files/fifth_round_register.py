"""Registers and annual plans of a fifth round of offices, in layouts no earlier round wrote:
a 清单 with a 备注 / 下步计划 block of numbered notes under it and 分项 lines ("其中：土建工程")
under a project that are no 打包项目's parts; a plan keeping 自开工累计完成 beside 截至上年底;
a header three rows deep whose units sit only in its second row; a workbook of a sheet per 领域
behind a 汇总 sheet; groups headed only "A" / "B"; money written "5.2亿元" / "3000万"; starts
written "2026年一季度" / "2026年上半年"; several 责任单位 and 包联领导 in one cell.

Each returns the file with the figures it states (:class:`~tests.office_files.layouts.OfficeFile`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from tests.office_files.layouts import OfficeFile, _groups, _merge, _write
from tests.office_files.projects import BASE, D, Project, expected, varied, yi

#: 分项 lines an office writes under a project: its cost items, never projects of their own
BREAKDOWN = ("土建工程", "设备购置及安装", "工程建设其他费用")


def notes_and_breakdown(folder: Path) -> OfficeFile:
    """清单 whose second and sixth projects each have 分项 lines under them ("其中：土建工程"
    with an amount in 总投资, then "设备购置及安装" …, no 序号), one project a "其中：…万元"
    sentence line, and under the table a 备注 and a 下步计划 block of numbered notes
    ("1.本表…", "2.…") in merged rows."""
    projects = varied(BASE, 51)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    ws["A1"] = "XX县2026年重点项目清单"
    ws["H2"] = "单位：万元"
    _merge(ws, "A1:H1")
    _write(ws, 3, [["序号", "项目名称", "建设性质", "建设起止年限", "总投资",
                    "2026年计划投资", "责任单位", "包联领导"]])
    body: list[list[Any]] = []
    for i, p in enumerate(projects, start=1):
        body.append([i, p.name, p.stage, p.years, p.total, p.plan, p.unit, p.leader])
        if i in (2, 6):
            first = (p.total * 6 / 10).quantize(D(1))
            second = (p.total * 3 / 10).quantize(D(1))
            third = p.total - first - second
            body += [[None, f"其中：{BREAKDOWN[0]}", None, None, first],
                     [None, BREAKDOWN[1], None, None, second],
                     [None, BREAKDOWN[2], None, None, third]]
        if i == 4:
            body.append([None, "其中：中央预算内投资3000万元，地方政府专项债券2000万元"])
    end = 4 + len(body)
    body += [[], ["备注："], ["1.本表所列项目总投资以可研批复为准。"],
             ["2.计划开工时间为预计时间，以实际开工为准。"],
             ["下步计划："], ["1.加快推进前期手续办理，确保按期开工。"],
             ["2.强化要素保障，协调解决用地、资金等问题。"]]
    _write(ws, 4, body)
    _merge(ws, *(f"A{r}:H{r}" for r in range(end + 1, end + 7)))
    path = folder / "2026年重点项目清单（含分项和备注）.xlsx"
    wb.save(path)
    return OfficeFile("清单（项目下有分项行，表下有备注和下步计划）", path, expected(projects),
                      projects)


def since_start_cumulative(folder: Path) -> OfficeFile:
    """年度投资计划表 with 截至2025年底累计完成 and, beside it, 自开工累计完成投资 and
    开工以来累计完成 (since the project started, to the date of the table): neither the
    year's plan nor what was done before it."""
    projects = varied(BASE, 52)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "计划"
    ws["A1"] = "XX县2026年重点项目年度投资计划表"
    ws["G2"] = "单位：万元"
    _write(ws, 3, [["序号", "项目名称", "建设性质", "总投资", "截至2025年底累计完成",
                    "自开工累计完成投资", "2026年计划投资", "责任单位"]])
    _write(ws, 4, [[i, p.name, p.stage, p.total, p.total / 4, p.total / 4 + p.ytd, p.plan,
                    p.unit] for i, p in enumerate(projects, start=1)])
    path = folder / "2026年重点项目年度投资计划表（自开工累计）.xlsx"
    wb.save(path)
    return OfficeFile("年度计划（截至上年底累计与自开工累计并列）", path,
                      expected(projects, dated=False), projects)


def three_row_header(folder: Path) -> OfficeFile:
    """A plan whose header is three rows deep: "总投资" over "（亿元）" over 合计 / 其中：
    中央预算内 / 专项债; "2026年\\n计划投资" over "（万元）" over 全年 / 上半年; line breaks in
    the header cells; units only in the second row."""
    projects = varied(BASE, 53)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年"
    ws["A1"] = "XX县2026年重点项目投资计划"
    _merge(ws, "A1:K1")
    _write(ws, 2, [
        ["序号", "项目\n名称", "建设\n性质", "总投资", None, None, "2026年\n计划投资", None,
         "计划\n开工时间", "责任\n单位", "包联\n领导"],
        [None] * 3 + ["（亿元）", None, None, "（万元）"],
        [None] * 3 + ["合计", "其中：\n中央预算内", "其中：\n专项债", "全年", "上半年"],
    ])
    _merge(ws, "A2:A4", "B2:B4", "C2:C4", "D2:F2", "D3:F3", "G2:H2", "G3:H3", "I2:I4",
           "J2:J4", "K2:K4")
    body = []
    for i, p in enumerate(projects, start=1):
        start = p.planned_start
        body.append([i, p.name, p.stage, yi(p.total), yi(p.fiscal), 0, p.plan,
                     p.quarters[0] + p.quarters[1],
                     f"{start.year}年{start.month}月" if start else None, p.unit, p.leader])
    _write(ws, 5, body)
    path = folder / "2026年重点项目投资计划（三行表头）.xlsx"
    wb.save(path)
    return OfficeFile("三行表头（单位只在第二行，表头格内换行）", path, expected(projects),
                      projects)


#: 领域 sheets of :func:`sheets_by_field` and the 领域 of :data:`BASE` each holds
FIELD_SHEETS: dict[str, tuple[str, ...]] = {
    "工业": ("工业",), "基础设施": ("城建", "交通能源"), "社会民生": ("社会事业", "农业")}
#: the 领域 each sheet's name gives its projects (the provincial groupings fold ours in)
SHEET_CATEGORY = {"工业": "工业", "基础设施": "城建", "社会民生": "社会事业"}


def sheets_by_field(folder: Path) -> tuple[OfficeFile, dict[str, OfficeFile]]:
    """A 汇总 sheet in front (per 领域: 项目个数, 总投资, 年度计划, with SUMs from the other
    sheets), then a sheet per 领域 named 工业 / 基础设施 / 社会民生 (no 领域 column), each
    with its own title and 合计 row. Returns the whole file and, per sheet, its own figures."""
    projects = varied(BASE, 54)
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "汇总"
    summary["A1"] = "XX县2026年重点项目汇总表"
    _write(summary, 2, [["序号", "领域", "项目个数", "总投资（万元）", "2026年计划投资（万元）"]])
    per_sheet: dict[str, OfficeFile] = {}
    for n, (sheet, categories) in enumerate(FIELD_SHEETS.items()):
        members = tuple(p for p in projects if p.category in categories)
        ws = wb.create_sheet(sheet)
        ws["A1"] = f"XX县2026年{sheet}类重点项目清单"
        ws["G2"] = "单位：万元"
        _merge(ws, "A1:G1")
        _write(ws, 3, [["序号", "项目名称", "建设性质", "建设起止年限", "总投资",
                        "2026年计划投资", "责任单位"]])
        last = 4 + len(members)
        _write(ws, 4, [["合计", None, None, None, f"=SUM(E5:E{last})", f"=SUM(F5:F{last})"],
                       *([i, p.name, p.stage, p.years, p.total, p.plan, p.unit]
                         for i, p in enumerate(members, start=1))])
        _write(summary, 3 + n, [[n + 1, sheet, len(members), f"='{sheet}'!E4",
                                 f"='{sheet}'!F4"]])
        per_sheet[sheet] = OfficeFile(sheet, folder / "x", expected(members), members)
    _write(summary, 3 + len(FIELD_SHEETS), [[None, "合计", len(projects), "=SUM(D3:D5)",
                                             "=SUM(E3:E5)"]])
    path = folder / "2026年重点项目清单（分领域）.xlsx"
    wb.save(path)
    return OfficeFile("汇总表在前、每个领域一张表", path, expected(projects), projects), per_sheet


def letter_groups(folder: Path) -> OfficeFile:
    """Groups headed only by a letter ("A" in 序号, the 领域 in 项目名称; or "B" alone), the
    group rows merged over every column, projects numbered "A1" … or "（1）"."""
    projects = varied(BASE, 55)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    ws["A1"] = "XX县2026年重点项目清单"
    _merge(ws, "A1:F1")
    _write(ws, 2, [["序号", "项目名称", "建设性质", "总投资（万元）", "2026年计划投资（万元）",
                    "责任单位"]])
    body: list[list[Any]] = []
    merges = []
    for g, (category, members) in enumerate(_groups(projects, lambda p: p.category)):
        letter = "ABCDE"[g]
        merges.append(f"A{3 + len(body)}:F{3 + len(body)}")
        body.append([f"{letter}、{category}项目" if g % 2 else letter])
        body += [[f"（{i}）" if g % 2 else f"{letter}{i}", p.name, p.stage, p.total, p.plan,
                  p.unit] for i, p in enumerate(members, start=1)]
    _write(ws, 3, body)
    _merge(ws, *merges)
    path = folder / "重点项目清单（字母分组）.xlsx"
    wb.save(path)
    return OfficeFile("字母分组（A/B，合并整行）", path, expected(projects, dated=False),
                      projects)


def money_with_units(folder: Path) -> OfficeFile:
    """A 清单 typed by hand: 总计 at the top, amounts written with their units in the cells
    ("8.65亿元", "3000万", "3000万元"), no 单位 line, headers without units."""
    projects = varied(BASE, 56)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "2026年县重点项目表"
    _write(ws, 2, [["序号", "项目名称", "总投资", "今年计划投资", "责任单位"]])
    total = sum(p.total for p in projects)
    plan = sum(p.plan for p in projects)
    body: list[list[Any]] = [[None, "总计", f"{yi(total)}亿元", f"{plan}万元"]]
    for i, p in enumerate(projects, start=1):
        body.append([i, p.name, f"{yi(p.total)}亿元" if i % 2 else f"{p.total}万",
                     f"{p.plan}万" if i % 3 else f"{yi(p.plan)}亿", p.unit])
    _write(ws, 3, body)
    path = folder / "2026年县重点项目表（金额带单位）.xlsx"
    wb.save(path)
    return OfficeFile("金额带单位的文本（总计在上）", path, expected(projects, dated=False),
                      projects)


_QUARTER = "一二三四"


def start_words(p: Project, i: int) -> str | None:
    """计划开工时间 as quarter, half or bare month: "2026年一季度", "2026年上半年", "3月"."""
    start = p.planned_start
    if start is None or start.year != 2026:
        return "已开工" if p.stage == "续建" else None
    form = i % 3
    if form == 0:
        return f"2026年{_QUARTER[(start.month - 1) // 3]}季度"
    if form == 1:
        return f"2026年{'上' if start.month <= 6 else '下'}半年"
    return f"{start.month}月"


def loose_dates_and_many_units(folder: Path) -> OfficeFile:
    """A plan whose 计划开工时间 reads "2026年一季度", "2026年上半年" or "3月", whose
    建设起止年限 is "2026.4—2026.12" (em dash), whose 责任单位 names several units
    ("县住建局、县交通局", or one a line) and whose 包联领导 several leaders ("、" or a line
    break)."""
    projects = varied(BASE, 57)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "计划"
    ws["A1"] = "XX县2026年重点项目投资计划表"
    ws["I2"] = "单位：万元"
    _write(ws, 3, [["序号", "项目名称", "建设性质", "建设起止年限", "总投资", "2026年计划投资",
                    "计划开工时间", "责任单位", "包联领导"]])
    body = []
    for i, p in enumerate(projects, start=1):
        years = p.years.replace("-", "—")
        unit = (f"{p.unit}、县自然资源局" if i % 3 == 0 else f"{p.unit}\n县自然资源局" if i == 5
                else p.unit)
        leader = (f"{p.leader}、刘洋（副县长）" if i % 4 == 1
                  else f"{p.leader}\n刘洋（副县长）" if i % 4 == 2 else p.leader)
        body.append([i, p.name, p.stage, years, p.total, p.plan, start_words(p, i), unit,
                     leader])
    _write(ws, 4, body)
    path = folder / "2026年重点项目投资计划表（季度开工、多个责任单位）.xlsx"
    wb.save(path)
    return OfficeFile("计划开工写季度/半年/月份，多个责任单位和包联领导", path,
                      expected(projects), projects)
