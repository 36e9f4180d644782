"""The candidates of a planning document under review: each one's proposal, the user's edits
and decision (接受 / 拒绝 / 待定)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont

from portfolio.extract import Candidate
from portfolio.money import MoneyError, format_money, parse_money
from portfolio.projects import ProjectData
from portfolio.vocabulary import CATEGORIES, KINDS, PROJECT_TYPES
from ui.widgets.row_model import AnyIndex, RowListModel


class Decision(Enum):
    UNDECIDED = "待定"
    ACCEPTED = "接受"
    REJECTED = "拒绝"


_DECISION_COLOURS = {
    Decision.ACCEPTED: QColor("#e3f4e1"),
    Decision.REJECTED: QColor("#f2f2f2"),
}


@dataclasses.dataclass
class ReviewItem:
    """One candidate under review: the proposal, the user's edits and decision."""

    candidate: Candidate
    data: ProjectData
    decision: Decision = Decision.UNDECIDED
    #: the register already holds a project of this name
    duplicate: bool = False

    @property
    def hint(self) -> str:
        hints = []
        if self.duplicate:
            hints.append("项目库已有同名项目")
        if self.candidate.reason:
            hints.append(f"可能不是项目：{self.candidate.reason}")
        elif self.candidate.generic:
            hints.append("名称较泛，可能不是具体项目")
        return "；".join(hints)


def evidence_text(candidate: Candidate) -> str:
    """The words behind each reading of ``candidate``, one a line (总投资：“投资6000万元”)."""
    return "\n".join(
        f"{item.what}：“{item.text}”（第 {item.line} 行）" for item in candidate.evidence
    )


class ReviewModel(RowListModel[ReviewItem]):
    """The candidates with their decision; name, 领域, 类型, 类别, 总投资 and 乡镇 are editable."""

    HEADERS = (
        "决定", "项目名称", "领域", "类型", "类别", "总投资（万元）", "乡镇/地点", "建设规模", "行",
        "提取建议", "提示",
    )
    (
        DECISION, NAME, CATEGORY, TYPE, KIND, INVESTMENT, LOCATION, SCALE, LINE, VERDICT, HINT
    ) = range(11)
    EDITABLE = (NAME, CATEGORY, TYPE, KIND, INVESTMENT, LOCATION)

    #: a Chinese sentence about an edit that was refused
    editRefused = Signal(str)
    decisionsChanged = Signal()

    def set_rows(self, rows: Sequence[ReviewItem]) -> None:
        super().set_rows(rows)
        self.decisionsChanged.emit()

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _DECISION_COLOURS.get(item.decision)
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.decision is Decision.REJECTED:
                return QColor("#9a9a9a")
            if column == self.HINT:
                return QColor("#b03a2e")
        if role == Qt.ItemDataRole.FontRole and column == self.DECISION:
            font = QFont()
            font.setBold(item.decision is not Decision.UNDECIDED)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.INVESTMENT, self.LINE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return evidence_text(item.candidate) or item.candidate.quote
        return None

    def _text(self, item: ReviewItem, column: int) -> str:
        data = item.data
        if column == self.DECISION:
            return item.decision.value
        if column == self.NAME:
            return data.name
        if column == self.CATEGORY:
            return data.category
        if column == self.TYPE:
            return data.project_type
        if column == self.KIND:
            return KINDS.get(data.kind, data.kind)
        if column == self.INVESTMENT:
            return format_money(data.total_investment)
        if column == self.LOCATION:
            return data.township
        if column == self.SCALE:
            return "、".join(f"{v}{u}" for v, u in data.quantities)
        if column == self.LINE:
            return str(item.candidate.line)
        if column == self.VERDICT:
            return item.candidate.verdict
        if column == self.HINT:
            return item.hint
        return ""

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        item = self.rows[index.row()]
        text = str(value or "").strip()
        column = index.column()
        try:
            changes = self._changes(column, text)
        except MoneyError as error:
            self.editRefused.emit(str(error))
            return False
        except ValueError as error:
            self.editRefused.emit(str(error))
            return False
        item.data = item.data.with_changes(**changes)
        if item.decision is Decision.UNDECIDED:
            item.decision = Decision.ACCEPTED  # editing a candidate means keeping it
            self.decisionsChanged.emit()
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.HINT))
        return True

    def _changes(self, column: int, text: str) -> dict[str, Any]:
        if column == self.NAME:
            if not text:
                raise ValueError("项目名称不能为空")
            return {"name": text}
        if column == self.CATEGORY:
            if text not in CATEGORIES:
                raise ValueError(f"领域应为：{'、'.join(CATEGORIES)}")
            return {"category": text}
        if column == self.TYPE:
            if text not in PROJECT_TYPES:
                raise ValueError(f"类型“{text}”不在类型表中")
            return {"project_type": text}
        if column == self.KIND:
            kinds = {label: key for key, label in KINDS.items()}
            if text not in kinds:
                raise ValueError(f"类别应为：{'、'.join(kinds)}")
            return {"kind": kinds[text]}
        if column == self.INVESTMENT:
            return {"total_investment": parse_money(text, field="总投资")}
        if column == self.LOCATION:
            return {"township": text}
        raise ValueError("该列不能修改")

    def decide(self, rows: list[int], decision: Decision) -> None:
        for row in rows:
            self.rows[row].decision = decision
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.HINT))
        self.decisionsChanged.emit()

    def accepted(self) -> list[ReviewItem]:
        return [item for item in self.rows if item.decision is Decision.ACCEPTED]

    def counts(self) -> dict[Decision, int]:
        counts = dict.fromkeys(Decision, 0)
        for item in self.rows:
            counts[item.decision] += 1
        return counts


__all__ = ["Decision", "ReviewItem", "ReviewModel", "evidence_text"]
