"""``portfolio export gantt -o FILE.pdf|FILE.png``: the Gantt chart of the register's filter.

This module adds the ``gantt`` sub-command to ``portfolio export`` (see :func:`add_parser`,
called by the ``export`` command module); the filters are the same as ``portfolio list``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.commands.common import (
    add_filter_arguments,
    database,
    date_argument,
    filter_from_args,
    period_or_last_month,
)

#: --group values (English keys and the Chinese names) → grouping key of portfolio.timeline
GROUP_CHOICES: dict[str, str | None] = {
    "none": None, "不分组": None,
    "category": "category", "领域": "category",
    "township": "township", "乡镇": "township",
    "unit": "unit", "责任单位": "unit",
}


def add_parser(export_subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = export_subparsers.add_parser(
        "gantt",
        help="导出甘特图（PDF 矢量多页或 PNG）",
        description="按项目库的筛选和排序导出甘特图：计划与实际起止、完成进度、开工竣工节点、"
                    "今天和报告期末线，颜色表示预警状态。PDF 每页重复表头和时间轴。",
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="输出文件：.pdf 或 .png（多页时 PNG 按页编号）")
    parser.add_argument("--period", metavar="YYYY-MM",
                        help="报告期（默认上个月），如 2026-10")
    parser.add_argument("--paper", choices=("A3", "A4"), default="A3",
                        help="纸张（横向），默认 A3")
    parser.add_argument("--group", choices=tuple(GROUP_CHOICES), default="none",
                        help="分组：领域(category)、乡镇(township)、责任单位(unit)")
    parser.add_argument("--sort", default="id", help="排序列，与 list 相同，如 name")
    parser.add_argument("--descending", action="store_true", help="降序")
    parser.add_argument("--title", default=None, help="标题（默认“XX重点项目建设甘特图”）")
    parser.add_argument("--today", type=date_argument, default=None,
                        metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    add_filter_arguments(parser)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from cli.main import CommandError
    from exports.gantt_export import ExportOptions, export_gantt
    from exports.output import ExportError

    period = period_or_last_month(args.period)
    options = ExportOptions(
        period=period, by=GROUP_CHOICES[args.group], sort=args.sort,
        descending=args.descending, paper=args.paper, today=args.today, title=args.title,
    )
    try:
        with database(args) as db:
            with db.session() as session:
                flt = filter_from_args(session, args)
            written = export_gantt(db, Path(args.output), flt, options)
    except ExportError as error:
        raise CommandError(str(error)) from None
    for path in written:
        print(f"已导出：{path}")
    return 0
