"""``portfolio backup list|create|restore ID``: the database's backups (see :mod:`db.backup`).

These commands do not open the database through the usual start-up: a damaged database must
still be listable, backed up as it is, and restorable."""

from __future__ import annotations

import argparse

from cli.main import CommandError
from db import backup, backup_pg
from db.session import resolve_url


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("backup", help="数据库备份：列出、创建、恢复")
    actions = parser.add_subparsers(dest="backup_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="列出备份（编号、时间、原因、大小）")
    listing.set_defaults(func=run_list)
    actions.add_parser("create", help="立即备份数据库").set_defaults(func=run_create)
    restore = actions.add_parser("restore", help="用某个备份替换当前数据库（先备份当前状态）")
    restore.add_argument("id", metavar="ID", help="备份编号（见 portfolio backup list）")
    restore.set_defaults(func=run_restore)


def _url(args: argparse.Namespace) -> str:
    try:
        url = resolve_url(args.db)
    except Exception as error:  # SQLAlchemy's ArgumentError, ValueError: a bad address
        raise CommandError(f"无法识别数据库地址“{args.db}”") from error
    path = backup.sqlite_file(url)
    if backup.folder_for(url) is None:
        raise CommandError("内存数据库没有备份")
    if path is not None and not path.is_file():
        raise CommandError(f"数据库文件“{path}”不存在")
    return url


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def run_list(args: argparse.Namespace) -> int:
    url = _url(args)
    backups = backup.list_backups(url)
    if not backups:
        print(f"还没有备份（备份文件夹：{backup.folder_for(url)}）")
        return 0
    print("编号\t时间\t原因\t大小")
    for b in backups:
        print(f"{b.id}\t{b.created:%Y-%m-%d %H:%M:%S}\t{b.label}：{b.reason}\t{_size(b.size)}")
    print(f"共 {len(backups)} 个备份，位于 {backup.folder_for(url)}")
    return 0


def run_create(args: argparse.Namespace) -> int:
    url = _url(args)
    made = backup.create(url, "manual", "手动备份")
    if made.detail:
        print(made.detail)
    elif backup.sqlite_file(url) is None and made.path.suffix != backup_pg.SUFFIX:
        print("未找到 pg_dump（PATH 中没有），已改用可移植的数据导出")
    print(f"已备份：{made.id}，{made.method}，{_size(made.size)}，保存在 {made.path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    url = _url(args)
    restored, before = backup.restore(url, args.id)
    print(f"已先将当前数据库备份为 {before.id}"
          f"（如需撤销这次恢复：portfolio backup restore {before.id}）")
    if restored.path.suffix == backup_pg.SUFFIX:
        how = "pg_restore（一个事务内完成）"
    elif backup.sqlite_file(url) is not None:
        how = "SQLite 在线备份接口"
    else:
        how = "载入可移植的数据导出（一个事务内完成）"
    print(f"已用备份 {restored.id}（{restored.created:%Y-%m-%d %H:%M:%S}，{restored.label}："
          f"{restored.reason}）替换当前数据库，恢复方式：{how}")
    return 0
