"""A date field that is typed like a spreadsheet cell, can be empty, and has a calendar.

Replaces a QDateEdit with a special "（未定）" value, which could not take a typed date (its
sections turned "2027-06-01" into "（未定）20270601") nor be emptied by deleting the text.
Here the text is the value: whatever :func:`portfolio.dates.parse_date_text` reads
(2027-06-01, 2027/6/1, 2027.6.1, 20270601, 2027年6月1日, and 2027-06 or 2027年6月 for a month)
becomes the date; empty text, the clear button or Delete mean "no date".
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from portfolio.dates import EXAMPLE, DateTextError, parse_date_text


def read_date(text: str, *, month: bool = False) -> dt.date | None:
    """The date typed as ``text`` (``None``: empty); a month field keeps the first day.

    Raises :class:`~portfolio.dates.DateTextError` with a Chinese message otherwise."""
    value = parse_date_text(text)
    if value is None:
        return None
    if value.precision == "year":
        kind = "月份（如 2027年6月 或 2027-06）" if month else f"日期（如 {EXAMPLE}）"
        raise DateTextError(f"应为{kind}，不能是「{text.strip()}」")
    # a day field given a month takes its first day, as the imports read it
    return value.date.replace(day=1) if month else value.date

def show_date(value: dt.date | None, *, month: bool = False) -> str:
    """``value`` as the field shows it: 2027-06-01, or 2027-06 in a month field."""
    if value is None:
        return ""
    return f"{value.year}-{value.month:02d}" if month else value.isoformat()


class DateField(QWidget):
    """``value()`` is a :class:`datetime.date` or None; ``problem()`` says why the text is
    not a date (None when it is)."""

    #: the value changed (by typing and leaving the field, the calendar or clearing)
    valueChanged = Signal()

    def __init__(self, parent: QWidget | None = None, *, month: bool = False) -> None:
        super().__init__(parent)
        self._month = month
        self.line = QLineEdit(self)
        self.line.setClearButtonEnabled(True)
        self.line.setPlaceholderText("未定")
        self.line.setToolTip(f"输入日期，如 {EXAMPLE}；清空表示未定")
        self.line.editingFinished.connect(self._tidy)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip("从日历中选择")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self.calendar_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._calendar_at_value)
        self.calendar_button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.line)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_value(self, value: dt.date | None) -> None:
        self.line.setText(show_date(value, month=self._month))
        self._mark(None)

    def value(self) -> dt.date | None:
        """The typed date; None when empty or not a date (see :meth:`problem`)."""
        try:
            return read_date(self.line.text(), month=self._month)
        except DateTextError:
            return None

    def problem(self) -> str | None:
        try:
            read_date(self.line.text(), month=self._month)
        except DateTextError as error:
            return str(error)
        return None

    def select_all(self) -> None:
        self.line.selectAll()

    def _tidy(self) -> None:
        """On leaving the field: a date is shown in one form, a wrong text is marked."""
        problem = self.problem()
        if problem is None:
            text = show_date(self.value(), month=self._month)
            if text != self.line.text():
                self.line.setText(text)
            self.valueChanged.emit()
        self._mark(problem)

    def _mark(self, problem: str | None) -> None:
        self.line.setStyleSheet("" if problem is None else "background:#fde7e7")
        self.line.setToolTip(problem or f"输入日期，如 {EXAMPLE}；清空表示未定")

    def _calendar_at_value(self) -> None:
        value = self.value() or dt.date.today()
        self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def _picked(self, date: QDate) -> None:
        self.set_value(dt.date(date.year(), date.month(), date.day()))
        menu = self.calendar_button.menu()
        if menu is not None:
            menu.hide()
        self.valueChanged.emit()
        self.line.setFocus()
