"""The argument parser of the command line, speaking Chinese.

argparse writes its own usage line, section titles and error messages in English ("usage:",
"the following arguments are required", "invalid choice" …). :class:`ChineseArgumentParser`
puts each of them into one Chinese sentence, so a mistyped command reads like every other
message of the program. Sub-parsers inherit the class (argparse creates them with
``type(self)``). The messages are matched by their English wording, which has been stable
across Python 3.11–3.13; a message no pattern knows is shown as argparse wrote it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

from cli.text import wrap

#: argparse's error messages (the part after an optional "argument X: ") and their Chinese
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), chinese) for pattern, chinese in (
        (r"the following arguments are required: (?P<a>.+)", "缺少必需的参数：{a}"),
        (r"unrecognized arguments: (?P<a>.+)", "无法识别的参数：{a}"),
        (r"invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)", "无效的选项 {v}（可选：{c}）"),
        (r"invalid int value: (?P<v>.+)", "应为整数：{v}"),
        (r"invalid float value: (?P<v>.+)", "应为数字：{v}"),
        (r"invalid \S+ value: (?P<v>.+)", "取值无效：{v}"),
        (r"expected one argument", "后面需要一个值"),
        (r"expected at least one argument", "后面至少需要一个值"),
        (r"expected at most one argument", "后面至多一个值"),
        (r"expected (?P<n>\d+) arguments?", "后面需要 {n} 个值"),
        (r"not allowed with argument (?P<a>.+)", "不能与参数 {a} 同时使用"),
        (r"ignored explicit argument (?P<v>.+)", "不接受取值 {v}"),
        (r"ambiguous option: (?P<o>\S+) could match (?P<m>.+)", "选项 {o} 有歧义，可能是：{m}"),
        (r"one of the arguments (?P<a>.+) is required", "参数 {a} 必须给出其中一个"),
    )
)
_ARGUMENT = re.compile(r"argument (?P<name>.+?): (?P<rest>.*)", re.S)


def chinese_error(message: str) -> str:
    """argparse's English ``message`` as one Chinese sentence (unknown ones unchanged)."""
    named = _ARGUMENT.fullmatch(message)
    name, rest = (named["name"], named["rest"]) if named else (None, message)
    for pattern, chinese in _MESSAGES:
        found = pattern.fullmatch(rest)
        if found:
            rest = chinese.format(**{k: _quoted(v) for k, v in found.groupdict().items()})
            break
    return f"参数 {name}：{rest}" if name else rest


def _quoted(text: str) -> str:
    """argparse's repr-quoted values ('abc') in Chinese quotes (“abc”)."""
    return re.sub(r"'([^']*)'", r"“\1”", text).replace("”, “", "”、“")


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Writes "用法：" where argparse writes "usage: ", and wraps help texts by terminal
    columns (a Chinese character takes two) without cutting Latin words."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(" ".join(text.split()), width)

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup],
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` whose usage, headings and errors are Chinese."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs["add_help"] = False  # our own -h below, with a Chinese help text
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        """Usage, then one Chinese line; exit status 2 as argparse's own."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_error(message)}\n")
