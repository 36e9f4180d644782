"""End-to-end: ``portfolio screenshot project --project ID --tab NAME`` draws the editor of
that project on that tab, and refuses a tab, project or view it cannot draw."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from portfolio import photos, projects
from portfolio.projects import ProjectData
from tests.helpers import run_portfolio
from tests.photo_files import write_jpeg


def _screenshot(db_url: str, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(home)}
    return run_portfolio("--db", db_url, "screenshot", *args, env=env)


@pytest.fixture
def second(db, tmp_path: Path) -> int:  # type: ignore[no-untyped-def]
    """The second project (not the register's first row), with a photo."""
    with db.transaction() as s:
        projects.create(s, ProjectData(name="万邦国际物流园"))
        pid = projects.create(s, ProjectData(name="兰考县第三高级中学"))
        jpeg = write_jpeg(tmp_path / "IMG_1.jpg", 800, 600, taken=dt.datetime(2026, 3, 2, 9))
        photos.add(s, pid, photos.read_photo(jpeg))
    return pid


def test_the_chosen_tab_of_the_chosen_project_is_drawn(db_url: str, second: int,
                                                       tmp_path: Path) -> None:
    shots = {}
    for tab in ("info", "photos", "现场照片"):
        out = tmp_path / f"{tab}.png"
        result = _screenshot(db_url, "project", "--project", str(second), "--tab", tab,
                             "-o", str(out), "--size", "1366x768", home=tmp_path)
        assert result.returncode == 0, result.stderr
        image = QImage(str(out))
        assert (image.width(), image.height()) == (1366, 768)
        shots[tab] = image
    assert shots["photos"] == shots["现场照片"]  # the key and the Chinese title alike
    assert shots["photos"] != shots["info"]


@pytest.mark.parametrize(("args", "message"), [
    (("project", "--tab", "gantt"), "错误：项目编辑窗口没有“gantt”选项卡，可选：项目信息、"),
    (("project", "--project", "999"), "错误：没有项目ID为 999 的项目"),
    (("register", "--tab", "photos"), "错误：--tab 和 --project 只用于 project（项目编辑窗口）"),
])
def test_what_cannot_be_drawn_is_refused(db_url: str, second: int, tmp_path: Path,
                                         args: tuple[str, ...], message: str) -> None:
    out = tmp_path / "x.png"
    result = _screenshot(db_url, *args, "-o", str(out), "--size", "1366x768", home=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
