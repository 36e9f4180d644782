"""报表 → 导入Excel…'s preview: a hint about a township's return with a long file name is read
whole — the 文件 column no wider than the register preview's columns, the 说明 wrapped onto
as many lines as it needs (it was cut off at the window's edge: "…是项目开工以来的…")."""

from __future__ import annotations

import shutil
from pathlib import Path

from db.session import Database
from exports.register_source import read_register
from exports.sheets.grid import read_grid
from portfolio import register_import
from tests.office_files import fifth_round_returns as returns
from ui.app import build_main_window
from ui.reports.actions import ReportActions

LONG = ("兰考县2026年重点项目建设进展情况调度表（4月份，城关镇人民政府报送，"
        "含自开工累计完成投资）.xlsx")


def _register(db: Database, folder: Path) -> None:
    source = read_register(read_grid(returns.coded_register(folder).path, None))
    with db.session() as session:
        preview = register_import.preview(session, source)
    register_import.apply(db, preview)


def test_a_long_hint_is_wrapped_not_cut_off(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _register(db, tmp_path)
    path = tmp_path / LONG
    shutil.copy(returns.since_the_start(tmp_path).path, path)
    main = build_main_window(db)  # the program's own font: Chinese measured as it is drawn
    qtbot.addWidget(main)
    reports = main.findChild(ReportActions)
    reports.import_xlsx([path])
    qtbot.waitUntil(lambda: hasattr(reports, "last_dialog"), timeout=60000)
    dialog = reports.last_dialog
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentWidget(dialog.views["提示"])
    view = dialog.views["提示"]
    assert view.model().rowCount() == 1
    assert "是项目开工以来的累计" in view.model().index(0, 2).data()
    assert view.columnWidth(0) <= 420  # as wide as a register preview's widest column
    line = view.fontMetrics().height()
    # the sentence on two lines or more, whole (the rows are sized once laid out)
    qtbot.waitUntil(lambda: view.rowHeight(0) >= 2 * line, timeout=5000)
    text = view.model().index(0, 2).data()
    room = view.columnWidth(2) * (view.rowHeight(0) // line)
    assert view.fontMetrics().horizontalAdvance(text) <= room
