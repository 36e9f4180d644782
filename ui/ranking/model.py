"""The ranking table: one line per group of :class:`portfolio.ranking.Ranking`, the 合计 last;
red-listed lines on green, black-listed on red."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from portfolio.alerts import STATE_BACKGROUNDS, STATE_COLOURS
from portfolio.metrics import Summary
from portfolio.money import format_money, format_percent
from portfolio.ranking import BLACK, LIST_LABELS, RED, RankedGroup, Ranking
from ui.overview.models import gap_colour
from ui.widgets.row_model import AnyIndex, RowListModel

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)

#: background of a listed line, by list
LIST_BACKGROUNDS: dict[str, str] = {RED: STATE_BACKGROUNDS["on_track"],
                                    BLACK: STATE_BACKGROUNDS["warning"]}
LIST_COLOURS: dict[str, str] = {RED: STATE_COLOURS["on_track"], BLACK: STATE_COLOURS["warning"]}


class RankingModel(RowListModel[RankedGroup | Summary]):
    """One line per group (名次, figures, 榜单), the 合计 line last."""

    COLUMNS: tuple[tuple[str, str], ...] = (
        ("rank", "名次"),
        ("name", "名称"),
        ("project_count", "项目个数"),
        ("annual_plan", "年度计划（万元）"),
        ("ytd", "完成投资（万元）"),
        ("completion_rate", "完成率%"),
        ("gap_points", "较序时进度（百分点）"),
        ("planned_starts", "计划开工"),
        ("actual_starts", "实际开工"),
        ("start_rate", "开工率%"),
        ("lagging", "滞后项目"),
        ("overdue_problems", "逾期未解决问题"),
        ("listed", "榜单"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ranking: Ranking | None = None
        self.HEADERS = tuple(label for _, label in self.COLUMNS)

    def set_ranking(self, ranking: Ranking) -> None:
        self.beginResetModel()
        self.ranking = ranking
        headers = [label for _, label in self.COLUMNS]
        headers[1] = ranking.title
        headers[4] = f"{ranking.period.range_label}完成（万元）"
        self.HEADERS = tuple(headers)
        self.rows = [*ranking.groups, ranking.total]
        self.endResetModel()

    def group(self, row: int) -> RankedGroup | None:
        """The group of ``row``; None for the 合计 line."""
        line = self.rows[row]
        return line if isinstance(line, RankedGroup) else None

    def value(self, row: int, key: str) -> str:
        line = self.rows[row]
        group = line if isinstance(line, RankedGroup) else None
        summary = group.summary if group is not None else line
        assert isinstance(summary, Summary)
        if key == "rank":
            return "" if group is None or group.rank is None else str(group.rank)
        if key == "name":
            return "合计" if group is None else group.label
        if key == "lagging":
            if group is None:
                return "" if self.ranking is None else str(self.ranking.lagging)
            return str(group.lagging)
        if key == "overdue_problems":
            if group is None:
                return "" if self.ranking is None else str(self.ranking.overdue_problems)
            return str(group.overdue_problems)
        if key == "listed":
            return "" if group is None else LIST_LABELS.get(group.listed, "")
        value = getattr(summary, key)
        if key in ("completion_rate", "gap_points", "start_rate"):
            return format_percent(value, signed=key == "gap_points")
        if isinstance(value, Decimal):
            return format_money(value, grouped=True)
        return str(value)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        key = self.COLUMNS[index.column()][0]
        row = index.row()
        group = self.group(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.value(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRE if key in ("rank", "listed") else None if key == "name" else _RIGHT
        if role == Qt.ItemDataRole.FontRole and (group is None or key in ("rank", "listed")):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if group is None:
                return QBrush(QColor("#eef2f7"))
            colour = LIST_BACKGROUNDS.get(group.listed)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole and group is not None:
            if key == "listed" and group.listed:
                return QBrush(QColor(LIST_COLOURS[group.listed]))
            if key == "gap_points" and self.ranking is not None:
                colour = gap_colour(group.gap_points, self.ranking.thresholds.behind_points)
                return QBrush(QColor(colour)) if colour else None
            if key in ("lagging", "overdue_problems") and getattr(group, key):
                return QBrush(QColor(STATE_COLOURS["warning"]))
        if role == Qt.ItemDataRole.ToolTipRole and group is not None and group.rank is None:
            return "未排名：未填写名称或无年度计划投资"
        return None
