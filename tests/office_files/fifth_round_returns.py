"""Monthly returns of a fifth round, for the projects of :data:`BASE` once the register
(:func:`coded_register`, with 项目代码) is imported: breakdown rows and notes under a table,
a column of the total since the project started beside the year's, the period only in a sheet
name, amounts merged over the two rows of one project, and a workbook of a 汇总 sheet and one
sheet per township.

Each returns the file with the figures it states
(:class:`~tests.office_files.layouts.OfficeFile`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from tests.office_files.layouts import OfficeFile, _merge, _write
from tests.office_files.projects import BASE, D, Expected, expected


def coded_register(folder: Path) -> OfficeFile:
    """The county's list of :data:`BASE` with 项目代码 (three projects have one) and 所属乡镇."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    _write(ws, 1, [["序号", "项目代码", "项目名称", "所属乡镇", "领域", "建设性质",
                    "建设起止年限", "总投资（万元）", "2026年计划投资（万元）", "责任单位"]])
    _write(ws, 2, [[i, p.code or None, p.name, p.township or "城关镇", p.category, p.stage,
                    p.years, p.total, p.plan, p.unit] for i, p in enumerate(BASE, start=1)])
    path = folder / "重点项目清单（含项目代码）.xlsx"
    wb.save(path)
    return OfficeFile("含项目代码的清单", path, expected(BASE), BASE)


def april(p: Any) -> D:
    """What a project of :data:`BASE` did in April alone in these returns (never more than
    its 1—4月)."""
    return min(D(100), p.ytd)


def _april_expected() -> Expected:
    return Expected(len(BASE), D(0), D(0), sum((p.ytd for p in BASE), D(0)),
                    month=sum((april(p) for p in BASE), D(0)))


def breakdown_and_notes(folder: Path) -> OfficeFile:
    """An April return whose second project has "其中：设备投资" and "建安投资" lines under it
    (its money by kind, no 打包项目), and under the table a 下步工作计划 with numbered points
    and a 填报说明."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "XX县2026年1—4月重点项目进展情况表"
    _write(ws, 2, [["序号", "项目名称", "本月完成（万元）", "1—4月累计完成（万元）", "形象进度",
                    "存在问题"]])
    rows: list[list[Any]] = []
    for i, p in enumerate(BASE, start=1):
        rows.append([i, p.name, april(p), p.ytd, "主体施工", "无"])
        if i == 2:
            rows += [[None, "其中：设备投资", None, D(500)], [None, "建安投资", None, p.ytd - 500]]
    rows += [[], ["下步工作计划：1.加快推进项目建设进度；2.积极协调解决用地问题。"],
             ["1.加快推进征地拆迁"], ["2.做好要素保障"],
             ["填报说明：1.本表金额单位为万元；2.每月5日前报送。"]]
    _write(ws, 3, rows)
    path = folder / "4月重点项目进展（含投资构成）.xlsx"
    wb.save(path)
    return OfficeFile("项目下有“其中：设备投资”、表下有下步工作计划的月报", path,
                      _april_expected(), BASE)


#: what :func:`since_the_start` adds to each project's 1—4月 for the years before
BEFORE = D(50000)


def since_the_start(folder: Path, *, with_ytd: bool = True) -> OfficeFile:
    """An April return with 4月完成, 1—4月累计完成 and, beside them, 自开工累计完成投资 (the
    total since the project started, far more than this year's); ``with_ytd=False``: a
    department's with 本月完成 and 开工以来累计完成投资 only."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "XX县2026年1—4月重点项目进展情况表"
    if with_ytd:
        _write(ws, 2, [["序号", "项目名称", "4月完成投资（万元）", "1—4月累计完成投资（万元）",
                        "自开工累计完成投资（万元）", "形象进度"]])
        _write(ws, 3, [[i, p.name, april(p), p.ytd, p.ytd + BEFORE, "主体施工"]
                       for i, p in enumerate(BASE, start=1)])
        want = _april_expected()
    else:
        _write(ws, 2, [["序号", "项目名称", "本月完成投资（万元）", "开工以来累计完成投资（万元）",
                        "形象进度"]])
        _write(ws, 3, [[i, p.name, april(p), p.ytd + BEFORE, "主体施工"]
                       for i, p in enumerate(BASE, start=1)])
        month = sum((april(p) for p in BASE), D(0))
        want = Expected(len(BASE), D(0), D(0), month, month=month)  # no month before April
    path = folder / f"4月进展（自开工累计{'' if with_ytd else '，无1—4月'}）.xlsx"
    wb.save(path)
    return OfficeFile("自开工累计完成投资与1—4月累计并列的月报", path, want, BASE)


#: the project of :data:`BASE` whose line :func:`two_row_project` spreads over two rows
TWO_ROWS = 1
#: its 形象进度 and its two 存在问题 lines, as the township wrote them
TWO_ROW_PROGRESS = "主体结构封顶，正在进行二次结构施工"
TWO_ROW_PROBLEMS = ("1.用地指标未落实", "2.资金缺口较大")


def two_row_project(folder: Path, *, amounts_merged: bool = True) -> OfficeFile:
    """An April return where one project takes two rows, its long 形象进度 merged over both:
    序号, 项目名称 and (``amounts_merged``) 本月 and 1—4月 merged too; 存在问题 "1.…" on the
    first row and "2.…" on the second."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "XX县2026年1—4月重点项目进展情况表"
    _write(ws, 2, [["序号", "项目名称", "本月完成（万元）", "1—4月累计完成（万元）", "形象进度",
                    "存在问题"]])
    r = 3
    for i, p in enumerate(BASE, start=1):
        if i == TWO_ROWS + 1:
            _write(ws, r, [[i, p.name, april(p), p.ytd, TWO_ROW_PROGRESS, TWO_ROW_PROBLEMS[0]],
                           [None] * 5 + [TWO_ROW_PROBLEMS[1]]])
            merged = "ABCDE" if amounts_merged else "ABE"
            _merge(ws, *(f"{c}{r}:{c}{r + 1}" for c in merged))
            r += 2
        else:
            _write(ws, r, [[i, p.name, april(p), p.ytd, "主体施工", "无"]])
            r += 1
    path = folder / f"4月进展（一个项目占两行{'' if amounts_merged else '，金额未合并'}）.xlsx"
    wb.save(path)
    return OfficeFile("一个项目占两行、形象进度合并单元格的月报", path, _april_expected(), BASE)


def month_in_the_sheet_name(folder: Path, month: int = 4, filed: str = "2026年5月5日"
                            ) -> OfficeFile:
    """A township's return whose month is only its sheet's name ("4月"): a title without a
    period, "填报时间：2026年5月5日" (the next month's) above the header, 本月完成 and
    今年以来累计完成 columns."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = f"{month}月"
    ws["A1"] = "谷营镇重点项目进展情况表"
    ws["A2"] = "填报单位：谷营镇人民政府"
    ws["D2"] = f"填报时间：{filed}"
    _write(ws, 3, [["序号", "项目名称", "本月完成（万元）", "今年以来累计完成（万元）",
                    "形象进度"]])
    _write(ws, 4, [[i, p.name, april(p), p.ytd, "主体施工"] for i, p in enumerate(BASE, start=1)])
    path = folder / "谷营镇重点项目进展情况.xlsx"
    wb.save(path)
    return OfficeFile("月份只在工作表名、另有下月填报时间的月报", path, _april_expected(), BASE)
