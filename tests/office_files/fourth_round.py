"""Files of a fourth round of offices, in layouts no earlier round wrote: a 项目清单 whose group
rows carry an Arabic 序号 ("1" + "工业项目（3个）") over projects numbered "1-1" or "（1）",
总投资 in 亿元 beside a plan in 万元 (each column's header says), 总计 at the top, 计划开工 as
"2026年第二季度" and a 开工情况 of "已开工（3月）" or "续建"; a monthly return whose header is
three rows deep (完成投资 over 2026年 over 1—3月 / 4月 / 累计).

Each returns the file with the figures it states (:class:`~tests.office_files.layouts.OfficeFile`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl

from tests.office_files.layouts import OfficeFile, _groups, _merge, _write
from tests.office_files.projects import BASE, D, Expected, Project, expected, varied, yi

_QUARTER = "一二三四"


def started_words(p: Project) -> str:
    """开工情况 as the office writes it: "已开工（3月）" for this year's starts, "续建" for a
    project carried over, "未开工" for the rest."""
    if p.actual_start and p.actual_start.year == 2026:
        return f"已开工（{p.actual_start.month}月）"
    return "续建" if p.stage == "续建" else "未开工"


def numbered_groups(folder: Path) -> OfficeFile:
    """项目清单: 总计 first, then per 领域 a group row with an Arabic 序号 ("1", "工业项目（3个）")
    over projects numbered "1-1", "1-2" (odd groups) or "（1）", "（2）" (even ones); 总投资（亿元）
    beside 2026年计划投资（万元）; 计划开工时间 as "2026年第二季度"; 开工情况 "已开工（3月）",
    "续建" or "未开工"; a 备注 holding money ("其中争取专项债3000万元") that is no figure."""
    projects = varied(BASE, 41)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目清单"
    ws["A1"] = "XX县2026年重点项目清单"
    _merge(ws, "A1:I1")
    _write(ws, 2, [["序号", "项目名称", "建设内容", "总投资（亿元）", "2026年计划投资（万元）",
                    "计划开工时间", "开工情况", "责任单位", "备注"]])
    body: list[list[Any]] = []
    for g, (category, members) in enumerate(_groups(projects, lambda p: p.category), start=1):
        body.append([str(g), f"{category}项目（{len(members)}个）"])
        for i, p in enumerate(members, start=1):
            start = p.planned_start
            quarter = (f"2026年第{_QUARTER[(start.month - 1) // 3]}季度"
                       if start and start.year == 2026 else "—")
            body.append([f"{g}-{i}" if g % 2 else f"（{i}）", p.name, "新建厂房及配套设施",
                         yi(p.total), p.plan, quarter, started_words(p), p.unit,
                         "其中争取专项债3000万元" if i == 1 else None])
    last = 3 + len(body)
    _write(ws, 3, [["总计", None, None, f"=SUM(D4:D{last})", f"=SUM(E4:E{last})"], *body])
    path = folder / "2026年重点项目清单（分领域编号）.xlsx"
    wb.save(path)
    planned = [p for p in projects if p.planned_start and p.planned_start.year == 2026]
    started = [p for p in planned if p.actual_start and p.actual_start <= dt.date(2026, 4, 30)]
    whole = expected(projects)
    return OfficeFile("分领域编号的清单（“1”+“工业项目（3个）”，1-1/（1），亿元与万元分列）", path,
                      Expected(whole.project_count, whole.total_investment, whole.annual_plan,
                               planned_starts=len(planned), actual_starts=len(started)),
                      projects)


def april_split(p: Project) -> tuple[D, D]:
    """A project's 1—3月 and 4月 (their sum is its 1—4月)."""
    month = (p.ytd / 4).quantize(D(1))
    return p.ytd - month, month


