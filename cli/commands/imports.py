"""``portfolio import xlsx FILE… | mspdi FILE | register FILE``: monthly figures from
spreadsheets (ours, a mapped layout, or the .xlsx/.xls/.ods/.csv that townships and departments
send back), planned dates from an MS Project schedule, and projects from an office's own
register (:mod:`cli.commands.register_import`). A preview is printed first; ``--dry-run`` stops
there."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.commands.common import database, period_argument, print_listed
from cli.main import CommandError
from db.backup import backup_before
from portfolio.money import format_money


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import", help="导入月报Excel、进度计划或项目清单（先预览，再写入）")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)

    xlsx = kinds.add_parser("xlsx", help="导入月度调度数据（可同时导入同一月份的多个工作簿）")
    xlsx.add_argument("files", nargs="+", type=Path, metavar="FILE",
                      help="Excel/WPS 工作簿（.xlsx、.xls、.et、.ods、.csv）")
    xlsx.add_argument("--period", type=period_argument, metavar="YYYY-MM",
                      help="报告月份（默认从工作簿中识别）")
    xlsx.add_argument("--template", metavar="FILE.xlsx",
                      help="工作簿所用的模板（默认用报表设置中的模板，否则用内置模板）")
    xlsx.add_argument("--mapping", type=Path, metavar="FILE.json",
                      help='列映射：{"columns": {"表头文字": "字段"|"ignore"}}，优先于自动识别')
    xlsx.add_argument("--dry-run", action="store_true", help="只预览，不写入数据库")
    xlsx.add_argument("--skip-unresolved", action="store_true",
                      help="跳过未匹配的行和有冲突的项目，导入其余数据")
    xlsx.set_defaults(func=run_xlsx)

    mspdi = kinds.add_parser("mspdi", help="从 Microsoft Project XML 导入计划开工、竣工日期")
    mspdi.add_argument("file", type=Path, metavar="FILE", help="MSPDI 文件（.xml）")
    mspdi.add_argument("--dry-run", action="store_true", help="只预览，不写入数据库")
    mspdi.add_argument("--skip-unresolved", action="store_true", help="跳过未匹配的任务")
    mspdi.set_defaults(func=run_mspdi)

    from cli.commands import register_import

    register_import.add_parser(kinds)


def _value(value: object) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "已开工" if value else "未开工"
    if hasattr(value, "quantize"):
        return format_money(value)  # type: ignore[arg-type]
    text = str(value)
    return text if text else "（空）"


def run_xlsx(args: argparse.Namespace) -> int:
    from exports import report_settings as settings
    from exports import template, xlsx_import
    from exports.sheets.mapping import MappingError, load_mapping

    try:
        mapping = load_mapping(args.mapping) if args.mapping else None
    except MappingError as error:
        raise CommandError(str(error)) from None
    with database(args) as db:
        with db.session() as session:
            try:
                chosen = template.load(settings.template_path(session, args.template))
            except template.TemplateError as error:
                raise CommandError(str(error)) from None
            preview = xlsx_import.preview(session, args.files, period=args.period,
                                          template=chosen, mapping=mapping)
        print(preview.summary())
        print_listed("错误", [p.text() for p in preview.errors])
        print_listed("提示", [p.text() for p in preview.warnings])
        print_listed("未匹配", [u.text() for u in preview.unmatched])
        print_listed("冲突", [c.text() for c in preview.conflicts])
        print_listed("新增", [
            f"{c.name}（编号{c.project_id}）：" + "；".join(
                f"{label} {_value(new)}" for label, _old, new in c.differences())
            for c in preview.new])
        print_listed("修改", [
            f"{c.name}（编号{c.project_id}）：" + "；".join(
                f"{label} {_value(old)} → {_value(new)}" for label, old, new in c.differences())
            for c in preview.changed])
        if preview.errors:
            raise CommandError(f"有 {len(preview.errors)} 处错误，未导入任何数据")
        if args.dry_run:
            print("（试运行：未写入数据库）")
            return 0
        if not preview.can_apply(skip_unresolved=args.skip_unresolved):
            raise CommandError("有未匹配的行或冲突，未导入任何数据；核对后重试，"
                               "或用 --skip-unresolved 跳过它们")
        backup_before(db, f"导入 {len(args.files)} 个工作簿前自动备份", kind="import")
        try:
            count = xlsx_import.apply(db, preview, skip_unresolved=args.skip_unresolved)
        except xlsx_import.ImportFailed as error:
            raise CommandError(str(error)) from None
    print(f"已导入：{count} 个项目的{preview.period.label if preview.period else ''}数据")
    return 0


def run_mspdi(args: argparse.Namespace) -> int:
    from exports import mspdi
    from exports.output import ExportError

    with database(args) as db:
        with db.session() as session:
            preview = mspdi.preview_schedule(session, args.file)
        print(preview.summary())
        print_listed("错误", [p.text() for p in preview.errors])
        print_listed("未匹配", [u.text() for u in preview.unmatched])
        print_listed("修改", [
            f"{c.name}（编号{c.project_id}）：计划开工 {_value(c.old_start)} → {c.new_start}，"
            f"计划竣工 {_value(c.old_finish)} → {c.new_finish}" for c in preview.changed])
        if preview.errors:
            raise CommandError(f"有 {len(preview.errors)} 处错误，未导入任何日期")
        if args.dry_run:
            print("（试运行：未写入数据库）")
            return 0
        backup_before(db, f"导入进度计划 {args.file.name} 前自动备份", kind="import")
        try:
            count = mspdi.apply_schedule(db, preview, skip_unresolved=args.skip_unresolved)
        except ExportError as error:
            raise CommandError(str(error)) from None
    print(f"已导入：{count} 个项目的计划日期")
    return 0
