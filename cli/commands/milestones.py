"""``portfolio milestones``: 前期手续 and milestones on standard output, and setting one step.

``milestones list [--project P] [--overdue] [--format table|csv|json]`` lists every step (or
the overdue ones: planned before today, not done); ``milestones set PROJECT STEP --actual
YYYY-MM-DD --number 文号`` records a step, validated as in the window; ``milestones apply
PROJECT [--nature 前期]`` adds the list of the project's 建设性质 (or of another) to it.
``milestones checklist show|set|reset [--nature 新开工]`` shows, replaces or puts back the
office's lists (:mod:`cli.commands.checklist`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from cli.commands import checklist
from cli.commands.common import database, date_argument
from cli.commands.projects_arg import project_id
from cli.formats import write_records
from portfolio import approval_checklist, approvals
from portfolio.vocabulary import STAGES

COLUMNS: tuple[tuple[str, str], ...] = (
    ("project_id", "编号"), ("project", "项目名称"), ("position", "序号"), ("kind", "类别"),
    ("name", "手续/节点"), ("planned_on", "计划完成"), ("actual_on", "实际完成"),
    ("document_number", "批准文号"), ("issuing_office", "审批机关"), ("state", "状态"),
)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("milestones", help="前期手续与节点")
    commands = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help="列出手续与节点")
    listing.add_argument("--project", help="项目编号、项目代码或名称")
    listing.add_argument("--overdue", action="store_true", help="只列逾期的（计划日期已过未办结）")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    listing.set_defaults(func=run_list)
    setting = commands.add_parser("set", help="填写一项手续或节点")
    setting.add_argument("project", metavar="PROJECT", help="项目编号、项目代码或名称")
    setting.add_argument("step", metavar="STEP", help="手续或节点名称（可写其中一部分）")
    setting.add_argument("--planned", type=date_argument, help="计划完成日期 YYYY-MM-DD")
    setting.add_argument("--actual", type=date_argument, help="实际完成日期 YYYY-MM-DD")
    setting.add_argument("--number", help="批准文号")
    setting.add_argument("--office", help="审批机关")
    setting.add_argument("--note", help="备注")
    setting.set_defaults(func=run_set)
    applying = commands.add_parser("apply", help="按项目建设性质的手续清单为项目建立手续")
    applying.add_argument("project", metavar="PROJECT", help="项目编号、项目代码或名称")
    applying.add_argument("--nature", choices=STAGES, metavar="建设性质",
                          help=f"改用该建设性质的清单（{'、'.join(STAGES)}）")
    applying.add_argument("--force", action="store_true",
                          help="项目所属建设性质的清单为空时，按前期项目清单建立")
    applying.set_defaults(func=run_apply)
    checklist.register(commands)


def _records(session: Any, only: int | None, overdue: bool) -> list[dict[str, Any]]:
    from db.models import Project

    today = dt.date.today()
    by_project = approvals.steps_by_project(session, [only] if only is not None else None)
    names = dict(session.query(Project.id, Project.name).filter(Project.id.in_(by_project)))
    out = []
    for pid, steps in by_project.items():
        for step in steps:
            late = step.overdue_on(today)
            if overdue and not late:
                continue
            state = "已办结" if step.done else "逾期" if late else "未办结"
            out.append({
                "project_id": pid, "project": names.get(pid, ""), "position": step.position + 1,
                "kind": approvals.KINDS[step.kind], "name": step.name,
                "planned_on": step.planned_on, "actual_on": step.actual_on,
                "document_number": step.document_number,
                "issuing_office": step.issuing_office, "state": state,
            })
    return out


def run_list(args: argparse.Namespace) -> int:
    with database(args) as db, db.session() as session:
        only = project_id(session, args.project) if args.project else None
        records = _records(session, only, args.overdue)
    write_records(sys.stdout, records, COLUMNS, args.format, count=f"共 {len(records)} 项手续/节点",
                  limits={"project": 30, "document_number": 24, "issuing_office": 16})
    return 0


def run_set(args: argparse.Namespace) -> int:
    from cli.main import CommandError

    changes: dict[str, Any] = {}
    for key, name in (("planned", "planned_on"), ("actual", "actual_on"),
                      ("number", "document_number"), ("office", "issuing_office"),
                      ("note", "note")):
        if getattr(args, key) is not None:
            changes[name] = getattr(args, key)
    if not changes:
        raise CommandError("请至少给出 --planned、--actual、--number、--office 或 --note 之一")
    with database(args) as db, db.transaction() as session:
        pid = project_id(session, args.project)
        try:
            step = approvals.find_step(session, pid, args.step)
            approvals.update_step(session, step.with_changes(**changes), expected=step)
        except approvals.StepError as error:
            raise CommandError(str(error)) from None
        state = approvals.state_of(approvals.steps_of(session, pid))
    print(f"已保存：{step.name}。{state.text}")
    return 0


def run_apply(args: argparse.Namespace) -> int:
    with database(args) as db, db.transaction() as session:
        pid = project_id(session, args.project)
        nature = args.nature
        if nature is None and args.force and not approval_checklist.of_project(session, pid)[1]:
            nature = "前期"
        added = approval_checklist.apply(session, pid, nature=nature)
        state = approvals.state_of(approvals.steps_of(session, pid))
    print(f"新增 {added} 项手续。{state.text}")
    return 0
