"""Alembic, driven from code: the program migrates its own database at start-up.

Every start asks whether the database is at the newest revision. That question is answered
without Alembic (importing it and its script directory costs a tenth of a second, a tenth of
the time the window may take to appear): the newest revision is read from the text of the
migration files, the database's from its ``alembic_version`` table. Alembic is imported only
when there is something to do, or when a migration file does not say its revisions plainly.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"

_REVISION = re.compile(r"^revision\s*(?::[^=\n]*)?=\s*['\"]([^'\"]+)['\"]\s*$", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def _config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def script_heads() -> set[str] | None:
    """The head revisions, read from the migration files' text; None when a file does not
    state ``revision`` and ``down_revision`` as plain literals (Alembic must then read them)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        revision = _REVISION.search(source)
        down = _DOWN_REVISION.search(source)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        value = down.group(1)
        if value != "None":
            names = _QUOTED.findall(value)
            if not names:
                return None
            parents.update(names)
    return revisions - parents


def _stamped(engine: Engine) -> set[str]:
    """The revisions the database is at (none for a new database)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return set()
        return set(connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())


def is_current(engine: Engine) -> bool:
    """Whether the database is at the newest revision (cheap: no Alembic import)."""
    heads = script_heads()
    if heads is None or len(heads) != 1:
        return current_revision(engine) == head_revision()
    return _stamped(engine) == heads


def upgrade(engine: Engine, revision: str = "head") -> None:
    if revision == "head" and is_current(engine):
        return
    from alembic import command

    command.upgrade(_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(_config(engine), revision)
