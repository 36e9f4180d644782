"""argparse's English messages become Chinese sentences; unknown ones pass unchanged."""

from __future__ import annotations

import pytest

from cli.parser import ChineseArgumentParser, chinese_error


@pytest.mark.parametrize(("english", "chinese"), [
    ("the following arguments are required: --period, -o/--output",
     "缺少必需的参数：--period, -o/--output"),
    ("unrecognized arguments: --colour red", "无法识别的参数：--colour red"),
    ("argument --by: invalid choice: 'leader' (choose from 'unit', 'township')",
     "参数 --by：无效的选项 “leader”（可选：“unit”、“township”）"),
    ("argument --top: invalid int value: 'x'", "参数 --top：应为整数：“x”"),
    ("argument --top: expected one argument", "参数 --top：后面需要一个值"),
    ("argument --a: not allowed with argument --b", "参数 --a：不能与参数 --b 同时使用"),
    ("one of the arguments --a --b is required", "参数 --a --b 必须给出其中一个"),
    ("argument --due: 日期应写作 YYYY-MM-DD：“x”", "参数 --due：日期应写作 YYYY-MM-DD：“x”"),
    ("something argparse may say one day", "something argparse may say one day"),
])
def test_messages(english: str, chinese: str) -> None:
    assert chinese_error(english) == chinese


def test_sub_parsers_inherit_the_class_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    parser = ChineseArgumentParser(prog="p")
    sub = parser.add_subparsers(dest="c", required=True).add_parser("run")
    sub.add_argument("--n", type=int, required=True)
    assert isinstance(sub, ChineseArgumentParser)
    with pytest.raises(SystemExit) as stopped:
        parser.parse_args(["run", "--n", "x"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err == ("用法：p run [-h] --n N\n"
                                       "p run：错误：参数 --n：应为整数：“x”\n")
