"""Reading a page of the Gantt's lines ahead, on a worker thread, in its own session.

The model starts a :class:`PageReader` for the pages either side of the one just read; the
result comes back to the model's thread through a :class:`Courier` signal, and the
:class:`ReadJob` lets the interface thread wait for a page already under way instead of reading
it a second time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, QRunnable, Signal

from db.session import Database
from portfolio import timeline
from portfolio.periods import Period
from portfolio.timeline import GanttRow

log = logging.getLogger(__name__)


class Courier(QObject):
    """Carries a page read on a worker thread back to the model's thread."""

    loaded = Signal(int, int, object)  # generation, page number, dict[int, GanttRow]


class ReadJob:
    """One page being read ahead: the interface thread may wait for it instead of reading
    the same page a second time."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.rows: dict[int, GanttRow] | None = None


class PageReader(QRunnable):
    """Reads one page of figures in its own session, off the interface thread."""

    def __init__(self, courier: Courier, job: ReadJob, db: Database, period: Period,
                 generation: int, number: int, ids: Sequence[int]) -> None:
        super().__init__()
        self._courier = courier
        self._job = job
        self._args = (db, period, generation, number, list(ids))

    def run(self) -> None:
        db, period, generation, number, ids = self._args
        try:
            with db.session() as session:
                self._job.rows = timeline.gantt_rows(session, period, ids)
        except Exception:  # the database closed or changed under us: read it when needed
            log.debug("read-ahead of page %s failed", number, exc_info=True)
        self._job.done.set()
        self._courier.loaded.emit(generation, number, self._job.rows)
