"""Terminal column widths of mixed Chinese and Latin text."""

from __future__ import annotations

import pytest

from cli.text import clip, display_width, pad, wrap


@pytest.mark.parametrize(
    ("text", "width"),
    [("", 0), ("abc", 3), ("项目库", 6), ("G1 改建", 7), ("（全角）", 8), ("ＡＢ", 4)],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_pad_left_and_right() -> None:
    assert pad("项目", 6) == "项目  "
    assert pad("项目", 6, right=True) == "  项目"
    assert pad("项目库", 4) == "项目库"


def test_clip_keeps_within_the_limit() -> None:
    assert clip("兰考县城区污水管网改造工程", 10) == "兰考县城…"
    assert display_width(clip("兰考县城区污水管网改造工程", 10)) <= 10
    assert clip("短", 10) == "短"


def test_wrap_keeps_latin_words_whole_and_counts_columns() -> None:
    text = "register、project、overview、monthly、problems、gantt、budget、ranking"
    lines = wrap(text, 24)
    assert "".join(lines) == text
    assert all(display_width(line) <= 24 for line in lines)
    assert not any(line.startswith("、") for line in lines)
    assert all(word in "".join(line for line in lines if word in line)
               for word in ("register", "overview", "budget", "ranking"))


def test_wrap_breaks_chinese_and_keeps_brackets_with_their_text() -> None:
    lines = wrap("project 时打开编辑窗口的哪个选项卡：info（项目信息）、sources（来源）", 20)
    assert all(display_width(line) <= 20 for line in lines)
    assert not any(line.startswith(("、", "）", "：")) or line.endswith("（") for line in lines)
    assert "".join(lines).replace(" ", "") == (
        "project时打开编辑窗口的哪个选项卡：info（项目信息）、sources（来源）")
