"""The names of one 建设性质's 前期手续 list, as an editable Qt list model.

The model holds every 建设性质's list (a :class:`~portfolio.approval_checklist.Checklists`
read once, edited in memory) and shows the list of the 建设性质 chosen with
:meth:`ChecklistModel.set_nature`. A name is edited in place; an empty or repeated name is
refused (``refused`` carries the Chinese reason) and nothing changes. Nothing is written to
the database here: the dialog saves :meth:`ChecklistModel.lists` as one undoable step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from portfolio.approval_checklist import NAME_LIMIT, NATURE_FIELDS, Checklists
from ui.widgets.row_model import AnyIndex

_ROOT = QModelIndex()


class ChecklistModel(QAbstractListModel):
    """One 建设性质's approvals in order; every list kept for :meth:`lists`."""

    #: why an edit was refused, in Chinese
    refused = Signal(str)

    def __init__(self, lists: Checklists, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names: dict[str, list[str]] = {}
        self.nature = next(iter(NATURE_FIELDS))
        self.set_lists(lists)

    # --- the lists ---------------------------------------------------------------------------

    def set_lists(self, lists: Checklists) -> None:
        """Show ``lists`` (e.g. reloaded after another user saved), keeping the 建设性质."""
        self.beginResetModel()
        self._names = {nature: lists.names(nature) for nature in NATURE_FIELDS}
        self.endResetModel()

    def lists(self) -> Checklists:
        """Every 建设性质's list as edited."""
        return Checklists(**{field: "\n".join(self._names[nature])
                             for nature, field in NATURE_FIELDS.items()})

    def set_nature(self, nature: str) -> None:
        if nature not in NATURE_FIELDS:
            raise KeyError(nature)
        self.beginResetModel()
        self.nature = nature
        self.endResetModel()

    def names(self, nature: str | None = None) -> list[str]:
        return list(self._names[nature or self.nature])

    def set_names(self, names: list[str]) -> None:
        """Replace the shown 建设性质's list (e.g. with its shipped default)."""
        self.beginResetModel()
        self._names[self.nature] = list(names)
        self.endResetModel()

    # --- Qt's list model ---------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._names[self.nature])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        name = self._names[self.nature][index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"第{index.row() + 1}项：{name}（双击修改）"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return "手续名称"
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = index.row()
        problem = self.problem(str(value or ""), row)
        if problem:
            self.refused.emit(problem)
            return False
        name = str(value).strip()
        if self._names[self.nature][row] != name:
            self._names[self.nature][row] = name
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                                 Qt.ItemDataRole.EditRole])
        return True

    # --- editing -----------------------------------------------------------------------------

    def problem(self, name: str, row: int | None = None) -> str:
        """Why ``name`` cannot stand at ``row`` (a new row when None); "" when it can."""
        name = name.strip()
        if not name:
            return "手续名称不能为空"
        if len(name) > NAME_LIMIT:
            return f"手续名称不能超过{NAME_LIMIT}字"
        others = [n for i, n in enumerate(self._names[self.nature]) if i != row]
        if name in others:
            return f"{self.nature}项目手续清单中已有“{name}”"
        return ""

    def add(self, name: str) -> int | None:
        """Append ``name``; its row, or None (and ``refused``) when it cannot be added."""
        problem = self.problem(name)
        if problem:
            self.refused.emit(problem)
            return None
        row = self.rowCount()
        self.beginInsertRows(_ROOT, row, row)
        self._names[self.nature].append(name.strip())
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if not 0 <= row < self.rowCount():
            return
        self.beginRemoveRows(_ROOT, row, row)
        del self._names[self.nature][row]
        self.endRemoveRows()

    def move(self, row: int, step: int) -> int:
        """Move ``row`` up (``step`` −1) or down (+1); the row it ends at."""
        target = row + step
        if not (0 <= row < self.rowCount() and 0 <= target < self.rowCount()):
            return row
        # Qt's destination is the row before which the moved row lands
        destination = target + 1 if step > 0 else target
        self.beginMoveRows(_ROOT, row, row, _ROOT, destination)
        names = self._names[self.nature]
        names.insert(target, names.pop(row))
        self.endMoveRows()
        return target
