"""The live 合计 line under the entry grid, its columns kept aligned with the grid's."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from portfolio import monthly
from ui.monthly.model import EntryModel

_AnyIndex = QModelIndex | QPersistentModelIndex


class TotalsModel(QAbstractTableModel):
    """One row: the totals of the entry model's rows (packages' money counted once)."""

    def __init__(self, entries: EntryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries = entries
        entries.totalsChanged.connect(self._changed)
        entries.modelReset.connect(self._reset)

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _changed(self) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(0, self.columnCount() - 1))

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries.columns)

    def text(self, key: str) -> str:
        t = self._entries.totals
        if key == "name":
            return f"合计（{t.projects}个项目，已填报{t.reported}个）"
        if key == "plan_rate":
            return monthly.display("plan_rate", t.plan_rate)
        if key in ("total_investment", "prior_years", "annual_plan", "ytd", "investment"):
            return monthly.display(key, getattr(t, key))
        if key == "started":
            return f"已开工{t.started}个"
        if key == "warnings":
            return f"预警{len(self._entries.found)}个" if self._entries.found else ""
        return ""

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = self._entries.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(column.key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind in ("money", "percent"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor("#eef2f7"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return "Σ"
        return None


class TotalsView(QTableView):
    """A one-row table that follows the grid's column widths and horizontal scrolling."""

    def __init__(self, grid: QTableView, model: TotalsModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthlyTotals")
        self.setModel(model)
        self._grid = grid
        self.horizontalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(grid.verticalHeader().defaultSectionSize())
        self.setFixedHeight(rows.defaultSectionSize() + 2 * self.frameWidth())
        grid.horizontalHeader().sectionResized.connect(self._resized)
        grid.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        model.modelReset.connect(self.sync)

    def _resized(self, column: int, _old: int, new: int) -> None:
        self.setColumnWidth(column, new)

    def sync(self) -> None:
        header = self._grid.horizontalHeader()
        for column in range(header.count()):
            self.setColumnWidth(column, header.sectionSize(column))
            self.setColumnHidden(column, self._grid.isColumnHidden(column))
        self.verticalHeader().setFixedWidth(self._grid.verticalHeader().width())
        self.horizontalScrollBar().setValue(self._grid.horizontalScrollBar().value())

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self.sync()
