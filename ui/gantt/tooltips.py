"""The Gantt's tooltips: one project's figures, or one group's summed ones, as the chart and
the frozen columns show them on hover (rich text)."""

from __future__ import annotations

import datetime as dt

from portfolio import approvals
from portfolio.alerts import STATE_LABELS
from portfolio.money import format_money, format_percent
from portfolio.timeline import GanttRow, GroupSummary


def date_text(day: dt.date | None) -> str:
    """A date as the chart's columns and tooltips write it (ISO), blank for none."""
    return day.isoformat() if day else ""


def _range(first: dt.date | None, last: dt.date | None, open_end: str = "") -> str:
    if first is None and last is None:
        return "—"
    return f"{date_text(first) or '?'} 至 {date_text(last) or open_end or '?'}"


def row_tooltip(row: GanttRow, range_label: str) -> str:
    """The figures of one project, as the chart's and the table's tooltip show them."""
    f = row.figures
    lines = [
        f"<b>{f.name}</b>",
        f"状态：{STATE_LABELS.get(row.state, row.state)}",
        f"计划：{_range(f.planned_start, f.planned_finish)}",
        f"实际：{_range(f.actual_start, f.actual_finish, '在建') if f.actual_start else '未开工'}",
        f"总投资：{format_money(f.total_investment) or '—'} 万元",
        f"累计完成：{format_money(f.cumulative)} 万元"
        f"（占总投资{format_percent(row.progress * 100)}%）",
        f"年度计划：{format_money(f.annual_plan) or '—'} 万元",
        f"{range_label}完成：{format_money(f.ytd)} 万元"
        + (f"（占年度计划{format_percent(f.plan_rate)}%）" if f.plan_rate is not None else ""),
    ]
    if f.unit:
        lines.append(f"责任单位：{f.unit}")
    if any(s.kind == "approval" for s in row.steps):
        lines.append(f"前期手续：{approvals.state_of(row.steps).text}")
    lines.extend(f"<span style='color:#d64541'>⚠ {w.message}</span>" for w in row.warnings)
    return "<br>".join(lines)


def group_tooltip(summary: GroupSummary, range_label: str) -> str:
    return "<br>".join([
        f"<b>{summary.label}</b>",
        f"项目个数：{summary.project_count}（打包项目及其子项目计为1个）",
        f"计划：{_range(summary.planned_start, summary.planned_finish)}",
        f"总投资：{format_money(summary.total_investment)} 万元",
        f"累计完成：{format_money(summary.cumulative)} 万元"
        f"（{format_percent(summary.progress * 100)}%）",
        f"年度计划：{format_money(summary.annual_plan)} 万元",
        f"{range_label}完成：{format_money(summary.ytd)} 万元",
    ])
