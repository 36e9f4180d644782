"""A date field that can also be empty (计划开工 not known yet)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

#: QDateEdit cannot be empty; its minimum date stands for "no date" and shows as blank.
_EMPTY = QDate(1900, 1, 1)


class OptionalDateEdit(QDateEdit):
    """``value()`` is a :class:`datetime.date` or None; Delete empties the field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setMinimumDate(_EMPTY)
        self.setSpecialValueText("（未定）")
        self.setToolTip("按 Delete 清空日期")
        self.calendarWidget().installEventFilter(self)
        self.set_value(None)

    def set_value(self, value: dt.date | None) -> None:
        if value is None:
            self.setDate(_EMPTY)
        else:
            self.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> dt.date | None:
        date = self.date()
        if date == _EMPTY or not date.isValid():
            return None
        return dt.date(date.year(), date.month(), date.day())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.set_value(None)
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An empty field would open the calendar on January 1900: open it on this month.
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)
