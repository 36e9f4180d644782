"""The 问题台账 on the overview: a tile with the month's open, overdue and solved problems, and
the table of those figures by 责任单位. Both show :attr:`portfolio.overview.Overview.problems`
(:func:`portfolio.problems.by_group.counts_by`); clicking a figure asks for the 问题台账 page
listing the problems behind it (:class:`~portfolio.problems.by_group.ProblemSelection`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from portfolio.alerts import STATE_COLOURS
from portfolio.problems.by_group import FIGURES
from portfolio.problems.ledger import PeriodProblems, ProblemCounts
from ui.widgets.row_model import AnyIndex, RowListModel

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class _Figure(QFrame):
    """One clickable figure of the tile: a number over its name."""

    clicked = Signal()

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("problemFigure")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.value = QLabel(self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.name = QLabel(name, self)
        self.name.setStyleSheet("color:#5f6368")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.name)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class ProblemsTile(QFrame):
    """问题台账: 待解决, 逾期未解决 and 本月解决, each clickable (``figureClicked`` names it, a
    key of :data:`FIGURES`)."""

    figureClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip("单击一个数字，在问题台账中查看这些问题")
        self.setStyleSheet(
            "#problemsTile { background:#ffffff; border:1px solid #dadce0; border-radius:6px; }"
            "#problemsTile:hover { border-color:#3a6ea5; }"
        )
        self.caption = QLabel("问题台账", self)
        self.caption.setStyleSheet("color:#5f6368")
        self.figures: dict[str, _Figure] = {}
        row = QHBoxLayout()
        row.setSpacing(4)
        for key, name in FIGURES.items():
            figure = _Figure(name, self)
            figure.clicked.connect(lambda key=key: self.figureClicked.emit(key))
            self.figures[key] = figure
            row.addWidget(figure)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 8)
        layout.setSpacing(2)
        caption = QHBoxLayout()
        caption.setContentsMargins(6, 0, 0, 0)
        caption.addWidget(self.caption)
        layout.addLayout(caption)
        layout.addLayout(row)

    def show_counts(self, found: PeriodProblems) -> None:
        t = found.total
        colours = {"overdue": STATE_COLOURS["warning"] if t.overdue else None,
                   "solved": STATE_COLOURS["on_track"] if t.solved else None}
        for key, figure in self.figures.items():
            figure.value.setText(f"{getattr(t, key)}个")
            colour = colours.get(key)
            figure.value.setStyleSheet(f"color:{colour}" if colour else "")
        self.caption.setText(f"问题台账（截至{found.period.label}底）")


class ProblemUnitsModel(RowListModel[ProblemCounts]):
    """问题（分责任单位）: one line per 责任单位 with problems open or solved, the 合计 last."""

    HEADERS = ("责任单位", *FIGURES.values())

    def set_counts(self, found: PeriodProblems) -> None:
        self.set_rows([*found.by_unit, found.total])

    def is_total(self, row: int) -> bool:
        return row == len(self.rows) - 1

    def figure(self, column: int) -> str | None:
        """The figure of ``column`` (None for the unit's name)."""
        return None if column == 0 else list(FIGURES)[column - 1]

    def key(self, row: int) -> str | None:
        """The 责任单位 of ``row`` ("" for projects without one; None for the 合计)."""
        return None if self.is_total(row) else self.rows[row].unit or ""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        line = self.rows[index.row()]
        figure = self.figure(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if figure is None:
                return "合计" if self.is_total(index.row()) else line.unit or "（未填）"
            return str(getattr(line, figure))
        if role == Qt.ItemDataRole.TextAlignmentRole and figure is not None:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and self.is_total(index.row()):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and figure == "overdue" and line.overdue:
            return QBrush(QColor(STATE_COLOURS["warning"]))
        if role == Qt.ItemDataRole.ToolTipRole and figure is not None:
            return "单击在问题台账中查看这些问题"
        return None
