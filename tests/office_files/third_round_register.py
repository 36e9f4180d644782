"""Registers and plans of a third round of offices, in layouts nobody here wrote before:
a 年度投资计划表 keeping last year's plan in a hidden column and 计划开工月份 as bare month
numbers, last year's list with only a "2025年计划投资" column, a list with a 项目状态 column,
"项目名称及主要建设内容" in one cell and states written in 备注, and a 三个一批 list with
签约期 / 开工期 / 投产期 (a 期 or a month) and 计划签约时间.

Each returns the file with the figures it states (:class:`~tests.office_files.layouts.OfficeFile`)
and, where a test needs them, the values each project must end up with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

from tests.office_files.layouts import NUMERALS, OfficeFile, _groups, _merge, _write
from tests.office_files.projects import BASE, D, Expected, Project, expected, varied

#: 计划开工月份 as offices type it: a number, "3月", "03", an integer cell
_MONTH_FORMS = ("{m}", "{m}月", "{m:02d}", None)


def _month(p_month: int, i: int) -> Any:
    form = _MONTH_FORMS[i % len(_MONTH_FORMS)]
    return p_month if form is None else form.format(m=p_month)


def _finish_month(p: Project) -> int | None:
    """The month of the plan year a project's 起止年限 finishes in, if it finishes in 2026."""
    end = p.years.replace("—", "-").split("-")[-1].rstrip("年")
    if end.startswith("2026"):
        return int(end.split(".")[1]) if "." in end else 12
    return None


def _grouped_body(projects: tuple[Project, ...], top: int, line: Any,
                  sum_cols: str) -> tuple[list[list[Any]], list[int]]:
    """Group rows "一、工业项目（3个）", the projects (``line(i, p)``) and a "工业项目小计" with
    SUMs over ``sum_cols``; returns the rows and the 1-based rows of the subtotals."""
    body: list[list[Any]] = []
    subtotals: list[int] = []
    row = top
    for g, (category, members) in enumerate(_groups(projects, lambda p: p.category)):
        body.append([f"{NUMERALS[g]}、{category}项目（{len(members)}个）"])
        first = row + 1
        body += [line(i, p) for i, p in enumerate(members, start=1)]
        last = first + len(members) - 1
        subtotal: list[Any] = [None] * max(ord(c) - 64 for c in sum_cols)
        subtotal[0] = f"{category}项目小计"
        for c in sum_cols:
            subtotal[ord(c) - 65] = f"=SUM({c}{first}:{c}{last})"
        body.append(subtotal)
        subtotals.append(last + 1)
        row = last + 2
    return body, subtotals


def last_year(p: Project) -> D:
    """What a project's 2025 plan said: never this year's figure."""
    return p.plan * 2 + 7


