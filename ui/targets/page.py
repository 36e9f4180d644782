"""The 规划目标 page: every quantified plan target, and the projects that go towards it.

Above, the targets (filterable by document and text) with their quantity, deadline, the
linked projects' summed contribution and the gap; below, for the selected target, its source
sentence and the linked projects with what each contributes. Double-clicking a project opens
it in the editor. Figures come from :mod:`portfolio.targets`.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from portfolio import targets as target_figures
from portfolio.targets import TargetProgress, format_quantity
from ui.context import AppContext
from ui.targets.delegate import ShareDelegate
from ui.targets.model import (
    LinkedProjectsModel,
    SortRole,
    TargetsModel,
    deadline_text,
    gap_text,
)
from ui.widgets.page_header import (
    document_combo,
    lay_out_list_page,
    search_field,
    set_up_record_table,
)


class TargetFilter(QSortFilterProxyModel):
    """Targets of one document (or all), containing a text, optionally only linked ones."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document_id: int | None = None
        self.text = ""
        self.linked_only = False
        self.setSortRole(SortRole)

    def set_conditions(self, document_id: int | None, text: str, linked_only: bool) -> None:
        self.beginFilterChange()
        self.document_id, self.text, self.linked_only = document_id, text.strip(), linked_only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, TargetsModel)
        target = model.target(row)
        if self.document_id is not None and target.document_id != self.document_id:
            return False
        if self.linked_only and not target.projects:
            return False
        return not self.text or self.text in target.text or self.text in target.quote


class TargetsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = TargetsModel(self)
        self.proxy = TargetFilter(self)
        self.proxy.setSourceModel(self.model)

        self.documents = document_combo(self, 24)
        self.search = search_field(self, "查找目标，如 风电、学校")
        self.linked_only = QCheckBox("只看有关联项目的目标", self)
        self.summary = QLabel(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("来源文件：", self))
        bar.addWidget(self.documents)
        bar.addSpacing(12)
        bar.addWidget(self.search, 1)
        bar.addSpacing(12)
        bar.addWidget(self.linked_only)

        self.view = QTableView(self)
        set_up_record_table(self.view, self.proxy, name="targetsView", stretch=TargetsModel.TEXT,
                            widths=(
            (TargetsModel.DOCUMENT, 150), (TargetsModel.DEADLINE, 72),
            (TargetsModel.QUANTITY, 130), (TargetsModel.PROJECTS, 70),
            (TargetsModel.COVERED, 150), (TargetsModel.GAP, 130), (TargetsModel.SHARE, 110),
        ))
        self.view.setItemDelegateForColumn(TargetsModel.SHARE, ShareDelegate(self.view))

        self.detail = QLabel(self)
        self.detail.setObjectName("targetDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.projects_model = LinkedProjectsModel(self)
        self.projects = QTableView(self)
        set_up_record_table(
            self.projects, self.projects_model, name="linkedProjectsView",
            stretch=LinkedProjectsModel.NAME, extended_selection=True, sortable=False,
            alternating=False, widths=(
                (LinkedProjectsModel.KIND, 70), (LinkedProjectsModel.STAGE, 70),
                (LinkedProjectsModel.TOWNSHIP, 90), (LinkedProjectsModel.SCALE, 200),
                (LinkedProjectsModel.INVESTMENT, 110), (LinkedProjectsModel.CONTRIBUTION, 110),
                (LinkedProjectsModel.BASIS, 90),
            ))
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(self.detail)
        lower_layout.addWidget(self.projects, 1)
        lay_out_list_page(self, bar, self.summary, self.view, lower)

        self.documents.currentIndexChanged.connect(self._filter_changed)
        self.search.textChanged.connect(self._filter_changed)
        self.linked_only.toggled.connect(self._filter_changed)
        self.view.selectionModel().currentRowChanged.connect(self._show_current)
        self.projects.doubleClicked.connect(self._open_project)
        self.projects.clicked.connect(self._select_project)
        context.dataChanged.connect(self.reload)
        self.reload()

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the targets again (after an edit, an import or a catalogue update)."""
        current = self.current_target()
        with self.context.db.session() as session:
            documents = target_figures.documents_with_targets(session)
            rows = target_figures.progress(session)
        chosen = self.documents.currentData()
        self.documents.blockSignals(True)
        self.documents.clear()
        self.documents.addItem("全部文件", None)
        for document_id, label in documents:
            self.documents.addItem(label, document_id)
        index = self.documents.findData(chosen)
        self.documents.setCurrentIndex(max(index, 0))
        self.documents.blockSignals(False)
        self.model.set_rows(rows)
        self._filter_changed()
        if current is not None:
            self.select_target(current.id)
        elif self.proxy.rowCount():
            self.view.selectRow(0)

    def _filter_changed(self) -> None:
        self.proxy.set_conditions(
            self.documents.currentData(), self.search.text(), self.linked_only.isChecked()
        )
        counts = target_figures.coverage(
            self.model.target(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            for r in range(self.proxy.rowCount())
        )
        self.summary.setText(
            f"共 {counts.targets} 个规划目标，其中 {counts.linked} 个有关联项目，"
            f"{counts.met} 个已由关联项目覆盖。"
            "“已覆盖”为关联项目可计入同一单位的规模之和；以个、所、座等计的目标，"
            "未填数量的单个项目按 1 计。"
        )
        if self.current_target() is None:
            self._show(None)

    # --- selection -------------------------------------------------------------------------

    def current_target(self) -> TargetProgress | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.target(self.proxy.mapToSource(index).row())

    def select_target(self, target_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.model.target(self.proxy.mapToSource(index).row()).id == target_id:
                self.view.selectRow(row)
                self.view.scrollTo(index)
                return True
        return False

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.target(self.proxy.mapToSource(current).row())
                   if current.isValid() else None)

    def _show(self, target: TargetProgress | None) -> None:
        self.projects_model.set_target(target)
        if target is None:
            self.detail.setText("选择一个目标，查看它的出处和关联项目。")
            return
        unit = target.unit_label
        lines = [
            f"<b>{target.text}</b>　目标 {format_quantity(target.quantity, target.unit)}，"
            f"期限 {deadline_text(target)}",
            f"出处：《{target.document_title}》{target.document_number} 第 {target.line} 行："
            f"“{target.quote}”",
        ]
        if target.projects:
            covered = format_quantity(target.covered, unit) if target.covered is not None else "0"
            facts = f"关联项目 {len(target.projects)} 个，已覆盖 {covered}"
            if target.unknown:
                facts += (
                    f"（{target.unknown} 个项目未填以“{unit}”计的规模，"
                    "在项目的建设规模指标中填写后即计入）"
                )
            gap = target.gap
            if gap is None:
                facts += "。"
            elif gap <= 0:
                facts += "，目标已由关联项目覆盖。" if gap == 0 else f"，{gap_text(target)}。"
            else:
                facts += f"，缺口 {gap_text(target)}。"
            lines.append(facts)
        else:
            lines.append("尚无关联项目。")
        self.detail.setText("<br>".join(lines))

    def _project_id(self, index: QModelIndex) -> int | None:
        if not index.isValid():
            return None
        return self.projects_model.project_id(index.row())

    def _open_project(self, index: QModelIndex) -> None:
        project_id = self._project_id(index)
        if project_id is not None:
            self.context.projectOpened.emit(project_id)

    def _select_project(self, index: QModelIndex) -> None:
        project_id = self._project_id(index)
        if project_id is not None:
            self.context.select_project(project_id)
