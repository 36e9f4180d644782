"""Who adopted a catalogue entry and when, so that a second adoption of the same entry (two users
at once, or from a list loaded before) can say "already adopted by 张三 at …".

Adopting inserts projects in bulk, past the ORM's per-field audit; :func:`record` writes one
audit entry per adopted project instead (``projects.catalog_key``, action ``insert``), in the
adopting transaction. Projects adopted before that entry existed fall back to their
``created_at`` and an unnamed user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db import audit
from db.models import AuditEntry, Project
from db.queries import chunked


@dataclass(frozen=True)
class Adopter:
    """Who adopted an entry (empty when unknown) and when, and the project's 编号."""

    user: str
    at: dt.datetime | None
    project_id: int | None = None

    @property
    def text(self) -> str:
        """"张三 于 2026-12-05 09:01" (or "他人" without a known user)."""
        who = self.user or "他人"
        return f"{who} 于 {self.at:%Y-%m-%d %H:%M}" if self.at is not None else who


def record(session: Session, project_ids: Mapping[str, int]) -> None:
    """Audit the adoption of each entry key → new project id of ``project_ids``."""
    if not project_ids:
        return
    user = session.info.get("user") or audit.current_user()
    at = dt.datetime.now().replace(microsecond=0)
    session.execute(insert(AuditEntry.__table__), [
        {"at": at, "user": user, "action": "insert", "table_name": "projects",
         "record_id": str(pid), "project_id": pid, "field": "catalog_key", "old_value": None,
         "new_value": key}
        for key, pid in project_ids.items()])


def adopters(session: Session, keys: Collection[str]) -> dict[str, Adopter]:
    """Who adopted each of the entries ``keys`` that the register holds, and when (in the
    order of ``keys``)."""
    found: dict[str, Adopter] = {}
    for chunk in chunked(sorted(keys)):
        projects = {pid: (str(key), created) for key, pid, created in session.execute(
            select(Project.catalog_key, Project.id, Project.created_at)
            .where(Project.catalog_key.in_(chunk)))}
        for project_id, (key, created) in projects.items():
            found[key] = Adopter("", created, project_id)
        for pid, user, at in session.execute(
                select(AuditEntry.project_id, AuditEntry.user, AuditEntry.at)
                .where(AuditEntry.project_id.in_(list(projects)),
                       AuditEntry.table_name == "projects",
                       AuditEntry.field == "catalog_key", AuditEntry.action == "insert")
                .order_by(AuditEntry.id)):
            if pid in projects:  # always: the query asks for these projects only
                found[projects[pid][0]] = Adopter(user, at, pid)  # the newest adoption wins
    return {key: found[key] for key in keys if key in found}


def already_message(adopted_by: Mapping[str, Adopter]) -> str:
    """"2 个条目已由 张三 于 2026-12-05 09:01 纳入项目库，未重复纳入：甲、乙" — one clause per
    adopter, names as the catalogue writes them (after the ``#`` of the key)."""
    groups: dict[str, list[str]] = {}
    for key, adopter in adopted_by.items():
        groups.setdefault(adopter.text, []).append(key.partition("#")[2] or key)
    return "；".join(f"{len(names)} 个条目已由 {who} 纳入项目库，未重复纳入：{'、'.join(names)}"
                    for who, names in groups.items())


__all__ = ["Adopter", "adopters", "already_message", "record"]
