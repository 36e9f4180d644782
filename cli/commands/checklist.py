"""``portfolio milestones checklist show|set|reset [--nature 新开工]``: the office's 前期手续
lists, one per 建设性质 (:mod:`portfolio.approval_checklist`).

``show`` prints every list (or one); ``set --nature N 名称…`` (or ``--file`` with one name a
line) replaces one list, refused in Chinese and unchanged when a name repeats; ``reset`` puts
back the shipped list of one 建设性质, or of all. Saved like the window saves them: audited,
after the same checks.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cli.commands.common import database
from portfolio import approval_checklist
from portfolio.approval_checklist import NATURE_FIELDS
from portfolio.vocabulary import STAGES


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("checklist", help="各建设性质的前期手续清单：查看、设置、恢复默认")
    actions = parser.add_subparsers(dest="checklist_action", metavar="ACTION", required=True)
    nature_help = f"建设性质（{'、'.join(STAGES)}）"
    show = actions.add_parser("show", help="列出手续清单")
    show.add_argument("--nature", choices=STAGES, metavar="建设性质",
                      help=nature_help + "；不写则列出全部")
    show.add_argument("--format", choices=("table", "json"), default="table")
    show.set_defaults(func=run_show)
    setting = actions.add_parser("set", help="替换一个建设性质的手续清单")
    setting.add_argument("--nature", choices=STAGES, metavar="建设性质", required=True,
                         help=nature_help)
    setting.add_argument("names", nargs="*", metavar="名称", help="手续名称，按办理顺序")
    setting.add_argument("--file", type=Path, help="从文本文件读取名称（每行一个）")
    setting.add_argument("--empty", action="store_true", help="清空该建设性质的清单")
    setting.set_defaults(func=run_set)
    reset = actions.add_parser("reset", help="恢复默认清单")
    reset.add_argument("--nature", choices=STAGES, metavar="建设性质",
                       help=nature_help + "；不写则全部恢复")
    reset.set_defaults(func=run_reset)


def _print(lists: approval_checklist.Checklists, natures: list[str], fmt: str) -> None:
    out = sys.stdout
    if fmt == "json":
        json.dump({n: lists.names(n) for n in natures}, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    for nature in natures:
        names = lists.names(nature)
        out.write(f"{nature}项目（{len(names)}项）\n")
        for number, name in enumerate(names, start=1):
            out.write(f"  {number}. {name}\n")
        if not names:
            out.write("  （无）\n")


def run_show(args: argparse.Namespace) -> int:
    with database(args) as db, db.session() as session:
        lists = approval_checklist.load(session)
    _print(lists, [args.nature] if args.nature else list(NATURE_FIELDS), args.format)
    return 0


def _names(args: argparse.Namespace) -> list[str]:
    from cli.main import CommandError

    names = [n.strip() for n in args.names if n.strip()]
    if args.file is not None:
        try:
            text = args.file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"无法读取清单文件 {args.file}：{error}") from None
        names += [n.strip() for n in text.splitlines() if n.strip()]
    if not names and not args.empty:
        raise CommandError("请给出手续名称（或 --file 文件），清空清单请用 --empty")
    if names and args.empty:
        raise CommandError("--empty 不能与手续名称同时给出")
    return names


def run_set(args: argparse.Namespace) -> int:
    from cli.main import CommandError

    names = _names(args)
    with database(args) as db, db.transaction() as session:
        current = approval_checklist.load(session)
        try:
            approval_checklist.save(session, current.with_names(args.nature, names), current)
        except ValueError as error:
            raise CommandError(str(error)) from None
        lists = approval_checklist.load(session)
    print(f"已保存{args.nature}项目手续清单：共 {len(names)} 项")
    _print(lists, [args.nature], "table")
    return 0


def run_reset(args: argparse.Namespace) -> int:
    with database(args) as db, db.transaction() as session:
        lists = approval_checklist.reset(session, args.nature,
                                         approval_checklist.load(session))
    which = f"{args.nature}项目" if args.nature else "全部建设性质的"
    print(f"已恢复{which}默认手续清单")
    _print(lists, [args.nature] if args.nature else list(NATURE_FIELDS), "table")
    return 0
