"""The 报表 menu driven offscreen: a cancelled export leaves no file, a finished one is whole,
and the import preview shows what would change before 应用 writes it."""

from __future__ import annotations

import re
import time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QMainWindow, QPushButton
from sqlalchemy import select

from db.models import MonthlyReport
from tests.report_db import PERIOD, columns, export, leaf_rows, project_rows, seed
from ui.context import AppContext
from ui.reports import install_report_actions
from ui.reports.worker import JobRunner

D = Decimal


@pytest.fixture
def window(qtbot, db):
    seed(db)
    context = AppContext(db)
    context.set_period(PERIOD)
    main = QMainWindow()
    qtbot.addWidget(main)
    reports = install_report_actions(main, context)
    return main, context, reports


def test_the_menu_lists_every_report(window) -> None:
    main, _context, _reports = window
    menu = next(a.menu() for a in main.menuBar().actions() if a.text() == "报表(&R)")
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["导出月报Excel…", "导出工作简报PDF…", "导出项目一张表…",
                     "导出进度计划(MS Project)…", "导入Excel…", "导入进度计划…", "生成填报表…",
                     "填报情况…", "编辑下步工作…", "报表设置…"]


def test_export_runs_off_the_gui_thread(qtbot, window, tmp_path: Path) -> None:
    _main, context, reports = window
    messages: list[str] = []
    context.statusMessage.connect(messages.append)
    target = tmp_path / "月报.xlsx"
    runner = reports.export_xlsx(target)
    with qtbot.waitSignal(runner.succeeded, timeout=60000) as blocker:
        pass
    assert blocker.args[0].projects > 40
    assert target.is_file() and openpyxl.load_workbook(target).sheetnames[0] == "汇总表"
    qtbot.waitUntil(lambda: any("已导出" in m for m in messages))


@pytest.mark.parametrize("kind", ["xlsx", "pdf", "mspdi"])
def test_cancel_leaves_no_file(qtbot, window, tmp_path: Path, kind: str) -> None:
    _main, _context, reports = window
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"report.{kind if kind != 'mspdi' else 'xml'}"
    action = {"xlsx": reports.export_xlsx, "pdf": reports.export_pdf,
              "mspdi": reports.export_mspdi}[kind]
    runner = action(target)
    runner.cancel()  # the user presses 取消 at once: the writer stops at its next report
    with qtbot.waitSignal(runner.cancelled, timeout=60000):
        pass
    runner.wait()
    assert list(out.iterdir()) == []


def test_cancel_in_the_middle_removes_the_temporary_file(qtbot, tmp_path: Path) -> None:
    """The writer is stopped after it has started writing its temporary file."""
    from exports.output import atomic_output

    started = []

    def work(progress) -> None:  # type: ignore[no-untyped-def]
        with atomic_output(tmp_path / "big.xlsx") as temporary:
            temporary.write_bytes(b"partial")
            started.append(temporary)
            for step in range(1_000_000):  # stops only when cancelled
                progress(step % 1000, 1000)
                time.sleep(0.001)

    runner = JobRunner(None, "测试", work)
    runner.start()
    qtbot.waitUntil(lambda: bool(started), timeout=10000)
    runner.dialog.findChild(QPushButton).click()  # the dialog's 取消 button
    with qtbot.waitSignal(runner.done, timeout=60000):
        pass
    assert list(tmp_path.iterdir()) == []


def test_import_preview_shows_changes_and_applies(qtbot, window, tmp_path: Path) -> None:
    _main, context, reports = window
    db = context.db
    path = export(db, tmp_path / "returned.xlsx")
    row = next(r for r in leaf_rows(db) if r.has_report)
    wb = openpyxl.load_workbook(path)
    ws = wb["明细表"]
    col, where = columns(ws), project_rows(ws)
    ws.cell(where[row.project_id], col["本月完成投资"]).value = None
    ws.cell(where[row.project_id], col["1—10月完成投资"]).value = float(row.ytd_before + 77)
    ws.cell(where[row.project_id], col["存在问题"]).value = "资金未到位"
    wb.save(path)

    runner = reports.import_xlsx([path])
    with qtbot.waitSignal(runner.done, timeout=60000):
        pass
    qtbot.waitUntil(lambda: hasattr(reports, "last_dialog"), timeout=10000)
    dialog = reports.last_dialog
    titles = dialog.tab_titles()
    assert "修改（1）" in titles and "错误（0）" in titles  # one project, two figures
    assert dialog.views["修改"].model().rowCount() == 2
    assert re.search(r"未变（\d+）", " ".join(titles))
    model = dialog.views["修改"].model()
    cells = [[model.index(r, c).data() for c in range(model.columnCount())]
             for r in range(model.rowCount())]
    assert [str(row.project_id), row.name, "本月完成投资", f"{row.investment:.2f}", "77.00",
            "returned.xlsx"] in [[str(c) for c in line] for line in cells]
    assert any(line[2] == "存在问题" and line[4] == "资金未到位" for line in cells)
    assert dialog.apply_button.isEnabled()
    changed = []
    context.dataChanged.connect(lambda: changed.append(True))
    dialog.apply_button.click()  # written on the worker: the window goes on
    qtbot.waitUntil(lambda: bool(changed), timeout=60000)
    with db.session() as s:
        report = s.scalar(select(MonthlyReport).where(
            MonthlyReport.project_id == row.project_id, MonthlyReport.year == 2026,
            MonthlyReport.month == 10))
        assert report.investment == D("77.00") and report.problems == "资金未到位"


def test_a_broken_file_disables_apply(qtbot, window, tmp_path: Path) -> None:
    _main, _context, reports = window
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    runner = reports.import_xlsx([bad])
    with qtbot.waitSignal(runner.done, timeout=60000):
        pass
    qtbot.waitUntil(lambda: hasattr(reports, "last_dialog"), timeout=10000)
    dialog = reports.last_dialog
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "错误（1）"
    assert not dialog.apply_button.isEnabled()
    model = dialog.views["错误"].model()
    assert "不是 Excel 工作簿" in model.index(0, 4).data()


def test_a_partial_report_in_a_blank_form_says_so(qtbot, window, tmp_path: Path) -> None:
    """A form whose groups take only 新开工 projects: the export warns that the rest were left
    out and names them in the details, not only on the status line."""
    from exports import report_settings
    from tests.blank_forms import STANDARD, build

    _main, context, reports = window
    form = build(tmp_path / "市里的表.xlsx", STANDARD, ["一、新开工项目（ 个）"])
    with context.db.transaction() as session:
        report_settings.save(session, report_settings.ReportSettings(template=str(form)))
    runner = reports.export_xlsx(tmp_path / "报市里.xlsx")
    with qtbot.waitSignal(runner.succeeded, timeout=60000) as blocker:
        pass
    written = blocker.args[0]
    assert written.left_out > 0
    box = reports.notes_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert f"其中 {written.left_out} 个项目不属于表格的任何分组，未填入" in box.text()
    assert "续建" in box.detailedText() and "未填入" in box.informativeText()
    box.close()
