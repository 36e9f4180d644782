"""The project editor's form: every field of a project, grouped, with its error line.

:meth:`ProjectForm.data` reads the form into a :class:`~portfolio.projects.ProjectData` and
raises :class:`~portfolio.projects.ValidationError` naming every wrong field; the dialog
(:mod:`ui.editor.dialog`) decides what to do with it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from portfolio import campaign, projects
from portfolio.money import MoneyError, format_money, parse_money
from portfolio.projects import ProjectData, ValidationError
from portfolio.projects.validation import CAMPAIGN_FIELDS
from portfolio.vocabulary import (
    CATEGORIES,
    FIELD_LABELS,
    KINDS,
    LEVELS,
    PLAN_STATUSES,
    PROJECT_TYPES,
    QUANTITY_UNITS,
    STAGES,
)
from ui.editor.pair_table import PairTable
from ui.widgets.date_field import DateField

ERROR_STYLE = "color: #c0392b;"

SCHEDULE_FIELDS = ("planned_start", "planned_finish", "actual_start", "actual_finish")
DATE_FIELDS = (*SCHEDULE_FIELDS, "signed_on")
MONEY_FIELDS = ("total_investment", "prior_investment")
TEXT_FIELDS = ("name", "location", "contact_name", "contact_phone")
NOTE_FIELDS = ("scale", "notes")


def _combo(choices: list[tuple[str, Any]], *, editable: bool = False) -> QComboBox:
    combo = QComboBox()
    for label, value in choices:
        combo.addItem(label, value)
    combo.setEditable(editable)
    if editable:
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = combo.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


def _issue_combo() -> QComboBox:
    """三个一批's 期 from the first (2021年第1期) to the last of next year, as 期 numbers."""
    last = campaign.issue_of(dt.date.today().year + 1, campaign.PER_YEAR)
    labels = []
    for issue in range(1, last + 1):
        year, number = campaign.year_and_number(issue)
        labels.append((f"{year}年第{number}期", issue))
    return _combo([("（无）", None), *labels])


def _set_issue(combo: QComboBox, issue: int | None) -> None:
    """Select ``issue``, adding it when it lies beyond the listed 期."""
    index = combo.findData(issue)
    if index < 0 and issue is not None:
        year, number = campaign.year_and_number(issue)
        combo.addItem(f"{year}年第{number}期", issue)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


