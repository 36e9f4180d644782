"""What happens to a database when the program opens it, before anyone looks at it."""

from __future__ import annotations

from db.session import Database


def prepare(db: Database) -> Database:
    """Run first-start work (loading the shipped catalogue into an empty register)."""
    return db
