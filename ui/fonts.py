"""Chinese fonts for the interface: the system's when it has one, the shipped ones otherwise.

Windows and most Linux desktops have a CJK font, but minimal installs and Qt's ``offscreen``
platform (screenshots, tests, CI) have none, and Chinese then renders as boxes. The program
ships WenQuanYi Micro Hei (sans, for the interface) and AR PL UMing (a Ming/Song face).
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

import resources

log = logging.getLogger(__name__)

SHIPPED_FONTS: tuple[str, ...] = ("wqy-microhei.ttc", "uming.ttc")

#: Interface families, best first; the first one installed becomes the application font.
PREFERRED_FAMILIES: tuple[str, ...] = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Noto Sans SC",
    "SimHei",
)

_registered: list[str] = []


def cjk_families() -> list[str]:
    """Installed (or registered) families that can write simplified Chinese."""
    return QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def register_shipped_fonts() -> list[str]:
    """Add the shipped fonts to the application's font database (once); their families."""
    if not _registered:
        for name in SHIPPED_FONTS:
            font_id = QFontDatabase.addApplicationFont(str(resources.path("fonts", name)))
            if font_id < 0:
                log.warning("cannot load shipped font %s", name)
                continue
            _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(_registered)


def ensure_cjk_font(app: QGuiApplication) -> str:
    """Make sure Chinese renders; returns the interface family chosen.

    The shipped fonts are registered when the system has no CJK family, and always on the
    ``offscreen`` platform, which sees no system fonts worth trusting.
    """
    available = cjk_families()
    if not available or app.platformName() == "offscreen":
        register_shipped_fonts()
        available = cjk_families()
    family = next((f for f in PREFERRED_FAMILIES if f in available), None)
    if family is None and available:
        family = available[0]
    if family is None:  # the shipped files are missing: nothing better to do than warn
        log.warning("no font can show Chinese; text may render as boxes")
        return app.font().family()
    font = QFont(app.font())
    font.setFamilies([family, *[f for f in font.families() if f != family]])
    if font.pointSizeF() < 9:
        font.setPointSizeF(9)
    app.setFont(font)
    return family
