"""Long report work off the GUI thread, with a cancellable progress dialog.

A :class:`Job` runs one function on a :class:`QThread`; the function gets a ``progress(done,
total)`` callback that raises :class:`exports.output.Cancelled` once the user has pressed 取消,
so the writer stops where it is and its temporary file is removed (the writers only replace
the target when they finish). The database is read through a session opened in the worker.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from exports.output import Cancelled, ExportError, ProgressFn

log = logging.getLogger(__name__)

Work = Callable[[ProgressFn], object]


class Job(QObject):
    """Runs ``work(progress)`` once; emits exactly one of succeeded / failed / cancelled."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, work: Work, expected: tuple[type[Exception], ...] = ()) -> None:
        super().__init__()
        self._work = work
        self._expected: tuple[type[Exception], ...] = (ExportError, ValueError, *expected)
        self._cancel = threading.Event()
        self._last = 0.0

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report (any thread)."""
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        now = time.monotonic()
        # a few updates a second are enough for a progress bar, and spare the event queue
        if done >= 0 and total > 0 and (now - self._last >= 0.05 or done >= total):
            self._last = now
            self.progressed.emit(done, total)

    @Slot()
    def run(self) -> None:
        try:
            if self._cancel.is_set():
                raise Cancelled
            result = self._work(self._progress)
        except Cancelled:
            self.cancelled.emit()
        except self._expected as error:
            self.failed.emit(str(error))
        except Exception as error:  # shown to the user, logged for the developers
            log.exception("report job failed")
            self.failed.emit(f"出现意外错误：{error}")
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


class JobRunner(QObject):
    """A job, its thread and its progress dialog, alive until the job ends."""

    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    def __init__(self, parent: QWidget | None, label: str, work: Work,
                 expected: tuple[type[Exception], ...] = ()) -> None:
        super().__init__(parent)
        self.job = Job(work, expected)
        self.worker_thread = QThread(self)
        self.job.moveToThread(self.worker_thread)
        self.dialog = QProgressDialog(label, "取消", 0, 0, parent)
        self.dialog.setWindowTitle("请稍候")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(self.succeeded)
        self.job.failed.connect(self.failed)
        self.job.cancelled.connect(self.cancelled)
        self.job.finished.connect(self._finished)
        self.worker_thread.started.connect(self.job.run)

    def start(self) -> None:
        self.worker_thread.start()

    def cancel(self) -> None:
        self.dialog.setLabelText("正在取消……")
        self.job.cancel()

    def _progressed(self, done: int, total: int) -> None:
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(min(done, total))

    def _finished(self) -> None:
        self.worker_thread.quit()
        self.worker_thread.wait()
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.done.emit()
        self.deleteLater()

    def wait(self, msecs: int = 60000) -> bool:
        """For tests: block until the thread has ended."""
        return self.worker_thread.wait(msecs)
