"""Starting the desktop program: the QApplication, fonts, the database and the main window."""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QSize, QTimer
from PySide6.QtWidgets import QApplication

from db.session import Database, DatabaseOpenError
from portfolio.startup import open_prepared
from ui.context import AppContext
from ui.fonts import ensure_cjk_font
from ui.main_window import MainWindow
from ui.translation import install_chinese

ORGANIZATION = "xiangmuku"
APPLICATION = "项目库"


def configure_application(app: QApplication) -> None:
    """Names for QSettings, a font that shows Chinese and Qt's own words in Chinese; safe to
    call more than once."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    if not app.property("xiangmuku_configured"):
        ensure_cjk_font(app)
        install_chinese(app)
        app.setProperty("xiangmuku_configured", True)


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created and configured when there is none."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_application(app)
    return app


def build_main_window(db: Database, size: QSize | None = None) -> MainWindow:
    """The main window on ``db``, not shown and without running the event loop."""
    configure_application(application())
    context = AppContext(db)
    window = MainWindow(context)
    context.setParent(window)
    if size is not None:
        window.resize(size)
    return window


def show_unexpected_error(kind: type[BaseException], error: BaseException,
                          traceback: TracebackType | None) -> None:
    """``sys.excepthook`` of the window: log the traceback, show one Chinese sentence."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, traceback)
        return
    from PySide6.QtWidgets import QMessageBox

    from db import crash_log

    path = crash_log.record(error, "window", traceback)
    QMessageBox.critical(None, APPLICATION, crash_log.internal_error_message(error, path))


def open_or_recover(db_url: str | None) -> Database | None:
    """The database; when it fails its check at start, the offer of the latest good backup
    (:func:`ui.backup_dialog.recover_on_start`); None, after saying why, when it stays shut."""
    from PySide6.QtWidgets import QMessageBox

    try:
        return open_prepared(db_url)
    except DatabaseOpenError as error:  # shown in a window: there may be no console
        message = str(error)
    from db.backup import BackupError
    from db.session import resolve_url
    from ui.backup_dialog import recover_on_start

    try:
        if recover_on_start(resolve_url(db_url)):
            return open_prepared(db_url)
    except (DatabaseOpenError, BackupError, ValueError) as error:
        message = str(error)
    QMessageBox.critical(None, APPLICATION, message)
    return None


def run_app(db_url: str | None) -> int:
    app = application()
    sys.excepthook = show_unexpected_error
    db = open_or_recover(db_url)
    if db is None:
        return 1
    window = build_main_window(db)
    window.show()
    from ui.first_start import offer_first_start

    QTimer.singleShot(0, lambda: offer_first_start(window))  # over the painted window
    try:
        return app.exec()
    finally:
        db.dispose()
