"""Township returns in wordings :mod:`tests.office_files.returns` does not cover, for projects
already in the register (import :func:`tests.office_files.unseen.province_list` first): their
:class:`~tests.office_files.projects.Expected` states the count and 1—N月 only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from tests.office_files.layouts import OfficeFile, _merge, _write
from tests.office_files.projects import BASE, D, Expected

#: The period words a township's title uses, and the month each means.
PERIOD_TITLES: dict[str, tuple[str, int]] = {
    "half_year": ("谷营镇2026年上半年重点项目建设进展情况", 6),
    "first_quarter": ("谷营镇2026年第一季度重点项目建设进展情况", 3),
    "second_quarter": ("谷营镇2026年第2季度重点项目建设进展情况", 6),
    "three_quarters": ("谷营镇2026年前三季度重点项目建设进展情况", 9),
    "chinese_year": ("谷营镇二〇二六年六月份重点项目建设进展情况", 6),
}


def wangzhuang(folder: Path) -> OfficeFile:
    """王庄镇's own wording: the period only in the title ("2026年1—5月"), 今年以来累计完成,
    工程进展情况, 存在困难 holding "—" and "/" for nothing and one cell merged over two
    projects, ★ before the provincial ones' names, 填报人 under the table."""
    projects = BASE[:6]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "王庄镇"
    ws["A1"] = "王庄镇2026年1—5月重点项目推进情况"
    ws["F2"] = "单位：万元"
    _merge(ws, "A1:G1")
    _write(ws, 3, [["序号", "项目名称", "建设性质", "今年以来累计完成", "工程进展情况",
                    "存在困难", "下步打算"]])
    troubles = ["—", "/", "土地报批未完成", None, "无", "—"]
    body: list[list[Any]] = [
        [i, ("★" if p.stage == "新开工" else "") + p.name, p.stage, p.ytd, "主体施工",
         troubles[i - 1], "加快推进"] for i, p in enumerate(projects, start=1)]
    body += [[], ["填报人：王芳    审核人：刘军"]]
    _write(ws, 4, body)
    _merge(ws, "F6:F7")  # one difficulty shared by the third and fourth projects
    path = folder / "王庄镇重点项目推进情况.xlsx"
    wb.save(path)
    return OfficeFile("王庄镇报表（今年以来累计完成、工程进展情况、存在困难，期间在标题）", path,
                      Expected(len(BASE), D(0), D(0), sum((p.ytd for p in projects), D(0))),
                      projects)


def guying(folder: Path, period: str) -> tuple[OfficeFile, int]:
    """谷营镇's return dated only by its title's words (上半年, 第一季度, 前三季度,
    二〇二六年六月份 …: :data:`PERIOD_TITLES`); 开工时间 is when a project started."""
    title, month = PERIOD_TITLES[period]
    projects = tuple(p for p in BASE if p.ytd)[:5]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = title
    _merge(ws, "A1:F1")
    _write(ws, 2, [["序号", "项目名称", "今年以来累计完成（万元）", "开工时间", "工程进展情况",
                    "存在问题"]])
    started = [p.actual_start if p.actual_start and p.actual_start.month <= month else None
               for p in projects]
    _write(ws, 3, [[i, p.name, p.ytd, started[i - 1], "正在施工", "/"]
                   for i, p in enumerate(projects, start=1)])
    for r in range(3, 3 + len(projects)):
        ws.cell(row=r, column=4).number_format = "yyyy年m月d日"
    path = folder / "谷营镇进展情况.xlsx"
    wb.save(path)
    return OfficeFile(f"谷营镇报表（标题期间：{title}）", path,
                      Expected(len(BASE), D(0), D(0), sum((p.ytd for p in projects), D(0)),
                               actual_starts=sum(1 for s in started if s)), projects), month


def cumulative_only(folder: Path) -> OfficeFile:
    """A department's return whose only money column is "累计完成投资" (since the start or this
    year? the sheet does not say), beside 形象进度: the progress goes in, the column is named in
    a hint and left out."""
    projects = tuple(p for p in BASE if p.ytd)[:3]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进展"
    ws["A1"] = "县住建局2026年4月重点项目进展情况"
    _write(ws, 2, [["序号", "项目名称", "累计完成投资（万元）", "形象进度"]])
    _write(ws, 3, [[i, p.name, p.ytd * 2, "正在施工"] for i, p in enumerate(projects, start=1)])
    path = folder / "住建局进展情况.xlsx"
    wb.save(path)
    return OfficeFile("只有“累计完成投资”的报表", path, Expected(len(BASE), D(0), D(0)),
                      projects)
