"""Choosing the register's columns: a header context menu and the 列设置 dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.register.columns import COLUMNS


def set_column_visible(header: QHeaderView, column: int, visible: bool) -> bool:
    """Show or hide a column; the last visible column cannot be hidden."""
    if not visible and header.count() - header.hiddenSectionCount() <= 1:
        return False
    header.setSectionHidden(column, not visible)
    return True


def column_menu(header: QHeaderView, parent: QWidget) -> QMenu:
    """Check or uncheck columns, in their on-screen order."""
    menu = QMenu(parent)
    for visual in range(header.count()):
        column = header.logicalIndex(visual)
        action = menu.addAction(COLUMNS[column].title)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))
        action.toggled.connect(
            lambda checked, c=column: set_column_visible(header, c, checked)
        )
    return menu


class ColumnChooserDialog(QDialog):
    """列设置: tick the columns to show; changes apply at once."""

    resetRequested = Signal()

    def __init__(self, header: QHeaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("列设置")
        self._header = header
        self.list = QListWidget(self)
        self._fill()
        self.list.itemChanged.connect(self._changed)
        reset = QPushButton("恢复默认", self)
        reset.clicked.connect(self._reset)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(reset, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("勾选要显示的列（拖动表头可调整顺序）："))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for visual in range(self._header.count()):
            column = self._header.logicalIndex(visual)
            item = QListWidgetItem(COLUMNS[column].title, self.list)
            item.setData(Qt.ItemDataRole.UserRole, column)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            hidden = self._header.isSectionHidden(column)
            item.setCheckState(Qt.CheckState.Unchecked if hidden else Qt.CheckState.Checked)
        self.list.blockSignals(False)

    def _changed(self, item: QListWidgetItem) -> None:
        column = item.data(Qt.ItemDataRole.UserRole)
        visible = item.checkState() == Qt.CheckState.Checked
        if not set_column_visible(self._header, column, visible):
            self._fill()

    def _reset(self) -> None:
        self.resetRequested.emit()
        self._fill()
