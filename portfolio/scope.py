"""What part of the portfolio a filter selects, in words: the chip above a filtered page, the
scope line of an export dialog, and the titles and sentences of a report on a filter.

A report on the whole portfolio speaks of 全县; a report on a filter must say so, or a partial
report would pass for the county's. :func:`describe` names the filter; :func:`title_note` is
what a report's title gets ("（筛选：…）", empty for the whole portfolio); :func:`subject` is how
its sentences name the projects ("全县" or "所选").
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Document, Unit
from db.queries import ProjectFilter

WHOLE = "全部项目"
#: names listed before "等N个"
MAX_NAMES = 3


def _names(names: list[str], count: int, noun: str) -> str:
    if not names or count > MAX_NAMES:
        shown = "、".join(names[:MAX_NAMES])
        return f"{shown}等{count}个{noun}" if shown else f"{count}个{noun}"
    return "、".join(names)


def describe(flt: ProjectFilter, session: Session | None = None) -> str:
    """The filter in words ("预警项目；领域：工业"); :data:`WHOLE` for no filter. With a
    session, units and documents are named; without, counted."""
    if flt.is_empty():
        return WHOLE
    parts = []
    if flt.project_ids is not None:
        parts.append(flt.ids_label or f"指定的{len(flt.project_ids)}个项目")
    if flt.text:
        parts.append(f"搜索“{flt.text}”")
    for values, label in ((flt.categories, "领域"), (flt.townships, "乡镇"),
                          (flt.levels, "级别"), (flt.stages, "建设性质")):
        if values:
            parts.append(f"{label}：{'、'.join(values)}")
    if flt.unit_ids:
        names = [] if session is None else list(session.scalars(
            select(Unit.name).where(Unit.id.in_(flt.unit_ids)).order_by(Unit.name)))
        parts.append("责任单位：" + _names(names, len(flt.unit_ids), "单位"))
    if flt.document_ids:
        titles = [] if session is None else [number or title for number, title in session.execute(
            select(Document.number, Document.title).where(Document.id.in_(flt.document_ids))
            .order_by(Document.id))]
        parts.append("来源文件：" + _names(titles, len(flt.document_ids), "文件"))
    if not flt.include_programmes:
        parts.append("不含专项工程")
    return "；".join(parts)


def title_note(description: str) -> str:
    """What a report's title gets for a scope: "" for the whole portfolio."""
    return "" if not description or description == WHOLE else f"（筛选：{description}）"


def subject(description: str) -> str:
    """How a report's sentences name its projects: 全县 for the whole portfolio, else 所选."""
    return "全县" if not description or description == WHOLE else "所选"


__all__ = ["WHOLE", "describe", "subject", "title_note"]
