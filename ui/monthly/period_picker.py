"""Picking the reporting month (e.g. 2026年10月), kept in step with the shared context."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from portfolio.monthly import year_range
from portfolio.periods import Period
from ui.context import AppContext


class PeriodPicker(QComboBox):
    """The months that hold data (and every month up to the current one), newest first.

    Choosing one sets ``context.period``; a change of ``context.period`` elsewhere is shown."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setObjectName("periodPicker")
        self.setMaxVisibleItems(18)
        self.setMinimumContentsLength(9)
        self.refill()
        self.currentIndexChanged.connect(self._picked)
        context.periodChanged.connect(self._show)

    def _range(self) -> tuple[Period, Period]:
        current = Period.current()
        with self._context.db.session() as session:
            first_year, last_year = year_range(session, current.year)
        first = Period(min(first_year, current.year - 1), 1)
        last = max(Period(last_year, 12) if last_year > current.year else current,
                   self._context.period)
        return min(first, self._context.period), last

    def refill(self) -> None:
        self.blockSignals(True)
        self.clear()
        first, last = self._range()
        period = last
        while period >= first:
            self.addItem(period.label, period)
            period = period.previous()
        self.blockSignals(False)
        self._show(self._context.period)

    @property
    def period(self) -> Period:
        value = self.currentData()
        return value if isinstance(value, Period) else self._context.period

    def _picked(self, _row: int) -> None:
        value = self.currentData()
        if isinstance(value, Period):
            self._context.set_period(value)

    def _show(self, period: object) -> None:
        if not isinstance(period, Period):
            return
        row = next((i for i in range(self.count()) if self.itemData(i) == period), -1)
        if row < 0:
            self.addItem(period.label, period)
            row = self.count() - 1
        if row != self.currentIndex():
            self.blockSignals(True)
            self.setCurrentIndex(row)
            self.blockSignals(False)
