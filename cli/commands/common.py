"""What several commands share: opening the database, the report month, the register's
filter options and the titled lists an import preview prints."""

from __future__ import annotations

import argparse
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Document, Unit
from db.queries import ProjectFilter
from db.session import Database
from portfolio.periods import Period

#: the most lines :func:`print_listed` prints under one title
LIST_LIMIT = 200


def database(args: argparse.Namespace) -> Database:
    """The database named by ``--db`` / ``$PORTFOLIO_DB`` / the default, migrated."""
    from portfolio.startup import open_prepared

    return open_prepared(args.db)


def period_argument(text: str) -> Period:
    """``type=`` of a ``--period YYYY-MM`` option: a bad month is a usage error naming it."""
    try:
        return Period.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def date_argument(text: str) -> dt.date:
    """``type=`` of a date option (YYYY-MM-DD): a bad date is a usage error naming it."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD：“{text}”") from None


def integer_argument(text: str) -> int:
    """``type=`` of a whole-number option (a count, a year, a row id): a bad one is a usage
    error naming it, in Chinese rather than argparse's "invalid int value"."""
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为整数：“{text}”") from None


def period_or_last_month(text: str | None) -> Period:
    """The month ``--period`` names, or last month when it is not given."""
    from cli.main import CommandError

    if text is None:
        return Period.current().previous()
    try:
        return Period.parse(text)
    except ValueError as error:
        raise CommandError(str(error)) from None


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("筛选（与项目库页面相同）")
    group.add_argument("--search", default="", help="名称、单位、地点或拼音首字母")
    group.add_argument("--category", action="append", default=[], help="领域，可重复")
    group.add_argument("--township", action="append", default=[], help="乡镇/街道，可重复")
    group.add_argument("--unit", action="append", default=[], help="责任单位名称，可重复")
    group.add_argument("--level", action="append", default=[], help="级别，如 省重点")
    group.add_argument("--stage", action="append", default=[], help="建设性质，如 续建")
    group.add_argument(
        "--document", action="append", default=[], help="来源文件（文件名、文号或标题的一部分）"
    )


def filter_from_args(session: Session, args: argparse.Namespace) -> ProjectFilter:
    unit_ids: tuple[int, ...] = ()
    if args.unit:
        unit_ids = tuple(session.scalars(select(Unit.id).where(Unit.name.in_(args.unit))))
        if not unit_ids:
            unit_ids = (-1,)
    document_ids: tuple[int, ...] = ()
    if args.document:
        found: list[int] = []
        for text in args.document:
            pattern = f"%{text}%"
            found += session.scalars(
                select(Document.id).where(
                    Document.file.like(pattern)
                    | Document.number.like(pattern)
                    | Document.title.like(pattern)
                )
            )
        document_ids = tuple(found) or (-1,)
    return ProjectFilter(
        text=args.search,
        categories=tuple(args.category),
        townships=tuple(args.township),
        unit_ids=unit_ids,
        levels=tuple(args.level),
        stages=tuple(args.stage),
        document_ids=document_ids,
    )


def print_listed(title: str, lines: list[str]) -> None:
    """``title（count）：`` and the lines under it, at most :data:`LIST_LIMIT` of them; nothing
    when there are none."""
    if not lines:
        return
    print(f"{title}（{len(lines)}）：")
    for line in lines[:LIST_LIMIT]:
        print(f"  {line}")
    if len(lines) > LIST_LIMIT:
        print(f"  ……另有 {len(lines) - LIST_LIMIT} 条")

