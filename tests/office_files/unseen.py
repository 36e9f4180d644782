"""Registers and plans in layouts :mod:`tests.office_files.layouts` does not cover, as other
offices keep them: the province's list in 亿元 under a three-row header, a 项目库 system's
export with serial-number dates and 总计, a WPS quarterly plan, a list pasted from two sheets
with 续表, the 推进中心's summary (leaders with titles after a space, 联系人 and 电话 in one
cell), a GBK-encoded CSV, and the city's blank form grouped by 建设性质."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl

from tests.office_files.layouts import NUMERALS, OfficeFile, _groups, _merge, _write
from tests.office_files.projects import BASE, D, expected, varied, yi

#: Excel's day 0 (serial 1 is 1900-01-01, counting the 1900-02-29 Lotus kept)
_EPOCH = dt.date(1899, 12, 30)


def serial(day: dt.date) -> int:
    """A date as the number a system export leaves in a General-format cell."""
    return (day - _EPOCH).days


def _leader_spaced(leader: str) -> str:
    """"李明（副县长）" as the 推进中心 writes it: "李明 副县长"."""
    name, _, title = leader.partition("（")
    return f"{name} {title.rstrip('）')}" if title else name


def province_list(folder: Path) -> OfficeFile:
    """省重点项目名单 for the county: 亿元 throughout, a three-row merged header (项目基本情况
    over 建设性质/建设地点/起止年限; 投资情况 over 总投资 over 合计/其中：中央预算内/其中：专项债券,
    and 2026年计划投资 spanning two rows), ★ before the projects new this year."""
    projects = varied(BASE, 11)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "省重点"
    ws["A1"] = "2026年河南省重点建设项目名单（XX县）"
    ws["A2"] = "金额单位：亿元"
    _merge(ws, "A1:J1")
    _write(ws, 3, [
        ["序号", "项目名称", "项目基本情况", None, None, "投资情况", None, None, None,
         "责任单位"],
        [None, None, "建设性质", "建设地点", "建设起止年限", "总投资", None, None,
         "2026年计划投资"],
        [None] * 5 + ["合计", "其中：中央预算内", "其中：专项债券"],
    ])
    _merge(ws, "A3:A5", "B3:B5", "C3:E3", "C4:C5", "D4:D5", "E4:E5", "F3:I3", "F4:H4",
           "I4:I5", "J3:J5")
    body = []
    for i, p in enumerate(projects, start=1):
        mark = "★" if p.stage == "新开工" else ""
        body.append([i, mark + p.name, p.stage, p.township or "县城", p.years, yi(p.total),
                     yi(p.fiscal), None, yi(p.plan), p.unit])
    _write(ws, 6, body)
    path = folder / "2026年省重点建设项目名单.xlsx"
    wb.save(path)
    return OfficeFile("省重点项目名单（亿元，三行合并表头，★标记）", path,
                      expected(projects), projects)


def system_export(folder: Path) -> OfficeFile:
    """What a 项目库 system exports: one header row, dates as Excel serial numbers in General
    cells, 总计 written in the 项目名称 column of the last row with SUMs, a 状态 column, the
    started ones saying 已开工 in the 计划开工 column and ※ before some names."""
    projects = varied(BASE, 12)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目库导出"
    _write(ws, 1, [["序号", "项目编码", "项目名称", "所属领域", "建设性质", "所属乡镇",
                    "总投资(万元)", "年度计划投资(万元)", "计划开工日期", "计划竣工日期",
                    "责任单位", "项目状态"]])
    body: list[list[Any]] = []
    started = 0
    for i, p in enumerate(projects, start=1):
        start: Any = serial(p.planned_start) if p.planned_start else None
        if p.actual_start is not None:
            start, started = "已开工", started + 1
        body.append([i, p.code or None, ("※" if i % 4 == 0 else "") + p.name, p.category,
                     p.stage, p.township or None, p.total, p.plan, start,
                     serial(dt.date(2027, 12, 31)), p.unit, "在库"])
    n = len(body)
    body.append([None, None, "总计", None, None, None, f"=SUM(G2:G{n + 1})",
                 f"=SUM(H2:H{n + 1})"])
    _write(ws, 2, body)
    path = folder / "项目库导出_20260501.xlsx"
    wb.save(path)
    # a start written as 已开工 has no month: started, but outside the year's 开工率
    undated = tuple(replace(p, planned_start=None) if p.actual_start else p for p in projects)
    return OfficeFile("项目库系统导出（日期为序列号，总计在项目名称列，已开工写在计划开工列）",
                      path, expected(undated, actual=True), projects)


def quarterly_plan(folder: Path) -> OfficeFile:
    """A WPS 年度投资计划: "2026年投资计划" over 全年合计 / 第一季度 … 第四季度,
    截至2025年底累计完成, the 开工时间 column beside 计划开工 meaning the actual start, and *
    before some names."""
    projects = varied(BASE, 13)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "XX县2026年重点项目投资计划（分季度）"
    ws["K2"] = "单位：万元"
    _merge(ws, "A1:L1")
    _write(ws, 3, [
        ["序号", "项目名称", "建设性质", "总投资", "截至2025年底累计完成",
         "2026年投资计划", None, None, None, None, "计划开工", "开工时间", "责任单位"],
        [None] * 5 + ["全年合计", "第一季度", "第二季度", "第三季度", "第四季度"],
    ])
    _merge(ws, "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:J3", "K3:K4", "L3:L4",
           "M3:M4")
    body = []
    for i, p in enumerate(projects, start=1):
        body.append([i, ("*" if i % 3 == 0 else "") + p.name, p.stage, p.total,
                     (p.total / 5).quantize(D(1)), p.plan, *p.quarters, p.planned_start,
                     p.actual_start, p.unit])
    _write(ws, 5, body)
    for r in range(5, 5 + len(body)):
        for c in (11, 12):
            ws.cell(row=r, column=c).number_format = "yyyy/m/d"
    path = folder / "2026年投资计划（WPS）.xlsx"
    wb.save(path)
    return OfficeFile("WPS分季度计划（2026年投资计划/全年合计，第一季度…第四季度）", path,
                      expected(projects, actual=True), projects)


def pasted_with_continuation(folder: Path) -> OfficeFile:
    """A list pasted together from two sheets: after the first half a "续表" line, the header
    again, then the rest; a 小计 after each half and 合计 at the end."""
    projects = varied(BASE, 14)
    half = len(projects) // 2
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    ws["A1"] = "XX县2026年重点项目清单"
    ws["G2"] = "单位：万元"
    _merge(ws, "A1:G1")
    header = ["序号", "项目名称", "建设性质", "建设起止年限", "总投资", "2026年计划投资",
              "责任单位"]
    body: list[list[Any]] = [header]
    for i, p in enumerate(projects[:half], start=1):
        body.append([i, p.name, p.stage, p.years, p.total, p.plan, p.unit])
    body.append(["小计", None, None, None, sum(p.total for p in projects[:half]),
                 sum(p.plan for p in projects[:half])])
    body += [["续表"], header]
    for i, p in enumerate(projects[half:], start=half + 1):
        body.append([i, p.name, p.stage, p.years, p.total, p.plan, p.unit])
    body.append(["合计", None, None, None, sum(p.total for p in projects),
                 sum(p.plan for p in projects)])
    _write(ws, 3, body)
    _merge(ws, f"A{3 + half + 2}:G{3 + half + 2}")
    path = folder / "重点项目清单（拼接）.xlsx"
    wb.save(path)
    return OfficeFile("两张表拼接（中间有“续表”和重复的表头）", path,
                      expected(projects), projects)


def centre_summary(folder: Path) -> OfficeFile:
    """The 推进中心's summary: groups "一、工业（3个）", 县级分包领导 written "李明 副县长",
    联系人及电话 "张明 13903781234" in one cell, 累计完成投资 (since the start) beside 年度计划."""
    projects = varied(BASE, 15)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws["A1"] = "XX县重点项目推进中心项目汇总表"
    ws["A2"] = "单位：万元"
    _write(ws, 3, [["序号", "项目名称", "建设性质", "总投资", "2026年计划投资",
                    "累计完成投资", "县级分包领导", "责任单位", "联系人及电话"]])
    body: list[list[Any]] = []
    for g, (category, members) in enumerate(_groups(projects, lambda p: p.category)):
        body.append([f"{NUMERALS[g]}、{category}（{len(members)}个）"])
        for i, p in enumerate(members, start=1):
            body.append([i, p.name, p.stage, p.total, p.plan, p.total / 4,
                         _leader_spaced(p.leader), p.unit, f"张明 1390378{1000 + i}"])
    _write(ws, 4, body)
    path = folder / "推进中心项目汇总表.xlsx"
    wb.save(path)
    return OfficeFile("推进中心汇总（领导“李明 副县长”，联系人与电话同格）", path,
                      expected(projects, dated=False), projects)


def gbk_csv(folder: Path) -> OfficeFile:
    """A CSV saved by Excel on a Chinese Windows: GBK, a title line, 合计 at the end."""
    projects = varied(BASE, 16)
    lines = ["XX县2026年重点项目清单,,,,,", "序号,项目名称,建设性质,总投资（万元）,"
             "2026年计划投资（万元）,责任单位"]
    for i, p in enumerate(projects, start=1):
        lines.append(f"{i},{p.name},{p.stage},{p.total},{p.plan},{p.unit}")
    lines.append(f"合计,,,{sum(p.total for p in projects)},{sum(p.plan for p in projects)},")
    path = folder / "重点项目清单.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return OfficeFile("GBK编码的CSV", path, expected(projects, dated=False), projects)


def city_form_by_stage(folder: Path) -> Path:
    """The city's blank 月报 form as received: 一、新开工项目 / 二、续建项目 group rows with
    blank counts, a 合计 row, headers in its own words and "1—  月" blanks, no placeholders."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "重点项目进展"
    ws["A1"] = "XX市2026年重点项目建设进展情况表（1—  月）"
    ws["A2"] = "填报单位："
    ws["H2"] = "单位：万元"
    _merge(ws, "A1:H1")
    _write(ws, 3, [["序号", "项目名称", "建设性质", "总投资", "2026年计划投资",
                    "1—  月完成投资", "占年度计划%", "责任单位"],
                   ["合计"], ["一、新开工项目（  个）"], [], ["二、续建项目（  个）"], []])
    path = folder / "市重点项目进展情况表（空表）.xlsx"
    wb.save(path)
    return path
