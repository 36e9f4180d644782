"""The first-start question of a new database, and what each answer does."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow
from sqlalchemy import func, select

from db.models import Project
from db.session import Database
from portfolio import projects
from portfolio.projects import ProjectData
from portfolio.startup import needs_first_start_choice
from tests.unit.exports.sheets import workbooks
from ui.app import build_main_window
from ui.first_start import (
    TEXTS,
    FirstStart,
    FirstStartDialog,
    available_choices,
    offer_first_start,
)
from ui.register_import.dialog import RegisterPreviewDialog


@pytest.fixture
def window(db: Database, qtbot):  # type: ignore[no-untyped-def]
    window = build_main_window(db)
    qtbot.addWidget(window)
    window.show()
    return window


def _answer(choice: FirstStart | None, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Make the dialog, when shown, pick ``choice`` and press 开始 (None: close it)."""
    shown: list[list[str]] = []

    def exec_(dialog: FirstStartDialog) -> int:
        shown.append([b.text() for b in dialog.buttons.values()])
        if choice is None:
            return QDialog.DialogCode.Rejected.value
        dialog.choose(choice)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(FirstStartDialog, "exec", exec_)
    return shown


def _count(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count(Project.id))) or 0


def test_the_dialog_offers_only_what_the_window_can_do(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown = _answer(FirstStart.BLANK, monkeypatch)
    offer_first_start(window)
    assert shown == [["空白", "从Excel导入项目清单", "从规划文件项目目录中选取", "演示数据"]]
    # a window without a register import: no 从Excel导入项目清单 that leads nowhere
    assert FirstStart.EXCEL not in available_choices(QMainWindow())


def test_excel_opens_the_register_import(window, db, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = workbooks.register(tmp_path / "重点项目清单.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    _answer(FirstStart.EXCEL, monkeypatch)
    assert offer_first_start(window) is FirstStart.EXCEL
    qtbot.waitUntil(lambda: window.findChild(RegisterPreviewDialog) is not None, timeout=60000)
    dialog = window.findChild(RegisterPreviewDialog)
    assert dialog.summary.text().startswith("新增 5 / 修改 0 / 无变化 0")
    assert dialog.isVisible() and dialog.import_button.isEnabled()


def test_blank_leaves_the_register_empty_and_is_asked_once(window, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown = _answer(FirstStart.BLANK, monkeypatch)
    assert offer_first_start(window) is FirstStart.BLANK
    assert _count(db) == 0 and not needs_first_start_choice(db)
    assert offer_first_start(window) is None
    assert len(shown) == 1


def test_closing_the_dialog_counts_as_blank(window, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _answer(None, monkeypatch)
    assert offer_first_start(window) is FirstStart.BLANK
    assert _count(db) == 0 and not needs_first_start_choice(db)


def test_catalogue_opens_the_catalogue_page(window, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _answer(FirstStart.CATALOG, monkeypatch)
    assert offer_first_start(window) is FirstStart.CATALOG
    assert window.current_page_key() == "catalog"
    assert _count(db) == 0


def test_demo_fills_the_register(window, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _answer(FirstStart.DEMO, monkeypatch)
    assert offer_first_start(window) is FirstStart.DEMO
    assert _count(db) >= 300
    assert window.count_label.text() == f"共 {_count(db)} 个项目"


def test_excel_calls_the_register_import_when_the_window_has_one(
    window, db, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    called: list[bool] = []
    monkeypatch.setattr(type(window), "import_register", lambda self: called.append(True),
                        raising=False)
    shown = _answer(FirstStart.EXCEL, monkeypatch)
    assert offer_first_start(window) is FirstStart.EXCEL
    assert "从Excel导入项目清单" in shown[0] and called == [True]


def test_a_database_with_projects_is_not_asked(window, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        projects.create(session, ProjectData(name="县第一中学"))
    shown = _answer(FirstStart.DEMO, monkeypatch)
    assert offer_first_start(window) is None and shown == []


def test_excel_with_no_file_chosen_says_where_to_import_later(window, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """从Excel导入项目清单, then the file dialog closed: the question does not come back, so the
    status bar says where the import is (was: an empty window and no word)."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: ("", ""))
    _answer(FirstStart.EXCEL, monkeypatch)
    messages: list[str] = []
    window.context.statusMessage.connect(messages.append)
    assert offer_first_start(window) is FirstStart.EXCEL
    assert _count(db) == 0 and not needs_first_start_choice(db)
    assert messages == ["未选择文件；可随时从“文件 → 导入项目清单…”导入本单位的项目清单。"]
    assert window.statusBar().currentMessage() == messages[0]


def test_excel_names_every_kind_of_file_the_import_reads() -> None:
    """The explanation under 从Excel导入项目清单 named .xlsx/.xls/.et only: an office with its
    list in .ods or .csv (or its 年度投资计划表) would think it could not start from it."""
    from exports.sheets.grid import SUFFIXES

    _label, explanation = TEXTS[FirstStart.EXCEL]
    named = {".xlsx": "Excel", ".xlsm": "Excel", ".xls": "Excel", ".et": "WPS", ".ett": "WPS",
             ".ods": ".ods", ".csv": ".csv"}
    assert set(SUFFIXES) <= set(named)
    assert all(named[suffix] in explanation for suffix in SUFFIXES), explanation
    assert "年度投资计划表" in explanation
