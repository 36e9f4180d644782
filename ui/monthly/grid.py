"""A spreadsheet-like table for typing figures faster than in Excel.

:class:`GridModel` is what an editable grid's model offers (the entry grid and the annual-plan
grid both are one); :class:`GridView` gives it Excel's keyboard: typing replaces the cell, Enter
commits and moves down, Tab moves right over the editable columns, Delete clears, Ctrl+C copies
the selection as tab-separated text, Ctrl+V pastes a block copied from Excel, Ctrl+D fills
down. A value the model refuses keeps its editor open with the Chinese reason beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

_AnyIndex = QModelIndex | QPersistentModelIndex


def _plain(index: _AnyIndex) -> QModelIndex:
    """The index as a QModelIndex (Qt hands virtuals either kind; PySide6's stubs do not
    declare QModelIndex(QPersistentModelIndex), which works)."""
    if isinstance(index, QModelIndex):
        return index
    model = index.model()
    return model.index(index.row(), index.column(), index.parent()) if model else QModelIndex()


class GridModel(QAbstractTableModel):
    """The editing protocol :class:`GridView` drives. Subclasses implement the hooks; every
    change goes through :meth:`apply_edits` as one undoable step."""

    #: A refused value: the cell and the Chinese reason.
    refused = Signal(QModelIndex, str)

    def column_key(self, column: int) -> str:
        raise NotImplementedError

    def column_label(self, column: int) -> str:
        raise NotImplementedError

    def column_tooltip(self, column: int) -> str | None:
        return None

    def is_editable_column(self, column: int) -> bool:
        raise NotImplementedError

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Columns by label, those that can be filled in bold; rows numbered from 1."""
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.column_label(section)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.column_tooltip(section)
            if role == Qt.ItemDataRole.FontRole and self.is_editable_column(section):
                font = QFont()
                font.setBold(True)
                return font
        elif role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def check(self, index: QModelIndex, text: str) -> str | None:
        """The Chinese reason why ``text`` cannot go into ``index``, or None."""
        raise NotImplementedError

    def readonly_reason(self, index: QModelIndex) -> str | None:
        """Why a cell cannot be typed into, or None when it can."""
        return None

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        """Every cell selectable; editable unless :meth:`readonly_reason` gives a reason."""
        if not index.isValid():  # the root: Qt's model rules want no flags
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self.readonly_reason(_plain(index)) is None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def save_cell(self, index: QModelIndex, text: str) -> bool:
        """Save checked ``text`` into ``index`` as one undoable step; whether it stands."""
        raise NotImplementedError

    def setData(self, index: _AnyIndex, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Check what was typed (a refusal is signalled with its reason), then save it."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        index = _plain(index)
        text = "" if value is None else str(value)
        reason = self.check(index, text)
        if reason:
            self.refused.emit(index, reason)
            return False
        return self.save_cell(index, text)

    def edit_text(self, index: QModelIndex) -> str:
        return str(self.data(index, Qt.ItemDataRole.EditRole) or "")

    def paste(self, text: str, row: int, column: int) -> tuple[bool, str]:
        """Paste clipboard text at (row, column): (done, message)."""
        raise NotImplementedError

    def clear(self, indexes: Sequence[QModelIndex]) -> tuple[bool, str]:
        raise NotImplementedError

    def fill_down(self, indexes: Sequence[QModelIndex]) -> tuple[bool, str]:
        raise NotImplementedError

    def copy_text(self, indexes: Sequence[QModelIndex]) -> str:
        """The selection as tab-separated rows, as Excel copies a block."""
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        lines = []
        for r in rows:
            cells = []
            for c in columns:
                text = ""
                if (r, c) in chosen:
                    text = str(self.data(self.index(r, c), Qt.ItemDataRole.DisplayRole) or "")
                if any(ch in text for ch in "\t\n\""):
                    text = '"' + text.replace('"', '""') + '"'
                cells.append(text)
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"


class GridDelegate(QStyledItemDelegate):
    """A plain line editor whose Enter and Tab are checked by the model before they commit."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: _AnyIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
        if alignment is not None:
            editor.setAlignment(Qt.AlignmentFlag(alignment))
        return editor

    def setEditorData(self, editor: QWidget, index: _AnyIndex) -> None:
        assert isinstance(editor, QLineEdit)
        model = index.model()
        assert isinstance(model, GridModel)
        editor.setText(model.edit_text(_plain(index)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _AnyIndex) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(editor, QLineEdit)
                and isinstance(event, QKeyEvent)):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                view = editor.parent()
                while view is not None and not isinstance(view, GridView):
                    view = view.parent()
                if isinstance(view, GridView):
                    index = view.currentIndex()
                    model = view.model()
                    assert isinstance(model, GridModel)
                    reason = model.check(index, editor.text())
                    if reason:
                        view.show_refusal(index, reason)
                        return True
                    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                        self.commitData.emit(editor)
                        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                        view.move_down()
                        return True
                    self.commitData.emit(editor)
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                    view.move_sideways(-1 if key == Qt.Key.Key_Backtab else 1)
                    return True
            if key == Qt.Key.Key_Escape:
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                return True
        return super().eventFilter(editor, event)


class GridView(QTableView):
    """Excel's keyboard over a :class:`GridModel`."""

    #: A message for the status bar (refusals, what a paste did).
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(GridDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setHighlightSections(True)

    def grid_model(self) -> GridModel:
        model = self.model()
        assert isinstance(model, GridModel)
        return model

    def setModel(self, model: QAbstractTableModel | None) -> None:  # type: ignore[override]
        super().setModel(model)
        if isinstance(model, GridModel):
            model.refused.connect(self.show_refusal)

    # --- moving ------------------------------------------------------------------------------

    def _go(self, row: int, column: int) -> None:
        index = self.model().index(row, column)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def move_down(self) -> None:
        current = self.currentIndex()
        if current.isValid() and current.row() + 1 < self.model().rowCount():
            self._go(current.row() + 1, current.column())

    def move_sideways(self, step: int) -> None:
        """Tab: to the next editable column (wrapping to the next row), Shift+Tab: back."""
        current = self.currentIndex()
        if not current.isValid():
            return
        model = self.grid_model()
        editable = [c for c in range(model.columnCount()) if model.is_editable_column(c)
                    and not self.isColumnHidden(c)]
        if not editable:
            return
        row, column = current.row(), current.column()
        later = [c for c in editable if (c > column if step > 0 else c < column)]
        if later:
            self._go(row, later[0] if step > 0 else later[-1])
        elif step > 0 and row + 1 < model.rowCount():
            self._go(row + 1, editable[0])
        elif step < 0 and row > 0:
            self._go(row - 1, editable[-1])

    # --- keys --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.state() != QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_down()
                return
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.move_sideways(-1 if key == Qt.Key.Key_Backtab else 1)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._report(self.grid_model().clear(self.selectedIndexes()))
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if (key == Qt.Key.Key_D
                    and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
                self.fill_down()
                return
            current = self.currentIndex()
            typed = event.text()
            plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                             | Qt.KeyboardModifier.AltModifier)
            if current.isValid() and plain and typed and typed.isprintable():
                reason = self.grid_model().readonly_reason(current)
                if reason:
                    self.show_refusal(current, reason)
                    return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab stays in the grid, as in Excel: it moves to the next editable cell."""
        if self.state() == QAbstractItemView.State.EditingState:
            return False  # Tab in an editor is handled by the delegate
        self.move_sideways(1 if next else -1)
        return True

    # --- actions -----------------------------------------------------------------------------

    def _report(self, result: tuple[bool, str]) -> None:
        done, text = result
        if text:
            if not done:
                self.show_refusal(self.currentIndex(), text)
            else:
                self.message.emit(text)

    def copy(self) -> None:
        text = self.grid_model().copy_text(self.selectedIndexes())
        if text:
            QGuiApplication.clipboard().setText(text)

    def paste(self, text: str | None = None) -> None:
        if text is None:
            text = QGuiApplication.clipboard().text()
        current = self.currentIndex()
        if not current.isValid():
            self.show_refusal(current, "请先选中要粘贴到的单元格")
            return
        done, message = self.grid_model().paste(text, current.row(), current.column())
        self._report((done, message))

    def fill_down(self) -> None:
        self._report(self.grid_model().fill_down(self.selectedIndexes()))

    def show_refusal(self, index: QModelIndex, reason: str) -> None:
        """Say why a value was refused, beside the cell (and in the status bar)."""
        self.message.emit(reason)
        if index.isValid():
            rect = self.visualRect(index)
            point = self.viewport().mapToGlobal(QPoint(rect.left(), rect.bottom() + 2))
        else:
            point = self.mapToGlobal(QPoint(8, 8))
        QToolTip.showText(point, reason, self)
        self.last_refusal = reason

    last_refusal: str = ""
