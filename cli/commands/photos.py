"""``portfolio photos``: a project's 现场照片 from the command line.

``photos add PROJECT FILE… [--caption 说明] [--date YYYY-MM-DD]`` reads every file first and
adds them in one transaction, or none when one is refused (the message names the file);
``photos list PROJECT [--format table|csv|json]``; ``photos remove ID``; ``photos export
PROJECT -o DIR`` writes the stored JPEGs into a folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.commands.common import database, date_argument, integer_argument
from cli.commands.projects_arg import project_id
from cli.formats import write_records
from portfolio import photos
from portfolio.photos import PhotoError

COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "照片编号"), ("taken_on", "拍摄日期"), ("caption", "说明"), ("size", "尺寸"),
    ("file_name", "文件名"), ("added_at", "添加时间"), ("added_by", "添加人"),
)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("photos", help="现场照片")
    commands = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    adding = commands.add_parser("add", help="为项目添加照片（JPEG/PNG）")
    adding.add_argument("project", metavar="PROJECT", help="项目编号、项目代码或名称")
    adding.add_argument("files", metavar="FILE", nargs="+", type=Path, help="照片文件")
    adding.add_argument("--caption", default="", help="照片说明（每张相同）")
    adding.add_argument("--date", type=date_argument,
                        help="拍摄日期 YYYY-MM-DD（不给时取照片自带的拍摄日期）")
    adding.set_defaults(func=run_add)
    listing = commands.add_parser("list", help="列出项目的照片")
    listing.add_argument("project", metavar="PROJECT", help="项目编号、项目代码或名称")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    listing.set_defaults(func=run_list)
    removing = commands.add_parser("remove", help="删除一张照片")
    removing.add_argument("id", metavar="ID", type=integer_argument,
                          help="照片编号（photos list 所列）")
    removing.set_defaults(func=run_remove)
    exporting = commands.add_parser("export", help="把项目的照片导出到文件夹")
    exporting.add_argument("project", metavar="PROJECT", help="项目编号、项目代码或名称")
    exporting.add_argument("-o", "--output", required=True, type=Path, help="文件夹")
    exporting.set_defaults(func=run_export)


def run_add(args: argparse.Namespace) -> int:
    from cli.main import CommandError

    try:
        read = [photos.read_photo(path) for path in args.files]
    except PhotoError as error:
        raise CommandError(f"未添加任何照片：{error}") from None
    with database(args) as db, db.transaction() as session:
        pid = project_id(session, args.project)
        try:
            ids = [photos.add(session, pid, data.with_changes(
                caption=args.caption, taken_on=args.date or data.taken_on)) for data in read]
        except PhotoError as error:
            raise CommandError(f"未添加任何照片：{error}") from None
    print(f"已添加 {len(ids)} 张照片，编号 {'、'.join(str(i) for i in ids)}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with database(args) as db, db.session() as session:
        pid = project_id(session, args.project)
        records = [{
            "id": p.id, "taken_on": p.taken_on, "caption": p.caption,
            "size": f"{p.width}×{p.height}", "file_name": p.file_name,
            "added_at": p.added_at.isoformat(sep=" "), "added_by": p.added_by,
        } for p in photos.photos_of(session, pid)]
    write_records(sys.stdout, records, COLUMNS, args.format, count=f"共 {len(records)} 张照片",
                  limits={"caption": 30, "file_name": 24})
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from cli.main import CommandError

    with database(args) as db, db.transaction() as session:
        try:
            saved = photos.remove(session, args.id)
        except KeyError:
            raise CommandError(f"没有编号为{args.id}的照片") from None
    print(f"已删除照片 {saved.id}（{saved.data.caption or saved.data.file_name}）")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from cli.main import CommandError

    with database(args) as db, db.session() as session:
        pid = project_id(session, args.project)
        try:
            written = photos.export(session, pid, args.output)
        except PhotoError as error:
            raise CommandError(str(error)) from None
    print(f"已导出 {len(written)} 张照片到 {args.output}")
    return 0
