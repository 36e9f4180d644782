"""导入 of a long project list: the progress dialog moves line by line, and its 取消 really
stops the import — the whole list rolled back, and the status bar says nothing was written
(before, 取消 only changed the label to 正在取消…… and the import went on to the end)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from db.session import Database
from portfolio import projects
from tests.gui.test_register_import_dialog import WAIT, _preview, _start, office_list
from ui.app import build_main_window
from ui.register_import import flow


@pytest.fixture
def window(db: Database, qtbot):  # type: ignore[no-untyped-def]
    main = build_main_window(db)
    qtbot.addWidget(main)
    main.show()
    return main


def _count(db: Database) -> int:
    with db.session() as session:
        return projects.count(session)


def test_the_import_reports_its_progress_line_by_line(qtbot, window, db,
                                                      tmp_path: Path) -> None:
    importer, dialog = _preview(qtbot, window, office_list(tmp_path / "清单.xlsx"))
    steps: list[tuple[int, int]] = []
    dialog.import_button.click()
    importer.runner.job.progressed.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(importer.imported, timeout=WAIT):
        pass
    assert steps and {total for _done, total in steps} == {5}
    assert _count(db) == 5


def test_cancel_during_the_import_writes_nothing(qtbot, window, db, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    importer, dialog = _preview(qtbot, window, office_list(tmp_path / "清单.xlsx"))
    entered, release = threading.Event(), threading.Event()

    def slow_backup(*_args: object, **_kwargs: object) -> None:
        entered.set()  # the import is under way: the user presses 取消 now
        release.wait(WAIT / 1000)

    monkeypatch.setattr("portfolio.register_import.applying.backup_before", slow_backup)
    messages: list[str] = []
    window.context.statusMessage.connect(messages.append)
    imported: list[object] = []
    dialog.import_button.click()
    runner = importer.runner
    runner.succeeded.connect(imported.append)
    qtbot.waitUntil(entered.is_set, timeout=WAIT)
    with qtbot.waitSignal(runner.done, timeout=WAIT):
        runner.dialog.canceled.emit()  # as the progress dialog's 取消 button does
        release.set()
    assert not imported and _count(db) == 0
    assert messages == ["已取消导入项目清单，未写入任何数据"]


def test_cancel_while_the_list_is_read_shows_no_preview(qtbot, window, db, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """取消 pressed while a large list is read: no preview pops up afterwards (it did, once
    the reading had finished, the progress dialog having said 正在取消……)."""
    path = office_list(tmp_path / "清单.xlsx")
    entered, release = threading.Event(), threading.Event()
    real = flow.load

    def slow_load(*args: object) -> object:
        entered.set()
        release.wait(WAIT / 1000)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(flow, "load", slow_load)
    importer, sheets = _start(qtbot, window, path)
    shown: list[object] = []
    importer.previewShown.connect(shown.append)
    messages: list[str] = []
    window.context.statusMessage.connect(messages.append)
    sheets.accept()
    runner = importer.runner
    qtbot.waitUntil(entered.is_set, timeout=WAIT)
    with qtbot.waitSignal(runner.done, timeout=WAIT):
        runner.dialog.canceled.emit()
        release.set()
    qtbot.wait(50)
    assert not shown
    assert messages == ["已取消导入项目清单，未写入任何数据"]
