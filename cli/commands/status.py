"""``portfolio status``: the overview figures, the warning list and the 问题台账's figures of a
month, as the 总览 page shows them (both read :func:`portfolio.overview.compute`)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cli.commands.common import (
    add_filter_arguments,
    database,
    filter_from_args,
    period_or_last_month,
)
from cli.text import display_width, pad
from portfolio.money import format_money, format_percent


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("status", help="某月的调度总览和预警项目")
    parser.add_argument("--period", required=True, metavar="YYYY-MM",
                        help="调度月份，如 2026-10")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--by", choices=("category", "township", "unit"), default="category",
                        help="表格中按领域（默认）、乡镇或责任单位分组")
    add_filter_arguments(parser)
    parser.set_defaults(func=run)


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [pad(cell, widths[i], right=i in right) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines


def run(args: argparse.Namespace) -> int:
    from portfolio import alerts, overview
    from portfolio.problems import by_group

    period = period_or_last_month(args.period)  # --period is required
    with database(args) as db, db.session() as session:
        flt = filter_from_args(session, args)
        result = overview.compute(session, period, flt)
    out = sys.stdout
    if args.format == "json":
        record = {
            "period": str(period),
            "label": period.label,
            "headline": result.headline(),
            "total": overview.summary_record(result.total),
            "groups": {key: [overview.summary_record(r) for r in rows]
                       for key, rows in result.groups.items()},
            "warning_counts": result.rule_counts,
            "warnings": [
                {
                    "project_id": p.project_id, "name": p.name, "category": p.category,
                    "unit": p.unit, "leader": p.leader,
                    "plan_rate": None if p.plan_rate is None else str(p.plan_rate),
                    "rules": p.rules, "reasons": [w.message for w in p.warnings],
                }
                for p in result.lagging
            ],
            "problems": None if result.problems is None else by_group.record(result.problems),
            "data_warnings": result.data_warnings,
        }
        json.dump(record, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0

    t = result.total
    out.write(f"{period.label}重点项目调度总览\n")
    for warning in result.data_warnings:
        out.write(f"注意：{warning}\n")
    out.write(result.headline() + "\n\n")
    money = (f"{period.range_label}完成", "年度计划")
    header = [overview.GROUP_LABELS[args.by], "项目个数", "总投资（万元）", money[1] + "（万元）",
              money[0] + "（万元）", "完成率%", "序时进度%", "超(低于)百分点", "计划开工",
              "实际开工", "开工率%"]

    def line(key: str, r: Any) -> list[str]:
        return [key, str(r.project_count), format_money(r.total_investment, grouped=True),
                format_money(r.annual_plan, grouped=True), format_money(r.ytd, grouped=True),
                format_percent(r.completion_rate), format_percent(r.time_progress),
                format_percent(r.gap_points), str(r.planned_starts), str(r.actual_starts),
                format_percent(r.start_rate)]

    rows = [header] + [line(r.key or "（未填）", r) for r in result.groups[args.by]]
    rows.append(line("合计", t))
    for text in _table(rows, right=set(range(1, len(header)))):
        out.write(text + "\n")
    out.write(f"\n预警项目 {len(result.lagging)} 个")
    if result.lagging:
        counts = "，".join(f"{alerts.RULE_LABELS[k]}{v}个"
                          for k, v in result.rule_counts.items() if v)
        out.write(f"（{counts}）")
    out.write("\n")
    if result.lagging:
        table = [["编号", "项目名称", "责任单位", "预警原因"]]
        table += [[str(p.project_id), p.name, p.unit, p.reasons] for p in result.lagging]
        for text in _table(table, right={0}):
            out.write(text + "\n")
    if result.problems is not None:
        found = result.problems
        out.write(f"\n问题台账：截至{period.label}底{found.headline()}\n")
        if found.by_unit:
            table = [["责任单位", *by_group.FIGURES.values()]]
            table += [[c.unit or "（未填）", str(c.open), str(c.overdue), str(c.solved)]
                      for c in [*found.by_unit, found.total]]
            table[-1][0] = "合计"
            for text in _table(table, right={1, 2, 3}):
                out.write(text + "\n")
    return 0
