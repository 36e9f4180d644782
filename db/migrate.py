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


class NewerDatabase(Exception):
    """The database is at a revision this program does not know: a newer program wrote it."""

    def __init__(self, revision: str) -> None:
        super().__init__(revision)
        self.revision = revision


def script_revisions() -> set[str]:
    """Every revision the migration files define."""
    found = {m.group(1) for path in (MIGRATIONS / "versions").glob("*.py")
             if (m := _REVISION.search(path.read_text(encoding="utf-8")))}
    if len(found) != len(list((MIGRATIONS / "versions").glob("*.py"))):
        from alembic.script import ScriptDirectory

        found = {s.revision for s in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}
    return found


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
    """Migrate to ``revision``; refuse (changing nothing) a database a newer program wrote,
    and back up a database that has tables before changing its schema."""
    if revision == "head" and is_current(engine):
        return
    stamped = _stamped(engine)
    unknown = sorted(stamped - script_revisions())
    if unknown:
        raise NewerDatabase(", ".join(unknown))
    with engine.connect() as connection:
        has_tables = bool(inspect(connection).get_table_names())
    if has_tables:
        from db import backup

        if backup.folder_for(engine.url.render_as_string(hide_password=False)) is not None:
            backup.create(engine.url.render_as_string(hide_password=False), "migration",
                          "升级数据库结构前自动备份", engine=engine)
    from alembic import command

    command.upgrade(_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(_config(engine), revision)
