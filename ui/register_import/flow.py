"""One import of a project list, from choosing the file to the status bar.

The file (.xlsx .xlsm .xls .et .ods .csv) → its sheet, when it has several (each listed with its
count of project-like rows, the likeliest chosen) → reading and comparing on a worker thread
(:class:`ui.reports.worker.JobRunner`) → the preview, or the column mapping when the 项目名称
column cannot be recognised (an import is never silently empty) → 导入, applied on the worker
in one transaction after a backup → ``dataChanged`` and a status bar message. Each step's
dialog is announced by a signal, so that tests (and the first-start dialog) can follow it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal, SignalInstance
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from db.session import Database
from exports.output import ProgressFn
from exports.register_source import FileColumn, file_columns, read_register
from exports.sheets.grid import PATTERNS, SheetError, SheetGrid, read_grid, sheet_scores
from exports.sheets.headers import HeaderError
from portfolio import register_import
from portfolio.register_import import RegisterImportError, RegisterPreview
from portfolio.register_import.applying import Applied
from portfolio.register_import.profiles import MappingProfile, ProfileError
from ui.context import AppContext
from ui.reports.worker import JobRunner

FOLDER_KEY = "register_import/folder"
FILTERS = f"电子表格 ({PATTERNS});;所有文件 (*)"


@dataclass
class Loaded:
    """A sheet read: its columns as recognised, and the preview (None: why not in ``problem``)."""

    path: Path
    grid: SheetGrid
    profile: MappingProfile | None
    columns: list[FileColumn]
    preview: RegisterPreview | None
    problem: str = ""


def for_window(message: str) -> str:
    """A reader's message with the command line's options named as the window's buttons."""
    return message.replace("--sheet、--mapping", "工作表、列对应").replace("--mapping", "列对应")


def load(db: Database, path: Path, sheet: str | None,
         profile: MappingProfile | None) -> Loaded:
    """Read ``sheet`` of ``path`` once, recognise its columns and compare it with ``db``."""
    grid = read_grid(path, sheet or (profile.sheet if profile else None))
    columns = file_columns(grid, profile)
    try:
        source = read_register(grid, profile=profile)
        with db.session() as session:
            preview = register_import.preview(session, source)
    except HeaderError as error:
        # the mapping's table lists every column and what it was read as: no need to repeat
        if not columns:
            problem = str(error)
        elif error.header is None:
            problem = (f"工作表「{grid.sheet}」中找不到能识别的表头：下表按最像表头的一行列出各列，"
                       "请为每一列选择对应的字段（至少要指定“项目名称”）。")
        else:
            problem = (f"工作表「{grid.sheet}」的表头中没有识别出“项目名称”列：请在下表的“对应字段”"
                       "中为项目名称所在的列选择“项目名称”，其余各列已按表头自动识别。")
        return Loaded(path, grid, profile, columns, None, problem)
    except RegisterImportError as error:
        return Loaded(path, grid, profile, columns, None, for_window(str(error)))
    return Loaded(path, grid, profile, columns, preview)


def read_then_check(read: Callable[[], object]) -> Callable[[ProgressFn], object]:
    """Work for the worker that reads, then looks at 取消 (``progress`` raises once it was
    pressed): a file read while the user cancelled is dropped, its preview never shown."""
    def work(progress: ProgressFn) -> object:
        result = read()
        progress(1, 1)
        return result
    return work


