"""Small dialogs of the 报表 menu: the 下步工作 text of a period, and the report settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
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
from portfolio.concurrency import StaleEdit
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
            #: the text loaded: the save is refused when another user changed it since
            self.loaded = briefing_notes.next_work(session, self.period)
        self.editor.setPlainText(self.loaded)
        layout.addWidget(self.editor, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            with self.context.db.transaction(immediate=True) as session:
                briefing_notes.save_next_work(session, self.period, self.editor.toPlainText(),
                                            self.loaded)
        except StaleEdit as error:
            with self.context.db.session() as session:
                self.loaded = briefing_notes.next_work(session, self.period)
            mine = self.editor.toPlainText()
            self.editor.setPlainText(self.loaded)
            QApplication.clipboard().setText(mine)
            QMessageBox.warning(self, "下步工作已被他人修改",
                                f"{error}\n\n已重新载入当前内容；您输入的内容已复制到剪贴板。")
            return
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
        #: what was loaded: the save is refused when another user changed it since
        self.loaded = current
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
        path, _ = QFileDialog.getOpenFileName(self, "选择月报模板（上级下发的空白表格亦可）", start,
                                              "Excel/WPS 工作簿 (*.xlsx *.xls *.et *.ods)")
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
        try:
            with self.context.db.transaction(immediate=True) as session:
                report_settings.save(session, report_settings.ReportSettings(
                    office=self.office.text().strip() or report_settings.DEFAULT_OFFICE,
                    region=self.region.text().strip(), template=path), self.loaded)
        except StaleEdit as error:
            with self.context.db.session() as session:
                self.loaded = report_settings.load(session)
            self.office.setText(self.loaded.office)
            self.region.setText(self.loaded.region)
            self.template.setText(self.loaded.template)
            QMessageBox.warning(self, "设置已被他人修改", f"{error}\n\n已重新载入当前设置。")
            return
        super().accept()
