"""The top of a list page and the header of its table, as the 规划项目目录 and 规划目标 pages have
them: a search field, a chooser of the source document, and a read-only table of records
(sortable, whole rows selected, one stretching column and the others at set widths) above a
panel on the selected row.

One place, so that the list pages look and behave alike; what differs per page (which
column stretches, the widths, single or extended selection) is an argument.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)


def search_field(parent: QWidget, placeholder: str) -> QLineEdit:
    """A search field with a clear button and a hint of what it finds."""
    field = QLineEdit(parent)
    field.setPlaceholderText(placeholder)
    field.setClearButtonEnabled(True)
    return field


def document_combo(parent: QWidget, width_in_chars: int) -> QComboBox:
    """A chooser of the source document, wide enough for ``width_in_chars`` of a title."""
    combo = QComboBox(parent)
    combo.setMinimumContentsLength(width_in_chars)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


def set_up_record_table(
    view: QTableView, model: QAbstractItemModel, *, name: str, stretch: int,
    widths: Iterable[tuple[int, int]], extended_selection: bool = False,
    sortable: bool = True, alternating: bool = True,
) -> None:
    """Show ``model`` in ``view`` read-only, whole rows selected, in the model's own order
    until a header is clicked (when ``sortable``); column ``stretch`` takes the spare width,
    the ``(column, pixels)`` of ``widths`` have theirs."""
    view.setObjectName(name)
    view.setModel(model)
    if sortable:
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if extended_selection:
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    else:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(alternating)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, pixels in widths:
        header.resizeSection(column, pixels)


def lay_out_list_page(page: QWidget, bar: QLayout, summary: QLabel, table: QWidget,
                      detail: QWidget) -> QSplitter:
    """``page`` laid out as a list page: the header ``bar``, the ``summary`` line, then the
    ``table`` above its ``detail`` (what the selected row is), split 3 : 2."""
    splitter = QSplitter(Qt.Orientation.Vertical, page)
    splitter.addWidget(table)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    layout = QVBoxLayout(page)
    layout.addLayout(bar)
    layout.addWidget(summary)
    layout.addWidget(splitter, 1)
    return splitter
