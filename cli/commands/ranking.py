"""``portfolio ranking``: the 晾晒 of 乡镇/街道 or 责任单位 for a month, with the 红榜 and
黑榜, as a table, CSV or JSON (the figures of :func:`portfolio.ranking.rankings`, which are the
overview's)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable

from cli.commands.common import (
    add_filter_arguments,
    database,
    filter_from_args,
    integer_argument,
    period_or_last_month,
)
from cli.text import display_width, pad
from exports.csv_text import csv_text
from portfolio.money import format_money, format_percent
from portfolio.ranking import DEFAULT_TOP, LIST_LABELS, RANK_BY, RankedGroup, Ranking


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("ranking", help="晾晒排名：乡镇或责任单位的红黑榜")
    parser.add_argument("--period", required=True, metavar="YYYY-MM",
                        help="调度月份，如 2026-10")
    parser.add_argument("--by", choices=tuple(RANK_BY), default="township",
                        help="按乡镇/街道（默认）或责任单位排名")
    parser.add_argument("--top", type=integer_argument, default=DEFAULT_TOP, metavar="N",
                        help=f"红榜、黑榜各列几名（默认{DEFAULT_TOP}）")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    add_filter_arguments(parser)
    parser.set_defaults(func=run)


def columns(ranking: Ranking) -> list[tuple[str, Callable[[RankedGroup], object]]]:
    """The table's columns: heading and the value of a line (money as Decimal, rates as text
    at one decimal, as every table shows them)."""
    p = ranking.period
    cols: list[tuple[str, Callable[[RankedGroup], object]]] = [
        ("名次", lambda g: "" if g.rank is None else g.rank),
        (ranking.title, lambda g: g.label),
        ("项目个数", lambda g: g.summary.project_count),
        ("年度计划投资（万元）", lambda g: g.summary.annual_plan),
        (f"{p.range_label}完成投资（万元）", lambda g: g.summary.ytd),
        ("完成率%", lambda g: format_percent(g.completion_rate)),
        ("序时进度%", lambda g: format_percent(g.summary.time_progress)),
        ("超(低于)序时进度百分点", lambda g: format_percent(g.gap_points)),
        ("计划开工", lambda g: g.summary.planned_starts),
        ("实际开工", lambda g: g.summary.actual_starts),
        ("开工率%", lambda g: format_percent(g.start_rate)),
        ("滞后项目", lambda g: g.lagging),
        ("逾期未解决问题", lambda g: g.overdue_problems),
        ("榜单", lambda g: LIST_LABELS.get(g.listed, "")),
    ]
    return cols


def _text(value: object, grouped: bool = False) -> str:
    if value is None:
        return ""
    if hasattr(value, "quantize"):
        return format_money(value, grouped=grouped)  # type: ignore[arg-type]
    return str(value)


def run(args: argparse.Namespace) -> int:
    from cli.main import CommandError
    from portfolio import ranking as ranking_

    period = period_or_last_month(args.period)
    if args.top < 1:
        raise CommandError("--top 应为正整数")
    with database(args) as db, db.session() as session:
        flt = filter_from_args(session, args)
        result = ranking_.ranking(session, period, flt, args.by, args.top)
    out = sys.stdout
    cols = columns(result)
    if args.format == "json":
        record = {
            "period": str(period), "by": args.by, "top": args.top,
            "groups": [ranking_.record(g) for g in result.groups],
            "red": [g.label for g in result.red],
            "black": [g.label for g in result.black],
        }
        json.dump(record, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif args.format == "csv":
        writer = csv.writer(out)
        writer.writerow([heading for heading, _ in cols])
        for group in result.groups:
            writer.writerow([csv_text(v, _text(v)) for v in (get(group) for _, get in cols)])
    else:
        out.write(f"{period.label}重点项目建设{result.title}晾晒排名\n")
        rows = [[heading for heading, _ in cols]]
        rows += [[_text(get(g), grouped=True) for _, get in cols] for g in result.groups]
        widths = [max(display_width(r[i]) for r in rows) for i in range(len(cols))]
        for row in rows:
            out.write("  ".join(pad(cell, widths[i], right=i not in (1, len(cols) - 1))
                                for i, cell in enumerate(row)).rstrip() + "\n")
        for label, groups in (("红榜", result.red), ("黑榜", result.black)):
            names = "、".join(f"{g.label}（{format_percent(g.completion_rate)}%）"
                             for g in groups)
            out.write(f"{label}：{names or '无'}\n")
        if any(g.rank is None for g in result.groups):
            out.write("未排名：未填写名称或无年度计划投资的分组\n")
    return 0
