"""``portfolio catalog load|update|stats``: the shipped catalogue of the five planning documents."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cli.main import CommandError
from db.audit import current_user
from db.backup import backup_before
from db.session import open_database
from portfolio import catalog


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("catalog", help="规划文件项目目录：载入、更新、统计")
    actions = parser.add_subparsers(dest="catalog_action", metavar="ACTION", required=True)
    load = actions.add_parser("load", help="载入目录中尚未载入的项目和规划目标（不改动已有项目）")
    load.set_defaults(func=run_load)
    update = actions.add_parser(
        "update", help="报告并载入目录文件中新增或变化的条目；用户修改过的项目保持不变"
    )
    update.add_argument("--dry-run", action="store_true", help="只报告，不写入数据库")
    update.set_defaults(func=run_update)
    stats = actions.add_parser("stats", help="按文件和类别统计目录条目")
    stats.set_defaults(func=run_stats)


def _name(key: str) -> str:
    file, _, name = key.partition("#")
    return f"{name}（{file}）"


def _section(out, title: str, keys: Sequence[str]) -> None:  # type: ignore[no-untyped-def]
    out.write(f"{title}：{len(keys)} 个\n")
    for key in keys:
        out.write(f"  - {_name(key)}\n")


def print_report(report: catalog.CatalogReport, *, dry_run: bool = False) -> None:
    out = sys.stdout
    if dry_run:
        out.write("（试运行：以下变化未写入数据库）\n")
    _section(out, "新增项目", report.new)
    _section(out, "已更新（目录有变化，用户未修改）", report.changed)
    _section(out, "保留用户修改（目录有变化，但项目已被用户修改，未覆盖）", report.kept_user_edit)
    _section(out, "用户已删除，不再载入", report.deleted_by_user)
    _section(out, "目录中已无此条目，保留在项目库中", report.removed_from_catalog)
    out.write(f"未变：{report.unchanged} 个\n")
    out.write(
        f"规划文件：新增 {len(report.new_documents)} 个，更新 {len(report.changed_documents)} 个；"
        f"规划目标：新增 {len(report.new_targets)} 个，更新 {len(report.changed_targets)} 个；"
        f"新建目标与项目关联 {report.new_links} 条\n"
    )


def _run(args: argparse.Namespace, action: str) -> catalog.CatalogReport:
    # Not common.database(): its first-start load would leave nothing for this command to do.
    with open_database(args.db) as db, db.session() as session:
        if not getattr(args, "dry_run", False):
            backup_before(db, f"规划目录{'载入' if action == 'load' else '更新'}前自动备份")
        session.info["user"] = current_user()
        try:
            report = catalog.load(session) if action == "load" else catalog.update(session)
        except catalog.CatalogError as error:
            session.rollback()
            raise CommandError(str(error)) from None
        if getattr(args, "dry_run", False):
            session.rollback()
        else:
            session.commit()
    return report


def run_load(args: argparse.Namespace) -> int:
    report = _run(args, "load")
    print_report(report)
    return 0


def run_update(args: argparse.Namespace) -> int:
    report = _run(args, "update")
    print_report(report, dry_run=args.dry_run)
    return 0


def run_stats(args: argparse.Namespace) -> int:
    try:
        rows = catalog.stats()
    except catalog.CatalogError as error:
        raise CommandError(str(error)) from None
    out = sys.stdout
    out.write("文件\t文号\t项目\t专项工程\t合计\t规划目标\t引用\t有投资额\n")
    for r in rows:
        out.write(
            f"{r.file}\t{r.number or '—'}\t{r.projects}\t{r.programmes}\t{r.entries}\t"
            f"{r.targets}\t{r.citations}\t{r.with_investment}\n"
        )
    out.write(
        f"合计\t\t{sum(r.projects for r in rows)}\t{sum(r.programmes for r in rows)}\t"
        f"{sum(r.entries for r in rows)}\t{sum(r.targets for r in rows)}\t"
        f"{sum(r.citations for r in rows)}\t{sum(r.with_investment for r in rows)}\n"
    )
    return 0
