"""Qt's own words in Chinese: standard buttons, the calendar, context menus, file dialogs.

Our own labels are written in Chinese, but Qt draws some text itself — a QMessageBox's
是/否, a QDialogButtonBox's 确定/取消/关闭, the month and weekday names of QCalendarWidget and
QDateEdit, the 撤销/复制/粘贴 menu of a line edit. Those come from the ``qtbase_zh_CN.qm``
catalogue that ships with PySide6 and from the default QLocale, whatever the language of
Windows the office runs.

The catalogue is looked for where Qt says its translations live, then beside the PySide6
package (the frozen build keeps it under ``PySide6/Qt/translations``); a missing catalogue
is not fatal, the buttons then read in English.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

LOCALE_NAME = "zh_CN"
#: Qt's catalogues we load, in this order; qtbase covers every widget we use.
CATALOGUES: tuple[str, ...] = ("qtbase",)

def chinese_locale() -> QLocale:
    return QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedChineseScript,
                   QLocale.Country.China)


def translation_folders() -> list[Path]:
    """Folders that may hold Qt's ``.qm`` files, best first."""
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    import PySide6

    folders.append(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base is not None:
        folders.append(Path(frozen_base) / "PySide6" / "Qt" / "translations")
    return list(dict.fromkeys(folders))


def find_catalogue(name: str) -> Path | None:
    """The ``NAME_zh_CN.qm`` file of one of Qt's catalogues, or None."""
    for folder in translation_folders():
        candidate = folder / f"{name}_{LOCALE_NAME}.qm"
        if candidate.is_file():
            return candidate
    return None


def install_chinese(app: QCoreApplication) -> list[Path]:
    """Make Chinese the default locale and load Qt's Chinese catalogues into ``app``.

    Call once per application (:func:`ui.app.configure_application` does). Returns the
    catalogue files loaded; an empty list means Qt's own words stay English.
    """
    QLocale.setDefault(chinese_locale())
    loaded = []
    for name in CATALOGUES:
        path = find_catalogue(name)
        translator = QTranslator(app)  # owned by the application, lives as long as it
        if path is None or not translator.load(str(path)):
            log.warning("Qt's %s catalogue for %s not found", name, LOCALE_NAME)
            translator.deleteLater()
            continue
        app.installTranslator(translator)
        loaded.append(path)
    return loaded
