"""预警设置: the thresholds of the warning rules, shared by everyone using the database."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from portfolio import alerts
from portfolio.alerts import Thresholds
from portfolio.concurrency import StaleEdit
from ui.context import AppContext


class ThresholdsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("预警设置")
        with context.db.session() as session:
            current = alerts.load_thresholds(session)
        #: what was loaded: the save is refused when another user changed it since
        self.loaded = current

        self.behind = QDoubleSpinBox(self)
        self.behind.setRange(0.1, 100)
        self.behind.setDecimals(1)
        self.behind.setSingleStep(1)
        self.behind.setSuffix(" 个百分点")
        self.idle = QSpinBox(self)
        self.idle.setRange(1, 12)
        self.idle.setSuffix(" 个月")
        self.start_grace = QSpinBox(self)
        self.start_grace.setRange(0, 12)
        self.start_grace.setSuffix(" 个月")
        self.finish_grace = QSpinBox(self)
        self.finish_grace.setRange(0, 12)
        self.finish_grace.setSuffix(" 个月")

        form = QFormLayout()
        form.addRow("完成率低于序时进度达到", self.behind)
        form.addRow("连续无新增投资达到", self.idle)
        form.addRow("计划开工月份后宽限", self.start_grace)
        form.addRow("计划竣工月份后宽限", self.finish_grace)
        note = QLabel(
            "满足任一条件的项目列入预警（滞后项目）名单；设置对使用本数据库的所有人生效。", self)
        note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setStyleSheet(f"color:{alerts.STATE_COLOURS['warning']}")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        for button, label in ((QDialogButtonBox.StandardButton.Ok, "保存"),
                              (QDialogButtonBox.StandardButton.Cancel, "取消"),
                              (QDialogButtonBox.StandardButton.RestoreDefaults, "恢复默认")):
            buttons.button(button).setText(label)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            lambda: self.show_thresholds(Thresholds()))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.show_thresholds(current)

    def show_thresholds(self, t: Thresholds) -> None:
        self.behind.setValue(float(t.behind_points))
        self.idle.setValue(t.idle_months)
        self.start_grace.setValue(t.start_grace_months)
        self.finish_grace.setValue(t.finish_grace_months)

    def thresholds(self) -> Thresholds:
        # the spin box shows one decimal: read it back as the text the user saw, not a float
        points = Decimal(f"{self.behind.value():.1f}")
        return Thresholds(points, self.idle.value(), self.start_grace.value(),
                          self.finish_grace.value())

    def accept(self) -> None:
        try:
            with self.context.db.transaction(immediate=True) as session:
                alerts.save_thresholds(session, self.thresholds(), self.loaded)
        except StaleEdit as error:
            # show what the other user saved; saving again then overwrites it knowingly
            with self.context.db.session() as session:
                self.loaded = alerts.load_thresholds(session)
            self.show_thresholds(self.loaded)
            self.error.setText(f"{error}（已重新载入）")
            return
        except (ValueError, SQLAlchemyError) as error:
            self.error.setText(str(error))
            return
        self.context.dataChanged.emit()
        self.context.show_message("预警设置已保存")
        super().accept()
