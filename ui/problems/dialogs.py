"""The dialogs of the 问题台账: add or edit a problem, and close one (办结).

A dialog checks its fields with :func:`portfolio.problems.validate` before it closes, shows
the Chinese reasons under the fields and stays open on a refusal; saving is the caller's (an
undoable command).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from portfolio import problems
from portfolio.periods import Period
from portfolio.problems import ProblemData, ProblemError
from ui.context import AppContext
from ui.widgets.date_field import DateField


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("problemErrors")
    label.setStyleSheet("color:#d64541")
    label.setWordWrap(True)
    return label


class ProblemDialog(QDialog):
    """登记问题 (``data`` None) or 编辑问题; :attr:`result_data` holds the fields accepted."""

    def __init__(self, context: AppContext, data: ProblemData | None = None,
                 parent: QWidget | None = None, *, project_id: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("登记问题" if data is None else "编辑问题")
        self.setMinimumWidth(520)
        self._editing = data is not None
        self.result_data: ProblemData | None = None
        with context.db.session() as session:
            choices = problems.project_choices(session)
            units = problems.unit_names(session)

        self.project = QComboBox(self)
        self.project.setEditable(True)
        self.project.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for pid, name in choices:
            self.project.addItem(name, pid)
        self.project.setCurrentIndex(-1)
        self.raised = QDateEdit(self)
        self.raised.setDisplayFormat("yyyy年M月")
        self.raised.setCalendarPopup(False)
        self.description = QPlainTextEdit(self)
        self.description.setFixedHeight(self.fontMetrics().height() * 5)
        self.kind = QComboBox(self)
        self.kind.addItems(list(problems.KINDS))
        self.kind.activated.connect(lambda _i: self.kind.setProperty("chosen", True))
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.unit.addItems(units)
        self.unit.setCurrentText("")
        self.person = QLineEdit(self)
        self.deadline = DateField(self)
        self.state = QComboBox(self)
        self.state.addItems(list(problems.STATES if self._editing else problems.OPEN_STATES))
        self.resolution = QPlainTextEdit(self)
        self.resolution.setFixedHeight(self.fontMetrics().height() * 3)
        self.resolved_on = DateField(self)
        self.errors = _error_label(self)

        form = QFormLayout()
        form.addRow("项目", self.project)
        form.addRow("提出时间", self.raised)
        form.addRow("问题描述", self.description)
        form.addRow("类别", self.kind)
        form.addRow("协调单位", self.unit)
        form.addRow("责任人", self.person)
        form.addRow("办结时限", self.deadline)
        form.addRow("状态", self.state)
        if self._editing:
            form.addRow("解决情况", self.resolution)
            form.addRow("解决日期", self.resolved_on)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

        if data is not None:
            self.set_data(data)
        else:
            self.set_period(context.period)
            if project_id is not None:
                self.project.setCurrentIndex(self.project.findData(project_id))
        self.description.textChanged.connect(self._guess_kind)

    def set_period(self, period: Period) -> None:
        self.raised.setDate(QDate(period.year, period.month, 1))

    def set_data(self, data: ProblemData) -> None:
        self.project.setCurrentIndex(self.project.findData(data.project_id))
        self.set_period(data.raised)
        self.description.setPlainText(data.description)
        self.kind.setCurrentText(data.kind)
        self.unit.setCurrentText(data.unit)
        self.person.setText(data.person)
        self.deadline.set_value(data.deadline)
        self.state.setCurrentText(data.state)
        self.resolution.setPlainText(data.resolution)
        self.resolved_on.set_value(data.resolved_on)

    def _guess_kind(self) -> None:
        """A new problem's 类别 follows its words until the user picks one."""
        if not self._editing and not self.kind.property("chosen"):
            self.kind.setCurrentText(problems.guess_kind(self.description.toPlainText()))

    def data(self) -> ProblemData:
        """The fields as typed (not yet checked)."""
        project = self.project.currentData()
        if project is None or self.project.currentText() != self.project.itemText(
                self.project.currentIndex()):
            index = self.project.findText(self.project.currentText())
            project = self.project.itemData(index) if index >= 0 else None
        day = self.raised.date()
        return ProblemData(
            project_id=int(project) if project is not None else 0,
            raised=Period(day.year(), day.month()),
            description=self.description.toPlainText(), kind=self.kind.currentText(),
            unit=self.unit.currentText().strip(), person=self.person.text().strip(),
            deadline=self.deadline.value(), state=self.state.currentText(),
            resolution=self.resolution.toPlainText() if self._editing else "",
            resolved_on=self.resolved_on.value() if self._editing else None,
        )

    def accept(self) -> None:
        data = self.data()
        errors: dict[str, str] = {}
        if not data.project_id:
            errors["project_id"] = "请选择问题所属的项目"
        try:
            problems.validate(data)
        except ProblemError as error:
            errors.update(error.errors)
        if errors:
            self.errors.setText("\n".join(errors.values()))
            return
        self.result_data = data
        super().accept()


class CloseDialog(QDialog):
    """办结 a problem: 已解决 or 无法解决, the 解决情况 and the date."""

    def __init__(self, data: ProblemData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("办结问题")
        self.setMinimumWidth(460)
        self._data = data
        self.result_data: ProblemData | None = None
        self.state = QComboBox(self)
        self.state.addItems(list(problems.CLOSED_STATES))
        self.resolution = QPlainTextEdit(self)
        self.resolution.setFixedHeight(self.fontMetrics().height() * 4)
        self.resolution.setPlaceholderText("解决情况；无法解决时说明原因")
        self.resolved_on = DateField(self)
        self.resolved_on.set_value(dt.date.today())
        self.errors = _error_label(self)
        summary = QLabel(f"问题：{data.description}", self)
        summary.setWordWrap(True)
        form = QFormLayout()
        form.addRow("办结为", self.state)
        form.addRow("解决情况", self.resolution)
        form.addRow("解决日期", self.resolved_on)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def data(self) -> ProblemData:
        return self._data.with_changes(state=self.state.currentText(),
                                       resolution=self.resolution.toPlainText(),
                                       resolved_on=self.resolved_on.value())

    def accept(self) -> None:
        data = self.data()
        try:
            problems.validate(data)
        except ProblemError as error:
            self.errors.setText("\n".join(error.errors.values()))
            return
        self.result_data = data
        super().accept()
