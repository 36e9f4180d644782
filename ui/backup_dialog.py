"""文件 → 备份与恢复: the database's backups, a backup now, a restore; and the offer of the
latest good backup when the database fails its check at start.

Backups are files beside the database (:mod:`db.backup`); listing them reads no table, so the
dialog calls :func:`db.backup.list_backups` itself. After a restore the undo stack is cleared
(its commands describe the replaced state) and ``dataChanged`` makes every page reload.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import backup
from ui.context import AppContext

HEADERS = ("时间", "类型", "原因", "大小")


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class BackupDialog(QDialog):
    """The backups of the window's database, newest first."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("备份与恢复")
        self.resize(760, 440)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setStyleSheet("QTableWidget::item { padding: 0 6px; }")  # text off the grid
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.folder_label = QLabel(self)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)

        self.backup_button = QPushButton("立即备份", self)
        self.restore_button = QPushButton("恢复所选…", self)
        self.folder_button = QPushButton("打开备份文件夹", self)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self.open_folder)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.folder_label)
        layout.addLayout(buttons)
        self.reload()

    # --- listing -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.backups = backup.list_backups(self.context.db.url)
        self.table.setRowCount(len(self.backups))
        for row, item in enumerate(self.backups):
            cells = (f"{item.created:%Y-%m-%d %H:%M:%S}", item.label, item.reason,
                     size_text(item.size))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 3:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
        folder = backup.folder_for(self.context.db.url)
        if folder is None:
            self.folder_label.setText("内存数据库没有备份")
        else:
            count = f"共 {len(self.backups)} 个备份" if self.backups else "还没有备份"
            self.folder_label.setText(f"{count}，保存在 {folder}")
        self.backup_button.setEnabled(folder is not None)
        self.folder_button.setEnabled(folder is not None)
        self._selection_changed()

    def selected(self) -> backup.Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    # --- actions -----------------------------------------------------------------------------

    def back_up_now(self) -> backup.Backup | None:
        try:
            made = backup.create(self.context.db.url, "manual", "手动备份",
                                 engine=self.context.db.engine)
        except backup.BackupError as error:
            QMessageBox.warning(self, "备份与恢复", str(error))
            return None
        self.reload()
        self.context.show_message(f"已备份数据库：{made.id}（{made.method}，{size_text(made.size)}）"
                                  + (f"；{made.detail}" if made.detail else ""))
        return made

    def confirm_restore(self, chosen: backup.Backup) -> bool:
        answer = QMessageBox.question(
            self, "恢复备份",
            f"用 {chosen.created:%Y-%m-%d %H:%M:%S} 的备份（{chosen.label}：{chosen.reason}）"
            "替换当前数据库？\n\n恢复前会先把当前状态另存为一个备份，需要时可以再恢复回来。"
            "撤销记录将被清空。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> bool:
        chosen = self.selected()
        if chosen is None or not self.confirm_restore(chosen):
            return False
        try:
            _restored, before = backup.restore(self.context.db.url, chosen.id,
                                               db=self.context.db)
        except backup.BackupError as error:
            QMessageBox.warning(self, "恢复备份", str(error))
            return False
        # the engine reconnects on next use; pages reload from the restored file
        for stack in self.context.undo_group.stacks():
            stack.clear()  # the restored data is not what any recorded step changed
        self.context.dataChanged.emit()
        self.reload()
        self.context.show_message(
            f"已恢复备份 {chosen.id}；恢复前的状态已备份为 {before.id}")
        return True

    def open_folder(self) -> None:
        folder = backup.folder_for(self.context.db.url)
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_backup_dialog(context: AppContext, parent: QWidget | None = None) -> BackupDialog:
    dialog = BackupDialog(context, parent)
    dialog.open()
    return dialog


# --- at start ------------------------------------------------------------------------------------


def ask_to_restore(problem: str, good: backup.Backup) -> bool:
    """The start-up question: restore ``good``, or quit."""
    box = QMessageBox(QMessageBox.Icon.Critical, "项目库",
                      "数据库文件已损坏，无法打开。", QMessageBox.StandardButton.NoButton)
    box.setInformativeText(
        f"最近一次完好的备份是 {good.created:%Y-%m-%d %H:%M}（{good.label}：{good.reason}）。"
        "恢复前会先把损坏的文件另存为一个备份。")
    box.setDetailedText(problem)
    restore = box.addButton("恢复最近的备份", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def recover_on_start(url: str, ask: Callable[[str, backup.Backup], bool] = ask_to_restore,
                     ) -> bool:
    """When the SQLite file at ``url`` fails its check and a good backup exists, offer it;
    True when it was restored (the caller opens the database again)."""
    path = backup.sqlite_file(url)
    if path is None or not path.is_file():
        return False
    problem = backup.quick_check(path)
    good = backup.latest_good(url) if problem is not None else None
    if problem is None or good is None or not ask(problem, good):
        return False
    backup.restore(url, good.id)
    return True
