"""Monthly returns of a sixth round, for the projects of :data:`BASE` once a register with a
项目代码 for every project (:func:`register`) is imported: rows that give 本月 but leave 1—N月
blank, a bare 累计完成 beside 本月, 上月累计 + 本月, a column a month (1月…4月), CSV saved
by WPS (GBK, GB18030, UTF-8 with BOM), 形象进度 as a percentage, 亿元 beside 万元, 项目代码
without a name, and a township's return with a 村 column and notes under the table.

Each returns the file with the figures it states
(:class:`~tests.office_files.layouts.OfficeFile`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl

from tests.office_files.layouts import OfficeFile, _write
from tests.office_files.projects import BASE, D, Expected, Project, expected, yi

TITLE = "XX县2026年1—4月重点项目进展情况表"


def code_of(i: int, p: Project) -> str:
    """The 项目代码 of the ``i``-th project of :data:`BASE` (0-based): its own, else one made
    up in the same shape."""
    return p.code or f"2604-411425-04-01-{700000 + i}"


def register(folder: Path) -> OfficeFile:
    """The county's list of :data:`BASE`, every project with a 项目代码."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    _write(ws, 1, [["序号", "项目代码", "项目名称", "领域", "建设性质", "建设起止年限",
                    "总投资（万元）", "2026年计划投资（万元）", "责任单位"]])
    _write(ws, 2, [[i + 1, code_of(i, p), p.name, p.category, p.stage, p.years, p.total,
                    p.plan, p.unit] for i, p in enumerate(BASE)])
    path = folder / "重点项目清单（全部有项目代码）.xlsx"
    wb.save(path)
    return OfficeFile("全部有项目代码的清单", path, expected(BASE), BASE)


def april(p: Project) -> D:
    """What a project did in April alone (never more than its 1—4月)."""
    return min(D(100), p.ytd)


def march(p: Project) -> D:
    """Its 1—3月."""
    return p.ytd - april(p)


def april_expected(projects: tuple[Project, ...] = BASE) -> Expected:
    """``status --period 2026-04`` once April's 1—4月 and 本月 of ``projects`` are in."""
    return Expected(len(BASE), D(0), D(0), sum((p.ytd for p in projects), D(0)),
                    month=sum((april(p) for p in projects), D(0)))


def _sheet(title: str = "Sheet1") -> tuple[openpyxl.Workbook, Any]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    return wb, ws


def march_return(folder: Path) -> Path:
    """A plain March return: 本月 and 1—3月 of every project."""
    wb, ws = _sheet()
    ws["A1"] = "XX县2026年1—3月重点项目进展情况表"
    _write(ws, 2, [["序号", "项目名称", "本月完成（万元）", "1—3月累计完成（万元）"]])
    _write(ws, 3, [[i, p.name, D(0) if march(p) else None, march(p)]
                   for i, p in enumerate(BASE, start=1)])
    path = folder / "3月重点项目进展.xlsx"
    wb.save(path)
    return path


#: the rows of :func:`ytd_left_blank` whose 1—4月 is blank (0-based, projects with money)
BLANK_YTD = (1, 5)


def ytd_left_blank(folder: Path) -> OfficeFile:
    """An April return with 本月完成 and 1—4月累计完成 where the projects of
    :data:`BLANK_YTD` give 本月 but leave 1—4月 empty."""
    wb, ws = _sheet()
    ws["A1"] = TITLE
    _write(ws, 2, [["序号", "项目名称", "本月完成（万元）", "1—4月累计完成（万元）",
                    "形象进度"]])
    _write(ws, 3, [[i + 1, p.name, april(p), None if i in BLANK_YTD else p.ytd, "主体施工"]
                   for i, p in enumerate(BASE)])
    path = folder / "4月进展（部分行未填1—4月）.xlsx"
    wb.save(path)
    return OfficeFile("部分行只填本月、未填1—4月的月报", path, april_expected(), BASE)


def bare_cumulative(folder: Path, header: str = "累计完成投资（万元）") -> OfficeFile:
    """An April return with 本月完成 and a bare 累计完成 (since the start? since January?)."""
    wb, ws = _sheet()
    ws["A1"] = TITLE
    _write(ws, 2, [["序号", "项目名称", "本月完成投资（万元）", header, "形象进度"]])
    _write(ws, 3, [[i, p.name, april(p), p.ytd + 3000, "主体施工"]
                   for i, p in enumerate(BASE, start=1)])
    path = folder / "4月进展（本月与累计完成）.xlsx"
    wb.save(path)
    month = sum((april(p) for p in BASE), D(0))
    return OfficeFile("本月旁有一列含义不明的累计完成", path,
                      Expected(len(BASE), D(0), D(0), month, month=month), BASE)


