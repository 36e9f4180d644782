"""Undoable changes to the database: the one mechanism every command on the undo stack uses.

In the spirit of Anki's ``CollectionOp``: a :class:`DatabaseCommand` runs each step (its redo,
its undo) in one transaction — an immediate one on SQLite, so that a step's stale-edit check
and its write cannot be split by another process's write — and then

- when the step is refused — the database raised, the data changed since it was shown
  (:class:`~portfolio.concurrency.StaleEdit`: the pages then reload), or the step raised one
  of the command's
  :attr:`~DatabaseCommand.refusals` — nothing was written: the command is made obsolete, so the
  undo stack never holds a change that did not happen, and the refusal is reported once
  (:meth:`~DatabaseCommand.refused`, in the status bar unless a subclass says where);
- when it was written, the command's own follow-up runs (:meth:`~DatabaseCommand.applied`,
  e.g. a grid re-reading its rows) and every page is told through ``AppContext.dataChanged``
  (:meth:`~DatabaseCommand.changed`).

A command holds the context (and a subclass its model, through :meth:`~DatabaseCommand.weak`)
by weak reference only. The context owns the undo stacks, a stack owns its commands: a
command holding the context strongly would close a reference cycle through Qt's ownership,
which only Python's cyclic garbage collector can break — at an arbitrary later moment, in an
arbitrary order, when some of the Qt objects may be half deleted (PySide then crashes). With
weak references the context is freed the moment its last user lets go, and its stacks and
commands with it.

A subclass writes only its steps and, where needed, those three hooks::

    class RenameCommand(DatabaseCommand):
        refusals = (KeyError,)

        def redo(self) -> None:
            self.run(lambda session: rename(session, self.project_id, self.new))

        def undo(self) -> None:
            self.run(lambda session: rename(session, self.project_id, self.old))
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from PySide6.QtGui import QUndoCommand
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from portfolio.concurrency import StaleEdit
from ui.context import AppContext

T = TypeVar("T")


class Gone(RuntimeError):
    """What a command refers to was deleted (its window closed); nothing to run."""


class DatabaseCommand(QUndoCommand):
    """An undoable change whose every step is one database transaction."""

    #: What a step may raise to refuse a change (a database error always refuses it).
    refusals: ClassVar[tuple[type[Exception], ...]] = ()

    def __init__(self, context: AppContext, text: str) -> None:
        super().__init__(text)
        self._context_ref = weakref.ref(context)

    @property
    def _context(self) -> AppContext:
        """The window's context (held weakly, see the module docstring)."""
        return self.follow(self._context_ref)

    @staticmethod
    def weak(target: T) -> weakref.ReferenceType[T]:
        """A weak reference for a subclass to hold a page's object by (e.g. its model)."""
        return weakref.ref(target)

    @staticmethod
    def follow(reference: weakref.ReferenceType[T]) -> T:
        """The object of a weak reference; :class:`Gone` once it was deleted."""
        target = reference()
        if target is None:
            raise Gone("撤销记录所属的窗口已关闭")
        return target

    def run(self, step: Callable[[Session], Any]) -> bool:
        """Run ``step`` in one transaction; True when it was written.

        A refused step leaves the database untouched, makes the command obsolete and is
        reported by :meth:`refused`; a written one is followed by :meth:`applied` (given what
        ``step`` returned) and :meth:`changed`. A command whose window is gone runs nothing
        and is made obsolete; hooks that find their page gone are skipped."""
        refusals: tuple[type[Exception], ...] = (*self.refusals, StaleEdit, SQLAlchemyError)
        try:
            database = self._context.db
        except Gone:
            self.setObsolete(True)
            return False
        try:
            with database.transaction(immediate=True) as session:
                result = step(session)
        except refusals as error:
            self.setObsolete(True)
            with contextlib.suppress(Gone):
                self.refused(error)
                if isinstance(error, StaleEdit):
                    self.changed()  # the pages reload what the other user saved
            return False
        with contextlib.suppress(Gone):
            self.applied(result)
            self.changed()
        return True

    def refused(self, error: Exception) -> None:
        """Say why a step was refused (called once per refusal)."""
        self._context.show_message(f"保存失败：{error}")

    def applied(self, result: Any) -> None:
        """After a step was committed and before the pages are told; nothing by default."""

    def changed(self) -> None:
        """Tell every page that the data changed."""
        self._context.dataChanged.emit()


__all__ = ["DatabaseCommand", "Gone"]
