"""The audit log: every change made through a session is recorded field by field.

One listener on the session, not code in every service, so that no path that edits the
database can forget to log. Rows go into ``audit_log`` in the same transaction as the change.
"""

from __future__ import annotations

import datetime as dt
import getpass
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from db.models import AuditEntry, Base

_SKIPPED_FIELDS = {"search_key", "updated_at", "created_at", "catalog_hash", "version"}
_NOT_AUDITED = {"audit_log"}


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some Windows service accounts
        return "unknown"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, bytes):  # a stored photo: its size, not its bytes
        return f"（{len(value)}字节）"
    return str(value)


def _table_name(obj: Base) -> str:
    return obj.__table__.name


def _project_id(obj: Base) -> int | None:
    if _table_name(obj) == "projects":
        return obj.id  # type: ignore[attr-defined]
    return getattr(obj, "project_id", None)


def _record_id(obj: Base) -> str:
    # the primary key attributes, which inserted rows already hold in after_flush (their
    # identity key is only assigned later)
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join("" if part is None else str(part) for part in key)


def _log_order(obj: Base) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """Table, then primary key (numbers as numbers), for a log in the same order every time."""
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return _table_name(obj), tuple(
        (0, part, "") if isinstance(part, int) else (1, 0, "" if part is None else str(part))
        for part in key)


def _rows_for(obj: Base, action: str, user: str, at: dt.datetime) -> list[dict[str, Any]]:
    table = _table_name(obj)
    if table in _NOT_AUDITED:
        return []
    state = inspect(obj)
    base = {
        "at": at,
        "user": user,
        "action": action,
        "table_name": table,
        "record_id": _record_id(obj),
        "project_id": _project_id(obj),
    }
    rows = []
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _SKIPPED_FIELDS:
            continue
        history = state.attrs[key].history
        if action == "update":
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old == new:
                continue
        elif action == "insert":
            old, new = None, getattr(obj, key)
            if new is None or new == "":
                continue
        else:
            old, new = getattr(obj, key), None
            if old is None or old == "":
                continue
        rows.append({**base, "field": key, "old_value": _text(old), "new_value": _text(new)})
    if not rows and action != "update":
        rows.append({**base, "field": "", "old_value": None, "new_value": None})
    return rows


def _after_flush(session: Session, _context: Any) -> None:
    user = session.info.get("user") or current_user()
    at = dt.datetime.now().replace(microsecond=0)
    rows: list[dict[str, Any]] = []
    # the session's sets have no order: the log's does (one flush may hold a whole import)
    for obj in sorted(session.new, key=_log_order):
        rows += _rows_for(obj, "insert", user, at)
    for obj in sorted(session.dirty, key=_log_order):
        if session.is_modified(obj, include_collections=False):
            rows += _rows_for(obj, "update", user, at)
    for obj in sorted(session.deleted, key=_log_order):
        rows += _rows_for(obj, "delete", user, at)
    if rows:
        session.connection().execute(insert(AuditEntry.__table__), rows)


def record(session: Session, action: str, table: str, record_id: str, note: str) -> None:
    """Log an event that is not a field change, such as locking or reopening a month."""
    session.execute(
        insert(AuditEntry.__table__),
        [
            {
                "at": dt.datetime.now().replace(microsecond=0),
                "user": session.info.get("user") or current_user(),
                "action": action,
                "table_name": table,
                "record_id": record_id,
                "project_id": None,
                "field": "",
                "old_value": None,
                "new_value": note,
            }
        ],
    )


def install(session_class: type[Session] | Any) -> None:
    """Attach the audit listener to a sessionmaker (or Session class)."""
    event.listen(session_class, "after_flush", _after_flush)
