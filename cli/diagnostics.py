"""The self-test behind ``portfolio selftest``: does this installation work, end to end?

Run on an office laptop after installing (or by the test suite on the frozen build), it goes
through what a month's work needs, in a temporary folder that is removed afterwards, never
touching the user's database or settings:

1. create and migrate a SQLite database;
2. fill it with a demo portfolio (a year up to a fixed month);
3. load the shipped catalogue of the five planning documents beside it;
4. write the monthly Excel report and read it back: the 合计 line equals the sum of the
   project lines and the database's total;
5. write the PDF briefing: a PDF with pages;
6. draw the 总览 page offscreen to a PNG of the requested size;
7. Qt's own words in Chinese (确定/取消, 十二月): its catalogue was found.

Each check is timed and reported as it finishes; a failing check does not stop the others,
but a check whose input a failed one should have made reports that instead. The screenshot's
window settings live in the temporary folder too (:func:`ui.screenshot.render`).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

#: The demo portfolio's "today": its report month is the one before (2026年10月).
DEMO_TODAY = dt.date(2026, 11, 10)
DEMO_PROJECTS = 24
SHOT_VIEW = "overview"
SHOT_SIZE = (1600, 1000)


class CheckFailed(Exception):
    """A check's finding, in Chinese."""


@dataclass
class CheckResult:
    name: str
    ok: bool
    seconds: float
    #: what was found (success) or why it failed
    detail: str = ""

    def line(self) -> str:
        if self.ok:
            detail = f"（{self.detail}）" if self.detail else ""
            return f"✔ {self.name}{detail} … {self.seconds:.2f}秒"
        return f"✘ {self.name}：{self.detail}"


@dataclass
class _Workspace:
    folder: Path
    url: str = ""
    db: Any = None
    period: Any = None
    done: set[str] = field(default_factory=set)

    def need(self, step: str) -> None:
        if step not in self.done:
            raise CheckFailed(f"未运行：前面的“{step}”未通过")


# -- the checks -------------------------------------------------------------------------------

def _create_database(ws: _Workspace) -> str:
    from sqlalchemy import inspect

    from db.session import open_database

    ws.url = f"sqlite:///{(ws.folder / 'selftest.sqlite3').as_posix()}"
    ws.db = open_database(ws.url)
    tables = inspect(ws.db.engine).get_table_names()
    if "projects" not in tables:
        raise CheckFailed(f"迁移后没有 projects 表（现有 {len(tables)} 张表）")
    return f"{len(tables)} 张表"


def _demo(ws: _Workspace) -> str:
    ws.need("创建临时数据库")
    from portfolio import demo
    from portfolio.periods import Period

    count = demo.generate(ws.db, projects=DEMO_PROJECTS, years=1, seed=7, today=DEMO_TODAY)
    ws.period = Period.of(DEMO_TODAY).previous()
    return f"{count} 个项目，截至 {ws.period.label}"


def _catalogue(ws: _Workspace) -> str:
    ws.need("创建临时数据库")
    from portfolio import catalog

    with ws.db.transaction() as session:
        session.info["user"] = "自检"
        report = catalog.load(session)
    if not report.new:
        raise CheckFailed("目录中没有纳入任何项目")
    return f"{len(report.new)} 个项目，{len(report.new_targets)} 个规划目标"


def _header(ws_sheet: Any) -> tuple[int, dict[str, int]]:
    for row in ws_sheet.iter_rows(min_row=1, max_row=10):
        names = {str(c.value).replace(" ", ""): c.column for c in row if c.value}
        if "项目名称" in names:
            return row[0].row, names
    raise CheckFailed("明细表中找不到“项目名称”表头")


def _excel(ws: _Workspace) -> str:
    ws.need("生成演示数据")
    import openpyxl

    from exports.xlsx import write_report
    from portfolio import metrics

    path = ws.folder / "月报.xlsx"
    with ws.db.session() as session:
        write_report(session, ws.period, path, today=DEMO_TODAY)
        total = metrics.total(session, ws.period)
    sheet = openpyxl.load_workbook(path, data_only=True)["明细表"]
    header, col = _header(sheet)
    ytd_name = next((name for name in col if name.endswith("月完成投资")
                     and name.startswith("1")), None)
    if ytd_name is None or "编号" not in col:
        raise CheckFailed("明细表中找不到“编号”或“1—N月完成投资”列")
    total_cell, rows = None, Decimal(0)
    for r in range(header + 1, sheet.max_row + 1):
        name = sheet.cell(r, col["项目名称"]).value
        value = sheet.cell(r, col[ytd_name]).value
        if isinstance(name, str) and name.startswith("合计"):
            total_cell = value
        elif isinstance(sheet.cell(r, col["编号"]).value, int) and value not in (None, ""):
            rows += Decimal(str(value))
    if total_cell is None:
        raise CheckFailed("明细表中没有“合计”行")
    written = Decimal(str(total_cell)).quantize(Decimal("0.01"))
    if not written == rows.quantize(Decimal("0.01")) == total.ytd:
        raise CheckFailed(f"合计 {written} 万元，各项目之和 {rows} 万元，数据库 {total.ytd} 万元，"
                          "三者不等")
    return f"合计 {ytd_name} {written} 万元 = 各项目之和 = 数据库"


