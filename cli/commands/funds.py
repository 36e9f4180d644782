"""``portfolio funds``: 资金到位 — per project and source against the funding plan, and
recording money received.

``funds list --period YYYY-MM [--format table|csv|json]`` lists, per project and source, the
planned amount, the month's receipts, this year's, the cumulative and the 到位率, then the
totals by source; ``funds add PROJECT --period YYYY-MM --source S --amount N`` adds a receipt.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from typing import Any

from cli.commands.common import (
    add_filter_arguments,
    database,
    filter_from_args,
    period_argument,
    period_or_last_month,
)
from cli.commands.projects_arg import project_id
from cli.formats import write_records
from portfolio import funds
from portfolio.money import MoneyError, format_percent, parse_money

COLUMNS: tuple[tuple[str, str], ...] = (
    ("project_id", "编号"), ("project", "项目名称"), ("unit", "责任单位"), ("source", "资金来源"),
    ("planned", "计划（万元）"), ("month", "本月到位"), ("year", "本年到位"),
    ("cumulative", "累计到位"), ("rate", "到位率%"),
)
MONEY = ("planned", "month", "year", "cumulative", "rate")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("funds", help="资金到位")
    commands = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help="各项目各来源的计划与到位资金")
    listing.add_argument("--period", metavar="YYYY-MM", help="截至月份（默认上月）")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    listing.add_argument("--received-only", action="store_true", help="只列有到位资金的项目")
    add_filter_arguments(listing)
    listing.set_defaults(func=run_list)
    adding = commands.add_parser("add", help="登记一笔到位资金（累加到该月该来源）")
    adding.add_argument("project", metavar="PROJECT", help="项目编号、项目代码或名称")
    adding.add_argument("--period", metavar="YYYY-MM", type=period_argument, required=True)
    adding.add_argument("--source", required=True, help="、".join(funds.SOURCES))
    adding.add_argument("--amount", required=True, help="金额（万元）")
    adding.set_defaults(func=run_add)


def _record(pid: int, project: str, unit: str, line: funds.FundsLine) -> dict[str, Any]:
    return {"project_id": pid, "project": project, "unit": unit, "source": line.source,
            "planned": line.planned, "month": line.month, "year": line.year,
            "cumulative": line.cumulative, "rate": format_percent(line.rate)}


def run_list(args: argparse.Namespace) -> int:
    period = period_or_last_month(args.period)
    with database(args) as db, db.session() as session:
        flt = filter_from_args(session, args)
        rows = funds.by_project(session, period, flt, received_only=args.received_only)
        ids = [r.project_id for r in rows] if args.received_only else None
        table = funds.by_source(session, period, flt, ids=ids)
    records = [_record(r.project_id, r.name, r.unit, line) for r in rows for line in r.lines]
    if args.format == "table":
        records += [_record(0, "（按来源合计）", "", line) for line in table.lines]
        for record in records[len(records) - len(table.lines):]:
            record["project_id"] = ""
    records.append(_record(0, "合计", "", table.total) | {"project_id": ""})
    write_records(sys.stdout, records, COLUMNS, args.format,
                  count=f"共 {len(records)} 行（截至{period.label}）",
                  limits={"project": 30, "unit": 16}, right=MONEY)
    return 0


def run_add(args: argparse.Namespace) -> int:
    from cli.main import CommandError

    try:
        source = funds.parse_source(args.source)
        amount = parse_money(args.amount, field="到位资金") or Decimal("0")
    except (funds.FundsError, MoneyError) as error:
        raise CommandError(str(error)) from None
    with database(args) as db, db.transaction() as session:
        pid = project_id(session, args.project)
        try:
            total = funds.add_received(session, pid, args.period, source, amount)
        except (funds.FundsError, MoneyError) as error:
            raise CommandError(str(error)) from None
        line = next((x for x in funds.by_source(session, args.period, ids=[pid]).lines
                     if x.source == source), None)
    print(f"已登记：{args.period.label}{source}到位{amount}万元（本月该来源合计{total}万元）。"
          + (funds.rate_text(line) if line else ""))
    return 0
