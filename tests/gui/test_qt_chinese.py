"""Qt's own words read in Chinese: standard buttons, message boxes and the calendar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QLocale, QTimer
from PySide6.QtWidgets import QCalendarWidget, QDialogButtonBox, QMessageBox, QToolButton

from ui.app import configure_application
from ui.translation import find_catalogue


@pytest.fixture
def chinese(qapp):  # type: ignore[no-untyped-def]
    configure_application(qapp)
    return qapp


def test_pyside_ships_the_chinese_catalogue() -> None:
    path = find_catalogue("qtbase")
    assert path is not None and path.name == "qtbase_zh_CN.qm"


def test_question_box_answers_yes_or_no_in_chinese(chinese, qtbot) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "删除项目", "确定删除所选的 3 个项目吗？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    box.show()
    texts = {b.text().replace("&", "").split("(")[0] for b in box.buttons()}
    assert texts == {"是", "否"}


def test_static_question_shows_chinese_buttons(chinese, qtbot) -> None:
    """QMessageBox.question, as the register and the monthly page call it."""
    seen: list[str] = []

    def answer() -> None:
        box = next(w for w in chinese.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        seen.extend(b.text().replace("&", "").split("(")[0] for b in box.buttons())
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer)
    result = QMessageBox.question(None, "提交本月", "提交后本月数据将锁定，是否继续？")
    assert result == QMessageBox.StandardButton.No
    assert sorted(seen) == sorted(["是", "否"])


@pytest.mark.parametrize(("button", "text"), [
    (QDialogButtonBox.StandardButton.Ok, "确定"),
    (QDialogButtonBox.StandardButton.Cancel, "取消"),
    (QDialogButtonBox.StandardButton.Save, "保存"),
    (QDialogButtonBox.StandardButton.Close, "关闭"),
])
def test_dialog_buttons_read_in_chinese(chinese, qtbot, button, text: str) -> None:
    box = QDialogButtonBox(button)
    qtbot.addWidget(box)
    assert box.button(button).text().replace("&", "").split("(")[0] == text


def test_calendar_names_months_and_weekdays_in_chinese(chinese, qtbot) -> None:
    assert QLocale().name() == "zh_CN"
    calendar = QCalendarWidget()
    qtbot.addWidget(calendar)
    calendar.setSelectedDate(QDate(2026, 12, 7))
    calendar.show()
    locale = calendar.locale()
    assert locale.monthName(12, QLocale.FormatType.LongFormat) == "十二月"
    assert locale.dayName(1, QLocale.FormatType.ShortFormat) == "周一"
    month_button = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month_button is not None and month_button.text() == "十二月"