def _pdf(ws: _Workspace) -> str:
    ws.need("生成演示数据")
    from pypdf import PdfReader

    from exports import briefing_notes, briefing_pdf

    path = ws.folder / "简报.pdf"
    with ws.db.transaction() as session:
        issue = briefing_notes.assign_issue(session, ws.period)
    with ws.db.session() as session:
        briefing_pdf.write_briefing(session, ws.period, path, issue=issue, today=DEMO_TODAY)
    with path.open("rb") as file:
        if file.read(5) != b"%PDF-":
            raise CheckFailed("文件不以 %PDF 开头")
    pages = len(PdfReader(str(path)).pages)
    if pages < 1:
        raise CheckFailed("PDF 没有页面")
    return f"{pages} 页，{path.stat().st_size // 1024} KB"


def _screenshot(ws: _Workspace) -> str:
    ws.need("生成演示数据")
    from PySide6.QtGui import QImage

    from ui.screenshot import render

    width, height = SHOT_SIZE
    path = render(ws.url, SHOT_VIEW, ws.folder / "总览.png", width, height)
    image = QImage(str(path))
    if image.isNull():
        raise CheckFailed("图片无法读取")
    if (image.width(), image.height()) != SHOT_SIZE:
        raise CheckFailed(f"图片为 {image.width()}×{image.height()}，应为 {width}×{height}")
    return f"总览页 {width}×{height}"


def _chinese_interface(_ws: _Workspace) -> str:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.app import application
    from ui.translation import find_catalogue

    application()  # configured: Chinese locale and Qt's catalogue
    if find_catalogue("qtbase") is None:
        raise CheckFailed("找不到 Qt 中文翻译文件 qtbase_zh_CN.qm")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    texts = [b.text() for b in box.buttons()]
    box.deleteLater()
    month = QLocale().monthName(12, QLocale.FormatType.LongFormat)
    if sorted(texts) != sorted(["确定", "取消"]) or month != "十二月":
        raise CheckFailed(f"按钮为 {'/'.join(texts)}，月份为 {month}")
    return "确定/取消，十二月"


CHECKS: tuple[tuple[str, Callable[[_Workspace], str]], ...] = (
    ("创建临时数据库", _create_database),
    ("生成演示数据", _demo),
    ("纳入规划目录", _catalogue),
    ("导出月报Excel", _excel),
    ("导出工作简报PDF", _pdf),
    ("绘制页面截图", _screenshot),
    ("界面中文", _chinese_interface),
)


def run_checks(report: Callable[[CheckResult], None] | None = None) -> list[CheckResult]:
    """Run every check in a temporary folder; ``report`` hears of each as it finishes."""
    results = []
    with tempfile.TemporaryDirectory(prefix="xiangmuku-selftest-",
                                     ignore_cleanup_errors=True) as name:
        ws = _Workspace(Path(name))
        try:
            for title, check in CHECKS:
                started = time.perf_counter()
                try:
                    detail, ok = check(ws), True
                    ws.done.add(title)
                except CheckFailed as error:
                    detail, ok = str(error), False
                except Exception as error:  # a self-test reports, it does not crash
                    detail, ok = f"{type(error).__name__}: {error}", False
                result = CheckResult(title, ok, time.perf_counter() - started, detail)
                results.append(result)
                if report is not None:
                    report(result)
        finally:
            if ws.db is not None:
                ws.db.dispose()  # Windows cannot remove an open SQLite file
    return results


def environment() -> str:
    """One line on what is running: version, Python, frozen or not."""
    from cli.version import version

    frozen = "（打包版）" if getattr(sys, "frozen", False) else ""
    return f"项目库 {version()}{frozen}，Python {sys.version.split()[0]}，{sys.platform}"
