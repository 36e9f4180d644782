"""列对应: which field each column of an office's file is.

One row per column of the file (its header as the preview names it, the first values under
it) with a drop-down of the fields an import reads, preselected from automatic recognition.
A mapping is saved by name (保存为方案…) through :mod:`portfolio.register_import.profiles`,
the same files ``portfolio import register --mapping NAME`` reads, and a saved one is laid
over this file's columns again (使用已保存的方案), so that recognition and the saved choices
meet exactly as the reader will meet them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from exports.register_source import FileColumn, file_columns
from exports.sheets.grid import SheetGrid
from portfolio.register_import import profiles
from portfolio.register_import.profiles import MappingProfile, ProfileError
from ui.register_import.models import CHOICES, MappingModel
from ui.widgets.row_model import AnyIndex

AUTOMATIC = "（自动识别）"
ERROR_STYLE = "color: #b3261e"


class FieldDelegate(QStyledItemDelegate):
    """The 对应字段 drop-down: field labels shown, keys stored; a choice commits at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: AnyIndex) -> QWidget:
        box = QComboBox(parent)
        box.setMaxVisibleItems(len(CHOICES))
        for key, label in CHOICES:
            box.addItem(label, key)
        # a persistent editor has no "editing finished": the choice is the edit
        box.currentIndexChanged.connect(lambda _i: self.commitData.emit(box))
        return box

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        if found != editor.currentIndex():
            editor.blockSignals(True)
            editor.setCurrentIndex(max(found, 0))
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData())


class MappingDialog(QDialog):
    """The mapping of one sheet's columns; :meth:`profile` once accepted."""

    def __init__(self, grid: SheetGrid, columns: Sequence[FileColumn],
                 profile: MappingProfile | None = None, message: str = "",
                 folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("列对应 — 导入项目清单")
        self.resize(980, 600)
        self.grid, self.folder, self.base = grid, folder, profile
        layout = QVBoxLayout(self)
        intro = QLabel(f"文件 {grid.path.name}，工作表「{grid.sheet}」：为每一列选择它对应的字段，"
                       "不需要的列选“忽略此列”。确定后按此对应重新预览。", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.message = QLabel(message, self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setVisible(bool(message))
        layout.addWidget(self.message)

        row = QHBoxLayout()
        row.addWidget(QLabel("使用已保存的方案：", self))
        self.saved = QComboBox(self)
        self.saved.setObjectName("savedProfiles")
        self.saved.setMinimumContentsLength(16)
        row.addWidget(self.saved)
        row.addStretch(1)
        layout.addLayout(row)

        self.model = MappingModel(columns, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(MappingModel.FIELD, FieldDelegate(self.view))
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.problem)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("保存为方案…", QDialogButtonBox.ButtonRole.ResetRole)
        self.ok_button = buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.ask_profile_name)
        layout.addWidget(buttons)

        self._fill_saved(profile.name if profile else "")
        self.saved.currentIndexChanged.connect(self._saved_chosen)
        self.model.dataChanged.connect(self._check)
        self.model.modelReset.connect(self._editors)
        self._editors()

    # --- the table ---------------------------------------------------------------------------

    def _editors(self) -> None:
        for row in range(self.model.rowCount()):
            self.view.openPersistentEditor(self.model.index(row, MappingModel.FIELD))
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(1, min(max(self.view.columnWidth(1), 160), 300))
        self.view.setColumnWidth(MappingModel.FIELD, 200)
        self._check()

    def _check(self) -> None:
        text = self.model.problem()
        self.problem.setText(text)
        self.ok_button.setEnabled(not text)

    def choose(self, text: str, key: str) -> None:
        """Map the column headed ``text`` to ``key`` (as choosing it in its drop-down)."""
        row = self.model.row_of(text)
        if row < 0 or not self.model.set_key(row, key):
            raise KeyError(text)

    # --- saved profiles ----------------------------------------------------------------------

    def _fill_saved(self, current: str) -> None:
        self.saved.blockSignals(True)
        self.saved.clear()
        self.saved.addItem(AUTOMATIC)
        try:
            names = profiles.names(self.folder)
        except ProfileError as error:  # one broken file should not hide the dialog
            names = []
            self.message.setText(str(error))
            self.message.setVisible(True)
        self.saved.addItems(names)
        self.saved.setCurrentIndex(max(self.saved.findText(current), 0))
        self.saved.blockSignals(False)

    def _saved_chosen(self, index: int) -> None:
        if index <= 0:
            self.base = None
        else:
            try:
                self.base = profiles.load(self.saved.itemText(index), self.folder)
            except ProfileError as error:
                QMessageBox.warning(self, "无法使用此方案", str(error))
                return
        self.model.set_columns(file_columns(self.grid, self.base))

    def use_saved(self, name: str) -> None:
        """Lay the saved profile ``name`` over this file (as choosing it in the list)."""
        index = self.saved.findText(name)
        if index < 1:
            raise KeyError(name)
        self.saved.setCurrentIndex(index)

    def ask_profile_name(self) -> None:
        current = self.saved.currentText() if self.saved.currentIndex() > 0 else ""
        name, ok = QInputDialog.getText(self, "保存为方案", "方案名称（例如“城建局清单”）：",
                                        text=current)
        if ok and name.strip():
            self.save_profile(name.strip())

    def save_profile(self, name: str) -> Path | None:
        """Save the mapping as it stands under ``name``; the file, or None when refused."""
        problem = self.model.problem()
        if problem:
            QMessageBox.warning(self, "不能保存", problem)
            return None
        try:
            path = profiles.save(self.profile(name), self.folder)
        except (ProfileError, OSError) as error:
            QMessageBox.warning(self, "不能保存", str(error))
            return None
        self._fill_saved(name)
        return path

    # --- the result --------------------------------------------------------------------------

    def accept(self) -> None:
        if self.model.problem():
            self._check()
            return
        super().accept()

    def profile(self, name: str | None = None) -> MappingProfile:
        """The mapping chosen, named ``name`` (else the saved profile's name, else 本次)."""
        if name is None:
            name = self.saved.currentText() if self.saved.currentIndex() > 0 else "本次"
        return self.model.profile(name, self.base, self.grid.sheet)
