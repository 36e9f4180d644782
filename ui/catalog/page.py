"""The 规划项目目录 page: every named project of the five planning documents, to adopt from.

Above, the entries (searchable by name and location, filtered by document and 领域) with
whether the register holds them; below, the paragraph the selected entry was read from.
"纳入项目库" adopts the selected entries, "纳入整个文件" every entry of one document, through
:func:`portfolio.catalog.adopt`; the register and the other pages then reload.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from db.audit import current_user
from portfolio import catalog
from ui.catalog.filter import CatalogFilter
from ui.catalog.model import CatalogModel, KeyRole
from ui.context import AppContext
from ui.source_panel import SourcePanel
from ui.widgets.page_header import (
    document_combo,
    lay_out_list_page,
    search_field,
    set_up_record_table,
)


class CatalogPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = CatalogModel(self)
        self.proxy = CatalogFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = search_field(self, "查找项目名称或建设地点")
        self.documents = document_combo(self, 20)
        self.categories = QComboBox(self)
        self.adopt_button = QPushButton("纳入项目库", self)
        self.adopt_button.setToolTip("把选中的条目纳入项目库，保留规划文件出处")
        self.adopt_document_button = QPushButton("纳入整个文件", self)
        self.adopt_document_button.setToolTip("把所选文件（或当前条目所在文件）的全部条目纳入项目库")
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addSpacing(12)
        bar.addWidget(QLabel("来源文件：", self))
        bar.addWidget(self.documents)
        bar.addWidget(QLabel("领域：", self))
        bar.addWidget(self.categories)
        bar.addSpacing(12)
        bar.addWidget(self.adopt_button)
        bar.addWidget(self.adopt_document_button)
        self.summary = QLabel(self)

        self.view = QTableView(self)
        set_up_record_table(self.view, self.proxy, name="catalogView", stretch=CatalogModel.NAME,
                            extended_selection=True, widths=(
            (CatalogModel.ADOPTED, 56), (CatalogModel.KIND, 70), (CatalogModel.CATEGORY, 70),
            (CatalogModel.LOCATION, 180), (CatalogModel.INVESTMENT, 110),
            (CatalogModel.DOCUMENT, 140), (CatalogModel.LINE, 50), (CatalogModel.ID, 80),
        ))

        self.source = SourcePanel(context, None, self)
        lay_out_list_page(self, bar, self.summary, self.view, self.source)

        self._load()
        self.search.textChanged.connect(self._filter_changed)
        self.documents.currentIndexChanged.connect(self._filter_changed)
        self.categories.currentIndexChanged.connect(self._filter_changed)
        self.view.selectionModel().currentRowChanged.connect(self._show_current)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.adopt_button.clicked.connect(self.adopt_selected)
        self.adopt_document_button.clicked.connect(self._ask_adopt_document)
        context.dataChanged.connect(self.refresh_adopted)
        self._filter_changed()

    # --- loading ---------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            rows = catalog.entries()
        except catalog.CatalogError as error:
            rows = []
            self.summary.setText(f"规划项目目录无法读取：{error}")
        self.documents.addItem("全部文件", None)
        for doc in catalog.shipped_catalog() if rows else ():
            label = f"{doc.number}　{doc.title}" if doc.number else doc.title
            self.documents.addItem(label, doc.file)
        self.categories.addItem("全部", None)
        for category in dict.fromkeys(r.entry.category for r in rows):
            self.categories.addItem(category, category)
        self.model.set_entries(rows, self._adopted_keys())

    def _adopted_keys(self) -> set[str]:
        with self.context.db.session() as session:
            return catalog.adopted_keys(session)

    def refresh_adopted(self) -> None:
        """Read again which entries the register holds (after an edit, a deletion…)."""
        self.model.set_adopted(self._adopted_keys())
        self._show_summary()

    def _filter_changed(self) -> None:
        self.proxy.set_conditions(
            self.search.text(), self.documents.currentData(), self.categories.currentData()
        )
        self._show_summary()
        self._update_buttons()
        if not self.view.currentIndex().isValid():
            self.source.set_sources([])

    def _show_summary(self) -> None:
        shown = self.proxy.rowCount()
        adopted = sum(
            1 for r in range(shown)
            if self.proxy.index(r, 0).data(KeyRole) in self.model.adopted
        )
        self.summary.setText(
            f"显示 {shown} / 共 {self.model.rowCount()} 个目录条目，其中 {adopted} 个已纳入项目库。"
            "目录中的条目不计入项目库的统计和报表，纳入后才计入。"
        )

    # --- selection -------------------------------------------------------------------------

    def selected_keys(self) -> list[str]:
        """Keys of the selected entries, in the order shown."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.proxy.index(row, 0).data(KeyRole) for row in rows]

    def select_key(self, key: str) -> bool:
        """Make the entry ``key`` the current one, if shown."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(KeyRole) == key:
                self.view.selectRow(row)
                return True
        return False

    def _current_document(self) -> str | None:
        chosen = self.documents.currentData()
        if chosen:
            return str(chosen)
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.entry(self.proxy.mapToSource(index).row()).document.file

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.source.set_sources([])
            return
        row = self.model.entry(self.proxy.mapToSource(current).row())
        self.source.set_sources(catalog.entry_sources(row.document, row.entry))

    def _update_buttons(self, *_args: object) -> None:
        self.adopt_button.setEnabled(bool(self.view.selectionModel().selectedRows()))
        self.adopt_document_button.setEnabled(self._current_document() is not None)

    # --- adopting --------------------------------------------------------------------------

    def adopt_selected(self) -> catalog.CatalogReport | None:
        """Adopt the selected entries (an entry the user deleted too: it was chosen)."""
        keys = self.selected_keys()
        return self.adopt(keys, include_deleted=True) if keys else None

    def adopt_document(self, file: str) -> catalog.CatalogReport:
        """Adopt every tracked entry of the document ``file`` (not its directions and goals),
        except those the user deleted."""
        keys = [r.key for r in catalog.tracked(self.model.rows) if r.document.file == file]
        return self.adopt(keys, include_deleted=False)

    def _ask_adopt_document(self) -> None:
        file = self._current_document()
        if file is None:
            return
        rows = [r for r in catalog.tracked(self.model.rows) if r.document.file == file]
        waiting = sum(1 for r in rows if r.key not in self.model.adopted)
        title = rows[0].document.number or rows[0].document.title if rows else file
        answer = QMessageBox.question(
            self, "纳入整个文件",
            f"把《{title}》中尚未纳入的 {waiting} 个条目全部纳入项目库？",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.adopt_document(file)

    def adopt(self, keys: list[str], *, include_deleted: bool) -> catalog.CatalogReport:
        """Adopt ``keys`` in one transaction, then tell every page the register changed; entries
        another user adopted since the page was read are named with who adopted them."""
        with self.context.db.transaction(immediate=True) as session:
            session.info["user"] = current_user()
            report = catalog.adopt(session, keys, include_deleted=include_deleted)
        parts = [f"已纳入项目库 {len(report.new)} 个项目"]
        if report.already_adopted:
            parts.append(catalog.already_message(report.adopted_by))
        if report.deleted_by_user:
            parts.append(f"{len(report.deleted_by_user)} 个曾被删除，未纳入（可选中后单独纳入）")
        if report.new_targets or report.new_links:
            parts.append(f"新增规划目标 {len(report.new_targets)} 个，关联 {report.new_links} 条")
        self.context.show_message("；".join(parts))
        if report.new:
            self.context.dataChanged.emit()
        else:
            self.refresh_adopted()
        return report
