"""State shared by every page of the main window, and the signals that keep pages in step."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

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
    - ``showProblems``: switch to the 问题台账 listing these problems (a ``ProblemSelection``).
    - ``newProjectRequested``: open the editor on a new, empty project.
    - ``statusMessage``: a short Chinese message for the status bar (e.g. why an edit was refused).

    Undo: each page that edits keeps its own history (:meth:`undo_stack_for`), so undoing on
    one page never arms 重做 on another; the stacks are in one ``undo_group`` whose active
    stack, set by the main window to the page shown, is what 编辑 → 撤销/重做 act on.
    Changes to projects made outside a page's grid (the project editor, an import of
    planning documents) go on the register's stack, :attr:`undo_stack`.
    """

    filterChanged = Signal(object)
    orderChanged = Signal(str, bool)
    periodChanged = Signal(object)
    projectSelected = Signal(int)
    projectOpened = Signal(int)
    dataChanged = Signal()
    showRegister = Signal(object)
    showProblems = Signal(object)
    newProjectRequested = Signal()
    statusMessage = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}
        self._filter = ProjectFilter()
        self._sort: tuple[str, bool] = ("id", False)
        self._period = Period.current().previous()
        self._selected = -1

    #: the page whose stack holds changes to projects (and pages without a history of their own)
    PROJECTS_PAGE = "register"
    #: pages with a history of their own
    EDITING_PAGES = ("register", "monthly", "problems")

    def undo_stack_for(self, page: str) -> QUndoStack:
        """The undo history of ``page`` (a key of ``ui.pages.PAGES``); a page that edits
        nothing itself shares the register's, where the project editor's changes go."""
        key = page if page in self.EDITING_PAGES else self.PROJECTS_PAGE
        stack = self._stacks.get(key)
        if stack is None:
            stack = QUndoStack(self)
            self.undo_group.addStack(stack)
            self._stacks[key] = stack
        return stack

    @property
    def undo_stack(self) -> QUndoStack:
        """The register's history: changes to projects themselves."""
        return self.undo_stack_for(self.PROJECTS_PAGE)

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
