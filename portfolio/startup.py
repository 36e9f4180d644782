"""What happens to a database when the program opens it, before anyone looks at it.

A new database starts with an empty register: the catalogue of the five planning documents is
a library the office adopts from (:mod:`portfolio.catalog`), never something loaded
implicitly. Neither :func:`prepare` nor any command adds projects.

:func:`prepare` does one thing, once per database: a register that an earlier version filled
with the whole catalogue gives back the catalogue projects nobody used
(:func:`portfolio.catalog.return_unused`), after a backup. The ``catalog.returned`` setting
records that it ran, so entries adopted later are never given back.

The desktop program asks what to begin with when a database holds no project and was never
asked (:func:`needs_first_start_choice`, :func:`record_first_start_choice`); the question
itself is the window's (``ui/first_start.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging

from sqlalchemy import exists, select

from db.backup import backup_before
from db.models import Project, Setting
from db.session import Database, open_database

log = logging.getLogger(__name__)

#: Setting: the unused catalogue projects of an earlier version were given back (JSON).
CATALOG_RETURNED = "catalog.returned"
#: Setting an earlier version wrote when it loaded the whole catalogue into the register; only
#: such a database has catalogue projects to give back (adopted ones are the user's choice).
LEGACY_CATALOG_LOADED = "catalog.loaded"
#: Setting: the first-start question was answered (JSON: when, which choice).
FIRST_START = "startup.first_start"


def _now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


def _has_catalogue_projects(db: Database) -> bool:
    with db.session() as session:
        return bool(session.scalar(select(exists().where(Project.origin == "catalog"))))


def return_catalogue_projects(db: Database) -> str | None:
    """Give back the catalogue projects an earlier version loaded and nobody used; once.

    Only a database an earlier version loaded the catalogue into (it wrote
    :data:`LEGACY_CATALOG_LOADED`) is looked at; any other is left exactly as it is, so that
    opening a database writes nothing. Returns the summary line when there was anything to do,
    else None.
    """
    with db.session() as session:
        if (session.get(Setting, CATALOG_RETURNED) is not None
                or session.get(Setting, LEGACY_CATALOG_LOADED) is None):
            return None
    summary = None
    if _has_catalogue_projects(db):
        from portfolio import catalog  # reads the catalogue files: only when needed

        backup_before(db, "目录项目移回项目目录之前")
        with db.transaction() as session:
            session.info["user"] = "系统"
            report = catalog.return_unused(session)
            summary = report.summary()
            session.add(
                Setting(
                    key=CATALOG_RETURNED,
                    value=json.dumps(
                        {"at": _now(), "returned": len(report.returned), "kept": len(report.kept)},
                        ensure_ascii=False,
                    ),
                )
            )
        log.info("%s", summary)
    else:
        with db.transaction() as session:
            session.add(
                Setting(key=CATALOG_RETURNED, value=json.dumps({"at": _now(), "returned": 0}))
            )
    return summary


def needs_first_start_choice(db: Database) -> bool:
    """Whether the window should ask what to begin with: no project, and never asked."""
    with db.session() as session:
        if session.get(Setting, FIRST_START) is not None:
            return False
        return not session.scalar(select(exists().where(Project.id.is_not(None))))


def record_first_start_choice(db: Database, choice: str) -> None:
    """Remember that the first-start question was answered (with ``choice``)."""
    with db.transaction() as session:
        value = json.dumps({"at": _now(), "choice": choice}, ensure_ascii=False)
        row = session.get(Setting, FIRST_START)
        if row is None:
            session.add(Setting(key=FIRST_START, value=value))
        else:
            row.value = value


def prepare(db: Database) -> Database:
    """Run the once-per-database work of this version (see the module docstring)."""
    return_catalogue_projects(db)
    return db


def open_prepared(url: str | None) -> Database:
    """The database at ``url`` (or ``$PORTFOLIO_DB``, or the default), migrated and prepared."""
    return prepare(open_database(url))
