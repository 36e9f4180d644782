"""Starting the desktop program: the QApplication, fonts, the database and the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSize, QTimer
from PySide6.QtWidgets import QApplication

from db.session import Database, DatabaseOpenError
from portfolio.startup import open_prepared
from ui.context import AppContext
from ui.fonts import ensure_cjk_font
from ui.main_window import MainWindow

ORGANIZATION = "xiangmuku"
APPLICATION = "项目库"


def configure_application(app: QApplication) -> None:
    """Names for QSettings and a font that shows Chinese; safe to call more than once."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    if not app.property("xiangmuku_configured"):
        ensure_cjk_font(app)
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


def run_app(db_url: str | None) -> int:
    app = application()
    try:
        db = open_prepared(db_url)
    except DatabaseOpenError as error:  # shown in a window: there may be no console
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, APPLICATION, str(error))
        return 1
    window = build_main_window(db)
    window.show()
    from ui.first_start import offer_first_start

    QTimer.singleShot(0, lambda: offer_first_start(window))  # over the painted window
    try:
        return app.exec()
    finally:
        db.dispose()
