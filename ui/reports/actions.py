"""The 报表 menu: exports and imports for the context's period and filter.

The reports (月报, 简报, 进度计划) cover every project unless the user chooses the window's
filter (:mod:`ui.reports.scope_dialog`, asked only while a filter is active); the file dialog
and the progress text name the scope, and a report on a filter says so in its titles. Each
export asks for a file name, then writes it on a worker thread behind a cancellable
progress dialog (:mod:`ui.reports.worker`). Each import reads and compares on the worker,
shows the preview (:mod:`ui.reports.preview_dialog`), and applies it in one transaction when
the user presses 应用; the pages then reload through ``dataChanged``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget
from sqlalchemy.orm import Session

from db.queries import ProjectFilter
from exports.output import ExportError, ProgressFn
from portfolio import projects, scope
from ui.context import AppContext
from ui.reports.worker import JobRunner

if TYPE_CHECKING:
    from ui.returns.actions import FormActions

# The exports (openpyxl, reportlab) and the dialogs are imported in the slots that use them:
# loading them at start-up would cost a third of a second before the window shows.

FOLDER_KEY = "reports/folder"
#: An export's writer: ``(session, path, progress) -> result``, run on the worker thread.
Write = Callable[[Session, Path, ProgressFn], object]
MANY_SHEETS = 50


class ReportActions(QObject):
    """The actions of the 报表 menu, and what they do."""

    def __init__(self, context: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.runners: list[JobRunner] = []
        self.forms: FormActions | None = None  # set by install_report_actions
        #: the last report's warning of what it could not do (see :meth:`_report_written`)
        self.notes_box: QMessageBox | None = None
        self.actions: dict[str, QAction] = {}
        for key, text, slot in (
            ("xlsx", "导出月报Excel…", self.export_xlsx),
            ("pdf", "导出工作简报PDF…", self.export_pdf),
            ("sheet", "导出项目一张表…", self.export_project_sheet),
            ("mspdi", "导出进度计划(MS Project)…", self.export_mspdi),
            ("import_xlsx", "导入Excel…", self.import_xlsx),
            ("import_mspdi", "导入进度计划…", self.import_schedule),
            ("next_work", "编辑下步工作…", self.edit_next_work),
            ("settings", "报表设置…", self.edit_settings),
        ):
            action = QAction(text, window)
            action.triggered.connect(lambda _checked=False, run=slot: run())
            self.actions[key] = action

    # --- helpers -----------------------------------------------------------------------------

    def _folder(self) -> str:
        return str(QSettings().value(FOLDER_KEY, str(Path.home())))

    def _remember(self, path: str) -> None:
        QSettings().setValue(FOLDER_KEY, str(Path(path).parent))

    def _save_name(self, title: str, name: str, filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self.window, title,
                                              str(Path(self._folder()) / name), filters)
        if not path:
            return None
        self._remember(path)
        return Path(path)

    def _run(self, label: str, work: Callable[[ProgressFn], object],
             done: Callable[[object], None], failed_title: str = "未能完成") -> JobRunner:
        from exports import template as templates
        from exports import xlsx_import

        runner = JobRunner(self.window, label, work, (templates.TemplateError,
                                                      xlsx_import.ImportFailed))
        runner.succeeded.connect(done)
        runner.failed.connect(lambda text: QMessageBox.warning(self.window, failed_title, text))
        runner.cancelled.connect(lambda: self.context.show_message("已取消，未写入文件"))
        self.runners.append(runner)
        runner.done.connect(lambda: self.runners.remove(runner) if runner in self.runners
                            else None)
        runner.start()
        return runner

    def _written(self, path: Path) -> Callable[[object], None]:
        return lambda _result: self.context.show_message(f"已导出：{path}")

    def _report_written(self, path: Path) -> Callable[[object], None]:
        """The status line, and a warning when the report could not do all it was asked (the
        projects a form's groups left out, its columns left empty): never silently partial."""
        def done(result: object) -> None:
            self.context.show_message(f"已导出：{path}")
            notes: list[str] = getattr(result, "notes", [])
            if not notes:
                return
            left_out = getattr(result, "left_out", 0)
            text = f"月报已导出：{path.name}。"
            if left_out:
                text += f"其中 {left_out} 个项目不属于表格的任何分组，未填入。"
            box = QMessageBox(QMessageBox.Icon.Warning, "月报已导出，请核对", text,
                              parent=self.window)
            box.setInformativeText("\n".join(_shortened(note) for note in notes))
            box.setDetailedText("\n\n".join(notes))
            self.notes_box = box
            box.open()
        return done

    # --- exports -----------------------------------------------------------------------------

    def _scope(self, title: str, path: Path | None, filtered: bool | None
               ) -> tuple[ProjectFilter, str] | None:
        """The filter a report covers and its words (None: the user cancelled). Every project
        while the window has no filter; otherwise the user's choice, 全部项目 by default — or
        ``filtered`` when the caller decides (a file given without a choice: every project)."""
        flt = self.context.filter
        if flt.is_empty() or filtered is False or (filtered is None and path is not None):
            return ProjectFilter(), scope.WHOLE
        if filtered is None:
            from ui.reports.scope_dialog import ScopeDialog

            dialog = ScopeDialog(self.context, title, self.window)
            self.scope_dialog = dialog
            if not dialog.exec():
                return None
            flt = dialog.chosen()
        with self.context.db.session() as session:
            return flt, scope.describe(flt, session)

    def _export(self, path: Path | None, ask: tuple[str, str, str],
                label: str | Callable[[], str], write: Write,
                done: Callable[[Path], Callable[[object], None]] | None = None
                ) -> JobRunner | None:
        """Ask for the file (title, suggested name, filters) unless ``path`` is given, then run
        ``write(session, path, progress)`` on the worker. ``label`` is the progress text, or a
        function giving it once the file is chosen; ``done`` what to show of the result."""
        path = path or self._save_name(*ask)
        if path is None:
            return None
        text = label if isinstance(label, str) else label()
        db, target = self.context.db, path

        def work(progress: ProgressFn) -> object:
            with db.session() as session:
                return write(session, target, progress)

        return self._run(text, work, (done or self._written)(path))

    def export_xlsx(self, path: Path | None = None,
                    filtered: bool | None = None) -> JobRunner | None:
        """Export the monthly workbook; ``filtered`` as in :meth:`_scope`."""
        from exports import report_settings
        from exports import template as templates
        from exports.xlsx import write_report

        chosen_scope = self._scope("导出月报Excel", path, filtered)
        if chosen_scope is None:
            return None
        (flt, words), period = chosen_scope, self.context.period
        with self.context.db.session() as session:
            chosen = report_settings.template_path(session)

        def write(session: Session, path: Path, progress: ProgressFn) -> object:
            return write_report(session, period, path, flt, template=templates.load(chosen),
                                progress=progress)

        return self._export(path, (
            f"导出月报Excel（{words}）",
            f"{period.year}年{period.month}月重点项目建设进展情况表.xlsx",
            "Excel 工作簿 (*.xlsx)"), f"正在导出月报Excel（{words}）……", write,
            done=self._report_written)

    def export_pdf(self, path: Path | None = None,
                   filtered: bool | None = None) -> JobRunner | None:
        """Export the briefing; ``filtered`` as in :meth:`_scope`."""
        from exports import briefing_notes, briefing_pdf

        chosen_scope = self._scope("导出工作简报PDF", path, filtered)
        if chosen_scope is None:
            return None
        (flt, words), period = chosen_scope, self.context.period
        issue = 0

        def label() -> str:  # an issue number is used up only once a file is chosen
            nonlocal issue
            with self.context.db.transaction() as session:
                issue = briefing_notes.assign_issue(session, period)
            return f"正在导出工作简报（第{issue}期，{words}）……"

        def write(session: Session, path: Path, progress: ProgressFn) -> object:
            return briefing_pdf.write_briefing(session, period, path, flt, issue=issue,
                                               progress=progress)

        return self._export(path, (
            f"导出工作简报PDF（{words}）",
            f"重点项目建设工作简报（{period.year}年{period.month}月）.pdf",
            "PDF 文件 (*.pdf)"), label, write)

    def export_project_sheet(self, path: Path | None = None) -> JobRunner | None:
        from exports import project_sheet

        period = self.context.period
        selected = self.context.selected_project
        if selected >= 0:
            ids = [selected]
        else:
            with self.context.db.session() as session:
                ids = projects.filtered_ids(session, self.context.filter, *self.context.sort)
            if not ids:
                QMessageBox.information(self.window, "导出项目一张表", "当前筛选下没有项目")
                return None
            if len(ids) > MANY_SHEETS and path is None:
                answer = QMessageBox.question(
                    self.window, "导出项目一张表",
                    f"没有选中项目，将为当前筛选出的 {len(ids)} 个项目各导出一页，继续吗？")
                if answer != QMessageBox.StandardButton.Yes:
                    return None

        def write(session: Session, path: Path, progress: ProgressFn) -> object:
            return project_sheet.write_sheets(session, ids, period, path, progress=progress)

        return self._export(path, ("导出项目一张表", "项目一张表.pdf", "PDF 文件 (*.pdf)"),
                            "正在导出项目一张表……", write)

    def export_mspdi(self, path: Path | None = None,
                     filtered: bool | None = None) -> JobRunner | None:
        """Export the schedule; ``filtered`` as in :meth:`_scope`."""
        from exports import mspdi

        chosen_scope = self._scope("导出进度计划", path, filtered)
        if chosen_scope is None:
            return None
        (flt, words), period = chosen_scope, self.context.period

        def write(session: Session, path: Path, progress: ProgressFn) -> object:
            return mspdi.write_schedule(session, path, period, flt, progress=progress)

        return self._export(path, (f"导出进度计划（{words}）", "重点项目进度计划.xml",
                                   "Microsoft Project XML (*.xml)"),
                            f"正在导出进度计划（{words}）……", write)

    # --- imports -----------------------------------------------------------------------------

    def import_xlsx(self, paths: list[Path] | None = None) -> JobRunner | None:
        from exports import report_settings, xlsx_import
        from exports import template as templates

        db = self.context.db
        if paths is None:
            from exports.sheets.grid import PATTERNS  # not at start: the window opens faster

            names, _ = QFileDialog.getOpenFileNames(
                self.window, "导入月报Excel（可多选同一月份的工作簿）", self._folder(),
                f"表格文件 ({PATTERNS})")
            if not names:
                return None
            self._remember(names[0])
            paths = [Path(n) for n in names]
        with db.session() as session:
            chosen = report_settings.template_path(session)

        def work(progress: ProgressFn) -> object:
            template = templates.load(chosen)
            with db.session() as session:
                return xlsx_import.preview(session, paths, template=template, progress=progress)

        return self._run("正在读取工作簿……", work, self.show_xlsx_preview)

    def show_xlsx_preview(self, preview: object) -> None:
        from ui.reports.preview_dialog import xlsx_preview_dialog

        dialog = xlsx_preview_dialog(preview, self.window)
        self.last_dialog = dialog
        dialog.accepted.connect(
            lambda: self.start_apply_xlsx(preview, dialog.skip_unresolved))
        dialog.open()

    def start_apply_xlsx(self, preview: object, skip_unresolved: bool) -> JobRunner:
        """应用 of the preview, written on the worker: a county's whole 调度表 (thousands of
        projects) takes a minute, and the window must not freeze meanwhile. One transaction
        that cannot stop halfway: the progress dialog has no 取消."""
        from exports import xlsx_import

        db = self.context.db

        def work(_progress: ProgressFn) -> object:
            return xlsx_import.apply(db, preview,  # type: ignore[arg-type]
                                     skip_unresolved=skip_unresolved)

        runner = self._run("正在导入月度数据……", work, self._xlsx_applied, "未能导入")
        runner.dialog.setCancelButton(None)
        return runner

    def _xlsx_applied(self, count: object) -> None:
        self.context.dataChanged.emit()
        self.context.show_message(f"已导入 {count} 个项目的月度数据")

    def apply_xlsx(self, preview: object, skip_unresolved: bool) -> int:
        """The same as :meth:`start_apply_xlsx`, on this thread (for callers that wait)."""
        from exports import xlsx_import

        try:
            count = xlsx_import.apply(self.context.db, preview,  # type: ignore[arg-type]
                                      skip_unresolved=skip_unresolved)
        except xlsx_import.ImportFailed as error:
            QMessageBox.warning(self.window, "未能导入", str(error))
            return 0
        self._xlsx_applied(count)
        return count

    def import_schedule(self, path: Path | None = None) -> JobRunner | None:
        from exports import mspdi

        db = self.context.db
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self.window, "导入进度计划", self._folder(), "Microsoft Project XML (*.xml)")
            if not name:
                return None
            self._remember(name)
            path = Path(name)

        def work(progress: ProgressFn) -> object:
            with db.session() as session:
                return mspdi.preview_schedule(session, path)

        return self._run("正在读取进度计划……", work, self.show_schedule_preview)

    def show_schedule_preview(self, preview: object) -> None:
        from ui.reports.preview_dialog import schedule_preview_dialog

        dialog = schedule_preview_dialog(preview, self.window)
        self.last_dialog = dialog
        dialog.accepted.connect(lambda: self.apply_schedule(preview, dialog.skip_unresolved))
        dialog.open()

    def apply_schedule(self, preview: object, skip_unresolved: bool) -> int:
        from exports import mspdi

        try:
            count = mspdi.apply_schedule(self.context.db, preview,  # type: ignore[arg-type]
                                         skip_unresolved=skip_unresolved)
        except ExportError as error:
            QMessageBox.warning(self.window, "未能导入", str(error))
            return 0
        self.context.dataChanged.emit()
        self.context.show_message(f"已更新 {count} 个项目的计划日期")
        return count

    # --- settings ----------------------------------------------------------------------------

    def edit_next_work(self) -> None:
        from ui.reports.dialogs import NextWorkDialog

        NextWorkDialog(self.context, self.window).exec()

    def edit_settings(self) -> None:
        from ui.reports.dialogs import ReportSettingsDialog

        ReportSettingsDialog(self.context, self.window).exec()


def install_report_actions(main_window: QMainWindow, context: AppContext) -> ReportActions:
    """Add the 报表 menu to ``main_window``."""
    reports = ReportActions(context, main_window)
    menu = main_window.menuBar().addMenu("报表(&R)")
    for key in ("xlsx", "pdf", "sheet", "mspdi"):
        menu.addAction(reports.actions[key])
    menu.addSeparator()
    menu.addAction(reports.actions["import_xlsx"])
    menu.addAction(reports.actions["import_mspdi"])
    menu.addSeparator()
    from ui.returns import install_form_actions  # 生成填报表…, 填报情况…

    reports.forms = install_form_actions(menu, context, main_window)
    menu.addSeparator()
    menu.addAction(reports.actions["next_work"])
    menu.addAction(reports.actions["settings"])
    return reports


def _shortened(note: str, limit: int = 120) -> str:
    """A note cut for the message's first look (the details show it whole)."""
    return note if len(note) <= limit else note[:limit] + "……"