def months_under_the_year(folder: Path) -> OfficeFile:
    """A department's April return (for :data:`BASE`) whose header is three rows deep:
    完成投资（万元） over 2026年 over 1—3月 / 4月 / 累计; 形象进度 and 存在问题 beside."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "4月"
    ws["A1"] = "XX县重点项目4月份进展情况"
    _merge(ws, "A1:G1")
    _write(ws, 2, [["序号", "项目名称", "完成投资（万元）", None, None, "形象进度", "存在问题"],
                   [None, None, "2026年"], [None, None, "1—3月", "4月", "累计"]])
    _merge(ws, "A2:A4", "B2:B4", "C2:E2", "C3:E3", "F2:F4", "G2:G4")
    _write(ws, 5, [[i, p.name, *april_split(p), p.ytd, "主体施工", "无"]
                   for i, p in enumerate(BASE, start=1)])
    path = folder / "4月份重点项目进展情况.xlsx"
    wb.save(path)
    return OfficeFile("三行表头的月报（2026年之下1—3月、4月、累计）", path,
                      Expected(len(BASE), D(0), D(0), sum((p.ytd for p in BASE), D(0)),
                               month=sum((april_split(p)[1] for p in BASE), D(0))), BASE)


def township_register(folder: Path) -> OfficeFile:
    """A plain 清单 of :data:`BASE` with its 所属乡镇 (城关镇 for a county-level project), for
    the returns and the township-grouped form below."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    _write(ws, 1, [["序号", "项目名称", "所属乡镇", "领域", "建设性质", "建设起止年限",
                    "总投资（万元）", "2026年计划投资（万元）", "责任单位"]])
    _write(ws, 2, [[i, p.name, p.township or "城关镇", p.category, p.stage, p.years, p.total,
                    p.plan, p.unit] for i, p in enumerate(BASE, start=1)])
    path = folder / "重点项目清单（含乡镇）.xlsx"
    wb.save(path)
    return OfficeFile("含乡镇的清单", path, expected(BASE), BASE)


#: 开工情况 of :data:`BASE` in an April return, in the words offices use, and whether each
#: says the project started (with the month, when it names one)
START_WORDS: tuple[tuple[str, bool, int | None], ...] = (
    ("已开工（3月）", True, 3), ("在建", True, None), ("未开工", False, None),
    ("续建", True, None), ("已于4月开工", True, 4), ("在建", True, None),
    ("3月已开工", True, 3), ("在建", True, None), ("前期", False, None), ("前期", False, None))


def start_words_return(folder: Path) -> OfficeFile:
    """An April return with 1—4月完成投资 and a 开工情况 column in words: "已开工（3月）",
    "已于4月开工", "3月已开工", "在建", "续建", "未开工", "前期" (:data:`START_WORDS`)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "2026年1—4月重点项目进展情况"
    _write(ws, 2, [["序号", "项目名称", "1—4月完成投资（万元）", "开工情况"]])
    _write(ws, 3, [[i, p.name, p.ytd, START_WORDS[i - 1][0]]
                   for i, p in enumerate(BASE, start=1)])
    path = folder / "4月进展（开工情况）.xlsx"
    wb.save(path)
    planned = [n for n, p in enumerate(BASE) if p.planned_start and p.planned_start.year == 2026]
    return OfficeFile("开工情况写成文字的月报", path,
                      Expected(len(BASE), D(0), D(0), sum((p.ytd for p in BASE), D(0)),
                               planned_starts=len(planned),
                               actual_starts=sum(1 for n in planned if START_WORDS[n][1])),
                      BASE)


#: How a township's May return writes the names of :data:`BASE` (index → name): a place in
#: front, in brackets or followed by "：", the county left out, and an abbreviation
PLACED_NAMES: dict[int, str] = {
    3: "谷营镇黄河滩区高标准农田建设项目", 4: "【东坝头镇】乡村振兴示范区基础设施项目",
    7: "城关镇：城区老旧小区改造项目", 1: "智能家居产业园二期", 5: "县医院新院区建设项目"}


def placed_names_return(folder: Path) -> Path:
    """A May return naming its projects as :data:`PLACED_NAMES` does."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "5月"
    ws["A1"] = "2026年1—5月重点项目进展情况"
    _write(ws, 2, [["序号", "项目名称", "1—5月完成投资（万元）", "形象进度"]])
    _write(ws, 3, [[i, name, BASE[n].ytd + 100, "主体施工"]
                   for i, (n, name) in enumerate(PLACED_NAMES.items(), start=1)])
    path = folder / "乡镇5月报表.xlsx"
    wb.save(path)
    return path


