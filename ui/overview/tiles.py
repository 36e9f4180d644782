"""A headline figure of the overview: a big number, a caption, a note; clicking it shows the
projects behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class FigureTile(QFrame):
    clicked = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("单击在项目库中查看这些项目")
        self.setStyleSheet(
            "#figureTile { background:#ffffff; border:1px solid #dadce0; border-radius:6px; }"
            "#figureTile:hover { border-color:#3a6ea5; }"
        )
        self.caption = QLabel(caption, self)
        self.caption.setStyleSheet("color:#5f6368")
        self.value = QLabel(self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.note = QLabel(self)
        self.note.setStyleSheet("color:#5f6368")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def show_figure(self, value: str, note: str = "", colour: str | None = None) -> None:
        self.value.setText(value)
        self.value.setStyleSheet(f"color:{colour}" if colour else "")
        self.note.setText(note)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)
