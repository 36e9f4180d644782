"""One store for the settings shared by everyone using a database.

The ``settings`` table holds plain ``key → text`` rows. Each group of settings is a dataclass
whose fields are stored under ``prefix + field name`` and read back by the field's type
(``str``, ``int`` or ``Decimal``), so the warning thresholds (:mod:`portfolio.alerts`) and the
report settings (:mod:`exports.report_settings`) are read and written the same way. A
missing or unreadable row leaves the field at its default: a hand-edited database never
stops the program from starting; a group with a ``validate()`` method (raising ``ValueError``
when its values make no sense together, as the thresholds and the approvals checklist have)
is read all-default when the stored values fail it. Saving writes only what changed, through
the session, so each change is audited like any other. A dialog saves against what it loaded
(:func:`check_unchanged`), so two users never silently overwrite each other's settings.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Setting
from portfolio.concurrency import StaleEdit, last_record_change, lock_rows, stale_message

T = TypeVar("T")

#: How a stored text becomes a field's value, by the field's type.
_READERS: dict[Any, Callable[[str], object]] = {str: str, int: int, Decimal: Decimal}


def load(session: Session, kind: type[T], prefix: str) -> T:
    """The settings of dataclass ``kind`` stored under ``prefix``; defaults for the rest, and
    all defaults when ``kind`` has a ``validate()`` that the stored values fail."""
    stored = dict(
        session.execute(select(Setting.key, Setting.value).where(Setting.key.like(f"{prefix}%")))
        .all()
    )
    types = typing.get_type_hints(kind)
    values: dict[str, object] = {}
    for field in dataclasses.fields(kind):  # type: ignore[arg-type]
        text = stored.get(prefix + field.name)
        if text is None:
            continue
        try:
            values[field.name] = _READERS[types[field.name]](text)
        except (InvalidOperation, ValueError):
            continue
    loaded = kind(**values)
    validate = getattr(loaded, "validate", None)
    if validate is not None:
        try:
            validate()
        except ValueError:
            return kind()
    return loaded


def check_unchanged(session: Session, prefix: str, expected: T, read: Callable[[Session], T],
                    name: str, labels: Mapping[str, str]) -> None:
    """Raise :class:`~portfolio.concurrency.StaleEdit` unless the settings under ``prefix``,
    as ``read`` gives them, still equal ``expected`` (what the user's dialog loaded): another
    user saved them meanwhile. The message names ``name`` (e.g. 预警设置), the changed
    fields by ``labels``, who changed them and when. The rows stay locked until the caller's
    transaction ends, so the save that follows cannot interleave with another."""
    lock_rows(session, select(Setting.key).where(Setting.key.like(f"{prefix}%")))
    current = read(session)
    changed = [f.name for f in dataclasses.fields(expected)  # type: ignore[arg-type]
               if getattr(current, f.name) != getattr(expected, f.name)]
    if changed:
        change = last_record_change(session, "settings", [prefix + k for k in changed])
        raise StaleEdit(stale_message(name, [labels.get(k, k) for k in changed], change),
                        None, changed)


def save(session: Session, settings: object, prefix: str) -> None:
    """Store every field of the dataclass ``settings`` under ``prefix`` (changed rows only)."""
    for field in dataclasses.fields(settings):  # type: ignore[arg-type]
        key = prefix + field.name
        text = str(getattr(settings, field.name)).strip()
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=text))
        elif row.value != text:
            row.value = text
    session.flush()


__all__ = ["check_unchanged", "load", "save"]
