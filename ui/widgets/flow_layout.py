"""A layout that places its widgets left to right and wraps them onto the next line when the
width runs out, like words in a paragraph (the pattern of Qt's "Flow Layout" example).

The overview's figure tiles use it so that the page fits a 1280 px wide window: its minimum
width is that of its widest item, and its height follows its width (``heightForWidth``).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items in reading order, wrapped at the layout's width; every line as tall as its
    tallest item. With ``stretch``, the items of each line share its spare width."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8, *,
                 stretch: bool = True) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch = stretch
        self.setSpacing(spacing)
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """One line of every item at its preferred size."""
        margins = self.contentsMargins()
        hints = [item.sizeHint() for item in self._items]
        width = sum(h.width() for h in hints) + self.spacing() * max(len(hints) - 1, 0)
        height = max((h.height() for h in hints), default=0)
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """The widest and the tallest single item: anything wider wraps."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (only measuring unless ``move``); returns the height
        they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        spacing = self.spacing()
        visible = [item for item in self._items if not item.isEmpty()]
        lines = self._balanced(visible, area.width(), self._greedy(visible, area.width()))
        y = area.y()
        for line in lines:
            hints = [item.sizeHint() for item in line]
            height = max(h.height() for h in hints)
            spare = area.width() - sum(h.width() for h in hints) - spacing * (len(line) - 1)
            extra = max(spare, 0) // len(line) if self._stretch else 0
            x = area.x()
            if move:
                for item, hint in zip(line, hints, strict=True):
                    width = min(hint.width() + extra, area.width())
                    item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
                    x += width + spacing
            y += height + spacing
        return y - spacing - area.y() + margins.top() + margins.bottom() if lines else 0

    def _greedy(self, items: list[QLayoutItem], width: int) -> list[list[QLayoutItem]]:
        """As many items on each line as fit."""
        lines: list[list[QLayoutItem]] = []
        used = 0
        for item in items:
            item_width = item.sizeHint().width()
            if lines and used + self.spacing() + item_width <= width:
                lines[-1].append(item)
                used += self.spacing() + item_width
            else:
                lines.append([item])
                used = item_width
        return lines

    def _balanced(self, items: list[QLayoutItem], width: int,
                  greedy: list[list[QLayoutItem]]) -> list[list[QLayoutItem]]:
        """The same number of lines with the items shared evenly (eight tiles on two lines:
        four and four, not seven and one), when every line still fits."""
        if len(greedy) < 2:
            return greedy
        per_line = -(-len(items) // len(greedy))
        lines = [items[i:i + per_line] for i in range(0, len(items), per_line)]
        fits = all(sum(item.sizeHint().width() for item in line)
                   + self.spacing() * (len(line) - 1) <= width for line in lines)
        return lines if fits and len(lines) == len(greedy) else greedy
