"""One error boundary: every failure of the command line is one Chinese sentence on stderr;
what we did not foresee goes, with its traceback, to the log in the data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from cli import main as cli_main
from tests.helpers import dump_database, run_portfolio


def test_an_unparsable_database_address() -> None:
    done = run_portfolio("--db", "://", "list")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "错误：无法识别数据库地址“://”：应为 SQLite 文件路径或 postgresql://用户@主机/库名")


def test_importing_a_folder_as_a_schedule(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "计划"
    folder.mkdir()
    done = run_portfolio("--db", db_url, "import", "mspdi", str(folder))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "文件“计划”：这是文件夹，不是文件" in done.stdout
    assert done.stderr == "错误：有 1 处错误，未导入任何日期\n"


def test_a_database_from_a_newer_program_is_refused(db, db_url: str) -> None:
    with db.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '0042_budget_lines'"))
    db.dispose()
    before = dump_database(db_url)
    done = run_portfolio("--db", db_url, "list")
    assert done.returncode == 1
    assert done.stderr.strip() == ("错误：数据库由更新版本的项目库写入（版本 0042_budget_lines），"
                                   "请升级程序后再打开；数据库未作任何改动")
    assert dump_database(db_url) == before
    assert not (Path(db_url.removeprefix("sqlite:///")).parent / "backups").exists()


def test_an_unexpected_error_is_logged_not_shown(
    db, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(_args: object) -> int:
        return {}["本月"]  # type: ignore[return-value]

    monkeypatch.setattr("cli.commands.listing.run", broken)
    monkeypatch.setenv("PORTFOLIO_LOG_DIR", str(tmp_path / "logs"))
    assert cli_main.main(["--db", db_url, "list"]) == 1
    err = capsys.readouterr().err
    log = tmp_path / "logs" / "portfolio.log"
    assert err.strip() == f"程序内部错误：'本月'，详情已写入日志 {log}"
    written = log.read_text(encoding="utf-8")
    assert "Traceback" in written and "KeyError: '本月'" in written and "in broken" in written


def test_the_log_goes_to_the_data_folder_by_default(data_folder: Path) -> None:
    from db import crash_log

    assert crash_log.log_path() == data_folder / "portfolio.log"


def test_output_piped_into_a_reader_that_stops(db_url: str, tmp_path: Path) -> None:
    """``portfolio catalog list | head -1``: the reader closes the pipe after one line; the
    command stops quietly (SIGPIPE's status 141), no 程序内部错误 and nothing in the log."""
    import subprocess
    import sys

    from tests.helpers import REPO

    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    child = subprocess.Popen(
        [sys.executable, "-m", "cli", "--db", db_url, "catalog", "list"], cwd=REPO, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()  # what head does after its line
    stderr = child.stderr.read().decode("utf-8")
    child.stderr.close()
    assert child.wait(timeout=120) == 141, stderr
    assert "项目名称" in first.decode("utf-8")
    assert stderr == ""
    assert not (tmp_path / "data" / "xiangmuku" / "portfolio.log").exists()
