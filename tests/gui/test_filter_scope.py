"""A filter set from 总览 shows on every page it narrows, clears in one click, and never leaks
into a report unless the user chooses it; each page keeps its own undo history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from db.queries import ProjectFilter
from portfolio import projects
from portfolio.projects import ProjectData
from tests.report_db import PERIOD, seed
from ui.app import build_main_window
from ui.context import AppContext
from ui.editor.commands import SetFieldCommand
from ui.reports import install_report_actions
from ui.reports.scope_dialog import ScopeDialog
from ui.widgets.filter_chip import FilterChip

FILTERED_PAGES = ("overview", "register", "monthly", "gantt", "budget")


@pytest.fixture
def window(db, qtbot):  # type: ignore[no-untyped-def]
    seed(db)
    main = build_main_window(db)
    qtbot.addWidget(main)
    main.context.set_period(PERIOD)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_a_filter_from_the_overview_shows_on_every_page_and_clears(window, qtbot) -> None:
    context = window.context
    with context.db.session() as s:
        total = projects.count(s)
    overview = window.show_page("overview")
    warned = len(overview.result.lagging)
    assert 0 < warned < total
    assert not overview.filter_chip.isVisible()
    overview.show_projects("warned")
    register = window.current_page_key()
    assert register == "register"
    for key in FILTERED_PAGES:
        page = window.show_page(key)
        chip = page.findChild(FilterChip)
        assert chip is not None, key
        assert chip.isVisible(), key
        assert chip.label.text() == f"筛选：预警项目（{warned}个项目）", key
    window.show_page("gantt").findChild(FilterChip).clear_button.click()
    assert context.filter.is_empty()
    for key in FILTERED_PAGES:
        assert not window.show_page(key).findChild(FilterChip).isVisible(), key
    assert window.show_page("register").model.rowCount() == total
    assert window.count_label.text() == f"共 {total} 个项目"


def test_each_page_has_its_own_undo_history(window, db) -> None:
    context = window.context
    register = window.show_page("register")
    pid = register.model.project_id(0)
    with db.session() as s:
        old = projects.load(s, pid).name
    context.undo_stack_for("register").push(
        SetFieldCommand(context, pid, "name", old, "改名后的项目"))
    window.undo_action.trigger()  # the menu acts on the register, shown
    with db.session() as s:
        assert projects.load(s, pid).name == old
    assert window.redo_action.isEnabled()

    monthly = window.show_page("monthly")
    monthly_redo = next(a for a in monthly.findChildren(QAction) if a.text() == "重做")
    assert not monthly_redo.isEnabled()
    assert not window.redo_action.isEnabled()  # the menu follows the page shown

    window.show_page("register")
    register_redo = next(a for a in register.findChildren(QAction) if a.text() == "重做")
    assert register_redo.isEnabled() and window.redo_action.isEnabled()
    window.redo_action.trigger()
    with db.session() as s:
        assert projects.load(s, pid).name == "改名后的项目"


@pytest.fixture
def reports(qtbot, db):  # type: ignore[no-untyped-def]
    seed(db)
    with db.transaction() as s:
        lone = projects.create(s, ProjectData(
            name="孤立测试项目", category="工业", total_investment=Decimal("10"),
            planned_start=dt.date(2026, 1, 1), planned_finish=dt.date(2026, 12, 31)))
    context = AppContext(db)
    context.set_period(PERIOD)
    context.set_filter(ProjectFilter(project_ids=(lone,), ids_label="预警项目"))
    main = QMainWindow()
    qtbot.addWidget(main)
    return context, install_report_actions(main, context)


def _export(qtbot, reports, path: Path, **kwargs) -> dict[str, str]:  # type: ignore[no-untyped-def]
    runner = reports.export_xlsx(path, **kwargs)
    with qtbot.waitSignal(runner.succeeded, timeout=60000):
        pass
    runner.wait()
    wb = openpyxl.load_workbook(path)
    return {ws.title: str(ws["A1"].value) for ws in wb.worksheets}


def test_exports_cover_every_project_whatever_the_window_shows(qtbot, reports,
                                                               tmp_path: Path) -> None:
    _context, actions = reports
    whole = _export(qtbot, actions, tmp_path / "全部.xlsx")
    assert whole["汇总表"] == "2026年1—10月重点项目建设进展汇总表"
    detail = openpyxl.load_workbook(tmp_path / "全部.xlsx")["明细表"]
    assert detail["B4"].value != "合计（1个）"
    part = _export(qtbot, actions, tmp_path / "筛选.xlsx", filtered=True)
    assert part["汇总表"] == "2026年1—10月重点项目建设进展汇总表（筛选：预警项目）"
    assert openpyxl.load_workbook(tmp_path / "筛选.xlsx")["明细表"]["B4"].value == "合计（1个）"


def test_the_scope_dialog_offers_the_whole_portfolio_first(qtbot, reports) -> None:
    context, _actions = reports
    dialog = ScopeDialog(context, "导出月报Excel")
    qtbot.addWidget(dialog)
    assert dialog.whole.isChecked() and dialog.whole.text().startswith("全部项目（")
    assert dialog.filtered.text() == "当前筛选：预警项目（1个）"
    assert dialog.chosen().is_empty()
    dialog.filtered.setChecked(True)
    assert dialog.chosen() == context.filter
