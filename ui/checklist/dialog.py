"""工具 → 前期手续清单…: the office edits the default 前期手续 of each 建设性质.

The dialog edits every list in memory (:class:`~ui.checklist.model.ChecklistModel`) and saves
them as one undoable step (:class:`SaveChecklistsCommand`, through the one undo mechanism of
:mod:`ui.operations`), against the lists it loaded: when another user saved the lists since,
the save is refused naming the list, who changed it and when (from the audit log), the
dialog shows what the other user saved, and saving again overwrites it knowingly.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from portfolio import approval_checklist
from portfolio.approval_checklist import NATURE_FIELDS, Checklists
from portfolio.concurrency import StaleEdit
from ui.checklist.model import ChecklistModel
from ui.context import AppContext
from ui.operations import DatabaseCommand

ERROR_STYLE = "color: #c0392b;"


class SaveChecklistsCommand(DatabaseCommand):
    """The office's lists, ``old`` → ``new``; each step checks the lists are still the ones
    it replaces."""

    refusals = (ValueError,)

    def __init__(self, context: AppContext, old: Checklists, new: Checklists) -> None:
        super().__init__(context, "修改前期手续清单")
        self._old, self._new = old, new
        #: why the last step was refused (None when it was written)
        self.error: Exception | None = None

    def redo(self) -> None:
        self.error = None
        self.run(lambda s: approval_checklist.save(s, self._new, self._old))

    def undo(self) -> None:
        self.error = None
        self.run(lambda s: approval_checklist.save(s, self._old, self._new))

    def refused(self, error: Exception) -> None:
        self.error = error
        super().refused(error)


class ChecklistDialog(QDialog):
    """Choose a 建设性质, edit its list (add, rename, remove, reorder, shipped default), save."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("前期手续清单")
        with context.db.session() as session:
            #: what was loaded: the save is refused when another user changed it since
            self.loaded = approval_checklist.load(session)
        self.model = ChecklistModel(self.loaded, self)
        self.model.refused.connect(self._show_error)

        self.nature = QComboBox(self)
        for nature in NATURE_FIELDS:
            self.nature.addItem(f"{nature}项目", nature)
        self.nature.currentIndexChanged.connect(
            lambda _i: self._choose(self.nature.currentData()))
        self.view = QListView(self)
        self.view.setObjectName("checklistNames")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText("新增手续名称，回车添加")
        self.new_name.returnPressed.connect(self.add)
        self.add_button = QPushButton("添加", self)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton("删除", self)
        self.remove_button.clicked.connect(self.remove)
        self.up_button = QPushButton("上移", self)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button = QPushButton("下移", self)
        self.down_button.clicked.connect(lambda: self.move_row(1))
        self.default_button = QPushButton("恢复默认", self)
        self.default_button.setToolTip("把本建设性质的清单恢复为软件自带的清单（保存后生效）")
        self.default_button.clicked.connect(self.restore_default)
        self.count = QLabel(self)
        self.error = QLabel(self)
        self.error.setObjectName("checklistError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        note = QLabel("按清单建立手续时，项目取其建设性质的清单，已有的手续不变；"
                      "清单对使用本数据库的所有人生效。", self)
        note.setWordWrap(True)
        note.setStyleSheet("color:#5f6368")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        side = QVBoxLayout()
        for button in (self.remove_button, self.up_button, self.down_button,
                       self.default_button):
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.view, 1)
        middle.addLayout(side)
        adding = QHBoxLayout()
        adding.addWidget(self.new_name, 1)
        adding.addWidget(self.add_button)
        top = QHBoxLayout()
        top.addWidget(QLabel("建设性质：", self))
        top.addWidget(self.nature)
        top.addWidget(self.count, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addLayout(adding)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._show_count)
        self.resize(460, 480)
        self._show_count()

    # --- editing -----------------------------------------------------------------------------

    def _choose(self, nature: str) -> None:
        self.model.set_nature(nature)
        self.error.clear()

    def _show_count(self) -> None:
        rows = self.model.rowCount()
        self.count.setText(f"共 {rows} 项" if rows else "（无：该建设性质的项目不按清单建立手续）")

    def _show_error(self, message: str) -> None:
        self.error.setText(message)

    def _current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def _select(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))

    def add(self) -> None:
        row = self.model.add(self.new_name.text())
        if row is not None:
            self.new_name.clear()
            self.error.clear()
            self._select(row)

    def remove(self) -> None:
        row = self._current_row()
        if row >= 0:
            self.model.remove(row)
            self._select(min(row, self.model.rowCount() - 1))

    def move_row(self, step: int) -> None:
        row = self._current_row()
        if row >= 0:
            self._select(self.model.move(row, step))

    def restore_default(self) -> None:
        self.model.set_names(Checklists().names(self.model.nature))

    # --- saving ------------------------------------------------------------------------------

    def accept(self) -> None:
        new = self.model.lists()
        if new == self.loaded:
            super().accept()
            return
        command = SaveChecklistsCommand(self.context, self.loaded, new)
        self.context.undo_stack.push(command)
        error = command.error
        if isinstance(error, StaleEdit):
            # show what the other user saved; saving again then overwrites it knowingly
            with self.context.db.session() as session:
                self.loaded = approval_checklist.load(session)
            self.model.set_lists(self.loaded)
            self.error.setText(f"{error}（已重新载入）")
            return
        if error is not None:
            self.error.setText(str(error))
            return
        self.context.show_message("前期手续清单已保存")
        super().accept()
