"""What lines a sheet of the monthly report has, and on which rows: project lines in their
groups (a package's parts after it, one level deeper), group subtotals before or after their
members and the total first or last, all as the template's prototype rows order them.

This is the report's meaning without openpyxl: :mod:`exports.xlsx.sheet_writer` writes the
planned lines, :mod:`exports.xlsx.line_values` fills them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from exports.report_data import group_key, group_order
from exports.template import SheetLayout
from portfolio.metrics import ProjectFigures, Summary


@dataclass
class Line:
    """One written line of a sheet."""

    kind: str  # 'item', 'group' or 'total'
    row: int
    figures: ProjectFigures | None = None
    number: int = 0
    depth: int = 0
    key: str = ""
    summary: Summary | None = None
    #: for group lines: the first and last project row of the group
    span: tuple[int, int] | None = None
    count: int = 0




def _project_groups(
    figures: list[ProjectFigures], by: str | None
) -> list[tuple[str, list[tuple[ProjectFigures, int]]]]:
    """Projects by group; in each group a package's parts follow it, one level deeper."""
    groups: dict[str, list[ProjectFigures]] = defaultdict(list)
    if not by:  # one list, still in the customary order of 领域
        rank = {k: i for i, k in enumerate(group_order((f.category for f in figures),
                                                       "category"))}
        figures = sorted(figures, key=lambda f: rank[f.category])
    for f in figures:
        groups[group_key(f, by) if by else ""].append(f)
    keys = group_order(groups, by) if by else [""]
    result = []
    for key in keys:
        members = groups[key]
        listed = {f.project_id for f in members}
        children: dict[int, list[ProjectFigures]] = defaultdict(list)
        top = []
        for f in members:
            if f.parent_id is not None and f.parent_id in listed:
                children[f.parent_id].append(f)
            else:
                top.append(f)
        ordered: list[tuple[ProjectFigures, int]] = []

        def visit(f: ProjectFigures, depth: int, ordered=ordered,  # type: ignore[no-untyped-def]
                  children=children) -> None:
            ordered.append((f, depth))
            for child in children.pop(f.project_id, []):
                visit(child, depth + 1)

        for f in top:
            visit(f, 0)
        for rest in children.values():  # a cycle cannot happen, but never drop a row
            ordered.extend((f, 1) for f in rest)
        result.append((key, ordered))
    return result


def _count(members: list[tuple[ProjectFigures, int]]) -> int:
    """Projects counted as metrics count them: a package and its parts once."""
    return len({f.parent_id if f.parent_id is not None else f.project_id for f, _ in members})


def plan_project_lines(layout: SheetLayout, figures: list[ProjectFigures]) -> list[Line]:
    """The lines of a project list (明细表, 滞后项目表), numbered within their groups."""
    kinds = layout.kinds()
    grouped = "group" in kinds
    group_first = grouped and kinds.index("group") < kinds.index("item")
    total_first = "total" in kinds and kinds.index("total") < kinds.index("item")
    row = layout.first_row
    lines: list[Line] = []
    if total_first:
        lines.append(Line("total", row))
        row += 1
    groups = _project_groups(figures, layout.group_by if grouped else None)
    for index, (key, members) in enumerate(groups, start=1):
        if not members:
            continue
        group = Line("group", 0, number=index, key=key, count=_count(members))
        if grouped and group_first:
            group.row = row
            lines.append(group)
            row += 1
        first = row
        for number, (f, depth) in enumerate(members, start=1):
            lines.append(Line("item", row, figures=f, number=number, depth=depth))
            row += 1
        group.span = (first, row - 1)
        if grouped and not group_first:
            group.row = row
            lines.append(group)
            row += 1
    if "total" in kinds and not total_first:
        lines.append(Line("total", row))
    total = next((ln for ln in lines if ln.kind == "total"), None)
    if total is not None:
        total.count = _count([(f, 0) for f in figures])
        total.span = (layout.first_row + total_first, row - 1 + total_first) if figures else None
    return lines


def plan_summary_lines(layout: SheetLayout, summaries: list[Summary], total: Summary) -> list[Line]:
    """The lines of a summary (汇总表): one per group and the total."""
    kinds = layout.kinds()
    total_first = "total" in kinds and kinds.index("total") < kinds.index("group")
    row = layout.first_row
    lines: list[Line] = []
    if total_first:
        lines.append(Line("total", row, summary=total, count=total.project_count))
        row += 1
    for index, summary in enumerate(summaries, start=1):
        lines.append(Line("group", row, number=index, key=summary.key or "", summary=summary,
                          count=summary.project_count))
        row += 1
    if "total" in kinds and not total_first:
        lines.append(Line("total", row, summary=total, count=total.project_count))
    return lines



__all__ = ["Line", "plan_project_lines", "plan_summary_lines"]
