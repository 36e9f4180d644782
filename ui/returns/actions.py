"""报表 → 生成填报表… and 填报情况…: the menu entries of 填报 and 催报.

Generating runs on the report worker (:class:`ui.reports.worker.JobRunner`) behind its
cancellable progress dialog, in one transaction that records what was sent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from exports.output import ExportError, ProgressFn
from ui.context import AppContext
from ui.reports.worker import JobRunner

FOLDER_KEY = "reports/forms_folder"


class FormActions(QObject):
    """The two actions and what they do."""

    def __init__(self, context: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.runners: list[JobRunner] = []
        self.dialog: QWidget | None = None
        self.generate_action = QAction("生成填报表…", window)
        self.generate_action.triggered.connect(lambda _checked=False: self.generate())
        self.status_action = QAction("填报情况…", window)
        self.status_action.triggered.connect(lambda _checked=False: self.show_status())

    def generate(self, choices: tuple | None = None) -> JobRunner | None:  # type: ignore[type-arg]
        """Ask (unless ``choices`` = (period, by, folder, due) is given), then write."""
        from ui.returns.forms_dialog import FormsDialog

        if choices is None:
            folder = str(QSettings().value(FOLDER_KEY, str(Path.home() / "填报表")))
            dialog = FormsDialog(self.context, folder, self.window)
            if dialog.exec() != FormsDialog.DialogCode.Accepted:
                return None
            choices = dialog.choices()
            QSettings().setValue(FOLDER_KEY, str(choices[2]))
        period, by, folder, due = choices
        db = self.context.db

        def work(progress: ProgressFn) -> object:
            from exports.forms import write_forms

            try:
                Path(folder).mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise ExportError(f"无法创建文件夹“{folder}”：{error.strerror or error}") from None
            with db.transaction() as session:
                return write_forms(session, period, by, folder, due=due, progress=progress)

        runner = JobRunner(self.window, "正在生成填报表……", work, (ExportError,))
        runner.succeeded.connect(self._written)
        runner.failed.connect(lambda text: QMessageBox.warning(self.window, "未能生成填报表", text))
        runner.cancelled.connect(lambda: self.context.show_message("已取消生成填报表"))
        self.runners.append(runner)
        runner.done.connect(lambda: self.runners.remove(runner) if runner in self.runners
                            else None)
        runner.start()
        return runner

    def _written(self, written: object) -> None:
        self.context.show_message(written.summary())  # type: ignore[attr-defined]
        self.context.dataChanged.emit()

    def show_status(self) -> QWidget:
        from ui.returns.view import ReturnsDialog

        dialog = ReturnsDialog(self.context, self.window)
        self.dialog = dialog
        dialog.show()
        return dialog


def install_form_actions(menu: QMenu, context: AppContext, window: QWidget) -> FormActions:
    """Add 生成填报表… and 填报情况… to the 报表 menu."""
    actions = FormActions(context, window)
    menu.addAction(actions.generate_action)
    menu.addAction(actions.status_action)
    return actions
