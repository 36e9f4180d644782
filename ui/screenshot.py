"""Rendering a view of the main window to a PNG without a screen (docs, reviews, CI).

The window is built at the requested size on Qt's ``offscreen`` platform with settings in a
throw-away folder, so that a screenshot neither depends on nor changes the user's layout.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

VIEWS: tuple[str, ...] = (
    "register", "project", "overview", "monthly", "problems", "gantt", "budget", "ranking",
    "campaign", "targets",
)


#: The project editor's tabs by the names ``--tab`` takes (their Chinese titles work too).
EDITOR_TABS: dict[str, str] = {
    "info": "项目信息", "sources": "来源", "plans": "年度计划", "approvals": "前期手续",
    "funds": "资金到位", "photos": "现场照片",
}


class ScreenshotSizeError(ValueError):
    """The view cannot be drawn whole at the requested size; the message is Chinese."""


def view_title(view: str) -> str:
    """The Chinese name of ``view`` for messages."""
    if view == "project":
        return "项目编辑窗口"
    from ui.pages import PAGES

    return next((f"“{spec.title}”页面" for spec in PAGES if spec.key == view), view)


def check_fits(widget, view: str, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    """Raise :class:`ScreenshotSizeError` when ``widget`` cannot shrink to ``width`` ×
    ``height``: Qt would silently draw it larger, or cut it off."""
    least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    if least.width() > width or least.height() > height:
        raise ScreenshotSizeError(
            f"窗口最小尺寸为 {least.width()}×{least.height()}，大于要求的 {width}×{height}："
            f"{view_title(view)}无法在此尺寸下完整显示"
        )
    if (widget.width(), widget.height()) != (width, height):
        raise ScreenshotSizeError(
            f"窗口实际尺寸为 {widget.width()}×{widget.height()}，不是要求的 {width}×{height}："
            f"{view_title(view)}无法按此尺寸绘制"
        )


def use_offscreen_platform() -> None:
    """Render offscreen unless a platform was chosen; must run before the QApplication."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _settle(rounds: int = 5) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):
        QApplication.processEvents()


def render(db_url: str | None, view: str, output: Path, width: int, height: int, *,
           tab: str | None = None, project_id: int | None = None) -> Path:
    """Draw ``view`` into ``output`` (PNG) at exactly ``width`` × ``height`` pixels.

    For ``project``: the editor of ``project_id`` (else of the register's first row), on
    ``tab`` (a key of :data:`EDITOR_TABS` or a tab's title; else the first tab).
    Raises :class:`ScreenshotSizeError`, writing nothing, when the view needs more room, and
    ValueError (Chinese) for an unknown view, tab or project.
    """
    if view not in VIEWS:
        raise ValueError(f"未知的视图“{view}”，可选：{'、'.join(VIEWS)}")
    if (tab is not None or project_id is not None) and view != "project":
        raise ValueError("--tab 和 --project 只用于 project（项目编辑窗口）")
    title = EDITOR_TABS.get(tab, tab) if tab is not None else None
    use_offscreen_platform()
    from PySide6.QtCore import QSettings, QSize, Qt

    from portfolio.startup import open_prepared
    from ui.app import application, build_main_window

    app = application([sys.argv[0] if sys.argv else "portfolio"])
    with tempfile.TemporaryDirectory(prefix="xiangmuku-shot-") as settings_dir:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir
        )
        with open_prepared(db_url) as db:
            window = build_main_window(db, QSize(width, height))
            window.show_page("register" if view == "project" else view)
            window.show()
            _settle()
            try:
                check_fits(window, view, width, height)
                pixmap = window.grab()
                if view == "project":
                    editor = (_first_project_editor(window) if project_id is None
                              else _project_editor(window, project_id))
                    if editor is not None:
                        if title is not None:
                            _show_tab(editor, title)
                        size = (min(1000, width - 80), min(780, height - 60))
                        editor.resize(*size)
                        editor.show()
                        _settle()
                        try:
                            check_fits(editor, view, *size)
                            _draw_dialog(pixmap, editor)
                        finally:
                            editor.close()
                output.parent.mkdir(parents=True, exist_ok=True)
                if not pixmap.save(str(output), "PNG"):
                    raise OSError(f"无法写入图片：{output}")
            finally:
                window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
                window.hide()
                window.deleteLater()
                _settle(1)
    del app
    return output


def _draw_dialog(pixmap, dialog) -> None:  # type: ignore[no-untyped-def]
    """Paint ``dialog`` over the dimmed window, with a plain title bar (offscreen has none)."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QPainter, QPen

    shot = dialog.grab()
    title_height = dialog.fontMetrics().height() + 14
    x = (pixmap.width() - shot.width()) // 2
    y = max((pixmap.height() - shot.height() - title_height) // 2, 0) + title_height
    painter = QPainter(pixmap)
    painter.fillRect(pixmap.rect(), QColor(0, 0, 0, 90))
    bar = QRect(x, y - title_height, shot.width(), title_height)
    painter.fillRect(bar, dialog.palette().window().color().darker(112))
    painter.setPen(dialog.palette().windowText().color())
    painter.setFont(dialog.font())
    painter.drawText(
        bar.adjusted(12, 0, -12, 0), Qt.AlignmentFlag.AlignVCenter, dialog.windowTitle()
    )
    painter.drawPixmap(x, y, shot)
    painter.setPen(QPen(QColor(0, 0, 0, 120)))
    painter.drawRect(QRect(x, y - title_height, shot.width() - 1, shot.height() + title_height - 1))
    painter.end()


def _show_tab(editor, title: str) -> None:  # type: ignore[no-untyped-def]
    """Bring the editor's tab whose title starts with ``title`` ("现场照片（5）") forward."""
    tabs = editor.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    found = next((i for i, text in enumerate(titles) if text.startswith(title)), None)
    if found is None:
        editor.close()
        raise ValueError(f"项目编辑窗口没有“{title}”选项卡，可选：{'、'.join(titles)}")
    tabs.setCurrentIndex(found)


def _project_editor(window, project_id: int):  # type: ignore[no-untyped-def]
    """The editor of ``project_id``; ValueError when there is no such project."""
    from portfolio import projects

    with window.context.db.session() as session:
        try:
            projects.load(session, project_id)
        except KeyError:
            raise ValueError(f"没有项目ID为 {project_id} 的项目") from None
    return window.open_editor(project_id)


def _first_project_editor(window):  # type: ignore[no-untyped-def]
    """The editor on the register's first row (None on an empty register)."""
    page = window.page("register")
    if page.model.rowCount() == 0:
        return None
    project_id = page.model.project_id(0)
    page.view.selectRow(0)
    return window.open_editor(project_id)
