"""In-place editors for the register's cells: combos, name lists, dates and money."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from portfolio import projects
from portfolio.vocabulary import CATEGORIES, STAGES
from ui.context import AppContext
from ui.register.columns import COLUMNS, Editor
from ui.widgets.date_field import DateField

_AnyIndex = QModelIndex | QPersistentModelIndex

#: Fixed choices of the CHOICE columns ("" = not set).
CHOICES: dict[str, tuple[str, ...]] = {
    "category": ("", *CATEGORIES),
    "stage": STAGES,
}


class RegisterDelegate(QStyledItemDelegate):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context

    def _names(self, key: str) -> list[str]:
        names = projects.unit_names if key == "unit" else projects.leader_names
        with self._context.db.session() as session:
            return names(session)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: _AnyIndex
    ) -> QWidget:
        column = COLUMNS[index.column()]
        if column.editor is Editor.CHOICE:
            combo = QComboBox(parent)
            for value in CHOICES[column.key]:
                combo.addItem(value or "（未填）", value)
            return combo
        if column.editor is Editor.NAME:
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(["", *self._names(column.key)])
            # a name is found from any part of it ("农业" → 县农业农村局), in a list
            completer = QCompleter(combo.model(), combo)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            combo.setCompleter(completer)
            return combo
        if column.editor is Editor.DATE:
            return DateField(parent)
        editor = QLineEdit(parent)
        if column.editor is Editor.MONEY:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
            editor.setPlaceholderText("万元")
        return editor

    def setEditorData(self, editor: QWidget, index: _AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, DateField):
            editor.set_value(value if isinstance(value, dt.date) else None)
            editor.select_all()
        elif isinstance(editor, QComboBox) and not editor.isEditable():
            found = editor.findData(value or "")
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, QComboBox):
            editor.setCurrentText(value or "")
            # typing replaces the name, as in every other cell (and in Excel)
            line = editor.lineEdit()
            if line is not None:
                line.selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
            editor.selectAll()

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: _AnyIndex
    ) -> None:
        if isinstance(editor, DateField):
            problem = editor.problem()
            if problem is not None:
                self._context.statusMessage.emit(f"日期未修改：{problem}")
                return
            value: object = editor.value()
        elif isinstance(editor, QComboBox) and not editor.isEditable():
            value = editor.currentData()
        elif isinstance(editor, QComboBox):
            value = editor.currentText()
        elif isinstance(editor, QLineEdit):
            value = editor.text()
        else:
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)
