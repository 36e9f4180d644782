"""Writing a register preview: one transaction, all or nothing.

Every project goes through :func:`portfolio.projects.create` / :func:`~portfolio.projects.update`
and every plan through :func:`portfolio.plans.save`, so validation and the audit log are the
same as for an edit by hand. Any error rolls the whole import back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from db.backup import backup_before
from db.models import Leader
from db.session import Database
from portfolio import plans, projects
from portfolio.plans import PlanData
from portfolio.projects import ProjectData
from portfolio.register_import.changes import (
    CHANGED,
    NEW,
    RegisterImportError,
    RegisterPreview,
    RowChange,
)
from portfolio.register_import.records import RegisterSource


@dataclass(frozen=True)
class Applied:
    created: int
    updated: int
    plans: int


def apply(db: Database, preview_: RegisterPreview,
          progress: Callable[[int, int], None] | None = None) -> Applied:
    """Write the new and changed projects of ``preview_``; raises
    :class:`RegisterImportError` (the database unchanged) on any error. ``progress(done,
    total)`` is told before each line; whatever it raises (the window's 取消) rolls the whole
    import back and propagates."""
    if not preview_.can_apply:
        raise RegisterImportError(f"有 {len(preview_.errors)} 处错误，未导入任何数据")
    backup_before(db, "导入项目清单前自动备份", "import")
    created = updated = plan_count = 0
    ids: dict[int, int] = {}  # id(RowChange) → project id
    source = preview_.source
    current: RowChange | None = None
    try:
        with db.transaction() as session:
            for done, change in enumerate(preview_.rows):
                if progress is not None:
                    progress(done, len(preview_.rows))
                current = change
                parent_id = None
                if change.parent is not None:
                    parent_id = change.parent.project_id or ids.get(id(change.parent))
                if change.status == NEW:
                    data = ProjectData(**change.changes)
                    if change.parent is not None:
                        data.parent_id = parent_id
                    pid = projects.create(session, data, origin="import")
                    created += 1
                else:
                    assert change.project_id is not None
                    pid = change.project_id
                    if change.status == CHANGED and change.changes:
                        changes = dict(change.changes)
                        if "parent_id" in changes:
                            changes["parent_id"] = parent_id
                        data = projects.load(session, pid).with_changes(**changes)
                        projects.update(session, pid, data)
                    updated += change.status == CHANGED
                ids[id(change)] = pid
                if change.plan:
                    # a new project has no plan yet: nothing to load
                    base = (plans.load(session, pid, preview_.year)
                            if change.status != NEW else None) or PlanData(pid, preview_.year)
                    plans.save(session, replace(base, **change.plan))
                    plan_count += 1
            current = None
            titles = {leader.name: leader.title for leader in preview_.new_leaders
                      if leader.title}
            titles.update({name: new for name, _old, new in preview_.leader_titles})
            for leader in session.scalars(select(Leader).where(Leader.name.in_(titles))):
                leader.title = titles[leader.name]
    except projects.ValidationError as error:
        raise RegisterImportError(_where(source, current, str(error))) from None
    except (plans.PlanError, KeyError, IntegrityError) as error:
        raise RegisterImportError(_where(source, current, f"无法写入（{error}）")) from None
    return Applied(created, updated, plan_count)


def _where(source: RegisterSource, change: RowChange | None, message: str) -> str:
    prefix = source.where(change.row) if change is not None else source.where()
    return f"{prefix}：{message}；未导入任何数据"
