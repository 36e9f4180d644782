"""``portfolio campaign list``: the 三个一批 batches (counts and Σ总投资 per list), or with
``--batch`` one 期's three lists; ``portfolio export campaign``: one 期's lists as the
campaign's workbook (sheets 签约/开工/投产). Figures from :mod:`portfolio.campaign`."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from cli.commands.common import add_filter_arguments, database, filter_from_args
from cli.text import clip, display_width, pad
from exports.csv_text import csv_text
from portfolio.campaign import DATE_LABELS, LISTS, CampaignBatch
from portfolio.money import format_money

OVERVIEW = ["期数", "代码", *(f"{name}{what}" for name in LISTS.values()
                              for what in ("（个）", "总投资（万元）")),
            "合计（个）", "合计总投资（万元）"]
LINES = ["期数", "类别", "序号", "编号", "项目名称", "总投资（万元）", "建设内容", "责任单位",
         "时间"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("campaign", help="三个一批：签约、开工、投产项目清单")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="各期三个一批的个数和总投资，或一期的清单")
    listing.add_argument("--batch", metavar="YYYY-N",
                         help="期数：2026-3（年份-当年第几期）或 23（总期数）")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    add_filter_arguments(listing)
    listing.set_defaults(func=run_list)


def add_export_parser(export_subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``portfolio export campaign``: added to the export command's kinds."""
    parser = export_subparsers.add_parser("campaign", help="三个一批清单 Excel（签约、开工、投产）")
    parser.add_argument("--batch", required=True, metavar="YYYY-N",
                        help="期数：2026-3（年份-当年第几期）或 23（总期数）")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE",
                        help="输出文件（.xlsx）")
    add_filter_arguments(parser)
    parser.set_defaults(func=run_export)


def _issue(text: str) -> int:
    from cli.main import CommandError
    from portfolio.campaign import parse_batch

    try:
        return parse_batch(text)
    except ValueError as error:
        raise CommandError(str(error)) from None


def _overview_row(b: CampaignBatch, grouped: bool) -> list[object]:
    row: list[object] = [b.label, b.code]
    for tag in LISTS:
        row += [b.count(tag), format_money(b.investment(tag), grouped=grouped)]
    return [*row, b.project_count, format_money(b.total_investment, grouped=grouped)]


def _line_rows(b: CampaignBatch) -> list[list[object]]:
    rows: list[list[object]] = []
    for tag, name in LISTS.items():
        for number, p in enumerate(b.lists[tag], start=1):
            rows.append([b.code, name, number, p.project_id, p.name,
                         format_money(p.total_investment), p.scale, p.unit,
                         "" if p.day is None else p.day.isoformat()])
    return rows


def _print_table(rows: list[list[str]] | list[list[object]], left: set[int]) -> None:
    cells = [[str(c) for c in r] for r in rows]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(cells[0]))]
    for row in cells:
        sys.stdout.write("  ".join(pad(c, widths[i], right=i not in left)
                                   for i, c in enumerate(row)).rstrip() + "\n")


def run_list(args: argparse.Namespace) -> int:
    from portfolio import campaign

    issue = None if args.batch is None else _issue(args.batch)
    with database(args) as db, db.session() as session:
        flt = filter_from_args(session, args)
        found = (campaign.batches(session, flt) if issue is None
                 else [campaign.batch(session, issue, flt)])
    out = sys.stdout
    if args.format == "json":
        json.dump([{
            "issue": b.issue, "code": b.code, "label": b.label,
            "lists": {tag: {"count": b.count(tag), "total_investment":
                            format_money(b.investment(tag)),
                            "projects": [{"id": p.project_id, "name": p.name,
                                          "total_investment": format_money(p.total_investment),
                                          "scale": p.scale, "unit": p.unit,
                                          "date": None if p.day is None else p.day.isoformat()}
                                         for p in b.lists[tag]]}
                      for tag in LISTS},
        } for b in found], out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    if args.format == "csv":
        writer = csv.writer(out)
        head, rows = ((LINES, [r for b in found for r in _line_rows(b)]) if issue is not None
                      else (OVERVIEW, [_overview_row(b, False) for b in found]))
        writer.writerow(head)
        for row in rows:
            writer.writerow([csv_text(v, "" if v is None else str(v)) for v in row])
        return 0
    if issue is None:
        out.write("三个一批各期汇总\n")
        _print_table([OVERVIEW, *([str(v) for v in _overview_row(b, True)] for b in found)],
                     left={0, 1})
        out.write(f"共 {len(found)} 期\n")
        return 0
    b = found[0]
    out.write(f"三个一批 {b.label}\n")
    for tag, name in LISTS.items():
        out.write(f"\n{name}：{b.count(tag)} 个，总投资 "
                  f"{format_money(b.investment(tag), grouped=True)} 万元\n")
        if b.lists[tag]:
            rows = [["序号", "项目名称", "总投资（万元）", "责任单位", DATE_LABELS[tag]]]
            rows += [[str(i), clip(p.name, 40), format_money(p.total_investment, grouped=True),
                      clip(p.unit, 20), "" if p.day is None else p.day.isoformat()]
                     for i, p in enumerate(b.lists[tag], start=1)]
            _print_table(rows, left={1, 3})
    return 0


def run_export(args: argparse.Namespace) -> int:
    from cli.main import CommandError
    from exports.campaign_xlsx import write_campaign
    from exports.output import ExportError

    issue = _issue(args.batch)
    try:
        with database(args) as db, db.session() as session:
            flt = filter_from_args(session, args)
            written = write_campaign(session, issue, args.output, flt)
    except ExportError as error:
        raise CommandError(str(error)) from None
    counts = "，".join(f"{name} {written.batch.count(tag)} 个" for tag, name in LISTS.items())
    print(f"已导出三个一批清单：{args.output}（{written.batch.label}，{counts}）")
    return 0
