"""Terminal column widths of mixed Chinese and Latin text."""

from __future__ import annotations

import pytest

from cli.text import clip, display_width, pad


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
