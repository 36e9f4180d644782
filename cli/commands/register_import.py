"""``portfolio import register FILE``: an office's 重点项目清单 or 年度投资计划表 into the
register. The preview is printed first (counts, then every new and changed project field by
field, what is created, skipped rows and problems); ``--dry-run`` stops there."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cli.commands.common import integer_argument, print_listed
from cli.main import CommandError


def add_parser(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = kinds.add_parser("register", help="导入项目清单或年度投资计划表（新增或更新项目）")
    parser.add_argument("file", type=Path, metavar="FILE",
                        help="电子表格（.xlsx、.xls、WPS 的 .et、.ods、.csv）")
    parser.add_argument("--sheet", metavar="NAME", help="工作表名称（默认：项目行最多的工作表）")
    parser.add_argument("--year", type=integer_argument, metavar="YYYY",
                        help="年度计划的年份（表头未写年份时使用）")
    parser.add_argument("--mapping", metavar="FILE.json|NAME",
                        help="列映射：JSON 文件，或已保存的映射名称")
    parser.add_argument("--save-mapping", metavar="NAME",
                        help="把本次使用的列映射以此名称保存，供以后导入使用")
    parser.add_argument("--dry-run", action="store_true", help="只预览，不写入数据库")
    parser.add_argument("--yes", action="store_true", help="不询问，预览后直接导入")
    parser.set_defaults(func=run)


def _profile(text: str | None) -> Any:
    from portfolio.register_import import profiles

    if text is None:
        return None
    path = Path(text)
    try:
        if path.suffix.lower() == ".json" or path.exists():
            return profiles.read_file(path)
        return profiles.load(text)
    except profiles.ProfileError as error:
        raise CommandError(str(error)) from None


def run(args: argparse.Namespace) -> int:
    from cli.commands.common import database
    from exports.register_source import read_register
    from exports.sheets.grid import SheetError
    from exports.sheets.headers import HeaderError
    from portfolio import register_import
    from portfolio.register_import import profiles

    profile = _profile(args.mapping)
    try:
        source = read_register(args.file, args.sheet, profile, args.year)
    except HeaderError as error:
        raise CommandError(f"{error}；请用 --mapping 指定哪一列是项目名称") from None
    except SheetError as error:
        raise CommandError(str(error)) from None
    with database(args) as db:
        with db.session() as session:
            try:
                preview = register_import.preview(session, source, year=args.year)
            except register_import.RegisterImportError as error:
                raise CommandError(str(error)) from None
        print_preview(preview)
        if args.save_mapping:
            saved = profiles.save(_used_mapping(args.save_mapping, source, profile))
            print(f"已保存列映射「{args.save_mapping}」：{saved}")
        if preview.errors:
            raise CommandError(f"有 {len(preview.errors)} 处错误，未导入任何数据")
        if args.dry_run:
            print("（试运行：未写入数据库）")
            return 0
        if not args.yes and sys.stdin.isatty():
            answer = input("确认导入？[y/N] ").strip().lower()
            if answer not in ("y", "yes", "是"):
                print("已取消，未写入数据库")
                return 0
        try:
            done = register_import.apply(db, preview)
        except register_import.RegisterImportError as error:
            raise CommandError(str(error)) from None
    print(f"已导入：新增 {done.created} 个项目，修改 {done.updated} 个，"
          f"写入 {done.plans} 个{preview.year}年度计划")
    return 0


def _used_mapping(name: str, source: Any, profile: Any) -> Any:
    """The mapping this import used, explicit: every recognised column and every ignored one."""
    from portfolio.register_import import profiles
    from portfolio.register_import.fields import IGNORE, IMPORTED

    columns = {c.text: c.key for c in source.columns if c.key in IMPORTED}
    columns.update({text: IGNORE for text in source.ignored})
    units = dict(profile.units) if profile else {}
    return profiles.MappingProfile(name, columns, units, source.sheet)


def _value(value: Any) -> str:
    from portfolio.register_import.fields import value_text

    return value_text(value)


def print_preview(preview: Any) -> None:
    """The preview in Chinese, most important first."""
    from portfolio.register_import.fields import IMPORTED

    source = preview.source
    others = [s for s in source.sheets if s != source.sheet]
    print(f"文件 {source.file}，工作表「{source.sheet}」"
          + (f"（其他工作表：{'、'.join(others)}）" if others else ""))
    print(f"计划年度：{preview.year}年（{preview.year_source}）")
    print_listed("识别的列", [f"{c.text} → {IMPORTED[c.key]}" + (f"（{c.unit}）" if c.unit else "")
                        for c in source.columns if c.key in IMPORTED and c.key != "serial"])
    print_listed("未能识别的列（请用 --mapping 指定，或映射为 ignore）", source.unrecognised)
    print_listed("按映射忽略的列", source.ignored)
    print_listed("本次不导入的列", preview.unused)
    print_listed("未导入的列（及原因）", [f"{text}：{why}" for text, why in source.left_out])
    print(preview.summary())
    print_listed("错误", preview.errors)
    print_listed("新增", [_line(r) for r in preview.of("new")])
    print_listed("修改", [_line(r) for r in preview.of("changed")])
    print_listed("新建责任单位", preview.new_units)
    print_listed("新建领导", [f"{x.name}（{x.title}）" if x.title else x.name
                        for x in preview.new_leaders])
    print_listed("领导职务变更", [f"{n}：{_value(old)} → {new}"
                          for n, old, new in preview.leader_titles])
    print_listed("新出现的乡镇/街道", preview.new_townships)
    print_listed("跳过的行", [f"第{s.row + 1}行 {s.reason}" + (f"：{s.text}" if s.text else "")
                        for s in preview.skipped])
    print_listed("提示", preview.warnings)


def _line(change: Any) -> str:
    head = f"第{change.row + 1}行 {change.name}"
    if change.project_id is not None:
        head += f"（编号{change.project_id}）"
    if change.parent is not None:
        head += f"［{change.parent.name}的子项目］"
    if change.status == "new":
        body = "；".join(f"{d.label} {_value(d.new)}" for d in change.diffs if d.key != "name")
    else:
        body = "；".join(f"{d.label} {_value(d.old)} → {_value(d.new)}" for d in change.diffs)
    return f"{head}：{body}" if body else head
