"""``portfolio gui`` (also plain ``portfolio``): the main window."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("gui", help="打开主窗口（默认）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ui.app import run_app

    return run_app(args.db)
