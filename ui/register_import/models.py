"""The tables of the register import: the preview's tabs and the column mapping.

The preview's tabs are read-only text (:class:`ui.reports.preview_dialog.RowsModel`, the same
as every other import preview) built here from a
:class:`~portfolio.register_import.RegisterPreview`; :class:`MappingModel` holds the one
editable choice of the mapping dialog, a field key per column of the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from exports.register_source import FileColumn
from portfolio.register_import import RegisterPreview, RowChange
from portfolio.register_import.fields import IGNORE, IMPORTED, value_text
from portfolio.register_import.preview import CHANGED, NEW
from portfolio.register_import.profiles import MappingProfile
from ui.reports.preview_dialog import RowsModel
from ui.widgets.row_model import AnyIndex, RowListModel

#: (key, label) a column can be mapped to, 忽略此列 first.
CHOICES: tuple[tuple[str, str], ...] = ((IGNORE, "忽略此列"), *IMPORTED.items())
_LABELS = dict(CHOICES)
#: what a skipped row's kind means, for the 原因 column
SKIP_REASONS = {
    "分组": "分组标题，不是项目", "小计": "小计行，由项目行相加", "合计": "合计行，由项目行相加",
    "表尾说明": "表格下方的签名或说明", "无项目名称": "有数字但没有项目名称，请检查",
    "投资构成分项（不是子项目）": "上方项目投资的构成（如土建、设备），已含在该项目中",
    "重复的表头": "表头在表中再次出现（如分页打印），不是项目",
    "续表": "续表标记，下面的行接着上表",
    "项目的第二行": "上方项目写成两行，这一行已并入该项目",
}
#: why a column the reader recognises is no field of the register, by its key
_MONTHLY = "是月度进展，不随项目清单导入：请用“报表 → 导入Excel…”导入当月调度表"
NOT_IMPORTED_REASONS = {
    "ytd_investment": _MONTHLY, "month_investment": _MONTHLY, "progress": _MONTHLY,
    "problems": _MONTHLY, "next_steps": _MONTHLY,
    "cumulative_investment": "是自开工以来的累计，不是某一年的数，不导入",
    "completion_rate": "由程序计算（占年度计划%），不导入",
}
_NEW_FIELDS = (("stage", "建设性质"), ("category", "领域"), ("total_investment", "总投资"),
               ("unit", "责任单位"), ("leader", "责任领导"))


def _money(value: Any) -> str:
    return "" if value is None else value_text(value)


def _name(change: RowChange) -> str:
    if change.parent is not None:
        return f"{change.name}（{change.parent.name}的子项目）"
    return change.name if change.project_id is None else f"{change.name}（编号{change.project_id}）"


def new_model(preview: RegisterPreview, parent: QWidget | None = None) -> RowsModel:
    """新增: one row per new project with its main fields."""
    rows = []
    for change in preview.of(NEW):
        values = change.changes
        rows.append((change.row + 1, _name(change),
                     *(_money(values.get(k)) if k == "total_investment" else values.get(k, "")
                       for k, _ in _NEW_FIELDS),
                     _money(change.plan.get("planned_investment"))))
    return RowsModel(["行号", "项目名称", *(label for _, label in _NEW_FIELDS),
                      f"{preview.year}年计划投资"], rows, parent)


def changed_model(preview: RegisterPreview, parent: QWidget | None = None) -> RowsModel:
    """修改: each changed field of each project, 原值 → 新值; the project named once."""
    rows = []
    for change in preview.of(CHANGED):
        for number, diff in enumerate(change.diffs):
            first = number == 0
            rows.append((change.row + 1 if first else "", _name(change) if first else "",
                         diff.label, value_text(diff.old), value_text(diff.new)))
    return RowsModel(["行号", "项目名称", "字段", "原值", "新值"], rows, parent)


def skipped_model(preview: RegisterPreview, parent: QWidget | None = None) -> RowsModel:
    """跳过的行: every row read as no project (blank rows left out)."""
    rows = [(s.row + 1, s.reason, s.text, SKIP_REASONS.get(s.reason, ""))
            for s in preview.skipped]
    return RowsModel(["行号", "类型", "内容", "原因"], rows, parent)


def created_model(preview: RegisterPreview, parent: QWidget | None = None) -> RowsModel:
    """新建单位和领导: units, leaders and townships the import adds, titles it changes."""
    rows: list[tuple[str, str, str]] = [("责任单位", unit, "新建") for unit in preview.new_units]
    rows += [("领导", leader.name, f"新建，职务：{leader.title}" if leader.title else "新建")
             for leader in preview.new_leaders]
    rows += [("领导", name, f"职务：{old or '（空）'} → {new}")
             for name, old, new in preview.leader_titles]
    rows += [("乡镇/街道", town, "新出现") for town in preview.new_townships]
    return RowsModel(["类型", "名称", "说明"], rows, parent)


def messages_model(messages: Sequence[str], parent: QWidget | None = None) -> RowsModel:
    """错误 or 提示: one message a row, numbered."""
    return RowsModel(["序号", "说明"], [(i + 1, m) for i, m in enumerate(messages)], parent)


def recognised_as(column: FileColumn, preview: RegisterPreview | None = None) -> str:
    """What a column was read as, in words (with the money unit the file wrote)."""
    if column.key is None:
        return "未识别（不导入）"
    if column.key == IGNORE:
        return "按列对应忽略"
    left_out = dict(preview.source.left_out) if preview is not None else {}
    if column.text in left_out:
        return left_out[column.text]
    if column.key not in IMPORTED:
        return NOT_IMPORTED_REASONS.get(column.key, "已识别，本项不导入")
    unit = None
    if preview is not None:
        unit = next((c.unit for c in preview.source.columns if c.text == column.text), None)
    return IMPORTED[column.key] + (f"（{unit}）" if unit and unit != "万元" else "")


def not_imported(columns: Sequence[FileColumn], preview: RegisterPreview) -> list[str]:
    """Each column of the file this import does not read (left out with a reason, not
    recognised, or a field the register does not keep), with why: "D列「2025年计划投资」：
    隐藏列，未导入". Columns the user's mapping ignores are not listed: that was the choice."""
    left_out = dict(preview.source.left_out)
    return [f"{c.letter}列「{c.text}」：{recognised_as(c, preview)}" for c in columns
            if c.key is None or c.text in left_out or (c.key != IGNORE and c.key not in IMPORTED)]


