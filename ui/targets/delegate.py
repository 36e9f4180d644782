"""The 覆盖程度 column: how much of a target the linked projects cover, as a bar."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.targets.model import ShareRole

_MET = QColor("#2e8b57")
_PART = QColor("#e0a030")
_TRACK = QColor("#e6e6e6")


class ShareDelegate(QStyledItemDelegate):
    """A bar filled to the share met (capped at full), with the percentage on it."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        share = index.data(ShareRole)
        if share is None:
            super().paint(painter, option, index)
            return
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        bar = option.rect.adjusted(6, 6, -6, -6)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_TRACK)
        painter.drawRoundedRect(bar, 3, 3)
        filled = QRect(bar)
        filled.setWidth(round(bar.width() * max(0.0, min(share, 1.0))))
        painter.setBrush(_MET if share >= 1 else _PART)
        if filled.width() > 0:
            painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(QColor("#202020"))
        painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, index.data())
        painter.restore()
