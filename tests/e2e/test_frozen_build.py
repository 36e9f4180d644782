"""The frozen build: ``build.spec`` through PyInstaller, then the built ``portfolio`` run from
another folder, as an office runs it from wherever it was unpacked.

Built on the test machine's own platform (Linux in CI), which checks what breaks a frozen
program most often: a module imported only by name, a data file or a dependency's dictionary
left behind, a path that works only from the source checkout. Takes about a minute.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli import diagnostics
from cli.version import version
from tests.helpers import REPO

pytestmark = pytest.mark.slow

BUILD_TIMEOUT = 900


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built ``项目库`` folder."""
    work = tmp_path_factory.mktemp("frozen")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "build.spec", "--noconfirm",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build")],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", errors="replace",
        timeout=BUILD_TIMEOUT, check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    print(f"PyInstaller build: {time.perf_counter() - started:.0f} s")
    return work / "dist" / "项目库"


def _run(dist: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    program = dist / ("portfolio.exe" if sys.platform == "win32" else "portfolio")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "APPDATA": str(home / "AppData"), "LOCALAPPDATA": str(home / "AppData" / "Local")}
    env.pop("PORTFOLIO_DB", None)
    elsewhere = home / "elsewhere"
    elsewhere.mkdir(parents=True, exist_ok=True)
    return subprocess.run([str(program), *args], cwd=elsewhere, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300, check=False)


def test_the_built_program_passes_its_selftest(dist: Path, tmp_path: Path) -> None:
    result = _run(dist, "selftest", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"项目库 {version()}（打包版）")
    passed = [line for line in lines if line.startswith("✔ ")]
    assert len(passed) == len(diagnostics.CHECKS), result.stdout
    assert lines[-1] == f"自检通过：{len(diagnostics.CHECKS)} 项全部正常"
    assert not (tmp_path / "data").exists()  # no database made in the user's folder


def test_the_built_program_knows_its_version(dist: Path, tmp_path: Path) -> None:
    result = _run(dist, "--version", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"项目库 {version()}"


def test_only_chinese_qt_translations_are_shipped(dist: Path) -> None:
    folder = next(dist.rglob("qtbase_zh_CN.qm")).parent
    assert sorted(p.name for p in folder.glob("qtbase_*.qm")) == ["qtbase_zh_CN.qm"]
