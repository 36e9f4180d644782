"""The editor's 现场照片 tab: a project's site photos as thumbnails, with the day taken and a
caption editable in place, the selected photo shown large, 添加照片…, 删除 and 导出….

Adding reads every chosen file first (:func:`portfolio.photos.read_photo`); when one of them is
refused, nothing is added and the message names each refused file. Every change is one
undoable command (:mod:`ui.editor.photo_commands`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from portfolio import photos
from portfolio.photos import Photo, PhotoError
from ui.context import AppContext
from ui.editor.photo_commands import AddPhotosCommand, EditPhotoCommand, RemovePhotoCommand
from ui.editor.table_panel import ProjectRowsModel, table_view
from ui.widgets.row_model import AnyIndex

THUMB_HEIGHT = 120
FILE_FILTER = "照片 (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"
ERROR_STYLE = "color: #c0392b;"
DATE, CAPTION = 1, 2


def _pixmap(data: bytes) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(data, "JPEG")
    return pixmap


class PhotosModel(ProjectRowsModel[Photo]):
    """A project's photos: thumbnail, day taken and caption (both editable), file, who added."""

    HEADERS = ("照片", "拍摄日期", "说明", "文件名", "添加")

    def __init__(self, context: AppContext, project_id: int, parent: Any = None) -> None:
        self._thumbs: dict[int, QPixmap] = {}
        super().__init__(context, project_id, parent)

    def read(self, session: Session) -> list[Photo]:
        return photos.photos_of(session, self.project_id)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() > CAPTION:
            base &= ~Qt.ItemFlag.ItemIsEditable
        return base

    def thumbnail(self, photo: Photo) -> QPixmap:
        if photo.id not in self._thumbs:
            self._thumbs[photo.id] = _pixmap(photo.thumbnail).scaledToHeight(
                THUMB_HEIGHT, Qt.TransformationMode.SmoothTransformation)
        return self._thumbs[photo.id]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        photo = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self.thumbnail(photo)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DATE:
                return photo.taken_on.isoformat() if photo.taken_on else "（不详）"
            return (None, None, photo.caption, photo.file_name,
                    f"{photo.added_by} {photo.added_at:%Y-%m-%d %H:%M}")[column]
        if role == Qt.ItemDataRole.EditRole:
            if column == DATE:
                return photo.taken_on.isoformat() if photo.taken_on else ""
            if column == CAPTION:
                return photo.caption
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{photo.file_name}（{photo.width}×{photo.height}）"
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or role != Qt.ItemDataRole.EditRole
                or index.column() not in (DATE, CAPTION)):
            return False
        old = self.rows[index.row()]
        text = str(value or "").strip()
        if index.column() == DATE:
            try:
                new = replace(old, taken_on=dt.date.fromisoformat(text) if text else None)
            except ValueError:
                self.context.show_message(f"第{index.row() + 1}张照片的拍摄日期应写作 "
                                          f"YYYY-MM-DD：“{text}”")
                return False
        else:
            new = replace(old, caption=text)
        if new == old:
            return False
        return self.push(EditPhotoCommand(self.context, old, new))


class PhotosPanel(QWidget):
    """The 现场照片 tab."""

    def __init__(self, context: AppContext, project_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.project_id = project_id
        self.model = PhotosModel(context, project_id, self)
        self.view = table_view(self.model, self, "projectPhotos")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setIconSize(QSize(THUMB_HEIGHT * 4 // 3, THUMB_HEIGHT))
        self.view.verticalHeader().setDefaultSectionSize(THUMB_HEIGHT + 8)
        for column, width in enumerate((THUMB_HEIGHT * 4 // 3 + 12, 96, 220, 130)):
            self.view.setColumnWidth(column, width)
        self.preview = QLabel("选择一张照片查看大图", self)
        self.preview.setObjectName("photoPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumWidth(280)
        self.preview.setStyleSheet("background:#f4f4f4; color:#5f6368")
        self.notice = QLabel(self)
        self.notice.setObjectName("photoNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(ERROR_STYLE)
        self.notice.hide()
        add = QPushButton("添加照片…", self)
        add.clicked.connect(self.choose_files)
        self.remove_button = QPushButton("删除", self)
        self.remove_button.clicked.connect(self.remove_selected)
        export = QPushButton("导出全部…", self)
        export.clicked.connect(self.choose_export_folder)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("双击拍摄日期或说明修改；日期写作 2026-03-02。", self), 1)
        for button in (add, self.remove_button, export):
            buttons.addWidget(button)
        splitter = QSplitter(self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.preview)
        splitter.setSizes([620, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._show_selected)
        self._show_selected()

    def selected(self) -> Photo | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        photo = self.selected()
        self.remove_button.setEnabled(photo is not None)
        if photo is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText("选择一张照片查看大图" if self.model.rows else "还没有照片")
            return
        with self.context.db.session() as session:
            try:
                image = photos.image_of(session, photo.id)
            except KeyError:
                return
        pixmap = _pixmap(image)
        size = self.preview.size().boundedTo(QSize(1600, 1600))
        self.preview.setPixmap(pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    def _tell(self, message: str) -> None:
        self.notice.setText(message)
        self.notice.setVisible(bool(message))
        if message:
            self.context.show_message(message)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "添加现场照片", "", FILE_FILTER)
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: Sequence[Path]) -> bool:
        """Read and add ``paths`` as one undoable step; nothing when one is refused."""
        read, refused = [], []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for path in paths:
                try:
                    read.append(photos.read_photo(path))
                except PhotoError as error:
                    refused.append(str(error))
        finally:
            QApplication.restoreOverrideCursor()
        if refused:
            self._tell("未添加任何照片：" + "；".join(refused))
            return False
        if not read:
            return False
        self._tell("")
        before = {p.id for p in self.model.rows}
        stack = self.context.undo_stack
        index = stack.index()
        # pushed straight from its constructor: with a second Python reference held during
        # the push (a parameter), PySide 6.11 later frees this command twice (seen in tests)
        stack.push(AddPhotosCommand(self.context, self.project_id, read))
        if stack.index() == index:  # refused: obsolete, dropped by the stack
            return False
        added = [r for r, p in enumerate(self.model.rows) if p.id not in before]
        self.view.selectRow(added[-1] if added else 0)
        return True

    def remove_selected(self) -> bool:
        photo = self.selected()
        return photo is not None and self.model.push(RemovePhotoCommand(self.context, photo))

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "导出现场照片到文件夹")
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> list[Path]:
        with self.context.db.session() as session:
            try:
                written = photos.export(session, self.project_id, folder)
            except PhotoError as error:
                self._tell(str(error))
                return []
        self._tell("")
        self.context.show_message(f"已导出{len(written)}张照片到“{folder}”")
        return written


__all__ = ["PhotosModel", "PhotosPanel"]
