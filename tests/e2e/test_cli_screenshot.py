"""End-to-end: ``portfolio screenshot`` renders a real window offscreen into a PNG."""

from __future__ import annotations

import os
import re
import subprocess
from decimal import Decimal
from pathlib import Path

from PySide6.QtGui import QImage

from portfolio import projects
from portfolio.projects import ProjectData
from tests.helpers import run_portfolio


def _screenshot(db_url: str, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(home)}
    return run_portfolio("--db", db_url, "screenshot", *args, env=env)


def _colours(image: QImage, step: int = 7) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def test_screenshot_of_the_register_is_a_real_picture(db, db_url: str, tmp_path: Path) -> None:
    with db.transaction() as s:
        for i, name in enumerate(("万邦国际物流园", "兰考县第三高级中学", "黄河湾风电场")):
            projects.create(s, ProjectData(
                name=name, category="服务业", total_investment=Decimal(1000 * (i + 1))))
    out = tmp_path / "shots" / "register.png"
    result = _screenshot(db_url, "register", "-o", str(out), "--size", "1000x650",
                         home=tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1000, 650)
    assert len(_colours(image)) > 20
    assert not (tmp_path / "xiangmuku").exists()  # the user's settings are left alone


def test_screenshot_refuses_a_size_below_the_windows_minimum(db_url: str,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "register.png"
    result = _screenshot(db_url, "register", "-o", str(out), "--size", "640x480",
                         home=tmp_path)
    assert result.returncode == 1
    assert re.search(r"^错误：窗口最小尺寸为 \d+×\d+，大于要求的 640×480："
                     r"“项目库”页面无法在此尺寸下完整显示$", result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_screenshot_refuses_an_unknown_view(db_url: str, tmp_path: Path) -> None:
    result = _screenshot(db_url, "nowhere", "-o", str(tmp_path / "x.png"), home=tmp_path)
    assert result.returncode == 2
    assert not (tmp_path / "x.png").exists()


def test_project_view_draws_the_first_projects_editor(db, db_url: str, tmp_path, qapp) -> None:
    from ui.screenshot import render

    with db.transaction() as s:
        projects.create(s, ProjectData(name="兰考县人民医院新院区", category="社会事业"))
    plain = render(db_url, "register", tmp_path / "register.png", 1000, 700)
    with_editor = render(db_url, "project", tmp_path / "project.png", 1000, 700)
    a, b = QImage(str(plain)), QImage(str(with_editor))
    assert (b.width(), b.height()) == (1000, 700)
    assert a != b  # the editor is drawn over the dimmed window
