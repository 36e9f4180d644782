"""文件 → 备份与恢复, and the offer of a good backup when the database is damaged at start."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from db import backup
from portfolio import projects
from portfolio.projects import ProjectData
from ui import app as ui_app
from ui.app import build_main_window
from ui.backup_dialog import BackupDialog


def _project(db) -> int:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return projects.create(s, ProjectData(
            name="兰考县第三高级中学", category="社会事业", unit="县教育局",
            total_investment=Decimal("32000.50"), planned_start=dt.date(2026, 3, 1)))


def _investment(db, pid: int) -> Decimal:  # type: ignore[no-untyped-def]
    from db.models import Project

    with db.session() as s:
        found = s.get(Project, pid)
        assert found is not None
        return found.total_investment


@pytest.fixture
def window(qtbot, db):  # type: ignore[no-untyped-def]
    made = build_main_window(db)
    qtbot.addWidget(made)
    return made


def test_the_dialog_lists_backups_and_backs_up_now(qtbot, window, db) -> None:
    _project(db)
    first = backup.create(db.url, "import", "导入 1 个工作簿前自动备份")
    dialog = BackupDialog(window.context, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    texts = [dialog.table.item(0, c).text() for c in range(4)]
    assert texts[0] == f"{first.created:%Y-%m-%d %H:%M:%S}"
    assert texts[1:3] == ["导入前", "导入 1 个工作簿前自动备份"]
    assert texts[3].endswith("KB")
    assert not dialog.restore_button.isEnabled()

    dialog.backup_button.click()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 1).text() == "手动"
    assert "共 2 个备份" in dialog.folder_label.text()


def test_restoring_brings_back_the_earlier_state(qtbot, window, db,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    pid = _project(db)
    earlier = backup.create(db.url, "manual", "手动备份")
    with db.transaction() as s:
        projects.update(s, pid, ProjectData(
            name="兰考县第三高级中学", category="社会事业", unit="县教育局",
            total_investment=Decimal("99999.00"), planned_start=dt.date(2026, 3, 1)))
    assert _investment(db, pid) == Decimal("99999.00")
    reloaded: list[bool] = []
    window.context.dataChanged.connect(lambda: reloaded.append(True))
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog = BackupDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    assert dialog.selected() == earlier
    assert dialog.restore_selected()

    assert "先把当前状态另存为一个备份" in asked[0]
    assert reloaded == [True]
    assert _investment(db, pid) == Decimal("32000.50")
    kinds = [b.kind for b in backup.list_backups(db.url)]
    assert kinds.count("restore") == 1 and dialog.table.rowCount() == 2
    assert window.context.undo_stack.count() == 0


def _when_asked(answer) -> QTimer:  # type: ignore[no-untyped-def]
    """Call ``answer(box)`` once the start-up question is showing."""
    timer = QTimer()

    def look() -> None:
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]
        if boxes:
            timer.stop()
            answer(boxes[0])

    timer.timeout.connect(look)
    timer.start(20)
    return timer


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    middle = len(data) // page // 2
    data[page * middle: page * (middle + 3)] = b"\xa5" * (page * 3)
    data[page: page * 2] = b"\x5a" * page  # the first table pages, whatever the file size
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(db) -> tuple[str, int, Path]:  # type: ignore[no-untyped-def]
    pid = _project(db)
    backup.create(db.url, "daily", "每日首次启动时自动备份")
    db.dispose()
    path = backup.sqlite_file(db.url)
    assert path is not None
    with __import__("sqlite3").connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _corrupt(path)
    assert backup.quick_check(path) is not None
    return db.url, pid, path


def test_a_damaged_database_offers_the_latest_good_backup(qtbot, damaged) -> None:
    url, pid, path = damaged
    shown: list[str] = []

    def click_restore(box: QMessageBox) -> None:
        shown.append(box.text() + box.informativeText())
        shown.append("、".join(b.text() for b in box.buttons()))
        box.buttons()[0].click()

    timer = _when_asked(click_restore)
    db = ui_app.open_or_recover(url)
    assert db is not None
    try:
        assert "数据库文件已损坏" in shown[0] and "每日自动" in shown[0]
        assert shown[1].startswith("恢复最近的备份、退出、") and not timer.isActive()
        assert backup.quick_check(path) is None
        assert _investment(db, pid) == Decimal("32000.50")
        assert any(b.kind == "restore" for b in backup.list_backups(url))
    finally:
        db.dispose()


def test_quitting_leaves_the_damaged_file_alone(qtbot, damaged,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    url, _pid, path = damaged
    before = path.read_bytes()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(text))

    timer = _when_asked(lambda box: box.buttons()[1].click())
    assert ui_app.open_or_recover(url) is None
    assert not timer.isActive()
    assert "数据库文件已损坏或不是项目库数据库" in said[0]
    assert path.read_bytes() == before
