"""项目代码 that are one code written two ways, kept apart by a database an earlier version
wrote (see migration 0011): the register names each pair until the office corrects one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Project
from portfolio.projects.validation import normalise_code


def code_clashes(session: Session) -> list[str]:
    """One Chinese sentence per project whose stored 项目代码 is, once normalised, the code of
    an earlier project, naming both projects and both codes as stored."""
    rows = session.execute(select(Project.id, Project.name, Project.project_code)
                           .where(Project.project_code.is_not(None))
                           .order_by(Project.id)).all()
    first: dict[str, tuple[int, str, str]] = {}
    found: list[str] = []
    for pid, name, stored in rows:
        code = stored or ""
        key = normalise_code(code)
        if not key:
            continue
        earlier = first.setdefault(key, (pid, name, code))
        if earlier[0] != pid:
            found.append(f"项目代码重复：项目“{name}”（编号{pid}）的项目代码「{code}」与项目"
                         f"“{earlier[1]}”（编号{earlier[0]}）的「{earlier[2]}」是同一代码，"
                         "请核对后修改其中一个")
    return found