class SheetDialog(QDialog):
    """The sheets of a workbook, each with its count of project-like rows."""

    def __init__(self, path: Path, scores: list[tuple[str, int]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("选择工作表")
        layout = QVBoxLayout(self)
        label = QLabel(f"文件 {path.name} 有 {len(scores)} 个工作表，请选择项目清单所在的一个"
                       "（括号中是看起来像项目的行数）：", self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.names = [name for name, _ in scores]
        self.list = QListWidget(self)
        self.list.addItems([f"{name}（{count} 行）" for name, count in scores])
        best = max(range(len(scores)), key=lambda i: scores[i][1])  # ties: the first
        self.list.setCurrentRow(best)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose(self, name: str) -> None:
        self.list.setCurrentRow(self.names.index(name))

    def chosen(self) -> str:
        return self.names[max(self.list.currentRow(), 0)]


class RegisterImport(QObject):
    """The steps of importing one project list into ``context``'s register."""

    sheetsShown = Signal(object)
    previewShown = Signal(object)
    mappingShown = Signal(object)
    imported = Signal(object)

    def __init__(self, context: AppContext, window: QWidget,
                 profile_folder: Path | None = None) -> None:
        super().__init__(window)
        self.context, self.window = context, window
        #: where named mappings are kept (None: the data folder, as for the command line)
        self.profile_folder = profile_folder
        self.path: Path | None = None
        self.runner: JobRunner | None = None
        self.dialog: QDialog | None = None

    def start(self, path: Path | None = None) -> JobRunner | None:
        """Ask for the file unless ``path`` is given, then find its sheets."""
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self.window, "导入项目清单", str(QSettings().value(FOLDER_KEY, str(Path.home()))),
                FILTERS)
            if not name:
                return None
            QSettings().setValue(FOLDER_KEY, str(Path(name).parent))
            path = Path(name)
        self.path = path
        return self._run("正在查看工作表……", read_then_check(lambda: sheet_scores(path)),
                         self._scored)

    def _run(self, label: str, work: Callable[[ProgressFn], object],
             done: Callable[[object], None]) -> JobRunner:
        runner = JobRunner(self.window, label, work,
                           (SheetError, RegisterImportError, ProfileError))
        runner.succeeded.connect(done)
        runner.failed.connect(lambda text: QMessageBox.warning(self.window, "未能导入",
                                                               for_window(text)))
        runner.cancelled.connect(
            lambda: self.context.show_message("已取消导入项目清单，未写入任何数据"))
        self.runner = runner
        runner.start()
        return runner

    def _show(self, dialog: QDialog, shown: SignalInstance) -> None:
        if self.dialog is not None and self.dialog is not dialog:
            self.dialog.close()
        self.dialog = dialog
        dialog.open()
        shown.emit(dialog)

    def _scored(self, result: object) -> None:
        scores: list[tuple[str, int]] = result  # type: ignore[assignment]
        if len(scores) == 1:
            self.read(scores[0][0])
            return
        assert self.path is not None
        dialog = SheetDialog(self.path, scores, self.window)
        dialog.accepted.connect(lambda: self.read(dialog.chosen()))
        self._show(dialog, self.sheetsShown)

    def read(self, sheet: str | None, profile: MappingProfile | None = None) -> JobRunner:
        """Read and compare ``sheet`` on the worker, then show the preview (or the mapping)."""
        assert self.path is not None
        db, path = self.context.db, self.path
        return self._run("正在读取项目清单……",
                         read_then_check(lambda: load(db, path, sheet, profile)), self._loaded)

    def _loaded(self, result: object) -> None:
        loaded: Loaded = result  # type: ignore[assignment]
        if loaded.preview is None:
            if not loaded.columns:
                QMessageBox.warning(self.window, "未能导入", loaded.problem)
                return
            self.open_mapping(loaded, loaded.problem)
            return
        from ui.register_import.dialog import RegisterPreviewDialog

        preview = loaded.preview
        dialog = RegisterPreviewDialog(preview, loaded.columns, self.window)
        dialog.mappingRequested.connect(lambda: self.open_mapping(loaded))
        dialog.accepted.connect(lambda: self.apply(preview))
        self._show(dialog, self.previewShown)

    def open_mapping(self, loaded: Loaded, message: str = "") -> None:
        from ui.register_import.dialog import RegisterPreviewDialog
        from ui.register_import.mapping import MappingDialog

        # over the preview when asked from it: cancelling the mapping returns to the preview
        parent = self.dialog if isinstance(self.dialog, RegisterPreviewDialog) else self.window
        dialog = MappingDialog(loaded.grid, loaded.columns, loaded.profile, message,
                               self.profile_folder, parent)
        dialog.accepted.connect(lambda: self.read(loaded.grid.sheet, dialog.profile()))
        dialog.open()
        self.mappingShown.emit(dialog)

    def apply(self, preview: RegisterPreview) -> JobRunner:
        """Write ``preview`` on the worker (all or nothing), then reload the pages."""
        db = self.context.db
        # 取消 stops at the next line and rolls the whole import back
        return self._run("正在导入项目清单……",
                         lambda progress: register_import.apply(db, preview, progress),
                         lambda done: self._applied(preview, done))  # type: ignore[arg-type]

    def _applied(self, preview: RegisterPreview, done: Applied) -> None:
        self.context.dataChanged.emit()
        text = (f"已导入项目清单 {preview.source.file}：新增 {done.created} 个项目，"
                f"修改 {done.updated} 个，写入 {done.plans} 个{preview.year}年度计划")
        self.context.show_message(text)
        self.imported.emit(done)
