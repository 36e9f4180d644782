"""Typing into the register's cells replaces what they held, as in Excel: the name lists
(责任单位, 责任领导) and the dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from db.session import Database
from portfolio import projects
from portfolio.projects import ProjectData
from ui.context import AppContext
from ui.register.columns import COLUMN_INDEX
from ui.register.delegate import RegisterDelegate
from ui.register.model import RegisterModel
from ui.widgets.date_field import DateField

Table = tuple[QTableView, int]


@pytest.fixture
def table(db: Database, qtbot: QtBot) -> tuple[QTableView, int]:
    with db.transaction() as session:
        project_id = projects.create(session, ProjectData(
            name="高标准农田建设项目", unit="县农业农村局", leader="王洋",
            total_investment=Decimal("3000"), planned_start=dt.date(2026, 3, 1)))
        projects.create(session, ProjectData(name="县城供水工程", unit="县水利局", leader="唐勇"))
    context = AppContext(db)
    view = QTableView()
    qtbot.addWidget(view)
    context.setParent(view)
    view.setModel(RegisterModel(context, view))
    view.setItemDelegate(RegisterDelegate(context, view))
    view.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed)
    view.resize(1200, 400)
    view.show()
    qtbot.waitExposed(view)
    return view, project_id


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key, as QTest.keyClicks does (which takes only ASCII)."""
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, char))


def press_return(widget: QWidget) -> None:
    """Return, and the queued commit the delegate makes of it."""
    QTest.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()


def _open_editor(view: QTableView, column: str, project_id: int):  # type: ignore[no-untyped-def]
    model = view.model()
    assert isinstance(model, RegisterModel)
    index = model.index(model.row_of(project_id), COLUMN_INDEX[column])
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)
    return index, _typing_target(view)


def _typing_target(view: QTableView) -> QLineEdit:
    """The line edit of the open editor, where the keys go."""
    editors = [w for kind in (QComboBox, DateField) for w in view.viewport().findChildren(kind)
               if w.isVisible()]  # a closed editor lingers until deleted
    assert len(editors) == 1
    editor = editors[0]
    line = editor.lineEdit() if isinstance(editor, QComboBox) else editor.findChild(QLineEdit)
    assert line is not None
    return line


@pytest.mark.parametrize(("column", "typed", "expected"), [
    ("unit", "县X局", "县X局"),
    ("leader", "李明", "李明"),
])
def test_typing_into_a_name_cell_replaces_it(table: Table, db: Database, column: str,
                                             typed: str, expected: str) -> None:
    view, project_id = table
    index, editor = _open_editor(view, column, project_id)
    type_text(editor, typed)

    press_return(editor)
    assert index.data() == expected
    with db.session() as session:
        assert getattr(projects.load(session, project_id), column) == expected


def test_a_key_pressed_on_the_cell_starts_the_name_afresh(table: Table, db: Database) -> None:
    view, project_id = table
    model = view.model()
    assert isinstance(model, RegisterModel)
    index = model.index(model.row_of(project_id), COLUMN_INDEX["unit"])
    view.setFocus()
    view.setCurrentIndex(index)
    type_text(view, "县")  # opens the editor with this key, as Excel does
    editor = _typing_target(view)
    assert editor.text() == "县"
    type_text(editor, "水利局")
    press_return(editor)
    assert index.data() == "县水利局"


def test_the_name_list_completes_from_any_part_of_a_name(table: Table) -> None:
    view, project_id = table
    _index, editor = _open_editor(view, "unit", project_id)
    combo = editor.parent()
    assert isinstance(combo, QComboBox)
    completer = combo.completer()
    assert completer is not None
    completer.setCompletionPrefix("水利")
    assert completer.currentCompletion() == "县水利局"


def test_typing_a_date_into_an_empty_date_cell(table: Table, db: Database) -> None:
    view, project_id = table
    index, editor = _open_editor(view, "planned_finish", project_id)
    assert editor.text() == ""
    QTest.keyClicks(editor, "2027/6/1")
    press_return(editor)
    with db.session() as session:
        assert projects.load(session, project_id).planned_finish == dt.date(2027, 6, 1)
    assert index.data(Qt.ItemDataRole.EditRole) == dt.date(2027, 6, 1)


def test_typing_over_a_date_replaces_it_and_emptying_clears_it(table: Table, db: Database) -> None:
    view, project_id = table
    _index, editor = _open_editor(view, "planned_start", project_id)
    QTest.keyClicks(editor, "20270601")
    press_return(editor)
    with db.session() as session:
        assert projects.load(session, project_id).planned_start == dt.date(2027, 6, 1)
    _index, editor = _open_editor(view, "planned_start", project_id)
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    press_return(editor)
    with db.session() as session:
        assert projects.load(session, project_id).planned_start is None
