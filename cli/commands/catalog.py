"""``portfolio catalog list|adopt|update|stats``: the catalogue of the five planning documents.

The catalogue is a library beside the register. ``list`` shows every entry and whether the
register holds it; ``adopt`` puts chosen entries into the register with their citations;
``update`` applies changed catalogue files to adopted projects only. An entry is named by the
eight-digit number ``list`` shows (from its file and name, so it does not change when other
entries do) or by its full key ``file#name``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from cli.commands.common import database
from cli.formats import write_records
from cli.main import CommandError
from db.audit import current_user
from db.backup import backup_before
from portfolio import catalog

ID_HELP = (
    "条目编号：catalog list 显示的 8 位编号（由文件名和项目名称算出，不随其他条目变化），"
    "或完整键“文件#项目名称”"
)
#: How many entries adopted already an adoption names one by one (``--all`` may meet 1,251).
ALREADY_SHOWN = 50
DOCUMENT_HELP = "规划文件：文件名开头（如 003）、文号或标题的一部分；可重复"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "catalog", help="规划项目目录：列出、纳入项目库、更新、统计",
        description="规划项目目录收录五份规划文件中点名的项目，与项目库分开；"
                    "用 adopt 把选中的条目纳入项目库。",
    )
    actions = parser.add_subparsers(dest="catalog_action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="列出目录全部条目及是否已纳入项目库")
    listing.add_argument("--document", action="append", default=[], help=DOCUMENT_HELP)
    listing.add_argument("--category", action="append", default=[], help="领域，可重复")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    listing.set_defaults(func=run_list)

    adopt = actions.add_parser(
        "adopt", help="把目录条目纳入项目库（保留来源引用，并建立规划目标关联）",
        description="把选中的目录条目纳入项目库。已纳入的条目不重复纳入。"
                    "按文件或全部纳入时，用户删除过的项目不再纳入；按编号纳入时照常纳入。",
    )
    adopt.add_argument("ids", nargs="*", metavar="ID", help=ID_HELP)
    adopt.add_argument("--document", action="append", default=[], help=DOCUMENT_HELP)
    adopt.add_argument("--all", action="store_true", help="纳入目录全部条目")
    adopt.set_defaults(func=run_adopt)

    load = actions.add_parser("load", help="同 adopt --all（旧命令，保留为别名）")
    load.set_defaults(func=run_adopt, ids=[], document=[], all=True)

    update = actions.add_parser(
        "update", help="目录文件变化后更新已纳入的项目；用户修改过的项目保持不变，不纳入新条目"
    )
    update.add_argument("--dry-run", action="store_true", help="只报告，不写入数据库")
    update.set_defaults(func=run_update)
    stats = actions.add_parser("stats", help="按文件和类别统计目录条目")
    stats.set_defaults(func=run_stats)


def _records(rows: Sequence[catalog.LibraryEntry], adopted: set[str]) -> list[dict[str, Any]]:
    return [
        {
            "id": r.entry.short_id,
            "key": r.key,
            "document": r.document.file,
            "document_number": r.document.number,
            "line": r.entry.line,
            "quote": r.entry.quote,
            "name": r.entry.name,
            "category": r.entry.category,
            "location": r.entry.location,
            "investment": r.entry.investment_text,
            "investment_wan": None if r.entry.investment is None else str(r.entry.investment),
            "adopted": r.key in adopted,
        }
        for r in rows
    ]


#: (key, CSV header) of ``catalog list --format csv``
LIST_COLUMNS = (
    ("id", "编号"), ("document", "来源文件"), ("line", "来源行"), ("quote", "来源原文"),
    ("name", "项目名称"), ("category", "领域"), ("location", "建设地点"),
    ("investment", "投资（原文）"), ("investment_wan", "总投资（万元）"), ("adopted", "已纳入"),
)


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else str(value)


def run_list(args: argparse.Namespace) -> int:
    try:
        rows = catalog.choose(
            catalog.entries(), documents=args.document, categories=args.category
        )
    except catalog.CatalogError as error:
        raise CommandError(str(error)) from None
    with database(args) as db, db.session() as session:
        adopted = catalog.adopted_keys(session)
    records = _records(rows, adopted)
    shown = (
        ("id", "编号"), ("document", "文件"), ("line", "行"), ("name", "项目名称"),
        ("category", "领域"), ("location", "建设地点"), ("investment", "投资"),
        ("adopted", "已纳入"),
    )
    adopted_count = sum(1 for r in records if r["adopted"])
    write_records(sys.stdout, records, LIST_COLUMNS, args.format, text=_cell,
                  count=f"共 {len(records)} 个条目，已纳入项目库 {adopted_count} 个",
                  table_columns=shown,
                  limits={"name": 40, "location": 20, "document": 8, "investment": 16})
    return 0


def run_adopt(args: argparse.Namespace) -> int:
    if not (args.ids or args.document or args.all):
        raise CommandError("请指定要纳入的条目编号，或 --document 文件，或 --all")
    try:
        every = catalog.entries()
        by_id = catalog.find(every, args.ids)
        by_document = catalog.choose(every, documents=args.document) if args.document else []
        bulk = catalog.tracked(every if args.all else by_document)
    except catalog.CatalogError as error:
        raise CommandError(str(error)) from None
    with database(args) as db, db.session() as session:
        backup_before(db, "纳入规划项目前自动备份")
        session.info["user"] = current_user()
        report = catalog.CatalogReport()
        if bulk:
            report = catalog.adopt(session, [r.key for r in bulk], include_deleted=False)
        chosen = [r.key for r in by_id if r.key not in report.new]
        if chosen:
            named = catalog.adopt(session, chosen)
            report = _merged(report, named)
        session.commit()
    print_adoption(report)
    return 0


def _merged(first: catalog.CatalogReport, second: catalog.CatalogReport) -> catalog.CatalogReport:
    """Two adoptions in one transaction as one report."""
    return catalog.CatalogReport(
        new=first.new + second.new,
        already_adopted=sorted(set(first.already_adopted) | set(second.already_adopted)),
        adopted_by={**first.adopted_by, **second.adopted_by},
        deleted_by_user=[k for k in first.deleted_by_user if k not in second.new],
        new_documents=first.new_documents + second.new_documents,
        new_targets=first.new_targets + second.new_targets,
        new_links=first.new_links + second.new_links,
    )


def print_adoption(report: catalog.CatalogReport) -> None:
    out = sys.stdout
    _section(out, "纳入项目库", report.new)
    out.write(f"已在项目库中（未重复纳入）：{len(report.already_adopted)} 个\n")
    for key in report.already_adopted[:ALREADY_SHOWN]:
        adopter = report.adopted_by.get(key)
        where = "" if adopter is None or adopter.project_id is None else (
            f"，项目编号 {adopter.project_id}")
        who = "" if adopter is None else f"，{adopter.text} 纳入"
        out.write(f"  - {_name(key)}：条目编号 {catalog.short_id(key)}{where}{who}\n")
    if len(report.already_adopted) > ALREADY_SHOWN:
        out.write(f"  ……另有 {len(report.already_adopted) - ALREADY_SHOWN} 个"
                  "（catalog list 中“已纳入”为“是”）\n")
    if report.deleted_by_user:
        _section(out, "用户删除过，未纳入（可按编号单独纳入）", report.deleted_by_user)
    out.write(
        f"规划文件：新增 {len(report.new_documents)} 个；"
        f"规划目标：新增 {len(report.new_targets)} 个；"
        f"新建目标与项目关联 {report.new_links} 条\n"
    )


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
    _section(out, "已更新（目录有变化，用户未修改）", report.changed)
    _section(out, "保留用户修改（目录有变化，但项目已被用户修改，未覆盖）", report.kept_user_edit)
    _section(out, "目录中已无此条目，保留在项目库中", report.removed_from_catalog)
    out.write(f"未变：{report.unchanged} 个\n")
    if report.not_adopted:
        out.write(
            f"目录中尚未纳入项目库的条目：{report.not_adopted} 个（用 catalog adopt 纳入）\n"
        )
    out.write(
        f"规划文件：新增 {len(report.new_documents)} 个，更新 {len(report.changed_documents)} 个；"
        f"规划目标：新增 {len(report.new_targets)} 个，更新 {len(report.changed_targets)} 个；"
        f"新建目标与项目关联 {report.new_links} 条\n"
    )


def run_update(args: argparse.Namespace) -> int:
    with database(args) as db, db.session() as session:
        if not args.dry_run:
            backup_before(db, "规划目录更新前自动备份")
        session.info["user"] = current_user()
        try:
            report = catalog.update(session)
        except catalog.CatalogError as error:
            session.rollback()
            raise CommandError(str(error)) from None
        if args.dry_run:
            session.rollback()
        else:
            session.commit()
    print_report(report, dry_run=args.dry_run)
    return 0


def run_stats(args: argparse.Namespace) -> int:
    try:
        rows = catalog.stats()
    except catalog.CatalogError as error:
        raise CommandError(str(error)) from None
    out = sys.stdout
    out.write("文件\t文号\t项目\t专项工程\t方向和目标\t合计\t规划目标\t引用\t有投资额\n")
    for r in rows:
        out.write(
            f"{r.file}\t{r.number or '—'}\t{r.projects}\t{r.programmes}\t{r.untracked}\t"
            f"{r.entries}\t"
            f"{r.targets}\t{r.citations}\t{r.with_investment}\n"
        )
    out.write(
        f"合计\t\t{sum(r.projects for r in rows)}\t{sum(r.programmes for r in rows)}\t"
        f"{sum(r.untracked for r in rows)}\t"
        f"{sum(r.entries for r in rows)}\t{sum(r.targets for r in rows)}\t"
        f"{sum(r.citations for r in rows)}\t{sum(r.with_investment for r in rows)}\n"
    )
    return 0
