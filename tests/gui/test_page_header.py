"""The shared top of a list page: search field, document chooser and record table set-up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from ui.widgets.page_header import (
    document_combo,
    lay_out_list_page,
    search_field,
    set_up_record_table,
)


def test_record_table_is_read_only_and_sized(qtbot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    model = QStandardItemModel(3, 4, page)
    view = QTableView(page)
    set_up_record_table(view, model, name="someView", stretch=1, widths=((0, 56), (3, 140)))
    assert view.objectName() == "someView" and view.model() is model
    assert view.isSortingEnabled() and view.horizontalHeader().sortIndicatorSection() == -1
    assert view.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert view.alternatingRowColors() and view.verticalHeader().isHidden()
    header = view.horizontalHeader()
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Stretch
    assert (header.sectionSize(0), header.sectionSize(3)) == (56, 140)

    plain = QTableView(page)
    set_up_record_table(plain, model, name="plain", stretch=0, widths=(),
                        extended_selection=True, sortable=False, alternating=False)
    assert plain.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    assert not plain.isSortingEnabled() and not plain.alternatingRowColors()


def test_search_field_and_document_combo(qtbot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    field = search_field(page, "查找目标，如 风电、学校")
    assert field.placeholderText() == "查找目标，如 风电、学校" and field.isClearButtonEnabled()
    combo = document_combo(page, 24)
    assert combo.minimumContentsLength() == 24
    assert combo.sizeAdjustPolicy() == combo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon


def test_list_page_layout_stacks_bar_summary_and_split_table(qtbot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    bar = QHBoxLayout()
    summary, table, detail = QLabel("共 3 个", page), QTableView(page), QLabel("出处", page)
    splitter = lay_out_list_page(page, bar, summary, table, detail)
    layout = page.layout()
    assert layout.itemAt(0).layout() is bar and layout.itemAt(1).widget() is summary
    assert layout.itemAt(2).widget() is splitter and layout.stretch(2) == 1
    assert splitter.orientation() == Qt.Orientation.Vertical
    assert (splitter.widget(0), splitter.widget(1)) == (table, detail)
    page.resize(800, 500)
    page.show()
    top, bottom = splitter.sizes()
    assert top > bottom  # the table gets the larger share
