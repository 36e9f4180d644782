"""生成填报表: choosing the month, how to split (责任单位 or 乡镇), the folder and the due date."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from exports.forms.writer import default_due
from portfolio.periods import Period
from ui.context import AppContext
from ui.monthly.period_picker import PeriodPicker


class FormsDialog(QDialog):
    """The choices of :func:`exports.forms.write_forms`; OK only with a folder."""

    def __init__(self, context: AppContext, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("生成填报表")
        self.picker = PeriodPicker(context, self)
        self.by = QComboBox(self)
        self.by.addItem("按责任单位（每个单位一个工作簿）", "unit")
        self.by.addItem("按乡镇（每个乡镇一个工作簿）", "township")
        self.folder = QLineEdit(folder, self)
        browse = QPushButton("浏览…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.due = QDateEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self._set_due(context.period)
        self.picker.currentIndexChanged.connect(lambda _i: self._set_due(self.picker.period))
        form = QFormLayout(self)
        form.addRow("报告月份：", self.picker)
        form.addRow("分表方式：", self.by)
        form.addRow("保存到文件夹：", row)
        form.addRow("报送截止日期：", self.due)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.folder.textChanged.connect(self._check)
        self._check()

    def _set_due(self, period: Period) -> None:
        day = default_due(period)
        self.due.setDate(QDate(day.year, day.month, day.day))

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择保存填报表的文件夹",
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.folder.text().strip()))

    def choices(self) -> tuple[Period, str, Path, object]:
        """(month, 'unit' or 'township', folder, due date)."""
        return (self.picker.period, self.by.currentData(), Path(self.folder.text().strip()),
                self.due.date().toPython())
