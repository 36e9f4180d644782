"""Blank forms as a city commission sends them: built with openpyxl, no ``{{…}}`` anywhere."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(name="宋体", size=10, bold=True)
BODY = Font(name="宋体", size=10)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

#: the typical monthly detail table; "2026年" spans the two columns after 截至上年底
STANDARD = ["序号", "项目名称", "建设性质", "建设地点", "建设规模及主要内容", "建设起止年限",
            "总投资", "截至上年底累计完成投资", ("2026年", "计划投资"), ("2026年", "1—  月完成"),
            "占年度计划%", "本月完成投资", "形象进度", "存在问题", "责任单位", "责任领导", "备注"]
WIDTHS = [5, 28, 8, 12, 30, 10, 11, 11, 11, 11, 8, 10, 30, 20, 14, 10, 10]


def build(path: Path, columns: list, groups: list[str], *, total: str | None = "合计",
          total_on_top: bool = True, blank_rows: int = 2, widths: list[float] | None = None,
          title: str = "XX市2026年重点项目建设进展情况表（1—  月）",
          subtotal: str | None = None) -> Path:
    """A blank form: merged title, 单位 line, a two-row header (a tuple is parent over child),
    ``total`` on top or at the bottom, a group row per label with ``blank_rows`` empty bordered
    rows under it (and a ``subtotal`` row after them, "{}" the group's words without numbering
    and count), and a 填表人 line at the end."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进展情况"
    width = len(columns)
    last = openpyxl.utils.get_column_letter(width)
    ws["A1"] = title
    ws["A1"].font = Font(name="方正小标宋简体", size=18)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 36
    ws["A2"] = "填报单位：                    填报日期：    年  月  日"
    ws.merge_cells(f"A2:{openpyxl.utils.get_column_letter(width - 2)}2")
    ws.cell(2, width - 1, "单位：万元")
    ws.merge_cells(start_row=2, start_column=width - 1, end_row=2, end_column=width)
    c = 1
    while c <= width:
        spec = columns[c - 1]
        if isinstance(spec, tuple):
            span = 1
            while c - 1 + span < width and isinstance(columns[c - 1 + span], tuple) and (
                    columns[c - 1 + span][0] == spec[0]):
                span += 1
            ws.cell(3, c, spec[0])
            ws.merge_cells(start_row=3, start_column=c, end_row=3, end_column=c + span - 1)
            for k in range(span):
                ws.cell(4, c + k, columns[c - 1 + k][1])
            c += span
        else:
            ws.cell(3, c, spec)
            ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
            c += 1
    for r in (3, 4):
        for col in range(1, width + 1):
            ws.cell(r, col).font, ws.cell(r, col).border = BOLD, BOX
            ws.cell(r, col).alignment = CENTER
    for i, w in enumerate(widths or WIDTHS[:width] + [10] * (width - len(WIDTHS)), start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = w
    row = 5
    name_col = next(i for i, s in enumerate(columns, start=1) if s == "项目名称")

    def line(text: str | None, bold: bool) -> None:
        nonlocal row
        for col in range(1, width + 1):
            cell = ws.cell(row, col)
            cell.border, cell.font = BOX, BOLD if bold else BODY
            cell.alignment = CENTER
        if text:
            ws.cell(row, name_col, text)
        row += 1

    if total and total_on_top:
        line(total, True)
    for label in groups:
        line(label, True)
        for _ in range(blank_rows):
            line(None, False)
        if subtotal:
            line(subtotal.format(re.sub(r"^[一二三四五六七八九十]+、|（.*$", "", label)), True)
    if not groups:
        for _ in range(blank_rows):
            line(None, False)
    if total and not total_on_top:
        line(total, True)
    ws.cell(row + 1, 1, "填表人：            审核人：            联系电话：")
    ws.print_title_rows = "3:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(path)
    return path


SUMMARY_COLUMNS = ("项目个数", "总投资", "年度计划投资", "1—  月完成投资", "占年度计划%")


def build_summary(path: Path, label: str, rows: list[str], *, total_on_top: bool = False,
                  columns: tuple[str, ...] = SUMMARY_COLUMNS, unit: str = "单位：个、万元",
                  sheet: str = "汇总表") -> Path:
    """A blank 汇总表: title, 单位 line, one header row (序号, ``label``, ``columns``), a row
    per group label (序号 1, 2 …), 合计 on top or at the bottom, a 填表人 line; added as a
    sheet of ``path`` when it exists."""
    wb = openpyxl.load_workbook(path) if path.exists() else openpyxl.Workbook()
    ws = wb.create_sheet(sheet, 0) if path.exists() else wb.active
    ws.title = sheet
    width = 2 + len(columns)
    last = openpyxl.utils.get_column_letter(width)
    ws["A1"] = "XX市2026年重点项目建设情况汇总表（1—  月）"
    ws.merge_cells(f"A1:{last}1")
    ws.cell(2, width, unit)
    for c, text in enumerate(("序号", label, *columns), start=1):
        ws.cell(3, c, text).font = BOLD
    lines: list[tuple[int | None, str]] = list(enumerate(rows, start=1))
    lines.insert(0 if total_on_top else len(lines), (None, "合计"))
    for r, (number, text) in enumerate(lines, start=4):
        ws.cell(r, 1, number)
        ws.cell(r, 2, text)
        for c in range(1, width + 1):
            ws.cell(r, c).border = BOX
    ws.cell(4 + len(lines) + 1, 1, "填表人：            联系电话：")
    wb.save(path)
    return path
