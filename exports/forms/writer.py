"""Writing the 填报表: one workbook per 责任单位 or 乡镇, holding only its projects.

What the holder must not change is locked (sheet protection on, no password: the protection
prevents mistakes, it is not a secret — 审阅 → 撤销工作表保护 lifts it): the identifying
columns, the figures from the database, and the 1—N月 and 占年度计划% formulas. The cells to
fill (本月完成投资, 形象进度, 存在问题, 下步计划, 是否开工, 实际开工时间) are unlocked, each with
data validation and an input prompt in Chinese. A hidden column holds each row's key and the
form's stamp (:mod:`exports.forms.layout`); the period, kind and holder are also custom
document properties. The second sheet, 填报说明, says what to fill and by when.

Every formula is stored with its result (:mod:`exports.xlsx.cached_values`), so a viewer that
does not calculate shows the database's figures; Excel, WPS and LibreOffice recalculate on
opening. Files are written atomically; the projects sent are recorded through
:func:`portfolio.collection.record_sent` in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from exports.forms import layout as L
from exports.output import ExportError, ProgressFn, tick
from exports.xlsx.cells import Formula, safe_text, set_text
from exports.xlsx.printing import landscape_a4
from exports.xlsx.report import PERIOD_PROPERTY, save
from portfolio.collection import BY, form_projects, record_sent
from portfolio.monthly.columns import TEXT_LIMIT
from portfolio.monthly.rows import EntryRow
from portfolio.periods import Period

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
#: the cells to fill are tinted, so the holder sees at once where to type
_FILL_IN = PatternFill("solid", fgColor="FFF2CC")
_HEADER = PatternFill("solid", fgColor="D9E1F2")
_OPEN = Protection(locked=False)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass
class WrittenForms:
    """What :func:`write_forms` wrote."""

    period: Period
    by: str
    files: list[Path] = field(default_factory=list)
    projects: int = 0
    #: projects with no 责任单位 (or 乡镇): on no form
    without_holder: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"已生成 {len(self.files)} 份{self.period.label}填报表"
                f"（按{BY[self.by]}，共 {self.projects} 个项目）")
        if self.without_holder:
            text += (f"；{len(self.without_holder)} 个项目未填{BY[self.by]}，未列入任何填报表："
                     + "、".join(self.without_holder[:10])
                     + ("……" if len(self.without_holder) > 10 else ""))
        return text


def form_file_name(holder: str, period: Period) -> str:
    """"<单位>_<YYYY年M月>填报表.xlsx", with characters Windows refuses replaced."""
    return f"{_UNSAFE.sub('_', holder).strip(' .')}_{period.year}年{period.month}月填报表.xlsx"


def default_due(period: Period) -> dt.date:
    """次月5日: when returned forms are usually due."""
    return period.last_day + dt.timedelta(days=5)


def write_forms(session: Session, period: Period, by: str, folder: Path | str, *,
                due: dt.date | None = None, progress: ProgressFn | None = None) -> WrittenForms:
    """Write one form per holder of ``by`` ('unit' or 'township') into ``folder`` and record
    what was sent (flushed in ``session``'s transaction, which the caller commits)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportError(f"文件夹“{folder}”不存在")
    groups, nobody = form_projects(session, period, by)
    if not groups:
        raise ExportError(f"{period.label}没有可填报的项目（各项目均未填{BY[by]}或本年无计划）")
    written = WrittenForms(period, by, without_holder=[r.name for r in nobody])
    for index, (holder, rows) in enumerate(groups.items()):
        tick(progress, index, len(groups))
        wb, cached = render_form(L.FormStamp(period, by, holder), rows, due or default_due(period))
        path = folder / form_file_name(holder, period)
        save(wb, cached, path)
        written.files.append(path)
        written.projects += len(rows)
    record_sent(session, period, by, {h: [r.project_id for r in rows]
                                      for h, rows in groups.items()})
    tick(progress, len(groups), len(groups))
    return written


def render_form(stamp: L.FormStamp, rows: list[EntryRow],
                due: dt.date) -> tuple[Workbook, dict[str, dict[str, object]]]:
    """The workbook of one holder's form, and the formulas' results to store with it."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = L.SHEET
    cols = L.columns(stamp.period)
    letter = {c.key: get_column_letter(i) for i, c in enumerate(cols, start=1)}
    _frame(ws, stamp, cols)
    cached: dict[str, object] = {}
    for offset, row in enumerate(rows):
        _write_row(ws, L.FIRST_ROW + offset, offset + 1, row, stamp.period, cols, letter, cached)
    last = L.FIRST_ROW + max(len(rows), 1) - 1
    _validate(ws, letter, last, stamp.period)
    ws.column_dimensions[letter["key"]].hidden = True
    ws.freeze_panes = f"C{L.FIRST_ROW}"
    ws.print_options.horizontalCentered = True
    landscape_a4(ws, title_rows=f"{L.HEADER_ROW}:{L.HEADER_ROW}")
    ws.print_area = f"A1:{letter['started_on']}{last}"
    _protect(ws)
    _notes(wb, stamp, due, len(rows))
    wb.custom_doc_props.append(StringProperty(name=PERIOD_PROPERTY, value=str(stamp.period)))
    wb.custom_doc_props.append(StringProperty(name=L.BY_PROPERTY, value=stamp.by))
    wb.custom_doc_props.append(StringProperty(name=L.HOLDER_PROPERTY, value=stamp.holder))
    wb.security = WorkbookProtection(lockStructure=True)
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    return wb, {L.SHEET: cached}


def _frame(ws: Worksheet, stamp: L.FormStamp, cols: list[L.Column]) -> None:
    last = get_column_letter(len(cols) - 1)
    ws["A1"] = safe_text(f"{stamp.holder}{stamp.period.label}重点项目建设进展填报表")
    ws["A1"].font = Font(name="黑体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 30
    set_text(ws["A2"], f"填报{BY[stamp.by]}：{stamp.holder}")
    ws.merge_cells("A2:F2")
    ws[f"{last}2"] = "单位：万元"
    ws[f"{last}2"].alignment = Alignment(horizontal="right")
    set_text(ws.cell(L.TITLE_ROW, len(cols)), stamp.cell_text())
    for i, col in enumerate(cols, start=1):
        cell = ws.cell(L.HEADER_ROW, i, col.header)
        cell.font = Font(bold=True)
        cell.fill = _FILL_IN if col.filled_in else _HEADER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.row_dimensions[L.HEADER_ROW].height = 42


def _write_row(ws: Worksheet, r: int, serial: int, row: EntryRow, period: Period,
               cols: list[L.Column], letter: dict[str, str],
               cached: dict[str, object]) -> None:
    locked = {"stage": row.stage, "total_investment": row.total_investment,
              "prior_years": row.prior_years, "annual_plan": row.annual_plan,
              "ytd_before": row.ytd_before}
    ytd = Formula(f"={letter['ytd_before']}{r}+{letter['investment']}{r}", row.ytd_before)
    plan, l_ytd = letter["annual_plan"], letter["ytd"]
    rate = (row.ytd_before * 100 / row.annual_plan).quantize(Decimal("0.01")) \
        if row.annual_plan else ""
    values: dict[str, object] = {
        "serial": serial, "name": row.name, **locked, "ytd": ytd,
        "rate": Formula(f'=IF(N({plan}{r})>0,ROUND({l_ytd}{r}/{plan}{r}*100,2),"")', rate),
        "key": L.row_key(row.project_id, period, row.name, locked),
    }
    for i, col in enumerate(cols, start=1):
        cell = ws.cell(r, i)
        value = values.get(col.key)
        if isinstance(value, Formula):
            cell.value = value.text
            cached[cell.coordinate] = value.cached
        elif isinstance(value, str):
            set_text(cell, value)
        else:
            cell.value = value
        if col.key in ("total_investment", "prior_years", "annual_plan", "ytd_before",
                       "investment", "ytd", "rate"):
            cell.number_format = "0.00"
        elif col.key == "started_on":
            cell.number_format = "yyyy-mm-dd"
        cell.border = _BORDER
        cell.alignment = Alignment(vertical="center", wrap_text=col.key in (
            "name", "progress", "problems", "next_steps"))
        if col.filled_in:
            cell.protection = _OPEN
            cell.fill = _FILL_IN


def _serial(day: dt.date) -> str:
    return str((day - _EXCEL_EPOCH).days)


def _validate(ws: Worksheet, letter: dict[str, str], last: int, period: Period) -> None:
    def cells(key: str) -> str:
        return f"{letter[key]}{L.FIRST_ROW}:{letter[key]}{last}"

    rules = [
        (DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0"),
         "investment", "本月完成投资",
         "填本月完成的投资（万元），不小于0的数字，最多两位小数；未完成填0"),
        (DataValidation(type="list", formula1='"是,否"'),
         "started", "是否开工", "从下拉列表选“是”或“否”"),
        (DataValidation(type="date", operator="between", formula1=_serial(dt.date(2000, 1, 1)),
                        formula2=_serial(period.last_day)),
         "started_on", "实际开工时间", f"填日期，如 {period.year}-{period.month:02d}-15，"
                                   f"不晚于{period.last_day:%Y-%m-%d}"),
    ]
    for key, name in (("progress", "形象进度"), ("problems", "存在问题"),
                      ("next_steps", "下步计划")):
        rules.append((DataValidation(type="textLength", operator="lessThanOrEqual",
                                     formula1=str(TEXT_LIMIT)),
                      key, name, f"文字说明，最多{TEXT_LIMIT}字"))
    for rule, key, title, text in rules:
        rule.allow_blank = True
        rule.showErrorMessage = rule.showInputMessage = True
        rule.errorTitle, rule.error = f"{title}填写有误", text
        rule.promptTitle, rule.prompt = title, text
        rule.add(cells(key))
        ws.add_data_validation(rule)


def _protect(ws: Worksheet) -> None:
    """On, without a password; the holder may still resize rows and columns."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


def _notes(wb: Workbook, stamp: L.FormStamp, due: dt.date, count: int) -> None:
    ws = wb.create_sheet(L.NOTES)
    lines = [
        f"{stamp.period.label}重点项目建设进展填报说明",
        "",
        f"一、本表为{stamp.holder}的{stamp.period.label}填报表，共列{count}个项目，"
        "请逐个项目填写，不要增删行、列或工作表，不要修改表格格式。",
        "二、只需填写黄色底色的列：本月完成投资、形象进度、存在问题、下步计划、是否开工、实际开工时间。"
        "其余各列（项目名称、总投资、截至上年底累计、本年计划、此前各月、1—N月累计、占年度计划%）"
        "由系统生成并已锁定，1—N月累计和占年度计划%会随本月完成投资自动计算。",
        "三、金额单位为万元，填数字，最多保留两位小数；本月没有完成投资的填0，不要填“约”“左右”等文字。",
        "四、是否开工从下拉列表选“是”或“否”；已开工的请填实际开工时间（如 2026-03-15）。",
        "五、形象进度、存在问题、下步计划请用简短文字说明，每格不超过"
        f"{TEXT_LIMIT}字；没有问题的填“无”。",
        "六、表中隐藏的“项目库校验键”列用于导入时核对项目，请勿修改或删除。",
        f"七、请于{due.year}年{due.month}月{due.day}日前将本文件（保持 .xlsx 格式，"
        "可改文件名）报送县发展和改革委员会。",
    ]
    for r, text in enumerate(lines, start=1):
        cell = ws.cell(r, 1)
        set_text(cell, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(name="黑体", size=14, bold=True)
    ws.column_dimensions["A"].width = 100
    ws.protection.sheet = True


__all__ = ["WrittenForms", "default_due", "form_file_name", "render_form", "write_forms"]
