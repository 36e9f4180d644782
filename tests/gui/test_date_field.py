"""The date field: typed like a cell in every form, emptied by clearing, with a calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from ui.widgets.date_field import DateField

JUNE_1 = dt.date(2027, 6, 1)


@pytest.fixture
def field(qtbot: QtBot) -> DateField:
    widget = DateField()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _type(field: DateField, text: str) -> None:
    field.line.selectAll()
    field.line.insert(text)  # QTest.keyClicks types ASCII only: 年/月/日 are inserted
    QTest.keyClick(field.line, Qt.Key.Key_Tab)
    field.line.editingFinished.emit()


@pytest.mark.parametrize("text", ["2027-06-01", "2027/6/1", "2027.6.1", "20270601",
                                  "2027年6月1日"])
def test_every_written_form_of_a_day(field: DateField, text: str) -> None:
    _type(field, text)
    assert field.value() == JUNE_1 and field.problem() is None
    assert field.line.text() == "2027-06-01"


def test_typing_into_an_empty_field_keys_by_key(field: DateField) -> None:
    field.set_value(None)
    assert field.line.text() == "" and field.line.placeholderText() == "未定"
    QTest.keyClicks(field.line, "2027-06-01")
    assert field.value() == JUNE_1


@pytest.mark.parametrize("text", ["2027-06", "2027年6月"])
def test_a_month_field_takes_a_month(qtbot: QtBot, text: str) -> None:
    field = DateField(month=True)
    qtbot.addWidget(field)
    _type(field, text)
    assert field.value() == JUNE_1 and field.line.text() == "2027-06"
    _type(field, "2027年6月18日")
    assert field.value() == JUNE_1  # a day names its month


def test_a_day_field_given_a_month_takes_its_first_day(field: DateField) -> None:
    _type(field, "2027年6月")
    assert field.value() == JUNE_1 and field.line.text() == "2027-06-01"


def test_clearing_means_no_date(field: DateField) -> None:
    field.set_value(JUNE_1)
    assert field.line.isClearButtonEnabled()
    field.line.clear()  # what the clear button does
    assert field.value() is None and field.problem() is None
    field.set_value(JUNE_1)
    field.select_all()
    QTest.keyClick(field.line, Qt.Key.Key_Delete)
    assert field.value() is None


def test_a_wrong_text_is_marked_and_kept_for_correcting(field: DateField) -> None:
    _type(field, "明年六月")
    assert field.value() is None
    assert field.problem() == "应为日期（如 2026年3月 或 2026-03-15），不能是「明年六月」"
    assert field.line.text() == "明年六月" and "fde7e7" in field.line.styleSheet()


def test_the_calendar_sets_the_date(field: DateField) -> None:
    changed: list[bool] = []
    field.valueChanged.connect(lambda: changed.append(True))
    field.calendar.clicked.emit(QDate(2027, 6, 1))
    assert field.value() == JUNE_1 and field.line.text() == "2027-06-01" and changed
