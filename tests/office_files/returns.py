"""Monthly returns (调度表) as townships and departments send them back, for projects already
in the register (import one of :mod:`tests.office_files.layouts` first). Their
:class:`~tests.office_files.projects.Expected` states the count and 1—N月 only: 总投资 and
年度计划 are the register's."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from tests.office_files.layouts import NUMERALS, OfficeFile, _groups, _merge, _write
from tests.office_files.projects import BASE, D, Expected, Project, thousands, yi


def township_cumulative(folder: Path) -> OfficeFile:
    """A township's own wording (今年以来累计完成（万元）, 工程进展情况, 存在困难,
    需协调解决的问题),
    only the 1—N月 cumulative, kept as text with thousands separators; the month only in the
    title; 填报人 and 联系电话 under the table."""
    projects = tuple(p for p in BASE if p.ytd)[:4]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "谷营镇2026年4月份重点项目进展情况"
    _merge(ws, "A1:G1")
    _write(ws, 2, [["序号", "项目名称", "总投资（万元）", "今年以来累计完成（万元）",
                    "工程进展情况",
                    "存在困难", "需协调解决的问题"]])
    body: list[list[Any]] = [
        [i, p.name, thousands(p.total), thousands(p.ytd), "主体施工中", "无", "—"]
        for i, p in enumerate(projects, start=1)]
    body += [[], ["填报人：李娜    联系电话：13903781234"]]
    _write(ws, 3, body)
    path = folder / "谷营镇4月份进展情况.xlsx"
    wb.save(path)
    ytd = sum(p.ytd for p in projects)
    return OfficeFile("乡镇报表（只报今年以来累计，文本千分位，月份只在标题）", path,
                      Expected(len(BASE), D(0), D(0), ytd), projects)


def april_share(p: Project) -> Decimal:
    """What a project completed in April alone (a quarter of its 1—4月, to the 万元)."""
    return (p.ytd / 4).quantize(D(1))


def county_dispatch_in_yi(folder: Path, month: int = 4) -> OfficeFile:
    """The county's 调度表 in 亿元: 2026年 over 年度计划 / 1—N月完成 (and, from April,
    其中：N月完成),
    合计 at the top, groups per 领域 by 序号 "一" + "工业项目", a 栏次 row under the header.
    The March table (``month=3``) holds 1—3月 only: an office importing its past months;
    February (``month=2``) as much less again. May (``month=5``) adds as much again as April
    to each project."""
    projects = BASE
    shift = {2: -2, 3: -1, 4: 0, 5: 1}[month]
    ytd = {p.name: p.ytd + shift * april_share(p) for p in projects}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = f"{month}月调度"
    ws["A1"] = "XX县2026年重点项目建设进展情况表"
    ws["H2"] = "单位：亿元"
    _merge(ws, "A1:H1")
    _write(ws, 3, [["序号", "项目名称", "总投资", "2026年", None, None, "形象进度", "责任单位"],
                   [None, None, None, "年度计划", f"1—{month}月完成",
                    f"其中：{month}月完成" if month >= 4 else "备注"],
                   ["栏次", 1, 2, 3, 4, 5, 6, 7]])
    _merge(ws, "A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:G4", "H3:H4")
    body: list[list[Any]] = [["合计", None, yi(sum(p.total for p in projects)),
                              yi(sum(p.plan for p in projects)), yi(sum(ytd.values()))]]
    for g, (category, members) in enumerate(_groups(projects, lambda p: p.category)):
        body.append([NUMERALS[g], f"{category}项目"])
        for i, p in enumerate(members, start=1):
            body.append([i, p.name, yi(p.total), yi(p.plan), yi(ytd[p.name]),
                         yi(april_share(p)) if month >= 4 else None, "按计划推进", p.unit])
    _write(ws, 6, body)
    path = folder / f"2026年{month}月重点项目调度表.xlsx"
    wb.save(path)
    return OfficeFile(f"县调度表（亿元，2026年下分列，合计在上，栏次行，{month}月）", path,
                      Expected(len(BASE), D(0), D(0), sum(ytd.values(), D(0)),
                               month=sum((april_share(p) for p in projects), D(0))
                               if month >= 4 else None),
                      projects)


def township_as_of(folder: Path) -> OfficeFile:
    """A township table whose month is only "截至4月底" in the title, groups written without
    numerals ("新开工项目", "续建项目") carrying subtotals, 本年累计完成 and 当月完成 columns,
    and 盖章/签字 lines under it."""
    projects = tuple(p for p in BASE if p.ytd and p.stage in ("新开工", "续建"))[:5]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进展情况"
    ws["A1"] = "东坝头镇2026年重点项目进展情况表（截至4月底）"
    ws["F2"] = "单位：万元"
    _merge(ws, "A1:G1")
    _write(ws, 3, [["序号", "项目名称", "总投资", "本年累计完成", "形象进度", "存在问题",
                    "下步计划"]])
    body: list[list[Any]] = [[None, "合计", sum(p.total for p in projects),
                              sum((p.ytd for p in projects), D(0))]]
    for stage, members in _groups(projects, lambda p: p.stage):
        body.append([None, f"{stage}项目", sum(p.total for p in members),
                     sum((p.ytd for p in members), D(0))])
        body += [[i, p.name, p.total, p.ytd, "正在施工", "资金到位不足", "加快施工进度"]
                 for i, p in enumerate(members, start=1)]
    body += [[], ["填报单位（盖章）：东坝头镇人民政府"],
             ["主要领导签字：", None, None, "报送日期：2026年5月3日"]]
    _write(ws, 4, body)
    path = folder / "东坝头镇进展情况.xlsx"
    wb.save(path)
    return OfficeFile("乡镇报表（分组行无序号，月份为“截至4月底”）", path,
                      Expected(len(BASE), D(0), D(0), sum((p.ytd for p in projects), D(0))),
                      projects)
