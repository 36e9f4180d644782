"""``portfolio demo``: fill an empty database with a synthetic county portfolio."""

from __future__ import annotations

import argparse
import time

from cli.commands.common import date_argument, integer_argument
from db.session import open_database


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "demo",
        help="生成演示数据（仅限空数据库，不纳入规划目录）",
        description="在 --db 指定的空数据库中生成一套虚构的县域重点项目数据："
                    "年度计划、逐月调度、开工与滞后情况，各页面打开即有内容。",
    )
    parser.add_argument("--projects", type=integer_argument, default=300, metavar="N",
                        help="项目个数（默认300）")
    parser.add_argument("--years", type=integer_argument, default=3, metavar="Y",
                        help="截至今年的年数（默认3）")
    parser.add_argument("--seed", type=integer_argument, default=1, metavar="S",
                        help="随机种子（默认1）")
    parser.add_argument("--photos", action="store_true",
                        help="同时为已开工项目绘制几张现场照片（较慢，默认不生成）")
    parser.add_argument("--today", type=date_argument, default=None,
                        metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from cli.main import CommandError
    from portfolio import demo

    started = time.perf_counter()
    with open_database(args.db) as db:  # as it is: never the catalogue first
        try:
            count = demo.generate(
                db, projects=args.projects, years=args.years, seed=args.seed, today=args.today,
                photos=args.photos,
            )
        except demo.DemoError as error:
            raise CommandError(str(error)) from None
    seconds = time.perf_counter() - started
    print(f"已生成演示数据：{count} 个项目，{args.years} 年（{seconds:.1f} 秒）：{db.url}")
    return 0
