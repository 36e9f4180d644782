"""Every view fits the laptop screens of county offices: 1366×768 at 100%, and 1920×1080 at
125% and 150% scaling (1536×864 and 1280×720 logical pixels).

Rendered through :func:`ui.screenshot.render`, which refuses a size smaller than the window's
minimum: a page that needs more room fails here rather than being drawn cut off.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QImage

from db.session import Database, open_database
from portfolio import demo
from ui.main_window import clamp_geometry, first_geometry
from ui.screenshot import VIEWS, ScreenshotSizeError, render

#: (width, height) in logical pixels
SIZES = ((1366, 768), (1536, 864), (1280, 720))


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{(tmp_path_factory.mktemp('pages') / 'demo.sqlite3').as_posix()}"
    db: Database
    with open_database(url) as db:
        demo.generate(db, projects=60, years=2, seed=3)
    return url


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("view", VIEWS)
def test_every_view_renders_at_laptop_sizes(demo_url: str, view: str, size: tuple[int, int],
                                            tmp_path: Path, qapp) -> None:
    out = render(demo_url, view, tmp_path / f"{view}.png", *size)
    image = QImage(str(out))
    assert (image.width(), image.height()) == size


def test_a_size_below_the_windows_minimum_is_refused(demo_url: str, tmp_path: Path,
                                                     qapp) -> None:
    out = tmp_path / "register.png"
    with pytest.raises(ScreenshotSizeError) as raised:
        render(demo_url, "register", out, 640, 480)
    message = str(raised.value)
    assert message.startswith("窗口最小尺寸为 ")
    assert "大于要求的 640×480：“项目库”页面无法在此尺寸下完整显示" in message
    assert not out.exists()


def test_the_first_window_takes_most_of_the_screen_centred() -> None:
    available = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px task bar
    rect = first_geometry(available)
    assert rect.size() == QSize(1229, 655)
    assert rect.center() == available.center()


@pytest.mark.parametrize(("saved", "expected"), [
    # saved on a 1920×1080 screen at 100%, opened at 150% (1280×720 logical)
    (QRect(100, 80, 1700, 950), QRect(0, 0, 1280, 680)),
    # partly off the right edge: moved back
    (QRect(900, 300, 800, 500), QRect(480, 180, 800, 500)),
    # inside: unchanged
    (QRect(40, 30, 900, 600), QRect(40, 30, 900, 600)),
])
def test_a_restored_window_is_clamped_to_the_screen(saved: QRect, expected: QRect) -> None:
    assert clamp_geometry(saved, QRect(0, 0, 1280, 680)) == expected