def columns_model(columns: Sequence[FileColumn], preview: RegisterPreview | None = None,
                  parent: QWidget | None = None) -> RowsModel:
    """列识别: each column of the file, its header and what it was read as."""
    rows = [(c.letter + ("（隐藏）" if c.hidden else ""), c.text, recognised_as(c, preview))
            for c in columns]
    return RowsModel(["列", "文件中的表头", "识别为"], rows, parent)


class MappingModel(RowListModel[FileColumn]):
    """One row per column of the file; the last column, 对应字段, is the choice (a key of
    :data:`CHOICES` in ``EditRole``, its label shown)."""

    HEADERS = ("列", "文件中的表头", "前几行的值", "对应字段")
    FIELD = 3

    def __init__(self, columns: Sequence[FileColumn], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = list(columns)
        self.keys = [self.initial_key(c) for c in columns]

    @staticmethod
    def initial_key(column: FileColumn) -> str:
        """The recognised key when this import reads it, else 忽略此列."""
        return column.key if column.key in IMPORTED else IGNORE

    def set_columns(self, columns: Sequence[FileColumn]) -> None:
        """Recognition again (another saved profile): every choice replaced."""
        self.beginResetModel()
        self.rows = list(columns)
        self.keys = [self.initial_key(c) for c in columns]
        self.endResetModel()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column, col = self.rows[index.row()], index.column()
        if col == self.FIELD and role == Qt.ItemDataRole.EditRole:
            return self.keys[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if col == 0:
            return column.letter + ("（隐藏）" if column.hidden else "")
        if col == 1:
            return column.text
        if col == 2:
            return "｜".join(column.samples) if role == Qt.ItemDataRole.DisplayRole \
                else "\n".join(column.samples)
        return _LABELS[self.keys[index.row()]]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.FIELD:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or index.column() != self.FIELD
                or role != Qt.ItemDataRole.EditRole or value not in _LABELS):
            return False
        if self.keys[index.row()] != value:
            self.keys[index.row()] = str(value)
            self.dataChanged.emit(index, index)
        return True

    def set_key(self, row: int, key: str) -> bool:
        return self.setData(self.index(row, self.FIELD), key)

    def row_of(self, text: str) -> int:
        """The row of the column headed ``text`` (-1 when there is none)."""
        return next((i for i, c in enumerate(self.rows) if c.text == text), -1)

    def problem(self) -> str:
        """Why this mapping cannot be used (no 项目名称, a field chosen twice), or ``""``."""
        if "name" not in self.keys:
            return "请指定哪一列是“项目名称”"
        chosen: dict[str, list[str]] = {}
        for column, key in zip(self.rows, self.keys, strict=True):
            if key != IGNORE:
                chosen.setdefault(key, []).append(column.letter)
        twice = [f"“{_LABELS[k]}”（{'、'.join(cols)}列）" for k, cols in chosen.items()
                 if len(cols) > 1]
        return f"{'，'.join(twice)}对应了多列，每个字段只能对应一列" if twice else ""

    def profile(self, name: str, base: MappingProfile | None, sheet: str | None
                ) -> MappingProfile:
        """The mapping as a profile: every column explicit, the base profile's units kept."""
        columns = {c.text: k for c, k in zip(self.rows, self.keys, strict=True)}
        return MappingProfile(name, columns, dict(base.units) if base else {}, sheet)

