"""``portfolio export forms --period YYYY-MM --by unit|township -o FOLDER``: one 填报表 per
责任单位 or 乡镇 (:mod:`exports.forms`), recording which projects each was sent.

This module adds the ``forms`` sub-command to ``portfolio export`` (see :func:`add_parser`,
called by the ``export`` command module).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.commands.common import database, date_argument, period_argument

#: --by values (English keys and the Chinese names) → the kind of form
BY_CHOICES = {"unit": "unit", "责任单位": "unit", "township": "township", "乡镇": "township"}


def add_parser(export_subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = export_subparsers.add_parser(
        "forms", help="生成填报表（每个责任单位或乡镇一个工作簿）",
        description="为每个责任单位（或乡镇）生成一个只含其项目的填报表：锁定的项目信息和计算列，"
                    "待填的本月完成投资、形象进度等单元格带数据验证；记录已下发的项目，"
                    "填回后用 import xlsx 导入，用 returns 查看填报情况。")
    parser.add_argument("--period", type=period_argument, required=True, metavar="YYYY-MM",
                        help="报告月份，如 2026-10")
    parser.add_argument("--by", choices=tuple(BY_CHOICES), default="unit",
                        help="按责任单位(unit)或乡镇(township)分表，默认 unit")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FOLDER",
                        help="输出文件夹（不存在时创建）")
    parser.add_argument("--due", type=date_argument, metavar="YYYY-MM-DD",
                        help="报送截止日期（写入填报说明，默认次月5日）")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from cli.main import CommandError
    from exports.forms import write_forms
    from exports.output import ExportError

    folder: Path = args.output
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(f"无法创建文件夹“{folder}”：{error.strerror or error}") from None
    with database(args) as db:
        try:
            with db.transaction() as session:
                written = write_forms(session, args.period, BY_CHOICES[args.by], folder,
                                      due=args.due)
        except ExportError as error:
            raise CommandError(str(error)) from None
    print(written.summary())
    for path in written.files:
        print(f"  {path}")
    return 0
