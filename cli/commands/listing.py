"""``portfolio list``: the register on standard output, as a table, CSV or JSON."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cli.commands.common import add_filter_arguments, database, filter_from_args
from cli.formats import write_records
from db.queries import RegisterRow, iter_register

COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "编号"),
    ("name", "项目名称"),
    ("category", "领域"),
    ("stage", "建设性质"),
    ("location", "建设地点"),
    ("total_investment", "总投资（万元）"),
    ("planned_start", "计划开工"),
    ("planned_finish", "计划竣工"),
    ("unit", "责任单位"),
    ("document", "来源文件"),
    ("line", "来源行"),
    ("quote", "来源原文"),
)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("list", help="列出项目库")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.add_argument("--sort", default="id", help="排序列，如 name、total_investment")
    add_filter_arguments(parser)
    parser.set_defaults(func=run)


def _record(row: RegisterRow) -> dict[str, Any]:
    location = "".join(part for part in (row.township, row.location) if part)
    if row.township and row.location.startswith(row.township):
        location = row.location
    document = row.document_number or row.document
    return {
        "id": row.id,
        "name": row.name,
        "category": row.category,
        "stage": row.stage,
        "location": location,
        "total_investment": row.total_investment,
        "planned_start": row.planned_start,
        "planned_finish": row.planned_finish,
        "unit": row.unit,
        "document": document,
        "line": row.line,
        "quote": row.quote,
    }


def run(args: argparse.Namespace) -> int:
    with database(args) as db, db.session() as session:
        flt = filter_from_args(session, args)
        records = [_record(r) for r in iter_register(session, flt, sort=args.sort)]
    write_records(sys.stdout, records, COLUMNS, args.format, count=f"共 {len(records)} 个项目",
                  table_columns=COLUMNS[:9], limits={"name": 40, "location": 16, "unit": 20})
    return 0
