"""``portfolio selftest``: check that this installation can do a month's work (see
:mod:`cli.diagnostics`)."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "selftest", help="自检：在临时数据库中试运行建库、演示数据、目录、导出和截图",
        description="在临时文件夹中逐项检查本程序能否正常工作，不触及现有数据库和设置；"
                    "任一项失败时退出码为 1。",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from cli.diagnostics import environment, run_checks
    from ui.screenshot import use_offscreen_platform

    use_offscreen_platform()  # the screenshot check draws without showing a window
    print(environment(), flush=True)
    results = run_checks(lambda result: print(result.line(), flush=True))
    failed = [r for r in results if not r.ok]
    if failed:
        print(f"自检未通过：{len(failed)} 项失败，共 {len(results)} 项", file=sys.stderr)
        return 1
    print(f"自检通过：{len(results)} 项全部正常")
    return 0