#: the 乡镇 of :func:`township_register`, in the order :func:`form_by_township` lists them
TOWNSHIPS = ("城关镇", "谷营镇", "东坝头镇")


def form_by_township(folder: Path) -> Path:
    """The county's blank form grouped by 乡镇 ("一、城关镇" …, no counts), its total row
    "总计" at the top, columns 序号 / 项目名称 / 建设内容 / 总投资 / 年度计划 / "1—  月完成" /
    完成率 / 形象进度 / 存在问题, and a 填表人 line under it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进展"
    ws["A1"] = "XX县2026年重点项目建设进展情况表"
    ws["A2"] = "填报单位："
    ws["H2"] = "单位：万元"
    _merge(ws, "A1:I1")
    groups: list[list[Any]] = []
    for n, township in enumerate(TOWNSHIPS):
        groups += [[f"{'一二三'[n]}、{township}"], []]
    _write(ws, 3, [["序号", "项目名称", "建设内容", "总投资", "年度计划", "1—  月完成", "完成率",
                    "形象进度", "存在问题"], ["总计"], *groups, [], ["填表人：", None, "审核人："]])
    path = folder / "县重点项目进展情况表（按乡镇，空表）.xlsx"
    wb.save(path)
    return path


def month_done(p: Project, month: int) -> D:
    """What :func:`sheet_per_month` says a project did in ``month``."""
    return D(10 * month + len(p.name))


def sheet_per_month(folder: Path) -> Path:
    """The office's 调度台账: one workbook, a sheet per month ("1月" … "4月"), each titled
    "XX县2026年1—N月…" with 1—N月 and N月 columns; the months in the order they were added."""
    wb = openpyxl.Workbook()
    for month in range(1, 5):
        ws = wb.active if month == 1 else wb.create_sheet()
        ws.title = f"{month}月"
        ws["A1"] = f"XX县2026年1—{month}月重点项目进展情况"
        _write(ws, 2, [["序号", "项目名称", f"1—{month}月完成投资（万元）",
                        f"{month}月完成投资（万元）"]])
        _write(ws, 3, [[i, p.name, sum(month_done(p, m) for m in range(1, month + 1)),
                        month_done(p, month)] for i, p in enumerate(BASE, start=1)])
    path = folder / "2026年重点项目调度台账.xlsx"
    wb.save(path)
    return path


def township_groups(folder: Path) -> OfficeFile:
    """A 清单 grouped by 乡镇 whose group rows carry an Arabic 序号 and a count ("1",
    "城关镇（8个）") and SUM formulas, over projects numbered "1.1", "1.2" (saved by Excel:
    open it in LibreOffice to have the formulas' results)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    ws["A1"] = "XX县2026年重点项目清单（按乡镇）"
    _write(ws, 2, [["序号", "项目名称", "总投资（万元）", "2026年计划投资（万元）", "责任单位"]])
    body: list[list[Any]] = []
    top = 3
    for g, (town, members) in enumerate(_groups(BASE, lambda p: p.township or "城关镇"),
                                        start=1):
        first, last = top + 1, top + len(members)
        body.append([g, f"{town}（{len(members)}个）", f"=SUM(C{first}:C{last})",
                     f"=SUM(D{first}:D{last})"])
        body += [[f"{g}.{i}", p.name, p.total, p.plan, p.unit]
                 for i, p in enumerate(members, start=1)]
        top = last + 1
    _write(ws, 3, body)
    path = folder / "重点项目清单（按乡镇编号）.xlsx"
    wb.save(path)
    return OfficeFile("按乡镇分组、分组行有阿拉伯序号的清单", path, expected(BASE, dated=False),
                      BASE)
