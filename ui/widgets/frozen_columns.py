"""Excel's 冻结窗格 for a QTableView: the leading columns stay in place while the others
scroll (the pattern of Qt's "Frozen Column" example).

A second view over the same model and selection model shows only the frozen columns and
lies over the left of the table; vertical scrolling, column widths and row heights are kept
in step both ways, so that editing, selecting and scrolling work in either part.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView


class FrozenColumns(QObject):
    """Freezes the first ``count`` columns of ``table``; ``view`` is the overlay."""

    def __init__(self, table: QTableView, count: int,
                 make_delegate: Callable[[QTableView], QAbstractItemDelegate] | None = None,
                 ) -> None:
        super().__init__(table)
        self.table = table
        self.count = count
        view = QTableView(table)
        view.setObjectName(f"{table.objectName() or 'table'}Frozen")
        view.setModel(table.model())
        view.setSelectionModel(table.selectionModel())
        if make_delegate is not None:  # a delegate serves one view: the table keeps its own
            view.setItemDelegate(make_delegate(view))
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setStyleSheet("QTableView { border: none; border-right: 1px solid #9aa0a6; }")
        self.view = view
        table.viewport().stackUnder(view)

        table.horizontalHeader().sectionResized.connect(self._column_resized)
        table.horizontalHeader().sectionMoved.connect(lambda *_: self.sync())
        table.verticalHeader().sectionResized.connect(self._row_resized)
        view.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        view.activated.connect(table.activated)
        view.doubleClicked.connect(table.doubleClicked)
        view.clicked.connect(lambda index: table.setCurrentIndex(index))
        table.selectionModel().currentChanged.connect(self._current_changed)
        model = table.model()
        for signal in (model.modelReset, model.columnsInserted, model.columnsRemoved):
            signal.connect(lambda *_: self.sync())
        table.installEventFilter(self)
        self.sync()
        view.show()

    def frozen_columns(self) -> list[int]:
        """The model columns the frozen part shows: the first ``count`` the table shows, in
        its order (the user may have moved or hidden columns)."""
        header = self.table.horizontalHeader()
        shown = [header.logicalIndex(v) for v in range(header.count())]
        return [c for c in shown if not header.isSectionHidden(c)][:self.count]

    def frozen_width(self) -> int:
        return sum(self.table.columnWidth(c) for c in self.frozen_columns())

    def sync(self) -> None:
        """Show only the frozen columns, in the table's order and widths, over them."""
        self._copy_looks()
        frozen = self.frozen_columns()
        header = self.view.horizontalHeader()
        for column in range(self.table.model().columnCount()):
            self.view.setColumnHidden(column, column not in frozen)
        for place, column in enumerate(frozen):
            header.moveSection(header.visualIndex(column), place)
            self.view.setColumnWidth(column, self.table.columnWidth(column))
        self._place()

    def _copy_looks(self) -> None:
        """The table's row heights, selection and editing (pages set them after freezing)."""
        table, view = self.table, self.view
        view.setVerticalScrollMode(table.verticalScrollMode())
        view.setSelectionBehavior(table.selectionBehavior())
        view.setSelectionMode(table.selectionMode())
        view.setEditTriggers(table.editTriggers())
        view.setWordWrap(table.wordWrap())
        view.setAlternatingRowColors(table.alternatingRowColors())
        rows = view.verticalHeader()
        rows.setSectionResizeMode(table.verticalHeader().sectionResizeMode(0)
                                  if table.verticalHeader().count() else
                                  QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.verticalHeader().defaultSectionSize())

    def _place(self) -> None:
        table = self.table
        rows, columns = table.verticalHeader(), table.horizontalHeader()
        header_height = 0 if columns.isHidden() else columns.height()
        self.view.horizontalHeader().setHidden(columns.isHidden())
        self.view.horizontalHeader().setFixedHeight(header_height)
        self.view.setGeometry(
            (0 if rows.isHidden() else rows.width()) + table.frameWidth(), table.frameWidth(),
            self.frozen_width() + 1, table.viewport().height() + header_height)

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        self.view.setColumnWidth(column, new)
        self._place()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.view.setRowHeight(row, new)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """A cell to the right that the frozen part covers is scrolled into sight."""
        if not current.isValid() or current.column() in self.frozen_columns():
            return
        rect = self.table.visualRect(current)
        covered = self.frozen_width() - rect.left()
        if covered > 0:
            bar = self.table.horizontalScrollBar()
            bar.setValue(bar.value() - covered)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() in (QEvent.Type.Resize, QEvent.Type.Show,
                                                      QEvent.Type.LayoutRequest):
            self.sync()  # the column chooser hides and shows columns without a signal
        return False


def freeze(table: QTableView, count: int,
           make_delegate: Callable[[QTableView], QAbstractItemDelegate] | None = None,
           ) -> FrozenColumns:
    """Freeze the first ``count`` columns of ``table`` (call after setting its model);
    ``make_delegate`` gives the frozen part its editors (default: Qt's)."""
    if table.model() is None:
        raise ValueError("set the model before freezing columns")
    if table.horizontalScrollMode() != QAbstractItemView.ScrollMode.ScrollPerPixel:
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return FrozenColumns(table, count, make_delegate)
