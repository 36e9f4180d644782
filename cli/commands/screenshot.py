"""``portfolio screenshot VIEW -o FILE.png``: a view of the main window as a picture."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from cli.commands.common import integer_argument
from cli.main import CommandError
from ui.screenshot import EDITOR_TABS, VIEWS


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{2,5})\s*[xX×*]\s*(\d{2,5})\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"尺寸应写作 宽x高，如 1600x1000：“{text}”")
    return int(match.group(1)), int(match.group(2))


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "screenshot", help="把一个页面画成 PNG 图片（无需显示器）",
        description="在后台绘制主窗口的一个页面并保存为 PNG。project 为第一个项目的编辑窗口。",
    )
    parser.add_argument("view", choices=VIEWS, metavar="VIEW", help="、".join(VIEWS))
    parser.add_argument("-o", "--output", required=True, type=Path, help="输出的 PNG 文件")
    parser.add_argument("--size", type=_size, default=(1600, 1000),
                        help="宽x高，默认 1600x1000；页面在此尺寸下放不下时报错")
    parser.add_argument("--tab", metavar="TAB",
                        help="project 时打开编辑窗口的哪个选项卡："
                             + "、".join(f"{k}（{v}）" for k, v in EDITOR_TABS.items()))
    parser.add_argument("--project", type=integer_argument, metavar="ID",
                        help="project 时编辑哪个项目（项目ID，默认项目库第一行）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ui.screenshot import render

    width, height = args.size
    try:
        path = render(args.db, args.view, args.output, width, height, tab=args.tab,
                      project_id=args.project)
    except (OSError, ValueError) as error:  # ValueError: ScreenshotSizeError
        raise CommandError(str(error)) from error
    print(f"已保存：{path}")
    return 0
