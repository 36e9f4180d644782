"""A fifth round of monthly returns (:mod:`tests.office_files.fifth_round_returns`), run
through the command line as a county office would: ``--dry-run``, then for real; ``status``
then holds exactly what the files state."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.cli_helpers import assert_figures, import_register, run
from tests.office_files import fifth_round_returns as fifth

pytestmark = pytest.mark.slow


def test_money_by_kind_and_notes_are_no_projects(tmp_path: Path, db_url: str) -> None:
    """"其中：设备投资" and "建安投资" under a project are its money by kind: no line of their
    own, and the project keeps its figures (was: an unmatched 打包项目 part, the project's
    own figures dropped); the 下步工作计划 and 填报说明 under the table are no error."""
    register = fifth.coded_register(tmp_path)
    import_register(db_url, register.path)
    file = fifth.breakdown_and_notes(tmp_path)
    dry = run(db_url, "import", "xlsx", str(file.path), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert dry.stdout.startswith(
        "2026年4月：新增 10 个项目，修改 0 个，未变 0 个；冲突 0 处，未匹配 0 行，错误 0 处\n"
    ), dry.stdout
    done = run(db_url, "import", "xlsx", str(file.path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert_figures(db_url, file.expected, plan_of=register.expected)


@pytest.mark.parametrize("with_ytd", [True, False])
def test_the_total_since_the_start_is_not_the_years(tmp_path: Path, db_url: str,
                                                     with_ytd: bool) -> None:
    """自开工累计完成投资 beside 1—4月 (or 开工以来累计 beside 本月 alone) is never taken for
    the year's 1—4月, and the preview names it with why (was: left out without a word)."""
    register = fifth.coded_register(tmp_path)
    import_register(db_url, register.path)
    file = fifth.since_the_start(tmp_path, with_ytd=with_ytd)
    dry = run(db_url, "import", "xlsx", str(file.path), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    told = ("“自开工累计完成投资（万元）”列未导入：是项目开工以来的累计，不是今年的；"
            "1—4月取自“1—4月累计完成投资（万元）”列" if with_ytd else
            "“开工以来累计完成投资（万元）”列未导入：是项目开工以来的累计，不是今年的；"
            "不能当作1—4月的累计，只导入了本月完成投资")
    assert told in dry.stdout, dry.stdout
    done = run(db_url, "import", "xlsx", str(file.path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert_figures(db_url, file.expected, plan_of=register.expected)


@pytest.mark.parametrize("amounts_merged", [True, False])
def test_one_project_on_two_rows(tmp_path: Path, db_url: str, amounts_merged: bool) -> None:
    """A project written on two rows, its 项目名称 and long 形象进度 merged over both (and its
    amounts too): one line, its amounts its own (was: refused as amounts that cannot be
    split), its second 存在问题 line after the first (was: a conflict between them)."""
    register = fifth.coded_register(tmp_path)
    import_register(db_url, register.path)
    file = fifth.two_row_project(tmp_path, amounts_merged=amounts_merged)
    dry = run(db_url, "import", "xlsx", str(file.path), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert dry.stdout.startswith(
        "2026年4月：新增 10 个项目，修改 0 个，未变 0 个；冲突 0 处，未匹配 0 行，错误 0 处\n"
    ), dry.stdout
    p = file.projects[fifth.TWO_ROWS]
    assert (f"{p.name}（编号{fifth.TWO_ROWS + 1}）：此前各月累计（未分月） "
            f"{p.ytd - fifth.april(p):.2f}；本月完成投资 {fifth.april(p):.2f}；"
            f"形象进度 {fifth.TWO_ROW_PROGRESS}；存在问题 {'；'.join(fifth.TWO_ROW_PROBLEMS)}\n"
            ) in dry.stdout, dry.stdout
    done = run(db_url, "import", "xlsx", str(file.path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert_figures(db_url, file.expected, plan_of=register.expected)


@pytest.mark.parametrize(("month", "filed", "period"), [
    (4, "2026年5月5日", "2026-04"), (12, "2027年1月6日", "2026-12")])
def test_the_month_in_the_sheet_name(tmp_path: Path, db_url: str, month: int, filed: str,
                                     period: str) -> None:
    """A sheet named "4月" under a title without a period is April's return, in the year of
    its 填报时间 (the year before for December's, filed in January), never the month it was
    filed in (was: refused, no month found)."""
    register = fifth.coded_register(tmp_path)
    import_register(db_url, register.path)
    file = fifth.month_in_the_sheet_name(tmp_path, month, filed)
    dry = run(db_url, "import", "xlsx", str(file.path), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    year = period[:4]
    assert dry.stdout.startswith(f"{year}年{month}月：新增 10 个项目"), dry.stdout
    done = run(db_url, "import", "xlsx", str(file.path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert_figures(db_url, file.expected, plan_of=register.expected, period=period)
