"""The register page: search and filters, the lazily loaded table, and its tool bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMessageBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.context import AppContext
from ui.editor.commands import DeleteProjectsCommand
from ui.register.column_chooser import ColumnChooserDialog, column_menu
from ui.register.columns import COLUMN_INDEX, COLUMNS
from ui.register.delegate import RegisterDelegate
from ui.register.filter_bar import FilterBar
from ui.register.model import RegisterModel
from ui.widgets.filter_chip import FilterChip
from ui.widgets.frozen_columns import freeze
from ui.widgets.undo_actions import redo_action, undo_action

HEADER_KEY = "register/header"


class RegisterPage(QWidget):
    """项目库. The model reads the database; this page only wires views and actions."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.model = RegisterModel(context, self)
        self.filter_bar = FilterBar(context, self)

        self.view = QTableView(self)
        self.view.setObjectName("registerTable")
        self.view.setModel(self.model)
        self.view.setItemDelegate(RegisterDelegate(context, self.view))
        # 编号 and 项目名称 stay in sight while scrolling right (Excel's 冻结窗格); frozen
        # before the reset handlers below, as the frozen part resets the shared selection
        self.frozen = freeze(self.view, 2, lambda view: RegisterDelegate(context, view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalHeader().hide()
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.activated.connect(self._open)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._after_reset)

        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self._default_state = self._apply_default_columns()
        self.restore_state()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self.save_state)
        header.sectionResized.connect(self._save_timer.start)
        header.sectionMoved.connect(self._save_timer.start)
        header.sectionCountChanged.connect(self._save_timer.start)
        header.sortIndicatorChanged.connect(self._sort_clicked)
        context.orderChanged.connect(self._show_sort)
        self._show_sort(*context.sort)
        self.view.setSortingEnabled(True)

        self.toolbar = self._make_toolbar()
        top = QVBoxLayout(self)
        top.setContentsMargins(6, 4, 6, 0)
        top.setSpacing(4)
        top.addWidget(self.toolbar)
        top.addWidget(self.filter_bar)
        self.filter_chip = FilterChip(context, self)
        top.addWidget(self.filter_chip)
        top.addWidget(self.view, 1)
        context.projectSelected.connect(self._select)

    # --- tool bar ----------------------------------------------------------------------------

    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar("项目库", self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = QAction("新建", self)
        self.new_action.setToolTip("新建项目")
        self.new_action.triggered.connect(self._context.newProjectRequested)
        self.delete_action = QAction("删除", self)
        self.delete_action.setToolTip("删除选中的项目（可撤销）")
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.view.addAction(self.delete_action)
        self.open_action = QAction("打开", self)
        self.open_action.setToolTip("在编辑窗口中打开选中的项目（双击或回车）")
        self.open_action.triggered.connect(lambda: self._open(self.view.currentIndex()))
        undo = undo_action(self._context.undo_stack_for("register"), self)
        redo = redo_action(self._context.undo_stack_for("register"), self)
        columns = QAction("列设置…", self)
        columns.triggered.connect(self.show_column_chooser)
        for action in (self.new_action, self.open_action, self.delete_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(undo)
        bar.addAction(redo)
        bar.addSeparator()
        bar.addAction(columns)
        self._update_actions()
        return bar

    def _update_actions(self) -> None:
        has_row = self.view.currentIndex().isValid()
        self.delete_action.setEnabled(has_row)
        self.open_action.setEnabled(has_row)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return [self.model.project_id(r) for r in rows]

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        names = []
        for pid in ids:
            row = self.model.register_row(self.model.row_of(pid))
            names.append(row.name if row else str(pid))
        if len(names) == 1:
            question = f"确定删除项目“{names[0]}”吗？\n删除后可以用“撤销”恢复。"
        else:
            shown = "、".join(f"“{n}”" for n in names[:5]) + ("等" if len(names) > 5 else "")
            question = f"确定删除 {len(names)} 个项目（{shown}）吗？\n删除后可以用“撤销”恢复。"
        answer = QMessageBox.question(
            self, "删除项目", question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._context.undo_stack.push(DeleteProjectsCommand(self._context, ids, names))

    # --- selection and opening ---------------------------------------------------------------

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self._context.projectOpened.emit(self.model.project_id(index.row()))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        if current.isValid():
            self._context.select_project(self.model.project_id(current.row()))

    def _select(self, project_id: int) -> None:
        """Follow a selection made on another page."""
        current = self.view.currentIndex()
        if current.isValid() and self.model.project_id(current.row()) == project_id:
            return
        row = self.model.row_of(project_id)
        if row >= 0:
            column = max(current.column(), 0) if current.isValid() else COLUMN_INDEX["name"]
            self.view.setCurrentIndex(self.model.index(row, column))
            self.view.scrollTo(self.model.index(row, column))

    def _after_reset(self) -> None:
        self._select(self._context.selected_project)
        self._update_actions()

    # --- sorting -----------------------------------------------------------------------------

    def _sort_clicked(self, column: int, order: Qt.SortOrder) -> None:
        if COLUMNS[column].sort_key is None:
            self._context.show_message(f"“{COLUMNS[column].title}”列不能排序")
            self._show_sort(*self._context.sort)

    def _show_sort(self, key: str, descending: bool) -> None:
        column = next((i for i, c in enumerate(COLUMNS) if c.sort_key == key), 0)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        header = self.view.horizontalHeader()
        if header.sortIndicatorSection() != column or header.sortIndicatorOrder() != order:
            header.setSortIndicator(column, order)

    # --- columns -----------------------------------------------------------------------------

    def _apply_default_columns(self) -> QByteArray:
        header = self.view.horizontalHeader()
        em = self.view.fontMetrics().horizontalAdvance("中")
        for i, column in enumerate(COLUMNS):
            header.resizeSection(i, round(column.width * em) + 12)
            header.setSectionHidden(i, not column.visible)
        return header.saveState()

    def restore_default_columns(self) -> None:
        self.view.horizontalHeader().restoreState(self._default_state)
        self._show_sort(*self._context.sort)
        self.save_state()

    def restore_state(self) -> None:
        state = QSettings().value(HEADER_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            header = self.view.horizontalHeader()
            if not header.restoreState(state) or header.count() != len(COLUMNS):
                header.restoreState(self._default_state)
            # The sort is the context's (shared with other pages), not the saved indicator.
            self._show_sort(*self._context.sort)

    def save_state(self) -> None:
        QSettings().setValue(HEADER_KEY, self.view.horizontalHeader().saveState())

    def _header_menu(self, pos: QPoint) -> None:
        header = self.view.horizontalHeader()
        menu = column_menu(header, self)
        menu.addSeparator()
        menu.addAction("列设置…", self.show_column_chooser)
        menu.addAction("恢复默认列", self.restore_default_columns)
        menu.triggered.connect(lambda _action: self.save_state())
        menu.exec(header.mapToGlobal(pos))
        menu.deleteLater()

    def show_column_chooser(self) -> ColumnChooserDialog:
        dialog = ColumnChooserDialog(self.view.horizontalHeader(), self)
        dialog.resetRequested.connect(self.restore_default_columns)
        dialog.finished.connect(lambda _result: self.save_state())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.save_state()
        super().hideEvent(event)
