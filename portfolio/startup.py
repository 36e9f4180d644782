"""What happens to a database when the program opens it, before anyone looks at it.

First start: a database that holds no project and has never had the catalogue loaded (no
``catalog.loaded`` setting) gets the shipped catalogue — every named project and plan target
of the five planning documents. Nothing else is ever loaded implicitly:

- a database that already holds projects (a user's register, or one made by
  ``portfolio demo``) is left alone; ``portfolio catalog load`` adds the catalogue on request;
- once loaded, the catalogue is never loaded again by :func:`prepare`, even if the user
  deletes every project; ``portfolio catalog update`` brings in changed catalogue files.

Commands that must see a database exactly as it is (``portfolio demo`` refuses one that holds
any project) open it with :func:`db.session.open_database` and call ``prepare(db,
load_catalog=False)`` or nothing at all.
"""

from __future__ import annotations

import logging

from sqlalchemy import exists, select

from db.models import Project, Setting
from db.session import Database, open_database

log = logging.getLogger(__name__)

#: Setting that records the catalogue was loaded into this database (JSON: when, how many);
#: written by :mod:`portfolio.catalog`, which is imported only when it loads (it needs yaml).
CATALOG_LOADED = "catalog.loaded"


def needs_catalog(db: Database) -> bool:
    """Whether ``db`` is brand new: no project, and the catalogue never loaded."""
    with db.session() as session:
        if session.get(Setting, CATALOG_LOADED) is not None:
            return False
        return not session.scalar(select(exists().where(Project.id.is_not(None))))


def prepare(db: Database, *, load_catalog: bool = True) -> Database:
    """Run first-start work: load the shipped catalogue into a brand-new register."""
    if load_catalog and needs_catalog(db):
        from portfolio import catalog

        with db.transaction() as session:
            session.info["user"] = "系统"
            report = catalog.load(session)
        log.info("catalogue loaded on first start: %s", catalog.summary(report))
    return db


def open_prepared(url: str | None) -> Database:
    """The database at ``url`` (or ``$PORTFOLIO_DB``, or the default), migrated and prepared."""
    return prepare(open_database(url))
