"""The editor's 资金到位 tab: money received per month and source, and the 到位率 per source.

The upper table has a row per month with receipts (add a month with the picker, which opens on
the window's report month) and a column per source the project plans (its 资金来源, counted
under :data:`portfolio.funds.SOURCES`) or has received from already — every source when it has
neither; another source is added with its own picker. Amounts show as every table shows 万元
(thousands separated, two decimals, right-aligned); each edited cell is one undoable
:class:`~ui.editor.progress_commands.SetFundsCommand`. The lower table is
:func:`portfolio.funds.by_source` for the project up to the report month: plan, this year,
cumulative and 到位率 per source.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from portfolio import funds
from portfolio.funds import SOURCES, FundsLine
from portfolio.money import MoneyError, format_money, format_percent, parse_money
from portfolio.periods import Period
from ui.context import AppContext
from ui.editor.progress_commands import SetFundsCommand
from ui.editor.table_panel import ProjectRowsModel
from ui.widgets.row_model import AnyIndex, RowListModel

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ReceiptsModel(ProjectRowsModel[Period]):
    """Months × sources of one project's receipts, editable."""

    def __init__(self, context: AppContext, project_id: int, parent: Any = None) -> None:
        self.amounts: dict[tuple[Period, str], Decimal] = {}
        #: months and sources added with the pickers that have no receipt yet
        self.extra: set[Period] = set()
        self.extra_sources: set[str] = set()
        #: the sources shown, in SOURCES order
        self.sources: tuple[str, ...] = ()
        self.HEADERS = ("月份",)
        super().__init__(context, project_id, parent)

    def load(self) -> None:
        # the columns change with the rows: both inside one reset
        self.beginResetModel()
        with self.context.db.session() as session:
            self.rows = self.read(session)
        self.endResetModel()

    def read(self, session: Session) -> list[Period]:
        receipts = funds.receipts_of(session, self.project_id)
        self.amounts = {(r.period, r.source): r.amount for r in receipts}
        planned = {line.source for line in funds.by_source(
            session, self.context.period, ids=[self.project_id]).lines if line.planned}
        shown = planned | {s for _, s in self.amounts} | self.extra_sources
        self.sources = tuple(s for s in SOURCES if s in shown) if shown else SOURCES
        self.HEADERS = ("月份", *self.sources)
        months = {p for p, _ in self.amounts} | self.extra
        return sorted(months, key=lambda p: (p.year, p.month))

    def add_source(self, source: str) -> None:
        self.extra_sources.add(source)
        self.load()

    def add_month(self, period: Period) -> None:
        self.extra.add(period)
        self.load()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        period = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == 0:
                return period.label
            amount = self.amounts.get((period, self.sources[index.column() - 1]))
            return format_money(amount, grouped=role == Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return RIGHT
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() == 0:
            return False
        period, source = self.rows[index.row()], self.sources[index.column() - 1]
        try:
            new = parse_money(str(value or ""), field=f"{source}到位资金")
        except MoneyError as error:
            self.context.show_message(str(error))
            return False
        old = self.amounts.get((period, source))
        if new == old or (new == 0 and old is None):
            return False
        return self.push(SetFundsCommand(self.context, self.project_id, period, source, old,
                                         new or None))


class RatesModel(RowListModel[FundsLine]):
    """The project's plan and receipts per source up to the report month, with the 合计."""

    HEADERS = ("资金来源", "计划（万元）", "本年到位", "累计到位", "到位率")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (line.source, format_money(line.planned, grouped=True),
                    format_money(line.year, grouped=True),
                    format_money(line.cumulative, grouped=True),
                    format_percent(line.rate, suffix="%") or "—")[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return RIGHT
        return None


def _table(model: Any, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return view


class FundsPanel(QWidget):
    def __init__(self, context: AppContext, project_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.project_id = project_id
        self.receipts = ReceiptsModel(context, project_id, self)
        self.rates = RatesModel(self)
        self.receipts_view = _table(self.receipts, self)
        self.receipts_view.setObjectName("fundsReceipts")
        self.rates_view = _table(self.rates, self)
        self.rates_view.setObjectName("fundsRates")
        self.rates_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.picker = QComboBox(self)
        self.picker.setObjectName("fundsMonth")
        month = Period.current()
        for _ in range(36):  # the last three years, newest first; no future month
            self.picker.addItem(month.label, month)
            month = month.previous()
        self.show_period(context.period)
        context.periodChanged.connect(self._period_changed)
        add = QPushButton("添加月份", self)
        add.clicked.connect(lambda: self.receipts.add_month(self.picker.currentData()))
        self.source_picker = QComboBox(self)
        self.source_picker.setObjectName("fundsSource")
        self.add_source = QPushButton("添加来源", self)
        self.add_source.setToolTip("计划之外的资金来源到位时，先添加该来源的一列")
        self.add_source.clicked.connect(
            lambda: self.receipts.add_source(self.source_picker.currentText()))
        top = QHBoxLayout()
        top.addWidget(QLabel("各月到位资金（万元，双击修改）", self))
        top.addStretch(1)
        top.addWidget(self.picker)
        top.addWidget(add)
        top.addSpacing(12)
        top.addWidget(self.source_picker)
        top.addWidget(self.add_source)
        self.rates_title = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.receipts_view, 3)
        layout.addWidget(self.rates_title)
        layout.addWidget(self.rates_view, 2)
        self.receipts.modelReset.connect(self.load_rates)
        self.receipts.modelReset.connect(self._offer_sources)
        self.load_rates()
        self._offer_sources()

    def show_period(self, period: Period) -> None:
        """Open the month picker on ``period`` (the window's report month)."""
        found = next((i for i in range(self.picker.count())
                      if self.picker.itemData(i) == period), None)
        if found is None:  # older than the list: offered at its end
            self.picker.addItem(period.label, period)
            found = self.picker.count() - 1
        self.picker.setCurrentIndex(found)

    def _period_changed(self, period: Period) -> None:
        self.show_period(period)
        self.load_rates()

    def _offer_sources(self) -> None:
        missing = [s for s in SOURCES if s not in self.receipts.sources]
        self.source_picker.clear()
        self.source_picker.addItems(missing)
        self.source_picker.setEnabled(bool(missing))
        self.add_source.setEnabled(bool(missing))

    def load_rates(self) -> None:
        period = self.context.period
        with self.context.db.session() as session:
            table = funds.by_source(session, period, ids=[self.project_id])
        lines = [line for line in table.lines if line.planned or line.cumulative]
        self.rates.set_rows([*lines, table.total] if lines else [])
        self.rates_title.setText(f"到位率（截至{period.label}，累计到位 ÷ 资金来源计划）")
