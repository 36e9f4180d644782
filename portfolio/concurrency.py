"""No lost update between two users: a save made from data someone else has changed since is
refused with :class:`StaleEdit`, whose Chinese message names the project, the field, who
changed it and when (from the audit log).

Two mechanisms, one error. Rows a user edits as a whole (projects, annual plans, monthly
reports) carry a version (:func:`db.models.version_column`): every ORM update says ``WHERE
version = <the version read>``, so two transactions can never both write from the same read.
Edits of single cells carry the value they were edited from, and the save checks the stored
value still equals it; so do the annual-plan grid (:mod:`portfolio.plans.guard`), the settings
(:func:`portfolio.settings.check_unchanged`), the briefing's 下步工作, 资金到位 and the
问题台账, whose saves take an ``expected``. Both checks run in the writing transaction, after
:func:`lock_projects` or :func:`lock_rows` (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite
the transaction holds the write lock when it is opened with
``Database.transaction(immediate=True)``).

The 前期手续 (:func:`portfolio.approvals.update_step`, ``approval_checklist.save``) take an
``expected`` too. A submitted month refuses figures saved from a grid loaded before, naming
who submitted it (:mod:`portfolio.monthly.locking`), and adopting catalogue entries, which
inserts rows no lock can hold yet, runs one adoption at a time (:func:`serialise`) and names
who adopted an entry first (:mod:`portfolio.catalog.adopters`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from db.models import AuditEntry, Project
from db.queries import chunked

RELOAD_HINT = "您的修改未保存。请重新载入后再改。"

#: The ``expected`` of an edit that does not check what it replaces.
UNCHECKED: object = type("Unchecked", (), {"__repr__": lambda _self: "UNCHECKED"})()


class StaleEdit(ValueError):
    """A save refused because the data changed since it was loaded; the message is Chinese.

    ``project_id`` and ``fields`` (the changed fields' keys) say what to reload."""

    def __init__(self, message: str, project_id: int | None = None,
                 fields: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.project_id = project_id
        self.fields = tuple(fields)


#: Where a changed field is found in the audit log: (table, column or None for any column).
AuditPlace = tuple[str, str | None]


def last_change(session: Session, project_id: int,
                places: Iterable[AuditPlace], record_id: str | None = None) -> AuditEntry | None:
    """The newest audit entry of ``project_id`` at one of ``places`` (of ``record_id`` only,
    when given, for the tables other than ``projects``)."""
    conditions = []
    for table, column in places:
        condition = AuditEntry.table_name == table
        if column is not None:
            condition = and_(condition, AuditEntry.field == column)
        if record_id is not None and table != "projects":
            condition = and_(condition, AuditEntry.record_id == record_id)
        conditions.append(condition)
    if not conditions:
        return None
    return session.scalar(
        select(AuditEntry)
        .where(AuditEntry.project_id == project_id, or_(*conditions))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )


def last_record_change(session: Session, table: str,
                       record_ids: Iterable[str]) -> AuditEntry | None:
    """The newest audit entry of the rows ``record_ids`` of ``table``: for records that belong
    to no project (settings, notes of a period)."""
    return session.scalar(
        select(AuditEntry)
        .where(AuditEntry.table_name == table, AuditEntry.record_id.in_(list(record_ids)))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )


def lock_rows(session: Session, query: Select[Any]) -> None:
    """Hold the rows ``query`` selects until the transaction ends (``SELECT … FOR UPDATE`` on
    PostgreSQL; a no-op on SQLite, as :func:`lock_projects`)."""
    if session.get_bind().dialect.name != "sqlite":
        session.execute(query.with_for_update()).all()


def stale_message(name: str, labels: Sequence[str], change: AuditEntry | None) -> str:
    """「项目」的「字段」已被 张三 于 2026-12-04 14:03 修改，您的修改未保存。请重新载入后再改。"""
    fields = "、".join(f"「{label}」" for label in labels) or "数据"
    if change is None:
        who = "已被他人修改"
    else:
        who = f"已被 {change.user} 于 {change.at:%Y-%m-%d %H:%M} 修改"
    return f"「{name}」的{fields}{who}，{RELOAD_HINT}"


def lock_projects(session: Session, project_ids: Iterable[int]) -> None:
    """Hold the rows of ``project_ids`` until the transaction ends (``SELECT … FOR UPDATE`` in
    id order, so two writers never wait on each other crosswise). A no-op on SQLite, where an
    immediate transaction already holds the database's write lock."""
    ids = sorted(set(project_ids))
    if not ids or session.get_bind().dialect.name == "sqlite":
        return
    for chunk in chunked(ids):
        session.execute(
            select(Project.id).where(Project.id.in_(chunk)).order_by(Project.id).with_for_update()
        ).all()


def serialise(session: Session, name: str) -> None:
    """Make the transactions that call this with ``name`` run one after the other, from here
    to their end, for a check-then-write that no row lock covers (rows not yet inserted).

    PostgreSQL: a transaction-scoped advisory lock keyed on ``name``. SQLite: the database's
    write lock, taken now (``BEGIN IMMEDIATE``) unless the transaction began already — then
    it was opened immediate (:meth:`db.session.Database.transaction`) or has written, and
    holds that lock. Either way what the caller reads next is what the last writer committed.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if raw is not None and not getattr(raw, "in_transaction", True):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    key = int.from_bytes(digest, "big", signed=True)
    session.execute(select(func.pg_advisory_xact_lock(key)))
