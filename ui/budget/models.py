"""The tables under the 投资分析 charts: the same figures the charts draw, to the cent."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from portfolio.budget import FundingLine, FundingTable, GroupBudget, GroupTable, MonthlyCurve
from portfolio.funds import FundsLine, FundsTable
from portfolio.money import format_money, format_percent
from portfolio.monthly.carried import LABEL as CARRIED_LABEL
from ui.widgets.row_model import AnyIndex, RowListModel

Row = TypeVar("Row")
#: (title, getter, is_number) of a column
Column = tuple[str, Callable[[Any], str], bool]


class _Table(RowListModel[Row]):
    """A read-only table of ``rows``, one column per (title, getter, is_number)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns: Sequence[Column] = ()
        #: rows drawn bold (the 合计 line)
        self._bold_rows: set[int] = set()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.columns = columns
        self.HEADERS = tuple(title for title, _, _ in columns)

    def set_rows(self, rows: Sequence[Row], bold: Sequence[int] = ()) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._bold_rows = set(bold)
        self.endResetModel()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        _, getter, numeric = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return getter(self.rows[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and index.row() in self._bold_rows:
            return self._bold
        return None


class GroupTableModel(_Table[GroupBudget]):
    """One line per group and the 合计, as the plan-versus-completed chart draws them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.set_range_label("1—N月")

    def set_range_label(self, label: str) -> None:
        self.set_columns((
            ("分组", lambda g: g.label, False),
            ("项目个数", lambda g: str(g.project_count), True),
            ("总投资（万元）", lambda g: format_money(g.total_investment, grouped=True), True),
            ("年度计划投资（万元）", lambda g: format_money(g.annual_plan, grouped=True), True),
            (f"{label}完成投资（万元）", lambda g: format_money(g.ytd, grouped=True), True),
            ("完成率%", lambda g: format_percent(g.completion_rate), True),
            ("序时进度%", lambda g: format_percent(g.time_progress), True),
            ("超(低于)序时进度百分点", lambda g: format_percent(g.gap_points, signed=True), True),
        ))

    def set_table(self, table: GroupTable) -> None:
        self.set_range_label(table.period.range_label)
        self.set_rows([*table.groups, table.total], bold=[len(table.groups)])


class CurveTableModel(_Table[int]):
    """One line per month of the S-curve (rows are month numbers 1—12), after a line 0 for the
    months never reported one by one when the year has them (此前各月累计（未分月）)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._curve: MonthlyCurve | None = None
        self.set_columns((
            ("月份", lambda m: f"{m}月" if m else CARRIED_LABEL, False),
            ("计划累计（万元）", lambda m: self._at("planned", m), True),
            ("序时进度（万元）", lambda m: self._at("time_progress", m), True),
            ("当月完成（万元）", lambda m: self._at("monthly", m), True),
            ("实际累计（万元）", lambda m: self._at("actual", m), True),
        ))

    def _at(self, series: str, month: int) -> str:
        assert self._curve is not None
        if not month:
            shown = series in ("monthly", "actual")
            return format_money(self._curve.carried, grouped=True) if shown else ""
        values: list[Decimal | None] = list(getattr(self._curve, series))
        return format_money(values[month - 1], grouped=True)

    def set_curve(self, curve: MonthlyCurve) -> None:
        self._curve = curve
        self.set_rows([0] * bool(curve.carried) + list(range(1, 13)))


class FundingTableModel(_Table[FundingLine]):
    """Investment by funding source, and the total."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._table: FundingTable | None = None
        self.set_columns((
            ("资金来源", lambda f: f.source, False),
            ("金额（万元）", lambda f: format_money(f.amount, grouped=True), True),
            ("占比%", lambda f: self._share(f), True),
            ("项目个数", lambda f: str(f.project_count) if f.project_count else "", True),
        ))

    def _share(self, line: FundingLine) -> str:
        if self._table is None or line.source == "合计":
            return "100.0" if self._table and self._table.lines else ""
        return format_percent(self._table.share(line))

    def set_table(self, table: FundingTable) -> None:
        self._table = table
        total = FundingLine("合计", sum((f.amount for f in table.lines), Decimal("0.00")), 0)
        self.set_rows([*table.lines, total], bold=[len(table.lines)])


class FundsReceivedModel(_Table[FundsLine]):
    """资金到位 by source against the funding plan (:func:`portfolio.funds.by_source`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.set_columns((
            ("资金来源", lambda f: f.source, False),
            ("计划（万元）", lambda f: format_money(f.planned, grouped=True), True),
            ("本月到位（万元）", lambda f: format_money(f.month, grouped=True), True),
            ("本年到位（万元）", lambda f: format_money(f.year, grouped=True), True),
            ("累计到位（万元）", lambda f: format_money(f.cumulative, grouped=True), True),
            ("到位率%", lambda f: format_percent(f.rate), True),
        ))

    def set_table(self, table: FundsTable) -> None:
        self.set_rows([*table.lines, table.total], bold=[len(table.lines)])
