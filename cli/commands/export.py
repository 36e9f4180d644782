"""``portfolio export xlsx|pdf|mspdi|project-sheet``: the monthly Excel report, the PDF
briefing, the schedule for MS Project, and 项目一张表; ``export settings`` shows or sets the
issuing office, county and template the reports use."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from cli.commands.campaign import add_export_parser as add_campaign_parser
from cli.commands.common import (
    add_filter_arguments,
    database,
    filter_from_args,
    integer_argument,
    period_argument,
)
from cli.commands.forms import add_parser as add_forms_parser
from cli.commands.gantt_export import add_parser as add_gantt_parser
from cli.main import CommandError
from portfolio.periods import Period


def _common(parser: argparse.ArgumentParser, *, filters: bool = True) -> None:
    parser.add_argument("--period", type=period_argument, default=None, metavar="YYYY-MM",
                        help="报告月份，如 2026-10（默认上个月）")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE",
                        help="输出文件")
    if filters:
        add_filter_arguments(parser)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("export", help="导出月报Excel、工作简报PDF、进度计划等")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)

    xlsx = kinds.add_parser("xlsx", help="月报 Excel（汇总表、明细表、滞后项目表）")
    _common(xlsx)
    xlsx.add_argument("--template", metavar="FILE.xlsx",
                      help="报表模板（默认用报表设置中选择的模板，否则用内置模板）")
    xlsx.set_defaults(func=run_xlsx)

    pdf = kinds.add_parser("pdf", help="重点项目建设工作简报 PDF")
    _common(pdf)
    pdf.add_argument("--issue", type=integer_argument, metavar="N",
                     help="期号（默认沿用本月已有期号或顺延）")
    pdf.add_argument("--next-work", metavar="TEXT", help="四、下步工作（保存为本月内容）")
    pdf.add_argument("--next-work-file", type=Path, metavar="FILE",
                     help="从 UTF-8 文本文件读取下步工作")
    pdf.set_defaults(func=run_pdf)

    mspdi = kinds.add_parser("mspdi", help="进度计划（Microsoft Project XML）")
    _common(mspdi)
    mspdi.set_defaults(func=run_mspdi)

    sheet = kinds.add_parser("project-sheet", help="项目一张表 PDF（每个项目一页）")
    _common(sheet)
    sheet.add_argument("--id", type=integer_argument, action="append", default=[], dest="ids",
                       metavar="N", help="项目编号，可重复；不写则导出筛选出的全部项目")
    sheet.set_defaults(func=run_project_sheet)

    add_gantt_parser(kinds)  # export gantt: cli/commands/gantt_export.py
    add_campaign_parser(kinds)  # export campaign: cli/commands/campaign.py
    add_forms_parser(kinds)  # export forms: cli/commands/forms.py

    config = kinds.add_parser("settings", help="查看或设置填报单位、地区和报表模板")
    config.add_argument("--office", "--unit", dest="office",
                        help="填报单位/发文单位，如 兰考县发展和改革委员会")
    config.add_argument("--region", help="地区（标题中使用），如 兰考县")
    config.add_argument("--template", help="月报模板文件；空字符串恢复内置模板")
    config.set_defaults(func=run_settings)


def _when(args: argparse.Namespace) -> Period:
    return args.period or Period.current().previous()


def _fail(error: Exception) -> CommandError:
    return CommandError(str(error))


def run_xlsx(args: argparse.Namespace) -> int:
    from exports import report_settings as settings
    from exports import template
    from exports.output import ExportError
    from exports.xlsx import write_report

    started = time.perf_counter()
    try:
        with database(args) as db, db.session() as session:
            flt = filter_from_args(session, args)
            chosen = template.load(settings.template_path(session, args.template))
            written = write_report(session, _when(args), args.output, flt, template=chosen)
    except (ExportError, template.TemplateError) as error:
        raise _fail(error) from None
    missing = f"，其中 {written.left_out} 个未填入" if written.left_out else ""
    if written.lines != written.projects:  # say why the 明细表 has more lines than projects
        missing += f"（明细表 {written.lines} 行，打包项目计为 1 个、其子项目各占一行）"
    print(f"已导出月报：{written.path}（{written.period.label}，{written.scope}，"
          f"{written.projects} 个项目{missing}，滞后 {written.warned} 个，"
          f"用时 {time.perf_counter() - started:.1f} 秒）")
    for note in written.notes:
        print(f"注意：{note}")
    return 0


def run_pdf(args: argparse.Namespace) -> int:
    from exports import briefing_notes, briefing_pdf
    from exports.output import ExportError, check_target

    period = _when(args)
    try:  # before the issue number and next-work text are saved
        check_target(args.output)
    except ExportError as error:
        raise _fail(error) from None
    text = args.next_work
    if args.next_work_file is not None:
        try:
            text = args.next_work_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"无法读取下步工作文件“{args.next_work_file}”：{error}") from None
    started = time.perf_counter()
    with database(args) as db:
        with db.transaction() as session:
            if text is not None:
                briefing_notes.save_next_work(session, period, text)
            try:
                issue = briefing_notes.assign_issue(session, period, args.issue)
            except ValueError as error:
                raise _fail(error) from None
        try:
            with db.session() as session:
                flt = filter_from_args(session, args)
                data = briefing_pdf.write_briefing(session, period, args.output, flt,
                                                   issue=issue)
                has_next_work = bool(briefing_notes.next_work(session, period).strip())
        except ExportError as error:
            raise _fail(error) from None
    print(f"已导出工作简报：{args.output}（{period.year}年第{issue}期，{data.scope}，"
          f"{data.total.project_count}"
          f" 个项目，滞后 {len(data.warned)} 个，用时 {time.perf_counter() - started:.1f} 秒）")
    if not has_next_work:
        print("提示：本月的“四、下步工作”尚未填写，可用 --next-work 填写后重新导出")
    return 0


def run_mspdi(args: argparse.Namespace) -> int:
    from exports import mspdi
    from exports.output import ExportError

    try:
        with database(args) as db, db.session() as session:
            flt = filter_from_args(session, args)
            written = mspdi.write_schedule(session, args.output, _when(args), flt)
    except ExportError as error:
        raise _fail(error) from None
    note = f"，{written.skipped} 个项目缺少计划日期未写入" if written.skipped else ""
    print(f"已导出进度计划：{written.path}（{written.tasks} 个任务，{written.resources} 个责任单位"
          f"{note}）")
    return 0


def run_project_sheet(args: argparse.Namespace) -> int:
    from db.queries import filtered_ids
    from exports import project_sheet
    from exports.output import ExportError

    try:
        with database(args) as db, db.session() as session:
            ids = list(args.ids) or filtered_ids(session, filter_from_args(session, args))
            pages = project_sheet.write_sheets(session, ids, _when(args), args.output)
    except ExportError as error:
        raise _fail(error) from None
    print(f"已导出项目一张表：{args.output}（{pages} 页）")
    return 0


def run_settings(args: argparse.Namespace) -> int:
    from exports import report_settings as settings
    from exports import template

    with database(args) as db, db.transaction() as session:
        current = settings.load(session)
        if args.office is not None:
            current.office = args.office
        if args.region is not None:
            current.region = args.region
        if args.template is not None:
            if args.template.strip():
                try:
                    template.load(args.template)
                except template.TemplateError as error:
                    raise _fail(error) from None
                args.template = str(Path(args.template).resolve())
            current.template = args.template
        if any(v is not None for v in (args.office, args.region, args.template)):
            settings.save(session, current)
    print(f"填报单位：{current.office}")
    print(f"地区：{current.region or '（未设置）'}")
    print(f"月报模板：{current.template or '内置模板'}")
    return 0
