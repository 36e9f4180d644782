"""What lines a sheet of the monthly report has, and on which rows: project lines in their
groups (a package's parts after it, one level deeper), group subtotals before or after their
members and the total first or last, all as the template's prototype rows order them.

This is the report's meaning without openpyxl: :mod:`exports.xlsx.sheet_writer` writes the
planned lines, :mod:`exports.xlsx.line_values` fills them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from exports.report_data import group_key, group_order
from exports.template import CATCH_ALL, SheetLayout
from portfolio.metrics import ProjectFigures, Summary
from portfolio.periods import Period


@dataclass
class Line:
    """One written line of a sheet."""

    kind: str  # 'item', 'group', 'heading' or 'total'
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
    #: for a group with lower-level groups (depth 1): their rows, which it adds up
    children: list[int] | None = None




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
    """Projects sorted into a blank form's own groups (:attr:`SheetLayout.groups`) and, where
    the form has them, their lower-level groups (:attr:`FormGroup.subgroups`)."""

    #: what the groups were matched against: stage, category, township or unit
    by: str
    #: per group, the projects listed right under it (none for a group with subgroups)
    members: list[list[ProjectFigures]]
    #: projects whose group the form does not name
    left_out: list[ProjectFigures]
    #: per group, per subgroup, its projects
    sub_members: list[list[list[ProjectFigures]]] = field(default_factory=list)
    #: what the subgroups were matched against
    sub_by: str | None = None
    #: per left-out project, the value(s) the form has no group for ("新开工 / 农业")
    reasons: list[str] = field(default_factory=list)
    #: per project the form's group of the rest (其他项目) took, the value no group named
    caught: list[str] = field(default_factory=list)

    def unmatched(self) -> int:
        """Projects no group named: left out, or taken by a group of the rest."""
        return len(self.left_out) + len(self.caught)


def match_form_groups(layout: SheetLayout, figures: list[ProjectFigures],
                      levels: Mapping[int, list[str]] | None = None) -> FormGroups:
    """Each project in the form group its 建设性质, 领域, 级别, 乡镇 or 责任单位 names (and, under a
    group with lower-level groups, in the one of those its value names). A form grouped by
    something else than 建设性质, 领域 or 级别 is matched against 乡镇 and 责任单位, whichever fits
    more projects; a label matches a value equal to it, else one containing it or contained in
    it; a project no group names goes in the form's group of the rest (其他项目) where it has
    one. ``levels``: each project's 级别, highest first; a project of several goes in the highest
    the form has a group for (a 省重点 that is also 市重点 is listed once, under 省重点)."""
    assert layout.groups is not None
    groups = layout.groups
    keys = [g.key for g in groups]
    nested = any(g.subgroups for g in groups)
    best: FormGroups | None = None
    for by in _candidates(layout.group_by):
        for sub_by in _candidates(layout.subgroup_by) if nested else [None]:
            found = FormGroups(by, [[] for _ in keys], [],
                               [[[] for _ in g.subgroups] for g in groups], sub_by)
            for f in figures:
                if by == "level":
                    value, index = _level_group(keys, (levels or {}).get(f.project_id, []))
                else:
                    value = group_key(f, by)
                    index = _group_index(keys, value)
                if index is None and CATCH_ALL in keys:
                    index = keys.index(CATCH_ALL)
                    found.caught.append(value or "未填")
                if index is None:
                    found.left_out.append(f)
                    found.reasons.append(value or "未填")
                elif not groups[index].subgroups:
                    found.members[index].append(f)
                else:
                    assert sub_by is not None
                    sub_value = group_key(f, sub_by)
                    sub_keys = [g.key for g in groups[index].subgroups]
                    sub = _group_index(sub_keys, sub_value)
                    if sub is None and CATCH_ALL in sub_keys:
                        sub = sub_keys.index(CATCH_ALL)
                        found.caught.append(f"{value} / {sub_value or '未填'}")
                    if sub is None:
                        found.left_out.append(f)
                        found.reasons.append(f"{value} / {sub_value or '未填'}")
                    else:
                        found.sub_members[index][sub].append(f)
            if best is None or found.unmatched() < best.unmatched():
                best = found
    assert best is not None
    return best


def _candidates(by: str | None) -> list[str]:
    """What a form's group words are matched against: its 建设性质 or 领域, else 乡镇 and 责任单位
    (whichever fits more projects)."""
    return [by] if by in ("stage", "category", "level") else ["township", "unit"]


def _level_group(keys: list[str], levels: list[str]) -> tuple[str, int | None]:
    """The highest of a project's 级别 the form has a group for, and that group's index."""
    for level in levels:
        if level in keys:
            return level, keys.index(level)
    return "、".join(levels), None


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
    groups: list[_PlannedGroup]
    if form is not None and grouped and layout.groups:
        groups = [_PlannedGroup(g.key, _packages_in_order(m), g.texts, [
            _PlannedGroup(sg.key, _packages_in_order(sm), sg.texts)
            for sg, sm in zip(g.subgroups, subs, strict=True)], g.heading or {})
            for g, m, subs in zip(layout.groups, form.members, form.sub_members, strict=True)]
        left_out = {f.project_id for f in form.left_out}
        figures = [f for f in figures if f.project_id not in left_out]
    else:
        groups = [_PlannedGroup(key, members) for key, members in
                  _project_groups(figures, layout.group_by if grouped else None)]
    for index, planned in enumerate(groups, start=1):
        if not planned.everyone() and form is None:
            continue
        group = Line("group", 0, number=index, key=planned.key,
                     count=_count(planned.everyone()), texts=planned.texts)
        if grouped and group_first:
            group.row = row
            lines.append(group)
            row += 1
        heading = None
        if "heading" in kinds:  # the group's first row; its 小计 row adds it up below
            heading = Line("heading", row, number=index, key=planned.key, count=group.count,
                           texts=planned.heading)
            lines.append(heading)
            row += 1
        if planned.subgroups:  # only where the group rows come first (see blank_form)
            group.children = []
            for number, sub in enumerate(planned.subgroups, start=1):
                line = Line("group", row, number=number, depth=1, key=sub.key,
                            count=_count(sub.members), texts=sub.texts)
                lines.append(line)
                group.children.append(row)
                row = _plan_items(lines, line, sub.members, row + 1)
        else:
            row = _plan_items(lines, group, planned.members, row)
        if heading is not None:
            heading.span = group.span
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


@dataclass
class _PlannedGroup:
    key: str
    members: list[tuple[ProjectFigures, int]]
    texts: dict[int, str] = field(default_factory=dict)
    subgroups: list[_PlannedGroup] = field(default_factory=list)
    heading: dict[int, str] = field(default_factory=dict)

    def everyone(self) -> list[tuple[ProjectFigures, int]]:
        return [*self.members, *(m for sub in self.subgroups for m in sub.members)]


def _plan_items(lines: list[Line], group: Line, members: list[tuple[ProjectFigures, int]],
                row: int) -> int:
    """The project lines of ``group`` from ``row``, numbered from 1; the row after them."""
    first = row
    for number, (f, depth) in enumerate(members, start=1):
        lines.append(Line("item", row, figures=f, number=number, depth=depth))
        row += 1
    group.span = (first, row - 1) if members else None
    return row


@dataclass
class FormSummaries:
    """A blank 汇总表's rows (:attr:`SheetLayout.groups`) with the database's summary of each."""

    #: what the rows were matched against: stage, category, township or unit
    by: str
    #: per row of the form, its summary (all zero where no group of the database falls in it)
    rows: list[Summary]
    #: the database's groups no row takes
    left_out: list[Summary]
    #: the database's groups the form's row of the rest (其他) takes
    caught: list[Summary]

    def unmatched(self) -> int:
        return sum(s.project_count for s in (*self.left_out, *self.caught))


def match_form_summaries(layout: SheetLayout, summaries: Callable[[str], list[Summary]],
                         period: Period) -> FormSummaries:
    """Each of the database's groups (``summaries(by)``) in the form's row that names it, as
    :func:`match_form_groups` matches projects; a form whose rows are no 建设性质 or 领域 is
    matched against 乡镇 and 责任单位, whichever leaves fewer projects unmatched."""
    assert layout.groups is not None
    keys = [g.key for g in layout.groups]
    if layout.group_by == "mixed":  # each row its own kind: 其中：省重点 / 新开工 …
        rows = []
        for key in keys:
            by, value = key.split(":", 1)
            same = next((s for s in summaries(by) if (s.key or "") == value), None)
            rows.append(replace(same, key=key) if same else _combined(key, period, []))
        return FormSummaries("mixed", rows, [], [])
    best: FormSummaries | None = None
    for by in _candidates(layout.group_by):
        parts: list[list[Summary]] = [[] for _ in keys]
        left_out: list[Summary] = []
        caught: list[Summary] = []
        for summary in summaries(by):
            index = _group_index(keys, summary.key or "")
            if index is None and CATCH_ALL in keys:
                index = keys.index(CATCH_ALL)
                caught.append(summary)
            if index is None:
                left_out.append(summary)
            else:
                parts[index].append(summary)
        rows = [_combined(k, period, p) for k, p in zip(keys, parts, strict=True)]
        found = FormSummaries(by, rows, left_out, caught)
        if best is None or found.unmatched() < best.unmatched():
            best = found
    assert best is not None
    return best


def _combined(key: str, period: Period, parts: Sequence[Summary]) -> Summary:
    """One line adding up ``parts`` (lines of one grouping): a form's row that several groups
    of the database fall in (其他), or none (all zero)."""
    return Summary(
        key=key, period=period, project_count=sum(p.project_count for p in parts),
        total_investment=sum((p.total_investment for p in parts), Decimal("0.00")),
        annual_plan=sum((p.annual_plan for p in parts), Decimal("0.00")),
        ytd=sum((p.ytd for p in parts), Decimal("0.00")),
        month=sum((p.month for p in parts), Decimal("0.00")),
        cumulative=sum((p.cumulative for p in parts), Decimal("0.00")),
        planned_starts=sum(p.planned_starts for p in parts),
        actual_starts=sum(p.actual_starts for p in parts),
    )


def plan_summary_lines(layout: SheetLayout, summaries: list[Summary], total: Summary) -> list[Line]:
    """The lines of a summary (汇总表): one per group and the total; a blank form's rows in its
    own words where ``layout.groups`` has them (one per summary, in order)."""
    kinds = layout.kinds()
    total_first = "total" in kinds and kinds.index("total") < kinds.index("group")
    row = layout.first_row
    lines: list[Line] = []
    if total_first:
        lines.append(Line("total", row, summary=total, count=total.project_count))
        row += 1
    texts = [g.texts for g in layout.groups] if layout.groups else [{} for _ in summaries]
    for index, (summary, words) in enumerate(zip(summaries, texts, strict=True), start=1):
        lines.append(Line("group", row, number=index, key=summary.key or "", summary=summary,
                          count=summary.project_count, texts=words))
        row += 1
    if "total" in kinds and not total_first:
        lines.append(Line("total", row, summary=total, count=total.project_count))
    return lines



__all__ = ["FormGroups", "FormSummaries", "Line", "match_form_groups", "match_form_summaries",
           "plan_project_lines", "plan_summary_lines"]
