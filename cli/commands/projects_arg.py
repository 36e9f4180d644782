"""A project named on the command line: by 编号, 项目代码 or (a unique part of) its name."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Project


def project_id(session: Session, text: str) -> int:
    """The one project ``text`` names; a :class:`~cli.main.CommandError` otherwise."""
    from cli.main import CommandError

    text = text.strip()
    if text.isdigit() and session.get(Project, int(text)) is not None:
        return int(text)
    found = list(session.scalars(select(Project.id).where(
        (Project.project_code == text) | (Project.name == text))))
    if not found:
        found = list(session.scalars(select(Project.id).where(
            Project.name.like(f"%{text}%")).limit(6)))
    if len(found) == 1:
        return found[0]
    if not found:
        raise CommandError(f"没有找到项目“{text}”")
    raise CommandError(f"“{text}”对应多个项目，请用编号或全名")
