"""State shared by every page of the main window, and the signals that keep pages in step."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from db.queries import ProjectFilter
from db.session import Database
from portfolio.periods import Period


class AppContext(QObject):
    """One per main window. Pages read the database through ``db`` and listen to the signals.

    - ``filterChanged``: the register's filter (search text and filter choices) changed; every
      page that lists projects (monthly grid, Gantt, budget, overview) follows it.
    - ``orderChanged``: the register's sort changed (the Gantt follows the register's order).
    - ``periodChanged``: the reporting month changed.
    - ``projectSelected``: a project was selected in any view (id, or -1 for none).
    - ``projectOpened``: a project should be opened in the editor.
    - ``dataChanged``: the database was changed by an edit, an undo or an import; pages reload.
    - ``showRegister``: switch to the register with this filter (e.g. clicking an overview figure).
    - ``newProjectRequested``: open the editor on a new, empty project.
    - ``statusMessage``: a short Chinese message for the status bar (e.g. why an edit was refused).
    """

    filterChanged = Signal(object)
    orderChanged = Signal(str, bool)
    periodChanged = Signal(object)
    projectSelected = Signal(int)
    projectOpened = Signal(int)
    dataChanged = Signal()
    showRegister = Signal(object)
    newProjectRequested = Signal()
    statusMessage = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)
        self._filter = ProjectFilter()
        self._sort: tuple[str, bool] = ("id", False)
        self._period = Period.current().previous()
        self._selected = -1

    @property
    def filter(self) -> ProjectFilter:
        return self._filter

    def set_filter(self, flt: ProjectFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.filterChanged.emit(flt)

    @property
    def sort(self) -> tuple[str, bool]:
        return self._sort

    def set_sort(self, key: str, descending: bool) -> None:
        if (key, descending) != self._sort:
            self._sort = (key, descending)
            self.orderChanged.emit(key, descending)

    @property
    def period(self) -> Period:
        return self._period

    def set_period(self, period: Period) -> None:
        if period != self._period:
            self._period = period
            self.periodChanged.emit(period)

    @property
    def selected_project(self) -> int:
        return self._selected

    def select_project(self, project_id: int) -> None:
        if project_id != self._selected:
            self._selected = project_id
            self.projectSelected.emit(project_id)

    def show_message(self, text: str) -> None:
        """Tell the user something in the status bar of the main window."""
        self.statusMessage.emit(text)
