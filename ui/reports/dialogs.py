"""Small dialogs of the 报表 menu: the 下步工作 text of a period, and the report settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exports import briefing_notes, report_settings
from exports import template as templates
from ui.context import AppContext


class NextWorkDialog(QDialog):
    """四、下步工作 of the briefing for the context's period, kept per period."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.period = context.period
        self.setWindowTitle(f"下步工作 — {self.period.label}")
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        hint = QLabel("工作简报“四、下步工作”的内容，每段一行；保存后随本月简报导出。", self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText("例如：一是加快推进滞后项目……")
        with context.db.session() as session:
            self.editor.setPlainText(briefing_notes.next_work(session, self.period))
        layout.addWidget(self.editor, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        with self.context.db.transaction() as session:
            briefing_notes.save_next_work(session, self.period, self.editor.toPlainText())
        self.context.show_message(f"已保存{self.period.label}的下步工作")
        super().accept()


class ReportSettingsDialog(QDialog):
    """填报单位, 地区 and the monthly report's template (shared by everyone on the database)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("报表设置")
        self.resize(560, 200)
        with context.db.session() as session:
            current = report_settings.load(session)
        form = QFormLayout(self)
        self.office = QLineEdit(current.office, self)
        self.region = QLineEdit(current.region, self)
        self.region.setPlaceholderText("如 兰考县（用于报表标题，可不填）")
        self.template = QLineEdit(current.template, self)
        self.template.setPlaceholderText("内置模板")
        choose = QPushButton("选择…", self)
        choose.clicked.connect(self._choose)
        reset = QPushButton("用内置模板", self)
        reset.clicked.connect(lambda: self.template.setText(""))
        row = QHBoxLayout()
        row.addWidget(self.template, 1)
        row.addWidget(choose)
        row.addWidget(reset)
        form.addRow("填报单位：", self.office)
        form.addRow("地区：", self.region)
        form.addRow("月报模板：", row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _choose(self) -> None:
        start = self.template.text() or str(templates.default_path())
        path, _ = QFileDialog.getOpenFileName(self, "选择月报模板", start, "Excel 工作簿 (*.xlsx)")
        if path:
            self.template.setText(path)

    def accept(self) -> None:
        path = self.template.text().strip()
        if path:
            try:
                templates.load(path)
            except templates.TemplateError as error:
                QMessageBox.warning(self, "模板不可用", str(error))
                return
            path = str(Path(path).resolve())
        with self.context.db.transaction() as session:
            report_settings.save(session, report_settings.ReportSettings(
                office=self.office.text().strip() or report_settings.DEFAULT_OFFICE,
                region=self.region.text().strip(), template=path))
        super().accept()
