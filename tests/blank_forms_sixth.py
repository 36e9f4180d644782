"""A sixth round of blank forms as a Henan city's 发改委 sends them (no ``{{…}}`` anywhere):
group rows that are only a numeral in 序号 with the group's name beside it or merged across the
table, two summary blocks in one sheet, a summary by 级别, and the unseen ones of the round."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.blank_forms import BOLD, BOX, STANDARD, build

STAGES = ("新开工项目", "续建项目", "前期项目")
NUMERALS = "一二三四五六七八九十"


def numeral_groups(path: Path, *, merged_across: bool) -> Path:
    """The standard form whose group rows are "一" in 序号 and 新开工项目 in 项目名称; with
    ``merged_across`` the name is merged across every other column of the row, as many
    offices draw a heading (figures included)."""
    build(path, STANDARD, list(STAGES))
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for r in range(5, ws.max_row + 1):
        name = ws.cell(r, 2).value
        if name in STAGES:
            ws.cell(r, 1).value = NUMERALS[STAGES.index(name)]
            if merged_across:
                ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(STANDARD))
    wb.save(path)
    return path


SUMMARY_FIGURES = ("项目个数", "总投资", "年度计划投资", "1—  月完成投资", "占年度计划%")
BLOCKS = (("建设性质", ("新开工", "续建", "前期", "竣工", "储备")),
          ("领域", ("工业", "农业", "城建", "社会事业", "服务业", "交通能源")))


def two_blocks(path: Path, blocks: tuple[tuple[str, tuple[str, ...]], ...] = BLOCKS, *,
               unit: str = "单位：个、万元") -> Path:
    """One 汇总表 sheet holding two tables one under the other: 一、按建设性质汇总 then
    二、按领域汇总, each with its own header line and 合计, a blank line between them."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总表"
    width = 2 + len(SUMMARY_FIGURES)
    ws["A1"] = "XX市2026年重点项目建设情况汇总表（1—  月）"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(2, width, unit)
    r = 3
    for n, (label, rows) in enumerate(blocks):
        ws.cell(r, 1, f"{NUMERALS[n]}、按{label}汇总").font = BOLD
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
        for c, text in enumerate(("序号", label, *SUMMARY_FIGURES), start=1):
            ws.cell(r, c, text).font = BOLD
            ws.cell(r, c).border = BOX
        r += 1
        for number, text in enumerate((*rows, "合计"), start=1):
            if text != "合计":
                ws.cell(r, 1, number)
            ws.cell(r, 2, text)
            for c in range(1, width + 1):
                ws.cell(r, c).border = BOX
            r += 1
        r += 1
    ws.cell(r, 1, "填表人：            联系电话：")
    wb.save(path)
    return path


#: 本月 and 1—N月 side by side under 2026年, a year-on-year column, and the month's texts
MONTH_AND_YEAR = ["序号", "项目名称", "建设性质", "总投资", ("2026年", "年度计划"),
                  ("2026年", "本月完成"), ("2026年", "1—  月完成"), ("2026年", "同比增长%"),
                  "截至2026年  月底累计完成", "形象进度", "存在问题", "下步计划", "责任单位"]


def month_and_year(path: Path) -> Path:
    """Grouped by 领域 (一、工业项目（ 个）…), "1—  月" and "2026年  月底" blanks in the
    header's second row and in its first, 同比增长% and three text columns."""
    return build(path, MONTH_AND_YEAR, [f"{n}、{c}项目（ 个）" for n, c in zip(
        NUMERALS, ("工业", "农业", "城建", "社会事业", "服务业", "交通能源"), strict=False)],
        total="合计", total_on_top=True, blank_rows=1)


def serials_per_group(path: Path, *, total_on_top: bool = False) -> Path:
    """By 建设性质, 序号 already written 1, 2, 3 under every group (restarting), names empty."""
    build(path, STANDARD, ["一、新开工项目", "二、续建项目", "三、前期项目"], blank_rows=3,
          total_on_top=total_on_top)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    number = 0
    for r in range(5, ws.max_row + 1):
        name = ws.cell(r, 2).value
        if isinstance(name, str) and name[:1] in NUMERALS:
            number = 0
        elif name is None and ws.cell(r, 3).border.left.style:
            number += 1
            ws.cell(r, 1).value = number
    wb.save(path)
    return path


#: the period's blanks as parents in the header's first row: "1—  月", "  月份", "截至2026年  月底"
BLANK_PARENTS = ["序号", "项目名称", "总投资", "2026年计划投资", ("1—  月", "完成投资"),
                 ("1—  月", "占年度计划%"), ("  月份", "完成投资"),
                 ("截至2026年  月底", "累计完成投资"), ("截至2026年  月底", "形象进度"), "责任单位"]
ALL_STAGES = ["一、新开工项目", "二、续建项目", "三、竣工项目", "四、前期项目", "五、储备项目"]


def blanks_over_the_figures(path: Path) -> Path:
    """A two-row header whose first row holds the period's blanks over the figures."""
    return build(path, BLANK_PARENTS, ALL_STAGES, blank_rows=1)


def list_then_summary(path: Path) -> Path:
    """By 建设性质 (新开工, 续建), 合计 at the bottom, and under it in the same sheet
    "附：分领域汇总": 序号 | 领域 | 项目个数 | 总投资 | 1—  月完成投资, rows 工业, 农业 and 合计."""
    build(path, STANDARD, ["一、新开工项目", "二、续建项目"], total_on_top=False)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    r = ws.max_row
    ws.cell(r, 1).value = None  # the 填表人 line goes under the second table
    ws.cell(r + 1, 1, "附：分领域汇总")
    for c, text in enumerate(["序号", "领域", "项目个数", "总投资", "1—  月完成投资"], start=1):
        ws.cell(r + 2, c, text).border = BOX
    for k, text in enumerate(["工业", "农业", "合计"]):
        ws.cell(r + 3 + k, 2, text)
        for c in range(1, 6):
            ws.cell(r + 3 + k, c).border = BOX
    ws.cell(r + 7, 1, "填表人：")
    wb.save(path)
    return path
