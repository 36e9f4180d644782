"""A lower group row ("（一）工业项目") placed above every upper one ("一、新开工项目"): its
projects belong to no upper group, so what the upper groups say (a 建设性质, a 领域) is not
read for them. The file does not say which upper group was meant — the first one below, or
one the office forgot to write — so the projects are imported as they stand and the preview
names the row, never guessing."""

from __future__ import annotations

from exports.sheets.rows import RowKind
from exports.sheets.table import ParsedProject, ParsedTable

#: what an upper group row gives its projects, by the group's kind
_GIVES = {"stage": "建设性质", "category": "领域"}


def stray_lower_groups(table: ParsedTable) -> list[str]:
    """One Chinese hint per lower group row above the sheet's first upper group row, naming
    it, that upper group and the rows of its projects."""
    upper = next((g for p in table.projects for g in p.groups if g.level == 1), None)
    if upper is None or upper.kind not in _GIVES:  # "A": an upper group that gives nothing
        return []
    group_rows = [s.row for s in table.skipped if s.kind is RowKind.GROUP]
    strays: dict[int, list[ParsedProject]] = {}
    for project in table.projects:
        rows_groups = [g for g in project.groups if g.level]  # not the sheet's name (level 0)
        if rows_groups and all(g.level > 1 for g in rows_groups):
            row = max(r for r in group_rows if r < project.row)
            strays.setdefault(row, []).append(project)
    hints = []
    for row, projects in strays.items():
        first, last = projects[0].row + 1, projects[-1].row + 1
        rows = f"第{first}行" if first == last else f"第{first}—{last}行"
        hints.append(
            f"{table.grid.where(row)}：分组「{projects[0].groups[-1].label}」排在第一个一级分组"
            f"「{upper.label}」之前，不属于任何一级分组；其下{len(projects)}个项目（{rows}）"
            f"未从一级分组读出{_GIVES[upper.kind]}，请核对")
    return hints
