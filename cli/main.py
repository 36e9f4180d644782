"""The command line: ``portfolio [--db URL] COMMAND …``; with no command it opens the window.

Each command lives in a module of :mod:`cli.commands` that adds its own sub-parser, so
that scripting and tests reach every operation without a screen.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from cli.parser import ChineseArgumentParser
from cli.version import version
from db.session import DatabaseOpenError

#: Modules under cli.commands, each with ``register(subparsers)``.
COMMAND_MODULES: tuple[str, ...] = (
    "gui",
    "listing",
    "screenshot",
    "catalog",
    "extract",
    "demo",
    "status",
    "export",
    "imports",
    "problems",
    "returns",
    "selftest",
    "backup",
    "ranking",
    "campaign",
    "milestones",
    "funds",
    "photos",
)


class CommandError(Exception):
    """A failure to report to the user in one Chinese line, exit status 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="portfolio", description="项目库 — 县域重点项目管理（离线桌面版）"
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="数据库：SQLite 文件路径或 postgresql:// 地址（也可用环境变量 PORTFOLIO_DB）",
    )
    parser.add_argument("--version", action="version", version=f"项目库 {version()}",
                        help="显示版本号并退出")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"cli.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; whatever happens, the user sees Chinese sentences, never a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args([*(argv or sys.argv[1:]), "gui"])
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_went_away()
    except Exception as error:  # the one boundary: below it, nothing is caught to be hidden
        # one line, whatever a library put in the message (psycopg's hints, SQL …)
        print(" ".join(user_message(error).split()), file=sys.stderr)
        return 1


#: The shell's status for a process ended by SIGPIPE (128 + 13).
BROKEN_PIPE_STATUS = 141


def _reader_went_away() -> int:
    """Output piped into a reader that stopped (``portfolio catalog list | head``): not an
    error. As Python's documentation on SIGPIPE advises, stdout is pointed at devnull so that
    the interpreter's final flush does not fail again, and the shell's SIGPIPE status is
    returned."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (a test's StringIO)
        pass
    return BROKEN_PIPE_STATUS


def user_message(error: Exception) -> str:
    """One Chinese line for ``error``: its own message when it is one of ours, otherwise the
    notice of an internal error, with the traceback written to the log."""
    from db.backup import BackupError
    from exports.output import ExportError

    if isinstance(error, (CommandError, DatabaseOpenError, ExportError, BackupError)):
        return f"错误：{error}"
    if isinstance(error, (FileNotFoundError, IsADirectoryError, PermissionError)):
        name = error.filename or ""
        reason = ("文件不存在" if isinstance(error, FileNotFoundError) else
                  "这是文件夹，不是文件" if isinstance(error, IsADirectoryError) else
                  "没有访问权限（文件可能正被其他程序打开）")
        return f"错误：无法读写“{name}”：{reason}"
    from db import crash_log

    return crash_log.internal_error_message(error, crash_log.record(error, "command line"))


if __name__ == "__main__":
    sys.exit(main())
