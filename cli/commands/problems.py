"""``portfolio problems``: the 问题台账 without a screen — list, add, update, close.

``list`` writes a table, CSV or JSON; CSV cells that a spreadsheet would take for a formula
(starting with ``= + - @``, a tab or a carriage return) get a leading apostrophe. Every error
is one Chinese line and exit status 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from cli.commands.common import database, date_argument, integer_argument, period_argument
from cli.formats import write_records
from portfolio import problems
from portfolio.matching import AMBIGUOUS, ProjectMatcher
from portfolio.periods import Period
from portfolio.problems import ProblemData, ProblemError, ProblemQuery, ProblemRow

COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "序号"),
    ("project", "项目名称"),
    ("description", "问题描述"),
    ("kind", "类别"),
    ("unit", "协调单位"),
    ("person", "责任人"),
    ("deadline", "办结时限"),
    ("state", "状态"),
    ("overdue_days", "逾期天数"),
    ("raised", "提出时间"),
    ("resolution", "解决情况"),
    ("resolved_on", "解决日期"),
)

def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("problems", help="问题台账：列出、登记、修改、办结")
    commands = parser.add_subparsers(dest="problems_command", metavar="ACTION", required=True)

    listing = commands.add_parser("list", help="列出问题")
    listing.add_argument("--period", type=period_argument, metavar="YYYY-MM",
                         help="该月的问题清单：该月底前提出、月初时尚未办结的问题")
    listing.add_argument("--state", action="append", default=[], choices=problems.STATES,
                         help="状态，可重复")
    listing.add_argument("--unit", action="append", default=[], help="协调单位，可重复")
    listing.add_argument("--overdue", action="store_true", help="只列逾期未解决的问题")
    listing.add_argument("--search", default="", help="问题描述、项目名称、单位或责任人中的文字")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    listing.set_defaults(func=run_list)

    add = commands.add_parser("add", help="登记问题")
    add.add_argument("--project", required=True, metavar="ID_OR_NAME", help="项目编号或名称")
    add.add_argument("--description", required=True, help="问题描述")
    add.add_argument("--kind", default="其他", help=f"类别：{'、'.join(problems.KINDS)}")
    _common_options(add)
    add.add_argument("--raised", type=period_argument, metavar="YYYY-MM",
                     help="提出时间（默认本月）")
    add.set_defaults(func=run_add)

    update = commands.add_parser("update", help="修改问题")
    update.add_argument("id", type=integer_argument, help="问题序号")
    update.add_argument("--description", help="问题描述")
    update.add_argument("--kind", help=f"类别：{'、'.join(problems.KINDS)}")
    _common_options(update)
    update.add_argument("--raised", type=period_argument, metavar="YYYY-MM", help="提出时间")
    update.add_argument("--state", help=f"状态：{'、'.join(problems.STATES)}")
    update.add_argument("--resolution", help="解决情况")
    update.set_defaults(func=run_update)

    close = commands.add_parser("close", help="办结问题")
    close.add_argument("id", type=integer_argument, help="问题序号")
    close.add_argument("--resolution", required=True, help="解决情况（无法解决时说明原因）")
    close.add_argument("--state", default="已解决", help="已解决（默认）或 无法解决")
    close.add_argument("--date", type=date_argument, metavar="YYYY-MM-DD",
                       help="解决日期（默认今天）")
    close.set_defaults(func=run_close)


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unit", help="协调单位")
    parser.add_argument("--person", help="责任人")
    parser.add_argument("--deadline", type=date_argument, metavar="YYYY-MM-DD", help="办结时限")


def _fail(error: Exception) -> Exception:
    from cli.main import CommandError

    return CommandError(str(error))


def _project_id(session: Any, text: str) -> int:
    matcher = ProjectMatcher.from_database(session)
    text = text.strip()
    if text.isdigit():
        match = matcher.match("", int(text))
        if not match.found:
            raise _fail(ValueError(f"没有编号为{text}的项目"))
    else:
        match = matcher.match(text)
        if match.how == AMBIGUOUS:
            names = "、".join(f"{pid}（{name}）" for pid, name in match.candidates)
            raise _fail(ValueError(f"有多个项目名为“{text}”，请用编号指定：{names}"))
        if not match.found:
            raise _fail(ValueError(f"没有名为“{text}”的项目"))
    assert match.project_id is not None
    return match.project_id


def _record(row: ProblemRow, on: dt.date) -> dict[str, Any]:
    return {
        "id": row.id, "project_id": row.project_id, "project": row.project_name,
        "description": row.description, "kind": row.kind, "unit": row.unit,
        "person": row.person, "deadline": row.deadline, "state": row.state,
        "overdue_days": row.overdue_days(on) or None, "raised": str(row.raised),
        "resolution": row.resolution, "resolved_on": row.resolved_on,
    }


def run_list(args: argparse.Namespace) -> int:
    period: Period | None = args.period
    on = min(period.last_day, dt.date.today()) if period else dt.date.today()
    query = ProblemQuery(period=period, states=tuple(args.state), units=tuple(args.unit),
                         overdue_on=on if args.overdue else None, text=args.search)
    with database(args) as db, db.session() as session:
        records = [_record(r, on) for r in problems.list_problems(session, query)]
    late = sum(1 for r in records if r["overdue_days"])
    write_records(sys.stdout, records, COLUMNS, args.format,
                  count=f"共 {len(records)} 个问题" + (f"，其中逾期 {late} 个" if late else ""),
                  table_columns=COLUMNS[:10], default_limit=20,
                  limits={"project": 30, "description": 36, "unit": 20})
    return 0


def run_add(args: argparse.Namespace) -> int:
    with database(args) as db:
        try:
            with db.transaction() as session:
                project_id = _project_id(session, args.project)
                data = ProblemData(
                    project_id=project_id, raised=args.raised or Period.current(),
                    description=args.description, kind=args.kind, unit=args.unit or "",
                    person=args.person or "", deadline=args.deadline,
                )
                number = problems.add(session, data)
        except ProblemError as error:
            raise _fail(error) from None
    print(f"已登记第{number}号问题：{data.description.strip()}")
    return 0


def run_update(args: argparse.Namespace) -> int:
    changes = {key: getattr(args, key) for key in (
        "description", "kind", "unit", "person", "deadline", "state", "resolution")
        if getattr(args, key) is not None}
    if args.raised is not None:
        changes["raised"] = args.raised
    if changes.get("state") in problems.OPEN_STATES:
        changes["resolved_on"] = None  # reopened
    if not changes:
        raise _fail(ValueError("没有要修改的内容（可用 --description、--kind、--unit 等）"))
    with database(args) as db:
        try:
            with db.transaction() as session:
                data = problems.load(session, args.id).with_changes(**changes)
                problems.update(session, args.id, data)
        except ProblemError as error:
            raise _fail(error) from None
    print(f"已修改第{args.id}号问题")
    return 0


def run_close(args: argparse.Namespace) -> int:
    with database(args) as db:
        try:
            with db.transaction() as session:
                problems.close(session, args.id, args.resolution, state=args.state,
                               on=args.date)
        except ProblemError as error:
            raise _fail(error) from None
    print(f"已办结第{args.id}号问题（{args.state}）")
    return 0
