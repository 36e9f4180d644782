"""Models of the 三个一批 page: the batches (one line per 期) and one list's projects."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from portfolio.campaign import DATE_LABELS, LISTS, CampaignBatch, CampaignProject
from portfolio.money import format_money
from ui.widgets.row_model import AnyIndex, RowListModel

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class BatchesModel(RowListModel[CampaignBatch]):
    """期数 | 签约一批 个数, 总投资 | 开工一批 … | 投产一批 … | 合计 个数, 总投资."""

    HEADERS = ("期数", *(f"{name}{what}" for name in LISTS.values()
                        for what in ("（个）", "（万元）")), "合计（个）", "合计（万元）")

    def value(self, row: int, column: int) -> str:
        b = self.rows[row]
        if column == 0:
            return b.label
        tags = list(LISTS)
        if column <= 2 * len(tags):
            tag = tags[(column - 1) // 2]
            return (str(b.count(tag)) if column % 2 else
                    format_money(b.investment(tag), grouped=True))
        return (str(b.project_count) if column == 2 * len(tags) + 1
                else format_money(b.total_investment, grouped=True))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.value(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return _RIGHT
        return None


class ListModel(RowListModel[CampaignProject]):
    """序号 | 项目名称 | 总投资（万元） | 建设内容 | 责任单位 | 签约/开工/投产时间."""

    def __init__(self, tag: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag = tag
        self.HEADERS = ("序号", "项目名称", "总投资（万元）", "建设内容", "责任单位",
                        DATE_LABELS[tag])

    def value(self, row: int, column: int) -> str:
        p = self.rows[row]
        day = "" if p.day is None else f"{p.day.year}年{p.day.month}月{p.day.day}日"
        return (str(row + 1), p.name, format_money(p.total_investment, grouped=True),
                p.scale.replace("\n", " "), p.unit, day)[column]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.value(index.row(), index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return self.rows[index.row()].scale
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 2):
            return _RIGHT
        return None
