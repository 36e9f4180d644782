"""The catalogue page's filter: entries whose name or location holds a text, of one document
and one 领域 (either may be "all")."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from ui.catalog.model import CategoryRole, DocumentRole, SearchRole, SortRole


class CatalogFilter(QSortFilterProxyModel):
    """Rows of :class:`ui.catalog.model.CatalogModel` that meet every condition set."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.text = ""
        self.document: str | None = None
        self.category: str | None = None
        self.setSortRole(SortRole)

    def set_conditions(self, text: str, document: str | None, category: str | None) -> None:
        """Keep entries holding ``text`` (name or location), of the file ``document`` and of
        the 领域 ``category``; None or "" means any."""
        self.beginFilterChange()
        self.text = text.strip()
        self.document = document or None
        self.category = category or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Whether the entry of ``source_row`` meets the text, document and 领域 conditions."""
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self.document is not None and model.data(index, DocumentRole) != self.document:
            return False
        if self.category is not None and model.data(index, CategoryRole) != self.category:
            return False
        return not self.text or self.text in (model.data(index, SearchRole) or "")
