"""Every mistake on the command line reads as Chinese: a bad date, month or number given to any
option, and argparse's own complaints (missing, unknown or misspelt arguments), run through the
real program — usage in Chinese, one Chinese sentence naming the argument, no traceback."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterator

import pytest

from cli.commands.common import date_argument, integer_argument, period_argument
from cli.main import build_parser
from tests.helpers import run_portfolio

#: the value types that must refuse a bad value in Chinese, and a value each refuses
BAD_VALUES: dict[Callable[[str], object], str] = {
    date_argument: "2026-02-30",
    period_argument: "2026-13",
    integer_argument: "十二",
}


def _typed_arguments() -> Iterator[tuple[str, ...]]:
    """(sub-command words…, option or "" for the first positional) of every typed argument."""
    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        first_positional = True
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    if sub.prog.rsplit(" ", 1)[-1] == name:  # skip Chinese aliases
                        yield from walk(sub, (*path, name))
                continue
            if not action.option_strings:
                if first_positional and action.type is not None and action.type in BAD_VALUES:
                    yield (*path, "", action.dest)
                first_positional = False
            elif action.type is not None and action.type in BAD_VALUES:
                yield (*path, action.option_strings[-1], action.dest)
    yield from walk(build_parser(), ())


CASES = sorted(_typed_arguments())


def test_every_date_month_and_number_option_uses_a_shared_type() -> None:
    """No option converts with a bare ``int`` or ``date.fromisoformat`` (English errors)."""
    bare: list[str] = []

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    walk(sub)
            elif action.type in (int, float) or getattr(action.type, "__name__", "") == \
                    "fromisoformat":
                bare.append(f"{parser.prog} {'/'.join(action.option_strings) or action.dest}")
    walk(build_parser())
    assert bare == []
    options = {" ".join(c[:-1]).strip() for c in CASES}
    assert {"export forms --due", "demo --today", "export gantt --today", "demo --projects",
            "problems close", "ranking --top", "photos add --date"} <= options


@pytest.mark.parametrize("case", CASES, ids=lambda c: " ".join(c[:-1]).strip())
def test_a_bad_value_is_one_chinese_sentence(case: tuple[str, ...], tmp_path) -> None:
    *words, option, _dest = case
    action = _action(words, option)
    bad = BAD_VALUES[action.type]  # type: ignore[index]
    argv = [*words, *([option, bad] if option else [bad])]
    done = run_portfolio("--db", str(tmp_path / "x.sqlite3"), *argv)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "usage:" not in done.stderr
    assert done.stderr.startswith("用法：portfolio " + " ".join(words))
    last = done.stderr.strip().splitlines()[-1]
    name = option or action.metavar or action.dest
    prefix = f"portfolio {' '.join(words)}：错误：参数 {name}："
    assert last.startswith(prefix) and bad.removeprefix("2026-") in last, last
    assert not re.search(r"[a-zA-Z]", re.sub(r"YYYY(-MM)?(-DD)?", "", last[len(prefix):])), last
    assert not (tmp_path / "x.sqlite3").exists()  # refused before anything was opened


def _action(words: list[str], option: str) -> argparse.Action:
    parser = build_parser()
    for word in words:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[word]
    if option:
        return next(a for a in parser._actions if option in a.option_strings)
    return next(a for a in parser._actions if not a.option_strings)


@pytest.mark.parametrize(("argv", "sentence"), [
    (["export", "forms"], "portfolio export forms：错误：缺少必需的参数：--period, -o/--output"),
    (["status", "--period", "2026-05", "--colour"], "portfolio：错误：无法识别的参数：--colour"),
    (["export", "word"], "portfolio export：错误：参数 KIND：无效的选项 “word”（可选：“xlsx”、"
                         "“pdf”、“mspdi”、“project-sheet”、“gantt”、“campaign”、“forms”、"
                         "“settings”）"),
    (["ranking", "--period", "2026-05", "--top"],
     "portfolio ranking：错误：参数 --top：后面需要一个值"),
    (["status", "--period", "2026-05", "--by", "leader"],
     "portfolio status：错误：参数 --by：无效的选项 “leader”"
     "（可选：“category”、“township”、“unit”）"),
])
def test_argparse_complaints_are_chinese(argv: list[str], sentence: str, tmp_path) -> None:
    done = run_portfolio("--db", str(tmp_path / "x.sqlite3"), *argv)
    assert done.returncode == 2
    assert done.stderr.startswith("用法：portfolio")
    assert done.stderr.strip().splitlines()[-1] == sentence
    assert "usage:" not in done.stderr and "error:" not in done.stderr


def test_help_is_chinese() -> None:
    done = run_portfolio("export", "forms", "-h")
    assert done.returncode == 0
    assert done.stdout.startswith("用法：portfolio export forms")
    assert "选项:" in done.stdout and "显示本帮助并退出" in done.stdout
    assert "show this help" not in done.stdout and "options:" not in done.stdout
