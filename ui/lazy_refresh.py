"""Refreshing a page only when someone can see it: the one "stale until shown" mechanism.

A page reads the database again when the context's filter, period or data change. A hidden
page need not: :class:`LazyRefresh` marks it stale instead, and refreshes it when it is next
shown. A visible page is refreshed at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, SignalInstance
from PySide6.QtWidgets import QWidget


class LazyRefresh(QObject):
    """Calls ``refresh`` when one of ``signals`` fires while ``page`` is visible, or when the
    page is next shown after one fired while it was hidden.

    ``stale`` starts True (the page has not been read); the page's refresh sets it False
    through :meth:`done` (so a refresh the page starts itself counts too).
    """

    def __init__(self, page: QWidget, refresh: Callable[[], None],
                 *signals: SignalInstance) -> None:
        super().__init__(page)
        self._page = page
        self._refresh = refresh
        self.stale = True
        for signal in signals:
            signal.connect(self.mark_stale)
        page.installEventFilter(self)

    def mark_stale(self, *_args: object) -> None:
        """The page's data changed: refresh now if it is visible, otherwise when shown."""
        self.stale = True
        if self._page.isVisible():
            self._refresh()

    def done(self) -> None:
        """The page has just been refreshed."""
        self.stale = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Show and self.stale:
            self._refresh()
        return False


__all__ = ["LazyRefresh"]