def plan_with_hidden_last_year(folder: Path) -> OfficeFile:
    """年度投资计划表 whose 2025年计划投资 column, beside 2026年计划投资 under one merged
    年度投资计划 parent, is hidden; 计划开工月份 / 计划竣工月份 under 进度安排 written "3", "3月",
    "03" or as a number; 合计 at the top, groups per 领域 with SUM 小计."""
    projects = varied(BASE, 21)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "年度计划"
    ws["A1"] = "XX县2026年重点项目年度投资计划表"
    ws["I2"] = "单位：万元"
    _merge(ws, "A1:I1")
    _write(ws, 3, [
        ["序号", "项目名称", "建设性质", "总投资", "年度投资计划", None, "进度安排", None,
         "责任单位"],
        [None] * 4 + ["2025年计划投资", "2026年计划投资", "计划开工月份", "计划竣工月份"],
    ])
    _merge(ws, "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "G3:H3", "I3:I4")
    ws.column_dimensions["E"].hidden = True

    def line(i: int, p: Project) -> list[Any]:
        start = p.planned_start
        month = _month(start.month, i) if start and start.year == 2026 else "—"
        finish = _finish_month(p)
        return [i, p.name, p.stage, p.total, last_year(p), p.plan, month,
                "—" if finish is None else _month(finish, i + 1), p.unit]

    body, subtotals = _grouped_body(projects, 6, line, "DEF")
    _write(ws, 6, body)
    _write(ws, 5, [["合计", None, None,
                    *("=" + "+".join(f"{c}{r}" for r in subtotals) for c in "DEF")]])
    _merge(ws, "A5:C5")
    path = folder / "2026年重点项目年度投资计划表（含上年计划）.xlsx"
    wb.save(path)
    return OfficeFile("年度计划（隐藏的2025年计划列，计划开工月份写作“3”“3月”“03”）", path,
                      expected(projects), projects)


def last_year_list(folder: Path) -> OfficeFile:
    """Last year's 重点项目清单 kept as this year's start: no year in the title, its only plan
    column "2025年计划投资（万元）", groups by 领域 and a 合计 at the bottom."""
    projects = varied(BASE, 22)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    ws["A1"] = "XX县重点项目清单"
    _merge(ws, "A1:G1")
    _write(ws, 2, [["序号", "项目名称", "建设性质", "建设起止年限", "总投资（万元）",
                    "2025年计划投资（万元）", "责任单位"]])
    body, subtotals = _grouped_body(
        projects, 3, lambda i, p: [i, p.name, p.stage, p.years, p.total, last_year(p), p.unit],
        "EF")
    end = 3 + len(body)
    body.append(["合计", None, None, None,
                 *("=" + "+".join(f"{c}{r}" for r in subtotals) for c in "EF")])
    _write(ws, 3, body)
    _merge(ws, f"A{end}:D{end}")
    path = folder / "重点项目清单（上年）.xlsx"
    wb.save(path)
    plan_free = Expected(len(projects), sum((p.total for p in projects), D(0)), D(0),
                         planned_starts=expected(projects).planned_starts)
    return OfficeFile("上年清单（唯一的计划列是2025年计划投资）", path, plan_free, projects)


@dataclass(frozen=True)
class StatusLine:
    """How a project is written in :func:`status_and_remarks` and what the import makes of it."""

    state: str
    remark: str
    started: bool


#: per project of :data:`BASE`, in order
STATUS_LINES: tuple[StatusLine, ...] = (
    StatusLine("已开工", "", True),
    StatusLine("在建", "", True),
    StatusLine("未开工", "新增", False),
    StatusLine("已竣工", "", True),
    StatusLine("", "已开工", True),          # the state only in 备注
    StatusLine("停建", "", True),            # 续建: started whatever the state says
    StatusLine("在建", "", True),
    StatusLine("缓建", "", True),
    StatusLine("前期", "拟调出", False),
    StatusLine("在库", "", False),           # a word the import does not know
)
CONTENTS = ("新建生产车间4.2万平方米，购置冷轧生产线2条", "建设标准化厂房及配套设施",
            "新建冷库3万吨", "建设高标准农田5万亩", "建设道路、供水和污水管网",
            "新建门诊医技楼和住院楼", "建设教学楼、实验楼和运动场", "改造老旧小区42个",
            "新建220千伏变电站一座", "改建高速连接线12公里")


def combined_name(i: int, p: Project) -> str:
    """"项目名称及主要建设内容" as offices fill it: a line break, a "：", or "，主要建设…"."""
    content = CONTENTS[BASE.index(next(b for b in BASE if b.name == p.name))]
    if i % 3 == 0:
        return f"{p.name}\n{content}"
    if i % 3 == 1:
        return f"{p.name}：{content}"
    return f"{p.name}，主要{content}"


def content_of(p: Project) -> str:
    """The 建设内容 the import must store for ``p`` (as :func:`combined_name` wrote it)."""
    i = BASE.index(next(b for b in BASE if b.name == p.name))
    content = CONTENTS[i]
    return f"主要{content}" if i % 3 == 2 else content


def status_and_remarks(folder: Path) -> OfficeFile:
    """清单 with "项目名称及主要建设内容" in one cell, a 项目状态 column (在建, 已开工, 未开工,
    前期, 已竣工, 停建, 缓建 and a word of the office's own), states in 备注 (已开工, 拟调出,
    新增), 投资情况 over 总投资 / 2026年计划投资, groups per 领域 with SUM 小计."""
    projects = varied(BASE, 23)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目清单"
    ws["A1"] = "XX县2026年重点项目清单"
    ws["A2"] = "填报单位：XX县发展和改革委员会"
    ws["G2"] = "单位：万元"
    _merge(ws, "A1:H1")
    _write(ws, 3, [
        ["序号", "项目名称及主要建设内容", "建设性质", "项目状态", "投资情况", None, "责任单位",
         "备注"],
        [None] * 4 + ["总投资", "2026年计划投资"],
    ])
    _merge(ws, "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "G3:G4", "H3:H4")
    order = {p.name: n for n, p in enumerate(projects)}

    def line(i: int, p: Project) -> list[Any]:
        state = STATUS_LINES[order[p.name]]
        return [i, combined_name(order[p.name], p), p.stage, state.state or None, p.total,
                p.plan, p.unit, state.remark or None]

    body, _ = _grouped_body(projects, 5, line, "EF")
    _write(ws, 5, body)
    path = folder / "重点项目清单（项目状态）.xlsx"
    wb.save(path)
    return OfficeFile("清单（项目名称及主要建设内容同格，项目状态列，备注写状态）", path,
                      expected(projects, dated=False), projects)


@dataclass(frozen=True)
class CampaignLine:
    """签约期 / 开工期 / 投产期 / 计划签约时间 cells, and what each must become."""

    signed: Any = None
    start: Any = None
    production: Any = None
    planned_signing: Any = None
    signed_issue: int | None = None
    started_issue: int | None = None
    produced_issue: int | None = None
    planned_finish: dt.date | None = None


def _campaign_lines(projects: tuple[Project, ...]) -> list[CampaignLine]:
    lines = []
    for n, p in enumerate(projects):
        start: Any = None
        if p.planned_start and p.planned_start.year == 2026:
            ps = p.planned_start
            start = (f"{ps.year}年{ps.month}月", f"{ps.year}.{ps.month}",
                     dt.datetime(ps.year, ps.month, 1))[n % 3]
        elif n == 1:
            start = "2025年第2期"  # a 续建 project on the 开工一批 list of its year
        line = CampaignLine(start=start, started_issue=18 if n == 1 else None)
        if n in (0, 2):
            line = CampaignLine(signed=("2026年第1期", "第20期")[n // 2], start=start,
                                signed_issue=(21, 20)[n // 2],
                                production="2027年第2期" if n == 0 else "2027年12月",
                                produced_issue=26 if n == 0 else None,
                                planned_finish=None if n == 0 else dt.date(2027, 12, 31))
        elif n == 8:
            line = CampaignLine(start=start, planned_signing="2026年2月")
        lines.append(line)
    return lines


def campaign_list(folder: Path) -> tuple[OfficeFile, list[CampaignLine]]:
    """三个一批 清单: "三个一批" over 签约期 / 开工期 / 投产期 holding a 期 ("2026年第1期",
    "第20期") or a month ("2026年3月", "2026.6", a date cell), a 计划签约时间 column, groups
    per 领域 with SUM 小计 and 合计 at the bottom."""
    projects = varied(BASE, 24)
    lines = _campaign_lines(projects)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "三个一批"
    ws["A1"] = "XX县2026年“三个一批”项目清单"
    ws["J2"] = "单位：万元"
    _merge(ws, "A1:J1")
    _write(ws, 3, [
        ["序号", "项目名称", "建设性质", "总投资", "2026年计划投资", "计划签约时间", "三个一批",
         None, None, "责任单位"],
        [None] * 6 + ["签约期", "开工期", "投产期"],
    ])
    _merge(ws, "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:I3", "J3:J4")
    order = {p.name: n for n, p in enumerate(projects)}

    def line(i: int, p: Project) -> list[Any]:
        c = lines[order[p.name]]
        return [i, p.name, p.stage, p.total, p.plan, c.planned_signing, c.signed, c.start,
                c.production, p.unit]

    body, subtotals = _grouped_body(projects, 5, line, "DE")
    end = 5 + len(body)
    body.append(["合计", None, None,
                 *("=" + "+".join(f"{c}{r}" for r in subtotals) for c in "DE")])
    _write(ws, 5, body)
    _merge(ws, f"A{end}:C{end}")
    for r in range(5, end):
        if isinstance(ws.cell(row=r, column=8).value, dt.datetime):
            ws.cell(row=r, column=8).number_format = "yyyy年m月"
    path = folder / "2026年三个一批项目清单.xlsx"
    wb.save(path)
    return OfficeFile("三个一批清单（签约期、开工期、投产期写期数或月份）", path,
                      expected(projects), projects), lines
