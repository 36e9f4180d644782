"""Table models of the overview: the 汇总表 by a grouping, and the 滞后项目 list."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from portfolio.alerts import STATE_BACKGROUNDS, STATE_COLOURS
from portfolio.metrics import Summary
from portfolio.money import format_money, format_percent
from portfolio.overview import GROUP_LABELS, LaggingProject, Overview
from ui.widgets.row_model import AnyIndex, RowListModel

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def gap_colour(points: Decimal | None, behind: Decimal) -> str | None:
    """The colour a gap to 序时进度 is written in: warning when behind by the threshold."""
    if points is None:
        return None
    if points <= -behind:
        return STATE_COLOURS["warning"]
    if points >= 0:
        return STATE_COLOURS["on_track"]
    return None


class SummaryModel(RowListModel[Summary]):
    """分领域 / 分乡镇 / 分责任单位: one line per group and the 合计 line."""

    #: (key, label) of the columns after the group's name
    COLUMNS: tuple[tuple[str, str], ...] = (
        ("project_count", "项目个数"),
        ("total_investment", "总投资（万元）"),
        ("annual_plan", "年度计划（万元）"),
        ("ytd", "完成投资（万元）"),
        ("completion_rate", "完成率%"),
        ("gap_points", "较序时进度（百分点）"),
        ("planned_starts", "计划开工"),
        ("actual_starts", "实际开工"),
        ("start_rate", "开工率%"),
        ("warned", "预警项目"),
    )

    def __init__(self, by: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.by = by
        self.overview: Overview | None = None
        self.HEADERS = self._headers("完成投资（万元）")

    def _headers(self, ytd: str) -> tuple[str, ...]:
        return (GROUP_LABELS[self.by],
                *(ytd if key == "ytd" else label for key, label in self.COLUMNS))

    def set_overview(self, overview: Overview) -> None:
        self.beginResetModel()
        self.overview = overview
        self.HEADERS = self._headers(f"{overview.period.range_label}完成（万元）")
        self.rows = [*overview.groups.get(self.by, []), overview.total]
        self.endResetModel()

    def is_total(self, row: int) -> bool:
        return row == len(self.rows) - 1

    def column_key(self, column: int) -> str:
        return "key" if column == 0 else self.COLUMNS[column - 1][0]

    def value(self, row: int, key: str) -> str:
        summary = self.rows[row]
        if key == "key":
            return "合计" if self.is_total(row) else (summary.key or "（未填）")
        if key == "warned":
            assert self.overview is not None
            if self.is_total(row):
                return str(len(self.overview.lagging))
            return str(len(self.overview.warned_in(self.by, summary.key)))
        value = getattr(summary, key)
        if key in ("completion_rate", "gap_points", "start_rate"):
            return format_percent(value)
        if isinstance(value, Decimal):
            return format_money(value, grouped=True)
        return str(value)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        key = self.column_key(index.column())
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.value(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key != "key":
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and self.is_total(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and self.overview is not None:
            if key == "gap_points":
                colour = gap_colour(self.rows[row].gap_points,
                                    self.overview.thresholds.behind_points)
                return QBrush(QColor(colour)) if colour else None
            if key == "warned" and self.value(row, key) != "0":
                return QBrush(QColor(STATE_COLOURS["warning"]))
        if role == Qt.ItemDataRole.BackgroundRole and self.is_total(row):
            return QBrush(QColor("#eef2f7"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return "单击查看对应项目" if key != "key" or not self.is_total(row) else None
        return None


class LaggingModel(RowListModel[LaggingProject]):
    """滞后项目: every warned project with its reasons."""

    COLUMNS: tuple[tuple[str, str], ...] = (
        ("name", "项目名称"),
        ("category", "领域"),
        ("unit", "责任单位"),
        ("leader", "责任领导"),
        ("annual_plan", "年度计划（万元）"),
        ("ytd", "完成投资（万元）"),
        ("plan_rate", "完成率%"),
        ("labels", "预警类型"),
        ("reasons", "预警原因"),
        ("problems", "存在问题"),
    )

    HEADERS = tuple(label for _, label in COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return super().headerData(section, orientation, role)

    def value(self, row: int, key: str) -> str:
        p = self.rows[row]
        if key == "labels":
            return "、".join(w.label for w in p.warnings)
        if key == "reasons":
            return p.reasons
        if key == "plan_rate":
            return format_percent(p.plan_rate)
        value = getattr(p, key)
        if isinstance(value, Decimal):
            return format_money(value, grouped=True)
        return "" if value is None else str(value)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.value(index.row(), key).replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole and key in ("reasons", "problems", "name"):
            return self.value(index.row(), "reasons" if key == "name" else key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("annual_plan", "ytd",
                                                                 "plan_rate"):
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and key in ("name", "labels"):
            return QBrush(QColor(STATE_COLOURS["warning"]))
        if role == Qt.ItemDataRole.BackgroundRole and key == "labels":
            return QBrush(QColor(STATE_BACKGROUNDS["warning"]))
        return None
