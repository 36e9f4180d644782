"""The main window: page navigation, menus, status bar; pages are built when first shown."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)
from sqlalchemy.engine import make_url

from db.queries import ProjectFilter
from portfolio import projects
from ui.context import AppContext
from ui.pages import DEFAULT_PAGE, PAGES, PageSpec, create_page
from ui.reports import install_report_actions

GEOMETRY_KEY = "mainwindow/geometry"
STATE_KEY = "mainwindow/state"
PAGE_KEY = "mainwindow/page"
MESSAGE_MS = 8000


def describe_database(url: str) -> str:
    """The database as the status bar names it (a file path, or host/name without password)."""
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        return sa_url.database or "（内存数据库）"
    return sa_url.render_as_string(hide_password=True)


def first_geometry(available: QRect, share: float = 0.9) -> QRect:
    """The window on first start: ``share`` of the screen's free area, centred on it."""
    size = QSize(round(available.width() * share), round(available.height() * share))
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(available.center())
    return rect


def clamp_geometry(rect: QRect, available: QRect) -> QRect:
    """``rect`` shrunk to fit ``available`` and moved inside it: a window saved on a larger
    screen (or at a smaller scaling) opens whole on this one."""
    size = rect.size().boundedTo(available.size())
    x = min(max(rect.x(), available.left()), available.right() + 1 - size.width())
    y = min(max(rect.y(), available.top()), available.bottom() + 1 - size.height())
    return QRect(QPoint(x, y), size)


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("项目库 — 县域重点项目管理")
        self._pages: dict[str, QWidget] = {}
        self._slots: dict[str, QWidget] = {}
        #: every project, whatever the filter (None: to be counted again)
        self._total: int | None = None

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(112)
        self.nav.setSpacing(2)
        self.stack = QStackedWidget(self)
        for spec in PAGES:
            item = QListWidgetItem(spec.title, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(100, 36))
            slot = QWidget(self.stack)  # replaced by the real page when first shown
            self._slots[spec.key] = slot
            self.stack.addWidget(slot)
        self.nav.currentRowChanged.connect(lambda row: self.show_page(PAGES[row].key))
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._make_menus()
        install_report_actions(self, context)
        self.database_label = QLabel(f"数据库：{describe_database(context.db.url)}")
        self.count_label = QLabel()
        self.count_label.setObjectName("statusCount")
        self.count_label.setToolTip("项目库的行数：打包项目和它的子项目各占一行；"
                                    "总览、月报和简报中打包项目计为1个")
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.database_label)

        context.statusMessage.connect(lambda text: self.statusBar().showMessage(text, MESSAGE_MS))
        context.filterChanged.connect(self._filter_changed)
        context.dataChanged.connect(self._data_changed)
        context.showRegister.connect(self._show_register)
        context.showProblems.connect(self._show_problems)
        context.projectOpened.connect(self.open_editor)
        context.newProjectRequested.connect(lambda: self.open_editor(None))
        self.update_count()
        self._restore()

    # --- menus -------------------------------------------------------------------------------

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        new = QAction("新建项目(&N)…", self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.triggered.connect(lambda: self.open_editor(None))
        file_menu.addAction(new)
        import_plan = QAction("导入规划文件(&I)…", self)
        import_plan.triggered.connect(self.open_import_dialog)
        file_menu.addAction(import_plan)
        import_register = QAction("导入项目清单(&L)…", self)
        import_register.triggered.connect(lambda: self.import_register())
        file_menu.addAction(import_register)
        backups = QAction("备份与恢复(&B)…", self)
        backups.triggered.connect(self.open_backup_dialog)
        file_menu.addAction(backups)
        file_menu.addSeparator()
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu("编辑(&E)")
        # a menu may show the command's text; the group follows the page shown (show_page)
        self.undo_action = self.context.undo_group.createUndoAction(self, "撤销")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.context.undo_group.createRedoAction(self, "重做")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        tools_menu = self.menuBar().addMenu("工具(&T)")
        thresholds = QAction("预警设置…", self)
        thresholds.triggered.connect(self.edit_thresholds)
        tools_menu.addAction(thresholds)
        checklist = QAction("前期手续清单…", self)
        checklist.triggered.connect(self.edit_checklist)
        tools_menu.addAction(checklist)

        view_menu = self.menuBar().addMenu("视图(&V)")
        columns = QAction("列设置…", self)
        columns.triggered.connect(self.show_column_chooser)
        view_menu.addAction(columns)
        view_menu.addSeparator()
        for spec in PAGES:
            action = QAction(spec.title, self)
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_page(key))
            view_menu.addAction(action)

    # Dialogs are imported when first opened: their modules are not needed to show the window.

    def open_import_dialog(self) -> None:
        from ui.extract.dialog import open_import_dialog

        open_import_dialog(self.context, self)

    def open_backup_dialog(self) -> None:
        from ui.backup_dialog import open_backup_dialog

        open_backup_dialog(self.context, self)

    def import_register(self, path=None):  # type: ignore[no-untyped-def]
        """文件 → 导入项目清单 (and the first-start choice): an office's own list, previewed
        before it is written; returns the :class:`ui.register_import.flow.RegisterImport`."""
        from ui.register_import.flow import RegisterImport

        importer = RegisterImport(self.context, self)
        importer.start(path)
        return importer

    def edit_thresholds(self) -> None:
        from ui.settings_dialog import ThresholdsDialog

        ThresholdsDialog(self.context, self).exec()

    def edit_checklist(self) -> None:
        from ui.checklist.dialog import ChecklistDialog

        ChecklistDialog(self.context, self).exec()

    # --- pages -------------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page of ``key``, built on first use."""
        page = self._pages.get(key)
        if page is None:
            spec = self._spec(key)
            page = create_page(spec, self.context, self.stack)
            slot = self._slots.pop(key)
            index = self.stack.indexOf(slot)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(slot)
            slot.deleteLater()
            self._pages[key] = page
            rows_reloaded = getattr(getattr(page, "model", None), "rowsReloaded", None)
            if key == "register" and rows_reloaded is not None:
                # the register counts its rows anyway: the status bar takes its count
                rows_reloaded.connect(self._show_count)
        return page

    def show_page(self, key: str) -> QWidget:
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        self.context.undo_group.setActiveStack(self.context.undo_stack_for(key))
        row = [spec.key for spec in PAGES].index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        return page

    def current_page_key(self) -> str:
        return PAGES[self.nav.currentRow()].key if self.nav.currentRow() >= 0 else DEFAULT_PAGE

    @staticmethod
    def _spec(key: str) -> PageSpec:
        for spec in PAGES:
            if spec.key == key:
                return spec
        raise KeyError(key)

    def _show_register(self, flt: ProjectFilter) -> None:
        self.show_page("register")
        self.context.set_filter(flt)

    def _show_problems(self, selection: object) -> None:
        page = self.show_page("problems")
        page.show_selection(selection)  # type: ignore[attr-defined]

    def show_column_chooser(self) -> None:
        page = self.show_page("register")
        page.show_column_chooser()  # type: ignore[attr-defined]

    # --- editor ------------------------------------------------------------------------------

    def open_editor(self, project_id: int | None):  # type: ignore[no-untyped-def]
        """Open the project editor on ``project_id`` (None: a new project); returns it."""
        from ui.editor.dialog import ProjectEditor

        editor = ProjectEditor(self.context, project_id, self)
        editor.open()
        return editor

    # --- status ------------------------------------------------------------------------------

    def update_count(self, *_args: object) -> None:
        with self.context.db.session() as session:
            shown = projects.count(session, self.context.filter)
            if self.context.filter.is_empty():
                self._total = shown
            elif self._total is None:
                self._total = projects.count(session)
        self._show_count(shown)

    def _show_count(self, shown: int) -> None:
        if self.context.filter.is_empty():
            self._total = shown
        total = self._total if self._total is not None else shown
        if shown == total:
            self.count_label.setText(f"共 {total} 个项目")
        else:
            self.count_label.setText(f"显示 {shown} / 共 {total} 个项目")

    def _filter_changed(self, *_args: object) -> None:
        # the register, once built, reloads on the same signal and reports its row count
        if "register" not in self._pages:
            self.update_count()

    def _data_changed(self) -> None:
        self._total = None  # projects may have been added or deleted
        self.update_count()

    # --- remembering the layout --------------------------------------------------------------

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and not geometry.isEmpty()
                and self.restoreGeometry(geometry)):
            self.setGeometry(first_geometry(self.screen().availableGeometry()))
        elif not self.isMaximized():
            self.setGeometry(clamp_geometry(self.geometry(), self.screen().availableGeometry()))
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        key = str(settings.value(PAGE_KEY, DEFAULT_PAGE))
        self.show_page(key if key in {s.key for s in PAGES} else DEFAULT_PAGE)

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        settings.setValue(PAGE_KEY, self.current_page_key())
        for page in self._pages.values():
            save = getattr(page, "save_state", None)
            if callable(save):
                save()
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
