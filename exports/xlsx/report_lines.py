"""What lines a sheet of the monthly report has, and on which rows: project lines in their
groups (a package's parts after it, one level deeper), group subtotals before or after their
members and the total first or last, all as the template's prototype rows order them.

This is the report's meaning without openpyxl: :mod:`exports.xlsx.sheet_writer` writes the
planned lines, :mod:`exports.xlsx.line_values` fills them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

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
    #: a form group's own words (column → text), written instead of the prototype's
    texts: dict[int, str] = field(default_factory=dict)




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
    return [(key, _packages_in_order(groups[key])) for key in keys]


def _packages_in_order(members: list[ProjectFigures]) -> list[tuple[ProjectFigures, int]]:
    """``members`` with each package's parts right after it, one level deeper."""
    listed = {f.project_id for f in members}
    children: dict[int, list[ProjectFigures]] = defaultdict(list)
    top = []
    for f in members:
        if f.parent_id is not None and f.parent_id in listed:
            children[f.parent_id].append(f)
        else:
            top.append(f)
    ordered: list[tuple[ProjectFigures, int]] = []

    def visit(f: ProjectFigures, depth: int) -> None:
        ordered.append((f, depth))
        for child in children.pop(f.project_id, []):
            visit(child, depth + 1)

    for f in top:
        visit(f, 0)
    for rest in children.values():  # a cycle cannot happen, but never drop a row
        ordered.extend((f, 1) for f in rest)
    return ordered


@dataclass
class FormGroups:
    """Projects sorted into a blank form's own groups (:attr:`SheetLayout.groups`)."""

    #: what the groups were matched against: stage, category, township or unit
    by: str
    members: list[list[ProjectFigures]]
    #: projects whose group the form does not name
    left_out: list[ProjectFigures]


def match_form_groups(layout: SheetLayout, figures: list[ProjectFigures]) -> FormGroups:
    """Each project in the form group its 建设性质, 领域, 乡镇 or 责任单位 names. A form grouped by
    something else than 建设性质 or 领域 is matched against 乡镇 and 责任单位, whichever fits more
    projects; a label matches a value equal to it, else one containing it or contained in it."""
    assert layout.groups is not None
    keys = [g.key for g in layout.groups]
    candidates = [layout.group_by] if layout.group_by in ("stage", "category") else [
        "township", "unit"]
    best: FormGroups | None = None
    for by in candidates:
        assert by is not None
        members: list[list[ProjectFigures]] = [[] for _ in keys]
        left_out = []
        for f in figures:
            index = _group_index(keys, group_key(f, by))
            if index is None:
                left_out.append(f)
            else:
                members[index].append(f)
        found = FormGroups(by, members, left_out)
        if best is None or len(found.left_out) < len(best.left_out):
            best = found
    assert best is not None
    return best


def _group_index(keys: list[str], value: str) -> int | None:
    if not value:
        return None
    if value in keys:
        return keys.index(value)
    near = [i for i, k in enumerate(keys) if k and (k in value or value in k)]
    return near[0] if len(near) == 1 else None


def _count(members: list[tuple[ProjectFigures, int]]) -> int:
    """Projects counted as metrics count them: a package and its parts once."""
    return len({f.parent_id if f.parent_id is not None else f.project_id for f, _ in members})


def plan_project_lines(layout: SheetLayout, figures: list[ProjectFigures],
                       form: FormGroups | None = None) -> list[Line]:
    """The lines of a project list (明细表, 滞后项目表), numbered within their groups: the
    form's own groups when ``form`` is given (every one kept, empty or not; the projects it
    leaves out are not listed), else one group per value found."""
    kinds = layout.kinds()
    grouped = "group" in kinds
    group_first = grouped and kinds.index("group") < kinds.index("item")
    total_first = "total" in kinds and kinds.index("total") < kinds.index("item")
    row = layout.first_row
    lines: list[Line] = []
    if total_first:
        lines.append(Line("total", row))
        row += 1
    if form is not None and grouped and layout.groups:
        groups = [(g.key, _packages_in_order(m)) for g, m in zip(layout.groups, form.members,
                                                                  strict=True)]
        texts = [g.texts for g in layout.groups]
        left_out = {f.project_id for f in form.left_out}
        figures = [f for f in figures if f.project_id not in left_out]
    else:
        groups = _project_groups(figures, layout.group_by if grouped else None)
        texts = [{} for _ in groups]
    for index, (key, members) in enumerate(groups, start=1):
        if not members and form is None:
            continue
        group = Line("group", 0, number=index, key=key, count=_count(members),
                     texts=texts[index - 1])
        if grouped and group_first:
            group.row = row
            lines.append(group)
            row += 1
        first = row
        for number, (f, depth) in enumerate(members, start=1):
            lines.append(Line("item", row, figures=f, number=number, depth=depth))
            row += 1
        group.span = (first, row - 1) if members else None
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



__all__ = ["FormGroups", "Line", "match_form_groups", "plan_project_lines", "plan_summary_lines"]