def previous_and_month(folder: Path, header: str = "上月累计完成（万元）") -> OfficeFile:
    """An April return with ``header`` (the 1—3月 total) and 本月完成, no 1—4月."""
    wb, ws = _sheet()
    ws["A1"] = TITLE
    _write(ws, 2, [["序号", "项目名称", header, "本月完成（万元）", "形象进度"]])
    _write(ws, 3, [[i, p.name, march(p), april(p), "主体施工"]
                   for i, p in enumerate(BASE, start=1)])
    path = folder / "4月进展（上月累计加本月）.xlsx"
    wb.save(path)
    return OfficeFile("上月累计加本月、无1—4月的月报", path, april_expected(), BASE)


#: the project of :func:`three_totals` whose 1—4月 is not its 上月累计 plus 本月 (0-based)
MISADDED = 3


def three_totals(folder: Path) -> OfficeFile:
    """An April return with 上月累计, 本月 and 1—4月累计, where the row of :data:`MISADDED`
    states a 1—4月 10万元 short of the two added."""
    wb, ws = _sheet()
    ws["A1"] = TITLE
    _write(ws, 2, [["序号", "项目名称", "截至上月底累计完成（万元）", "本月完成（万元）",
                    "1—4月累计完成（万元）"]])
    _write(ws, 3, [[i + 1, p.name, march(p), april(p), p.ytd - (10 if i == MISADDED else 0)]
                   for i, p in enumerate(BASE)])
    path = folder / "4月进展（上月累计、本月、1—4月）.xlsx"
    wb.save(path)
    return OfficeFile("上月累计、本月与1—4月并列的月报", path, april_expected(), BASE)


def wrong_previous(folder: Path) -> OfficeFile:
    """:func:`previous_and_month` with two mistakes: the second project's 上月累计 5万元 more
    than its 1—3月 (:func:`march_return`'s), the third's "约500"."""
    file = previous_and_month(folder)
    wb = openpyxl.load_workbook(file.path)
    ws = wb.active
    ws["C4"] = march(BASE[1]) + 5
    ws["C5"] = "约500"
    wb.save(file.path)
    return file


def by_month(p: Project, month: int) -> D:
    """What :func:`months_side_by_side` says ``p`` did in ``month`` (1—4)."""
    if month == 4:
        return april(p)
    third = (march(p) / 3).quantize(D("0.01"))
    return third if month < 3 else march(p) - 2 * third


def months_side_by_side(folder: Path) -> OfficeFile:
    """The year's 台账: a column a month (1月完成投资 … 12月完成投资), filled to April, and
    合计; its title and file name without a month."""
    wb, ws = _sheet("2026年")
    ws["A1"] = "XX县2026年重点项目月度完成投资台账"
    _write(ws, 2, [["序号", "项目名称", *(f"{m}月完成投资（万元）" for m in range(1, 13)),
                    "合计（万元）", "形象进度"]])
    _write(ws, 3, [[i, p.name, *(by_month(p, m) for m in range(1, 5)), *([None] * 8), p.ytd,
                    "主体施工"] for i, p in enumerate(BASE, start=1)])
    path = folder / "2026年重点项目月度完成投资台账.xlsx"
    wb.save(path)
    return OfficeFile("每月一列的台账", path, april_expected(), BASE)


