"""The Gantt's legend: state colours, the actual bar, milestones and the two day lines."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from portfolio.alerts import STATE_BACKGROUNDS, STATE_COLOURS, STATE_LABELS
from portfolio.timeline import ACTUAL_COLOUR, PERIOD_COLOUR, STEP_COLOUR, TODAY_COLOUR

SWATCH = 12
GAP = 4
SPACING = 12


def entries() -> list[tuple[str, str, str]]:
    """(kind, colour, label) of every legend entry, in order."""
    items = [("state", key, STATE_LABELS[key]) for key in STATE_COLOURS]
    items += [
        ("actual", ACTUAL_COLOUR, "实际工期"),
        ("milestone_actual", ACTUAL_COLOUR, "实际开工/竣工"),
        ("milestone_planned", ACTUAL_COLOUR, "计划开工/竣工"),
        ("milestone_actual", STEP_COLOUR, "手续/节点已完成"),
        ("milestone_planned", STEP_COLOUR, "手续/节点计划"),
        ("line", TODAY_COLOUR, "今天"),
        ("line", PERIOD_COLOUR, "报告期末"),
    ]
    return items


class Legend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries = entries()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setToolTip("计划工期为浅色条（颜色表示状态），深色填充为累计完成投资占总投资的比例")

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        width = sum(SWATCH + GAP + metrics.horizontalAdvance(label) + SPACING
                    for _, _, label in self._entries)
        return QSize(width, max(SWATCH, metrics.height()) + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        metrics = self.fontMetrics()
        x = 0.0
        mid = self.height() / 2
        for kind, key, label in self._entries:
            box = QRectF(x, mid - SWATCH / 2, SWATCH, SWATCH)
            if kind == "state":
                p.setPen(QPen(QColor(STATE_COLOURS[key]), 1))
                p.setBrush(QBrush(QColor(STATE_BACKGROUNDS[key])))
                p.drawRect(box.adjusted(0, 1, 0, -1))
                p.fillRect(QRectF(box.x(), box.y() + 1, SWATCH * 0.6, SWATCH * 0.5),
                           QColor(STATE_COLOURS[key]))
            elif kind == "actual":
                p.fillRect(QRectF(box.x(), mid - 2, SWATCH, 4), QColor(key))
            elif kind.startswith("milestone"):
                r = SWATCH / 2 - 1
                c = box.center()
                p.setPen(QPen(QColor(key), 1.2))
                p.setBrush(QBrush(QColor(key)) if kind == "milestone_actual"
                           else QBrush(Qt.GlobalColor.white))
                p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y()),
                                         QPointF(c.x(), c.y() + r), QPointF(c.x() - r, c.y())]))
            else:
                pen = QPen(QColor(key), 1.5)
                pen.setStyle(Qt.PenStyle.DashLine)
                p.setPen(pen)
                p.drawLine(QPointF(box.center().x(), box.top() - 1),
                           QPointF(box.center().x(), box.bottom() + 1))
            x += SWATCH + GAP
            p.setPen(self.palette().windowText().color())
            width = metrics.horizontalAdvance(label)
            p.drawText(QRectF(x, 0, width + 2, self.height()),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
            x += width + SPACING
        p.end()
