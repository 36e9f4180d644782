"""Build the shipped default template ``resources/templates/monthly_report.xlsx``.

Run ``uv run python -m exports.make_template`` after changing the layout and commit the
workbook. Users copy the shipped file, rearrange it in Excel or WPS the way their superior
wants (moving, deleting or retitling columns, restyling, adding rows above and below) and
choose it in 报表设置 or with ``--template``: no code is involved.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from exports import template as templates
from exports.fields import FIELDS
from exports.xlsx.printing import PAGE_FOOTER, landscape_a4

BODY_FONT = "宋体"
HEAD_FONT = "黑体"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TOTAL_FILL = PatternFill("solid", fgColor="FCE4D6")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")

#: (header, token, width, kind of cell) — kind: text (wrapped, left), centre, number
Column = tuple[str, str, float, str]

SUMMARY: tuple[Column, ...] = (
    ("序号", "{{领域序号}}", 6, "centre"),
    ("领域", "{{领域}}", 14, "text"),
    ("项目个数", "{{项目个数}}", 8, "number"),
    ("总投资", "{{总投资}}", 14, "number"),
    ("年度计划投资", "{{年度计划投资}}", 14, "number"),
    ("{{1—N月}}完成投资", "{{1—N月完成投资}}", 14, "number"),
    ("完成率", "{{完成率}}", 9, "number"),
    ("序时进度", "{{序时进度}}", 9, "number"),
    ("超(低于)序时进度百分点", "{{超序时进度}}", 11, "number"),
    ("本月完成投资", "{{本月完成投资}}", 13, "number"),
    ("计划开工个数", "{{计划开工个数}}", 10, "number"),
    ("实际开工个数", "{{实际开工个数}}", 10, "number"),
    ("开工率", "{{开工率}}", 9, "number"),
)

DETAIL: tuple[Column, ...] = (
    ("序号", "{{序号}}", 5, "centre"),
    ("项目名称", "{{项目名称}}", 22, "text"),
    ("建设性质", "{{建设性质}}", 7, "centre"),
    ("建设地点", "{{建设地点}}", 12, "text"),
    ("建设规模及主要内容", "{{建设规模及主要内容}}", 24, "text"),
    ("建设起止年限", "{{建设起止年限}}", 8, "centre"),
    ("总投资", "{{总投资}}", 12, "number"),
    ("截至上年底累计完成投资", "{{截至上年底累计完成投资}}", 12, "number"),
    ("本年计划投资", "{{本年计划投资}}", 12, "number"),
    ("{{1—N月}}完成投资", "{{1—N月完成投资}}", 12, "number"),
    ("占年度计划%", "{{占年度计划}}", 7, "number"),
    ("本月完成投资", "{{本月完成投资}}", 10, "number"),
    ("形象进度", "{{形象进度}}", 22, "text"),
    ("存在问题", "{{存在问题}}", 16, "text"),
    ("责任单位", "{{责任单位}}", 12, "text"),
    ("责任领导", "{{责任领导}}", 7, "centre"),
    ("备注", "{{备注}}", 9, "text"),
    ("编号", "{{编号}}", 5, "centre"),
)

LAGGING: tuple[Column, ...] = (
    ("序号", "{{序号}}", 6, "centre"),
    ("项目名称", "{{项目名称}}", 30, "text"),
    ("领域", "{{领域}}", 9, "centre"),
    ("责任单位", "{{责任单位}}", 16, "text"),
    ("责任领导", "{{责任领导}}", 8, "centre"),
    ("本年计划投资", "{{本年计划投资}}", 12, "number"),
    ("{{1—N月}}完成投资", "{{1—N月完成投资}}", 12, "number"),
    ("完成率", "{{占年度计划}}", 9, "number"),
    ("超(低于)序时进度百分点", "{{超序时进度}}", 11, "number"),
    ("滞后原因", "{{滞后原因}}", 40, "text"),
    ("存在问题", "{{存在问题}}", 28, "text"),
    ("编号", "{{编号}}", 7, "centre"),
)

TOKEN_HELP: dict[str, str] = {
    "序号": "项目在本组内的序号", "编号": "项目库中的项目编号（导入时据此匹配项目）",
    "项目名称": "项目名称（打包项目的子项目缩进显示）", "领域": "项目领域；在分组行中为组名",
    "乡镇": "乡镇/街道；在分组行中为组名（按乡镇分组）",
    "责任单位": "责任单位；在分组行中为组名（按单位分组）",
    "合计": "合计行的标记（显示为“合计”）", "领域序号": "分组行的序号：一、二、三……",
    "项目个数": "项目个数（打包项目计为一个）", "滞后原因": "预警原因（含此列的表只列预警项目）",
    "占年度计划": "1—N月完成投资占本年计划投资的比例（公式）",
    "完成率": "同“占年度计划”", "序时进度": "N/12",
    "超序时进度": "完成率减序时进度，百分点（公式）",
    "开工率": "实际开工个数÷计划开工个数（公式）",
}


def _style_row(ws: Worksheet, row: int, columns: tuple[Column, ...], *, bold: bool = False,
               fill: PatternFill | None = None, header: bool = False) -> None:
    for index, (_, _, _, kind) in enumerate(columns, start=1):
        cell = ws.cell(row, index)
        cell.border = BORDER
        if header:
            cell.font = Font(name=HEAD_FONT, size=10, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        else:
            cell.font = Font(name=BODY_FONT, size=10, bold=bold)
            horizontal = {"text": "left", "centre": "center", "number": "right"}[kind]
            cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        if fill is not None:
            cell.fill = fill


def _frame(ws: Worksheet, title: str, columns: tuple[Column, ...]) -> None:
    last = len(columns)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.cell(1, 1, title).font = Font(name=HEAD_FONT, size=18, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 36
    half = max(2, last // 2)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=half - 1)
    ws.cell(2, 1, "填报单位：{{填报单位}}")
    ws.merge_cells(start_row=2, start_column=half, end_row=2, end_column=last - 2)
    ws.cell(2, half, "填报日期：{{填报日期}}")
    ws.merge_cells(start_row=2, start_column=last - 1, end_row=2, end_column=last)
    ws.cell(2, last - 1, "单位：万元")
    for column, horizontal in ((1, "left"), (half, "center"), (last - 1, "right")):
        ws.cell(2, column).font = Font(name=BODY_FONT, size=11)
        ws.cell(2, column).alignment = Alignment(horizontal=horizontal, vertical="center")
    ws.row_dimensions[2].height = 20
    for index, (header, _, width, _) in enumerate(columns, start=1):
        ws.cell(3, index, header)
        ws.column_dimensions[ws.cell(3, index).column_letter].width = width
    _style_row(ws, 3, columns, header=True)
    ws.row_dimensions[3].height = 54
    landscape_a4(ws, title_rows="1:3")
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.7
    ws.oddFooter.center.text = PAGE_FOOTER
    ws.oddFooter.center.size = 9
    ws.evenFooter.center.text = PAGE_FOOTER


def _data_row(ws: Worksheet, row: int, columns: tuple[Column, ...]) -> None:
    for index, (_, token, _, _) in enumerate(columns, start=1):
        ws.cell(row, index, token)
    _style_row(ws, row, columns)


def build() -> Workbook:
    wb = Workbook()
    summary = wb.active
    summary.title = "汇总表"
    _frame(summary, "{{地区}}{{年度}}年{{1—N月}}重点项目建设进展汇总表{{范围}}", SUMMARY)
    summary.cell(4, 1, "")
    summary.cell(4, 2, "{{合计}}")
    for index, (_, token, _, _) in enumerate(SUMMARY[2:], start=3):
        summary.cell(4, index, token)
    _style_row(summary, 4, SUMMARY, bold=True, fill=TOTAL_FILL)
    summary.cell(4, 2).alignment = Alignment(horizontal="center", vertical="center")
    _data_row(summary, 5, SUMMARY)
    summary.freeze_panes = "C4"

    detail = wb.create_sheet("明细表")
    _frame(detail, "{{地区}}{{年度}}年{{1—N月}}重点项目建设进展情况表{{范围}}", DETAIL)
    detail.cell(4, 2, "{{合计}}（{{项目个数}}个）")
    for index, (_, token, _, kind) in enumerate(DETAIL, start=1):
        if kind == "number":
            detail.cell(4, index, token)
    _style_row(detail, 4, DETAIL, bold=True, fill=TOTAL_FILL)
    detail.cell(5, 1, "{{领域序号}}")
    detail.cell(5, 2, "{{领域}}（{{项目个数}}个）")
    for index, (_, token, _, kind) in enumerate(DETAIL, start=1):
        if kind == "number":
            detail.cell(5, index, token)
    _style_row(detail, 5, DETAIL, bold=True, fill=GROUP_FILL)
    _data_row(detail, 6, DETAIL)
    detail.cell(7, 1, "填表人：　　　　　　　审核人：　　　　　　　联系电话：")
    detail.cell(7, 1).font = Font(name=BODY_FONT, size=11)
    detail.merge_cells(start_row=7, start_column=1, end_row=7, end_column=8)
    detail.row_dimensions[7].height = 24
    detail.freeze_panes = "C4"

    lagging = wb.create_sheet("滞后项目表")
    _frame(lagging, "{{地区}}{{年度}}年{{1—N月}}重点项目滞后预警表{{范围}}", LAGGING)
    _data_row(lagging, 4, LAGGING)
    lagging.freeze_panes = "C4"

    notes = wb.create_sheet(templates.NOTES_SHEET)
    notes.append(["占位符", "含义"])
    notes.append(["说明", "本工作表不会出现在导出的报表中。数据行中的占位符被逐行替换；"
                  "含{{合计}}的行为合计行，含分组占位符而无项目名称的行为分组小计行。"])
    for token in FIELDS:
        notes.append([f"{{{{{token}}}}}", TOKEN_HELP.get(token, token)])
    for token in ("地区", "年度", "月份", "报告期", "1—N月", "填报单位", "填报日期"):
        notes.append([f"{{{{{token}}}}}", "标题、表头中可用的文字占位符"])
    notes.append(["{{范围}}", "按筛选导出时为“（筛选：…）”，全部项目时为空；"
                  "标题中没有此占位符时加在标题之后"])
    notes.column_dimensions["A"].width = 28
    notes.column_dimensions["B"].width = 80
    notes.sheet_state = "hidden"
    return wb


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0]) if argv else templates.default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    build().save(target)
    templates.load(target)  # the shipped template must pass its own checks
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
