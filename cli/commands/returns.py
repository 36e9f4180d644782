"""``portfolio returns --period YYYY-MM [--by unit|township] [--format table|csv|json]``:
the month's 填报情况 — per 责任单位 or 乡镇: sent, returned or not, when, projects filled of
the total — and the 催报名单 of those who have not reported, with 包联领导 and contacts."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from cli.commands.common import database, period_argument
from cli.text import display_width, pad


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("returns", help="查看填报表的下发、报回情况和催报名单")
    parser.add_argument("--period", type=period_argument, required=True, metavar="YYYY-MM",
                        help="报告月份，如 2026-10")
    parser.add_argument("--by", choices=("unit", "township"), default=None,
                        help="只看按责任单位(unit)或乡镇(township)下发的填报表")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.set_defaults(func=run)


HEADER = ["类型", "单位/乡镇", "下发项目数", "下发时间", "是否报回", "报回时间", "已填项目",
          "包联领导", "联系人"]


def _when(value: object) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value is not None else ""


def rows_of(statuses: list) -> list[list[str]]:  # type: ignore[type-arg]
    return [[s.by_label, s.holder, str(s.sent), _when(s.sent_at), "已报" if s.returned else "未报",
             _when(s.returned_at), f"{s.filled}/{s.total}" if s.returned else "",
             "、".join(s.leaders), "、".join(s.contacts)] for s in statuses]


def run(args: argparse.Namespace) -> int:
    from portfolio.collection import collection_status, not_returned

    with database(args) as db, db.session() as session:
        statuses = collection_status(session, args.period, args.by)
    out = sys.stdout
    if args.format == "json":
        json.dump({"period": str(args.period), "forms": [{
            "by": s.by, "holder": s.holder, "sent": s.sent, "sent_at": _when(s.sent_at),
            "returned": s.returned, "returned_at": _when(s.returned_at) or None,
            "filled": s.filled if s.returned else None, "total": s.total if s.returned else None,
            "file": s.file or None, "leaders": s.leaders, "contacts": s.contacts,
        } for s in statuses]}, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    if args.format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows_of(statuses))
        return 0
    if not statuses:
        out.write(f"{args.period.label}尚未生成填报表（用 export forms 生成）\n")
        return 0
    late = not_returned(statuses)
    out.write(f"{args.period.label}填报情况：下发 {len(statuses)} 份，已报回 "
              f"{len(statuses) - len(late)} 份，未报 {len(late)} 份\n")
    for line in _table([HEADER[:7]] + [r[:7] for r in rows_of(statuses)]):
        out.write(line + "\n")
    if late:
        out.write(f"\n催报名单（{len(late)}）：\n")
        for line in _table([["单位/乡镇", "项目数", "包联领导", "联系人"]] + [
                [s.holder, str(s.sent), "、".join(s.leaders), "、".join(s.contacts)]
                for s in late]):
            out.write(line + "\n")
    return 0


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(pad(c, widths[i]) for i, c in enumerate(row)).rstrip() for row in rows]