def _quantity_text(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class ProjectForm(QWidget):
    """The fields of one project in two columns of groups; ``fields`` and ``errors`` map each
    field name to its widget and its (hidden) error line."""

    def __init__(self, units: list[str], leaders: list[str], townships: list[str],
                 parents: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        left, right = QVBoxLayout(), QVBoxLayout()
        for group in (
            self._basic_group(parents), self._scale_group(townships), self._money_group()
        ):
            left.addWidget(group)
        for group in (
            self._dates_group(), self._people_group(units, leaders), self._campaign_group(),
            self._notes_group(),
        ):
            right.addWidget(group)
        left.addStretch(1)
        right.addStretch(1)
        columns = QHBoxLayout(self)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

    # --- building the form -------------------------------------------------------------------

    def _row(self, form: QFormLayout, field: str, widget: QWidget, label: str = "") -> None:
        """A labelled field with its (hidden) error line under it."""
        self.fields[field] = widget
        error = QLabel()
        error.setObjectName(f"error_{field}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        self.errors[field] = error
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        form.addRow(f"{label or FIELD_LABELS[field]}：", box)

    @staticmethod
    def _group(title: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return group, form

    def _basic_group(self, parents: list[tuple[int, str]]) -> QGroupBox:
        group, form = self._group("基本信息")
        self._row(form, "name", QLineEdit())
        self._row(form, "kind", _combo([(label, key) for key, label in KINDS.items()]))
        self._row(form, "category", _combo([("（未填）", ""), *[(c, c) for c in CATEGORIES]]))
        self._row(form, "project_type", _combo([("", ""), *[(t, t) for t in PROJECT_TYPES]],
                                               editable=True))
        self._row(form, "stage", _combo([(s, s) for s in STAGES]))
        self._row(form, "plan_status",
                  _combo([(label, key) for key, label in PLAN_STATUSES.items()]))
        self._row(form, "parent_id",
                  _combo([("（无）", None), *[(name, pid) for pid, name in parents]],
                         editable=True), FIELD_LABELS["parent"])
        return group

    def _scale_group(self, townships: list[str]) -> QGroupBox:
        group, form = self._group("建设内容与规模")
        self._row(form, "township", _combo([(t, t) for t in ["", *townships]], editable=True))
        self._row(form, "location", QLineEdit())
        scale = QPlainTextEdit()
        scale.setFixedHeight(70)
        self._row(form, "scale", scale, "建设规模及内容")
        quantities = PairTable(("数量", "单位"), right_aligned=0)
        quantities.setToolTip("单位如：" + "、".join(QUANTITY_UNITS))
        self._row(form, "quantities", quantities)
        return group

    def _money_group(self) -> QGroupBox:
        group, form = self._group("投资与资金来源")
        for field in MONEY_FIELDS:
            edit = QLineEdit()
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setPlaceholderText("万元，如 32000.50")
            self._row(form, field, edit)
        self._row(form, "funding", PairTable(("来源", "金额（万元）"), right_aligned=1))
        return group

    def _dates_group(self) -> QGroupBox:
        group, form = self._group("时间")
        for field in SCHEDULE_FIELDS:
            self._row(form, field, DateField())
        return group

    def _people_group(self, units: list[str], leaders: list[str]) -> QGroupBox:
        group, form = self._group("责任与联系人")
        self._row(form, "unit", _combo([(u, u) for u in ["", *units]], editable=True))
        self._row(form, "leader", _combo([(name, name) for name in ["", *leaders]],
                                         editable=True))
        self._row(form, "contact_name", QLineEdit())
        self._row(form, "contact_phone", QLineEdit())
        return group

    def _campaign_group(self) -> QGroupBox:
        group, form = self._group("三个一批与级别")
        levels = QWidget()
        row = QHBoxLayout(levels)
        row.setContentsMargins(0, 0, 0, 0)
        self.level_boxes = {level: QCheckBox(level) for level in LEVELS}
        for box in self.level_boxes.values():
            row.addWidget(box)
        row.addStretch(1)
        self._row(form, "levels", levels)
        for name, tip in zip(CAMPAIGN_FIELDS, (
                "列入三个一批签约一批的期（未填时按签约日期所在季度归期）",
                "列入三个一批开工一批的期", "列入三个一批投产一批的期"), strict=True):
            combo = _issue_combo()
            combo.setToolTip(tip)
            self._row(form, name, combo)
        signed = DateField()
        signed.setToolTip("签订投资合同（协议）的日期；三个一批的签约一批按此日期归期")
        self._row(form, "signed_on", signed)
        return group

    def _notes_group(self) -> QGroupBox:
        group, form = self._group("备注")
        notes = QPlainTextEdit()
        notes.setFixedHeight(90)
        self._row(form, "notes", notes)
        return group

    # --- values ------------------------------------------------------------------------------

    def set_data(self, data: ProjectData) -> None:
        f = self.fields
        for name in TEXT_FIELDS:
            f[name].setText(getattr(data, name))  # type: ignore[attr-defined]
        for name in NOTE_FIELDS:
            f[name].setPlainText(getattr(data, name))  # type: ignore[attr-defined]
        for name in ("kind", "category", "stage", "plan_status"):
            combo: QComboBox = f[name]  # type: ignore[assignment]
            combo.setCurrentIndex(max(combo.findData(getattr(data, name)), 0))
        for name in ("project_type", "township", "unit", "leader"):
            f[name].setCurrentText(getattr(data, name))  # type: ignore[attr-defined]
        parent: QComboBox = f["parent_id"]  # type: ignore[assignment]
        parent.setCurrentIndex(max(parent.findData(data.parent_id), 0))
        for name in MONEY_FIELDS:
            f[name].setText(format_money(getattr(data, name)))  # type: ignore[attr-defined]
        for name in DATE_FIELDS:
            f[name].set_value(getattr(data, name))  # type: ignore[attr-defined]
        for level, box in self.level_boxes.items():
            box.setChecked(level in data.levels)
        for name in CAMPAIGN_FIELDS:
            _set_issue(f[name], getattr(data, name))  # type: ignore[arg-type]
        f["quantities"].set_rows(  # type: ignore[attr-defined]
            [(_quantity_text(v), u) for v, u in data.quantities]
        )
        f["funding"].set_rows(  # type: ignore[attr-defined]
            [(s, format_money(a)) for s, a in data.funding]
        )

    def data(self) -> ProjectData:
        """The form's project; raises :class:`ValidationError` for every wrong field."""
        f = self.fields
        errors: dict[str, str] = {}
        values: dict[str, Any] = {}
        for name in TEXT_FIELDS:
            values[name] = f[name].text().strip()  # type: ignore[attr-defined]
        for name in NOTE_FIELDS:
            values[name] = f[name].toPlainText().strip()  # type: ignore[attr-defined]
        for name in ("kind", "category", "stage", "plan_status", *CAMPAIGN_FIELDS):
            values[name] = f[name].currentData()  # type: ignore[attr-defined]
        for name in ("project_type", "township", "unit", "leader"):
            values[name] = f[name].currentText().strip()  # type: ignore[attr-defined]
        values["parent_id"] = self._parent_id(errors)
        for name in MONEY_FIELDS:
            try:
                values[name] = parse_money(
                    f[name].text(), field=FIELD_LABELS[name]  # type: ignore[attr-defined]
                )
            except MoneyError as error:
                errors[name] = str(error)
                values[name] = None
        if values["prior_investment"] is None:
            values["prior_investment"] = Decimal("0")
        for name in DATE_FIELDS:
            date_field: DateField = f[name]  # type: ignore[assignment]
            problem = date_field.problem()
            if problem is not None:
                errors[name] = f"{FIELD_LABELS[name]}{problem}"
            values[name] = date_field.value()
        values["levels"] = [lv for lv, box in self.level_boxes.items() if box.isChecked()]
        values["quantities"] = self._quantities(errors)
        values["funding"] = self._funding(errors)
        data = ProjectData(**values)
        try:
            projects.validate(data)
        except ValidationError as error:
            errors = {**error.errors, **errors}
        if errors:
            raise ValidationError(errors)
        return data

    def _parent_id(self, errors: dict[str, str]) -> int | None:
        combo: QComboBox = self.fields["parent_id"]  # type: ignore[assignment]
        text = combo.currentText().strip()
        if not text or text == "（无）":
            return None
        found = combo.findText(text, Qt.MatchFlag.MatchExactly)
        if found < 0:
            errors["parent_id"] = f"{FIELD_LABELS['parent']}“{text}”不存在"
            return None
        value = combo.itemData(found)
        return int(value) if value is not None else None

    def _quantities(self, errors: dict[str, str]) -> list[tuple[Decimal, str]]:
        out = []
        for value, unit in self.fields["quantities"].rows():  # type: ignore[attr-defined]
            try:
                number = Decimal(value.replace(",", ""))
                if not number.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                errors["quantities"] = f"{FIELD_LABELS['quantities']}的数量应为数字：“{value}”"
                continue
            out.append((number, unit))
        return out

    def _funding(self, errors: dict[str, str]) -> list[tuple[str, Decimal | None]]:
        out = []
        for source, amount in self.fields["funding"].rows():  # type: ignore[attr-defined]
            try:
                out.append((source, parse_money(amount, field=f"资金来源“{source}”的金额")))
            except MoneyError as error:
                errors["funding"] = str(error)
        return out

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each field's message under it (hidden when it has none); focus on the first."""
        for field, label in self.errors.items():
            message = errors.get(field, "")
            label.setText(message)
            label.setVisible(bool(message))
        first = next((self.fields[f] for f in self.fields if f in errors), None)
        if first is not None:
            first.setFocus()


__all__ = ["ProjectForm"]
