"""报表 → 导入Excel…, 应用: a past month's 调度表 is written on the worker, not on the window's
thread — a county's whole return (10,000 projects) took a minute during which the window
froze ("未响应"). The progress dialog has no 取消: the one transaction cannot stop halfway."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton

from exports import xlsx_import
from tests.report_db import PERIOD, columns, export, leaf_rows, project_rows, seed
from ui.context import AppContext
from ui.reports import install_report_actions

WAIT = 60000


@pytest.fixture
def reports(qtbot, db):  # type: ignore[no-untyped-def]
    seed(db)
    context = AppContext(db)
    context.set_period(PERIOD)
    main = QMainWindow()
    qtbot.addWidget(main)
    return install_report_actions(main, context)


def _preview(qtbot, reports, db, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = export(db, tmp_path / "returned.xlsx")
    row = next(r for r in leaf_rows(db) if r.has_report)
    wb = openpyxl.load_workbook(path)
    ws = wb["明细表"]
    col, where = columns(ws), project_rows(ws)
    ws.cell(where[row.project_id], col["本月完成投资"]).value = None
    ws.cell(where[row.project_id], col["1—10月完成投资"]).value = float(row.ytd_before + 77)
    wb.save(path)
    reports.import_xlsx([path])
    qtbot.waitUntil(lambda: hasattr(reports, "last_dialog"), timeout=WAIT)
    return reports.last_dialog


def test_apply_writes_on_the_worker_and_says_so(qtbot, reports, db, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _preview(qtbot, reports, db, tmp_path)
    threads: list[threading.Thread] = []
    real = xlsx_import.apply

    def apply(*args: object, **kwargs: object) -> int:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(xlsx_import, "apply", apply)
    messages: list[str] = []
    reports.context.statusMessage.connect(messages.append)
    dialog.apply_button.click()
    runner = reports.runners[-1]
    assert runner.dialog.findChild(QPushButton) is None  # no 取消 that cannot cancel
    qtbot.waitUntil(lambda: bool(messages), timeout=WAIT)
    assert threads and threads[0] is not threading.main_thread()
    assert messages == ["已导入 1 个项目的月度数据"]


def test_a_refused_apply_is_said_in_the_window(qtbot, reports, db, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _preview(qtbot, reports, db, tmp_path)
    why = "项目“某项目”的数据在预览后已被修改，未导入任何数据，请重新预览"

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise xlsx_import.ImportFailed(why)

    monkeypatch.setattr(xlsx_import, "apply", refuse)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *_a: shown.append(
        (title, text)))
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    assert shown == [("未能导入", why)]
