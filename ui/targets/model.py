"""Table models of the 规划目标 page: the targets, and the projects linked to one target.

Both models hold :class:`portfolio.targets.TargetProgress` values computed by
:func:`portfolio.targets.progress`; nothing is summed in the view. ``SortRole`` gives numbers
for sorting, ``ShareRole`` the fraction met for the progress bar.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from portfolio.money import format_money
from portfolio.targets import LinkedProject, TargetProgress, format_quantity
from portfolio.vocabulary import KINDS
from ui.widgets.row_model import AnyIndex, RowListModel

SortRole = Qt.ItemDataRole.UserRole + 1
#: covered / quantity as a float for drawing (None when not measurable)
ShareRole = Qt.ItemDataRole.UserRole + 2
#: the target id (target model) or project id (linked projects model) of a row
IdRole = Qt.ItemDataRole.UserRole + 3
#: the document id of a target row
DocumentRole = Qt.ItemDataRole.UserRole + 4

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_MUTED = QColor("#777777")
_OVER = QColor("#1e7b34")


def deadline_text(target: TargetProgress) -> str:
    if target.deadline_year:
        return f"{target.deadline_year}年"
    return "规划期内"


def gap_text(target: TargetProgress) -> str:
    gap = target.gap
    if gap is None:
        return "—"
    if gap < 0:
        return f"超出 {format_quantity(-gap, target.unit_label)}"
    if gap == 0:
        return "已覆盖"
    return format_quantity(gap, target.unit_label)


class TargetsModel(RowListModel[TargetProgress]):
    HEADERS = ("规划目标", "来源文件", "期限", "目标量", "关联项目", "已覆盖", "缺口", "覆盖程度")
    TEXT, DOCUMENT, DEADLINE, QUANTITY, PROJECTS, COVERED, GAP, SHARE = range(8)

    def target(self, row: int) -> TargetProgress:
        return self.rows[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        target = self.rows[index.row()]
        column = index.column()
        if role == IdRole:
            return target.id
        if role == DocumentRole:
            return target.document_id
        if role == ShareRole:
            return None if target.share is None else float(target.share)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(target, column)
        if role == SortRole:
            return self._sort_value(target, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(target, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.QUANTITY:
            return int(_RIGHT)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.GAP and target.gap is not None and target.gap <= 0:
                return _OVER
            if column == self.DEADLINE and not target.deadline_year:
                return _MUTED
        return None

    def _display(self, target: TargetProgress, column: int) -> str:
        unit = target.unit_label
        if column == self.TEXT:
            return target.text
        if column == self.DOCUMENT:
            return target.document_number or target.document_title
        if column == self.DEADLINE:
            return deadline_text(target)
        if column == self.QUANTITY:
            return format_quantity(target.quantity, target.unit)
        if column == self.PROJECTS:
            return str(len(target.projects))
        if column == self.COVERED:
            if not target.projects:
                return "—"
            text = format_quantity(target.covered, unit) if target.covered is not None else "未填"
            if target.unknown and target.covered is not None:
                return f"{text}（{target.unknown}项未填）"
            return text
        if column == self.GAP:
            return gap_text(target)
        if column == self.SHARE:
            share = target.share
            return "" if share is None else f"{share * 100:.0f}%"
        return ""

    def _sort_value(self, target: TargetProgress, column: int) -> Any:
        if column == self.DEADLINE:
            return target.deadline_year or 9999
        if column == self.QUANTITY:
            return float(target.quantity or 0)
        if column == self.PROJECTS:
            return len(target.projects)
        if column == self.COVERED:
            return float(target.covered or 0)
        if column == self.GAP:
            return float(target.gap) if target.gap is not None else float("inf")
        if column == self.SHARE:
            return float(target.share) if target.share is not None else -1.0
        return self._display(target, column)

    def _tooltip(self, target: TargetProgress, column: int) -> str | None:
        if column in (self.TEXT, self.DOCUMENT):
            return (
                f"{target.document_title}（{target.document_number or '无文号'}）"
                f" 第 {target.line} 行：\n{target.quote}"
            )
        if column == self.COVERED and target.unknown:
            return f"{target.unknown} 个关联项目没有可计入“{target.unit}”的规模，未计入已覆盖量"
        if column == self.DEADLINE and not target.deadline_year:
            return "文件未写明期限，按规划期计"
        return None


class LinkedProjectsModel(RowListModel[LinkedProject]):
    """The projects linked to one target and what each contributes."""

    HEADERS = (
        "项目名称", "类别", "建设性质", "乡镇/街道", "建设规模", "总投资（万元）", "计入目标",
        "计算方式",
    )
    NAME, KIND, STAGE, TOWNSHIP, SCALE, INVESTMENT, CONTRIBUTION, BASIS = range(8)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.target: TargetProgress | None = None

    def set_target(self, target: TargetProgress | None) -> None:
        self.target = target
        self.set_rows(target.projects if target is not None else ())

    def project_id(self, row: int) -> int:
        return self.rows[row].id

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        project = self.rows[index.row()]
        column = index.column()
        if role == IdRole:
            return project.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(project, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.INVESTMENT, self.CONTRIBUTION
        ):
            return int(_RIGHT)
        if role == Qt.ItemDataRole.ForegroundRole and project.contribution.value is None and (
            column in (self.CONTRIBUTION, self.BASIS)
        ):
            return QColor("#b03a2e")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            return "双击打开项目"
        return None

    def _display(self, project: LinkedProject, column: int) -> str:
        unit = self.target.unit_label if self.target is not None else ""
        if column == self.NAME:
            return project.name
        if column == self.KIND:
            return KINDS.get(project.kind, project.kind)
        if column == self.STAGE:
            return project.stage
        if column == self.TOWNSHIP:
            return project.township
        if column == self.SCALE:
            return project.quantities_text
        if column == self.INVESTMENT:
            return format_money(project.total_investment)
        if column == self.CONTRIBUTION:
            value: Decimal | None = project.contribution.value
            return "—" if value is None else format_quantity(value, unit)
        if column == self.BASIS:
            return project.contribution.basis
        return ""
