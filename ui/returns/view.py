"""The 填报情况 dialog: for the month, every form sent, whether it came back, and the
催报名单 (who has not reported, with 包联领导 and contacts) ready to copy into a message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from portfolio.collection import HolderStatus, collection_status, not_returned
from portfolio.periods import Period
from ui.context import AppContext
from ui.monthly.period_picker import PeriodPicker
from ui.returns.model import ReturnsModel


def reminder_text(period: Period, late: list[HolderStatus]) -> str:
    """The 催报名单 as text to paste into a message."""
    if not late:
        return f"{period.label}填报表已全部报回。"
    lines = [f"{period.label}重点项目填报表未报送单位（{len(late)}个）："]
    for n, s in enumerate(late, start=1):
        who = "；".join(t for t in ("包联领导：" + "、".join(s.leaders) if s.leaders else "",
                                    "联系人：" + "、".join(s.contacts) if s.contacts else "") if t)
        lines.append(f"{n}. {s.holder}（{s.sent}个项目）" + (f"　{who}" if who else ""))
    return "\n".join(lines)


class ReturnsDialog(QDialog):
    """填报情况 of the context's month; changing the month here changes the window's."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("填报情况")
        self.resize(1100, 640)
        self.picker = PeriodPicker(context, self)
        self.kind = QComboBox(self)
        for text, value in (("全部", None), ("责任单位", "unit"), ("乡镇", "township")):
            self.kind.addItem(text, value)
        refresh = QPushButton("刷新", self)
        top = QHBoxLayout()
        for label, widget in (("报告月份：", self.picker), ("类型：", self.kind)):
            top.addWidget(QLabel(label, self))
            top.addWidget(widget)
        top.addWidget(refresh)
        top.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setObjectName("returnsSummary")
        self.model = ReturnsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.reminders = QPlainTextEdit(self)
        self.reminders.setReadOnly(True)
        copy = QPushButton("复制催报名单", self)
        copy.clicked.connect(self.copy_reminders)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        title = QHBoxLayout()
        title.addWidget(QLabel("<b>催报名单</b>", lower))
        title.addStretch(1)
        title.addWidget(copy)
        lower_layout.addLayout(title)
        lower_layout.addWidget(self.reminders)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([420, 180])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        refresh.clicked.connect(self.reload)
        self.kind.currentIndexChanged.connect(self.reload)
        context.periodChanged.connect(self.reload)
        context.dataChanged.connect(self.reload)
        self.reload()

    def reload(self, *_args: object) -> None:
        period = self.context.period
        with self.context.db.session() as session:
            statuses = collection_status(session, period, self.kind.currentData())
        self.model.set_rows(statuses)
        late = not_returned(statuses)
        if statuses:
            self.summary.setText(
                f"{period.label}：下发填报表 {len(statuses)} 份，"
                f"已报回 {len(statuses) - len(late)} 份，未报 {len(late)} 份")
        else:
            self.summary.setText(f"{period.label}尚未生成填报表（报表 → 生成填报表…）")
        self.reminders.setPlainText(reminder_text(period, late) if statuses else "")

    def copy_reminders(self) -> None:
        QGuiApplication.clipboard().setText(self.reminders.toPlainText())
        self.context.show_message("已复制催报名单")
