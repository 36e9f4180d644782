"""``portfolio selftest`` and ``portfolio --version`` from the command line."""

from __future__ import annotations

import os
import re
import tomllib
from importlib import metadata

from cli import diagnostics
from cli.version import FALLBACK, version
from portfolio import demo
from tests.helpers import REPO, run_portfolio

CHECK_NAMES = [name for name, _ in diagnostics.CHECKS]


def test_selftest_passes_every_check(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "PORTFOLIO_DB": str(tmp_path / "user.sqlite3")}
    result = run_portfolio("selftest", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"项目库 {version()}")
    checks = [line for line in lines if line[:1] in "✔✘"]
    assert [re.match(r"✔ (\S+?)(（|\s)", line).group(1) for line in checks] == CHECK_NAMES
    assert all(re.search(r" … \d+\.\d\d秒$", line) for line in checks), checks
    assert "= 各项目之和 = 数据库" in checks[3]
    assert lines[-1] == f"自检通过：{len(CHECK_NAMES)} 项全部正常"
    assert not (tmp_path / "user.sqlite3").exists()  # the user's database is left alone


def test_a_failed_check_is_reported_and_its_dependants_do_not_run(monkeypatch, qapp) -> None:
    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise demo.DemoError("数据库中已有项目，演示数据只能写入空数据库；未做任何修改")

    monkeypatch.setattr(demo, "generate", broken)
    results = diagnostics.run_checks()
    by_name = {r.name: r for r in results}
    assert [r.name for r in results] == CHECK_NAMES
    assert by_name["创建临时数据库"].ok and by_name["纳入规划目录"].ok
    assert by_name["生成演示数据"].line() == (
        "✘ 生成演示数据：DemoError: 数据库中已有项目，演示数据只能写入空数据库；未做任何修改")
    for name in ("导出月报Excel", "导出工作简报PDF", "绘制页面截图"):
        assert by_name[name].line() == f"✘ {name}：未运行：前面的“生成演示数据”未通过"


def test_selftest_exits_1_when_a_check_fails(monkeypatch, capsys, qapp) -> None:
    from cli.main import main

    def missing_catalogue(_ws: object) -> str:
        raise diagnostics.CheckFailed("目录文件缺失")

    monkeypatch.setattr(diagnostics, "CHECKS", (
        *diagnostics.CHECKS[:1], ("纳入规划目录", missing_catalogue)))
    assert main(["selftest"]) == 1
    out, err = capsys.readouterr()
    assert "✘ 纳入规划目录：目录文件缺失" in out.splitlines()
    assert "自检未通过：1 项失败，共 2 项" in err


def test_version_comes_from_the_package_metadata() -> None:
    result = run_portfolio("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"项目库 {metadata.version('xiangmuku')}"


def test_the_frozen_builds_fallback_version_is_the_projects() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == FALLBACK


def test_version_falls_back_without_metadata(monkeypatch) -> None:
    def not_found(_name: str) -> str:
        raise metadata.PackageNotFoundError("xiangmuku")

    monkeypatch.setattr(metadata, "version", not_found)
    assert version() == FALLBACK