def csv_return(folder: Path, encoding: str) -> OfficeFile:
    """The plain April return saved by WPS as CSV in ``encoding`` ("gbk", "gb18030",
    "utf-8-sig"); a 形象进度 holding a character GBK lacks when GB18030."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([TITLE])
    writer.writerow(["序号", "项目名称", "本月完成（万元）", "1—4月累计完成（万元）", "形象进度"])
    rare = "𬍛" if encoding == "gb18030" else ""
    for i, p in enumerate(BASE, start=1):
        writer.writerow([i, p.name, f"{april(p)}", f"{p.ytd}", f"主体施工{rare}"])
    writer.writerow(["合计", "", f"{sum((april(p) for p in BASE), D(0))}",
                     f"{sum((p.ytd for p in BASE), D(0))}", ""])
    path = folder / f"4月进展（{encoding}）.csv"
    path.write_bytes(out.getvalue().encode(encoding))
    return OfficeFile(f"WPS 另存的 CSV（{encoding}）", path, april_expected(), BASE)


def share_done(i: int) -> int:
    """The percent of the work done that :func:`percent_progress` gives its ``i``-th project
    (1-based)."""
    return i * 5


def percent_progress(folder: Path, header: str = "形象进度", kind: str = "share"
                     ) -> OfficeFile:
    """An April return whose ``header`` column holds the share of the work done: ``"share"``
    a number formatted as a percentage (0.65 shown "65%"), ``"percent"`` the number 65,
    ``"text"`` the text "65%"."""
    wb, ws = _sheet()
    ws["A1"] = TITLE
    _write(ws, 2, [["序号", "项目名称", "本月完成（万元）", "1—4月累计完成（万元）", header]])
    for i, p in enumerate(BASE, start=1):
        done = share_done(i)
        value = {"share": done / 100, "percent": done, "text": f"{done}%"}[kind]
        _write(ws, 2 + i, [[i, p.name, april(p), p.ytd, value]])
        if kind == "share":
            ws.cell(row=2 + i, column=5).number_format = "0%"
    path = folder / f"4月进展（{header}，{kind}）.xlsx"
    wb.save(path)
    return OfficeFile("形象进度为百分比的月报", path, april_expected(), BASE)


def yi_beside_wan(folder: Path) -> OfficeFile:
    """An April return with 本月完成（万元） beside 1—4月累计完成（亿元）."""
    wb, ws = _sheet()
    ws["A1"] = TITLE
    _write(ws, 2, [["序号", "项目名称", "本月完成（万元）", "1—4月累计完成（亿元）", "形象进度"]])
    _write(ws, 3, [[i, p.name, april(p), yi(p.ytd), "主体施工"]
                   for i, p in enumerate(BASE, start=1)])
    path = folder / "4月进展（亿元与万元）.xlsx"
    wb.save(path)
    return OfficeFile("亿元与万元并列的月报", path, april_expected(), BASE)


#: a 项目代码 that no project of the register has
UNKNOWN_CODE = "2604-411425-04-01-999999"


def codes_only(folder: Path, *, unknown: bool = False) -> OfficeFile:
    """A system's April export: 项目代码 and figures, no 项目名称; ``unknown``: one more
    line whose code is :data:`UNKNOWN_CODE`."""
    wb, ws = _sheet()
    ws["A1"] = TITLE
    _write(ws, 2, [["序号", "项目代码", "本月完成（万元）", "1—4月累计完成（万元）", "形象进度"]])
    rows = [[i + 1, code_of(i, p), april(p), p.ytd, "主体施工"] for i, p in enumerate(BASE)]
    if unknown:
        rows.append([len(BASE) + 1, UNKNOWN_CODE, D(10), D(10), "主体施工"])
    _write(ws, 3, rows)
    path = folder / f"4月进展（只有项目代码{'，含未入库代码' if unknown else ''}）.xlsx"
    wb.save(path)
    return OfficeFile("只有项目代码、没有项目名称的月报", path, april_expected(), BASE)


#: the township and the projects of :data:`BASE` its return names (0-based)
TOWNSHIP, TOWNSHIP_PROJECTS = "谷营镇", (3, 4, 7)


def township_with_villages(folder: Path) -> OfficeFile:
    """谷营镇's April return: a 所在村 column, 填报单位 and 填报时间 above, and under the table
    a 备注, 填表人 / 联系电话 and 审核人 lines."""
    wb, ws = _sheet("谷营镇")
    ws["A1"] = "谷营镇2026年4月重点项目进展情况表"
    ws["A2"] = "填报单位：谷营镇人民政府（盖章）"
    ws["E2"] = "填报时间：2026年5月3日"
    _write(ws, 3, [["序号", "项目名称", "所在村", "本月完成（万元）", "1—4月累计完成（万元）",
                    "形象进度", "存在问题"]])
    villages = ("张庄村", "李寨村、王楼村", "东村")
    rows: list[list[Any]] = [[n, BASE[i].name, villages[n - 1], april(BASE[i]), BASE[i].ytd,
                              "主体施工", "无"] for n, i in enumerate(TOWNSHIP_PROJECTS, 1)]
    rows += [["备注：1.本表由各村汇总上报；2.金额单位为万元。"],
             ["填表人：张三", None, "联系电话：13837812345", None, "审核人：李四"],
             [None, None, None, None, "主要领导签字：", None, None]]
    _write(ws, 4, rows)
    path = folder / "谷营镇4月重点项目进展.xlsx"
    wb.save(path)
    named = tuple(BASE[i] for i in TOWNSHIP_PROJECTS)
    return OfficeFile("有所在村列、表下有填表人的乡镇月报", path, april_expected(named), named)
