"""The project editor dialog: all fields, grouped; errors shown beside the field in Chinese.

Nothing is written while the form is invalid. A valid save is one undoable command: editing
pushes old → new data, adding pushes a creation that undo deletes.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from portfolio import projects
from portfolio.money import MoneyError, format_money, parse_money
from portfolio.projects import ProjectData, ValidationError
from portfolio.vocabulary import (
    CAMPAIGN_BATCHES,
    CATEGORIES,
    FIELD_LABELS,
    KINDS,
    LEVELS,
    PLAN_STATUSES,
    PROJECT_TYPES,
    QUANTITY_UNITS,
    STAGES,
)
from ui.context import AppContext
from ui.editor.commands import AddProjectCommand, EditProjectCommand
from ui.editor.funds_panel import FundsPanel
from ui.editor.pair_table import PairTable
from ui.editor.steps_panel import StepsPanel
from ui.monthly.project_plans import ProjectPlansPanel
from ui.source_panel import SourcePanel
from ui.widgets.date_field import DateField

ERROR_STYLE = "color: #c0392b;"

DATE_FIELDS = ("planned_start", "planned_finish", "actual_start", "actual_finish")
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
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


def _comparable(data: ProjectData) -> ProjectData:
    return data.with_changes(levels=sorted(data.levels))


def _quantity_text(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class ProjectEditor(QDialog):
    """Edits ``project_id``, or a new project when it is None."""

    def __init__(
        self, context: AppContext, project_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self.project_id = project_id
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

        with context.db.session() as session:
            data = projects.load(session, project_id) if project_id is not None else ProjectData()
            #: what the save is checked against: a project changed since is not overwritten
            self._loaded = data
            units = projects.unit_names(session)
            leaders = projects.leader_names(session)
            townships = projects.townships(session)
            parents = projects.parent_choices(session, project_id)
        self.setWindowTitle(f"编辑项目 — {data.name}" if project_id is not None else "新建项目")

        self.banner = QLabel(self)
        self.banner.setObjectName("errorBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(ERROR_STYLE + "font-weight: bold;")
        self.banner.hide()

        form = QWidget()
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
        columns = QHBoxLayout(form)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, "项目信息")
        self.sources = SourcePanel(context, project_id, self)
        self.tabs.addTab(self.sources, f"来源（{self.sources.model.rowCount()}）")
        if project_id is not None:
            self.tabs.addTab(ProjectPlansPanel(context, project_id, self), "年度计划")
            self.tabs.addTab(StepsPanel(context, project_id, self), "前期手续")
            self.tabs.addTab(FundsPanel(context, project_id, self), "资金到位")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(1000, 760)
        self.set_data(data)

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
        for field in DATE_FIELDS:
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
        self._row(form, "campaign_batch",
                  _combo([("（无）", ""), *[(f"{b}一批", b) for b in CAMPAIGN_BATCHES]]))
        issue = QSpinBox()
        issue.setRange(0, 999)
        issue.setSpecialValueText("（无）")
        issue.setSuffix(" 期")
        self._row(form, "campaign_issue", issue, "期数")
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
        for name in ("kind", "category", "stage", "plan_status", "campaign_batch"):
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
        f["campaign_issue"].setValue(data.campaign_issue or 0)  # type: ignore[attr-defined]
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
        for name in ("kind", "category", "stage", "plan_status", "campaign_batch"):
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
        values["campaign_issue"] = f["campaign_issue"].value() or None  # type: ignore[attr-defined]
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

    # --- saving ------------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        for field, label in self.errors.items():
            message = errors.get(field, "")
            label.setText(message)
            label.setVisible(bool(message))
        if errors:
            self.banner.setText("未保存，请修改以下内容：" + "；".join(errors.values()))
            self.banner.show()
            self.tabs.setCurrentIndex(0)
            first = next((self.fields[f] for f in self.fields if f in errors), None)
            if first is not None:
                first.setFocus()
        else:
            self.banner.hide()

    def save(self) -> bool:
        """Validate and save as one undoable step; False (and nothing saved) when invalid."""
        try:
            data = self.data()
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        self.show_errors({})
        stack = self._context.undo_stack
        if self.project_id is None:
            command = AddProjectCommand(self._context, data)
            stack.push(command)
            if command.project_id is None:  # the database refused; the message is shown
                return False
            self.project_id = command.project_id
            self._context.select_project(command.project_id)
        else:
            old = self._loaded
            if _comparable(old) != _comparable(data):
                stack.push(EditProjectCommand(self._context, self.project_id, old, data))
        self.accept()
        return True
