"""三个一批: every 期 with its counts and Σ总投资 per list (the top table), and the selected
期's 签约, 开工 and 投产 lists in tabs, for the context's filter; 导出Excel writes the 期 as the
campaign's workbook. Figures from :mod:`portfolio.campaign`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from portfolio import campaign, scope
from portfolio.campaign import LISTS, CampaignBatch
from portfolio.money import format_money
from ui.campaign.model import BatchesModel, ListModel
from ui.context import AppContext
from ui.lazy_refresh import LazyRefresh


def _table(parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


class CampaignPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.filter_label = QLabel(self)
        self.filter_label.setStyleSheet("color:#5f6368")
        self.export_button = QPushButton("导出本期Excel…", self)
        self.export_button.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>三个一批</b>　各期签约、开工、投产项目", self))
        top.addSpacing(12)
        top.addWidget(self.filter_label, 1)
        top.addWidget(self.export_button)

        self.batches_model = BatchesModel(self)
        self.batches_view = _table(self, "campaignBatches")
        self.batches_view.setModel(self.batches_model)
        self.batches_view.selectionModel().currentRowChanged.connect(self._batch_chosen)
        self.batch_title = QLabel(self)
        self.tabs = QTabWidget(self)
        self.list_models: dict[str, ListModel] = {}
        for tag, name in LISTS.items():
            model = ListModel(tag, self)
            view = _table(self, f"campaign_{tag}")
            view.setModel(model)
            view.doubleClicked.connect(lambda index, model=model: self._opened(model, index))
            self.list_models[tag] = model
            self.tabs.addTab(view, name)
        lists = QWidget(self)
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(0, 0, 0, 0)
        lists_layout.addWidget(self.batch_title)
        lists_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.batches_view)
        splitter.addWidget(lists)
        splitter.setSizes([260, 420])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.lazy = LazyRefresh(self, self.reload, context.filterChanged, context.dataChanged)
        self.reload()

    @property
    def batch(self) -> CampaignBatch | None:
        row = self.batches_view.currentIndex().row()
        rows = self.batches_model.rows
        return rows[row] if 0 <= row < len(rows) else None

    def reload(self) -> None:
        chosen = self.batch.issue if self.batch is not None else None
        with self.context.db.session() as session:
            found = campaign.batches(session, self.context.filter)
        self.lazy.done()
        self.filter_label.setText(f"范围：{scope.describe(self.context.filter)}")
        self.batches_model.set_rows(found)
        header = self.batches_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        issues = [b.issue for b in found]
        row = issues.index(chosen) if chosen in issues else 0
        if found:
            self.batches_view.selectRow(row)
        self._show(self.batch)

    def select_issue(self, issue: int) -> None:
        issues = [b.issue for b in self.batches_model.rows]
        if issue in issues:
            self.batches_view.selectRow(issues.index(issue))

    def _batch_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.batch)

    def _show(self, batch: CampaignBatch | None) -> None:
        self.export_button.setEnabled(batch is not None)
        if batch is None:
            self.batch_title.setText("尚无列入三个一批的项目（在项目编辑窗口的“三个一批与级别”中"
                                     "填写签约期、开工期、投产期，或填写签约日期）")
        else:
            parts = "，".join(f"{name}{batch.count(tag)}个、总投资"
                             f"{format_money(batch.investment(tag), grouped=True)}万元"
                             for tag, name in LISTS.items())
            self.batch_title.setText(f"<b>{batch.label}</b>　{parts}")
        for index, (tag, model) in enumerate(self.list_models.items()):
            model.set_rows([] if batch is None else batch.lists[tag])
            self.tabs.setTabText(index, f"{LISTS[tag]}（{model.rowCount()}）")
            view = self.tabs.widget(index)
            assert isinstance(view, QTableView)
            for column, width in enumerate((48, 300, 110, 420, 170)):
                view.setColumnWidth(column, width)
            view.horizontalHeader().setStretchLastSection(True)

    def _opened(self, model: ListModel, index: QModelIndex) -> None:
        if index.isValid():
            self.context.projectOpened.emit(model.rows[index.row()].project_id)

    def export(self) -> None:
        batch = self.batch
        if batch is None:
            return
        from exports.campaign_xlsx import write_campaign
        from exports.output import ExportError

        name, _ = QFileDialog.getSaveFileName(
            self, "导出三个一批清单", f"三个一批{batch.code}.xlsx", "Excel 工作簿 (*.xlsx)")
        if not name:
            return
        try:
            with self.context.db.session() as session:
                write_campaign(session, batch.issue, Path(name), self.context.filter)
        except (ExportError, OSError) as error:
            QMessageBox.warning(self, "导出失败", str(error))
            return
        self.context.show_message(f"已导出三个一批清单：{name}")
