"""A sixth round of offices' registers and plans (:mod:`tests.office_files.sixth_round_register`),
imported through the command line as an office would (``--dry-run``, ``--yes``, ``status``,
``list``): the totals are exactly what each file states, a plan given month by month or by
half years is the year's, levels ticked in columns are the project's levels, and a file whose
figures disagree is refused with the row and column named and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.cli_helpers import (
    assert_figures,
    dry_run_register,
    import_register,
    listed,
    run,
    stored,
)
from tests.office_files import sixth_round_register as sixth
from tests.office_files.projects import convert

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_plan_given_month_by_month(tmp_path: Path, db_url: str, fmt: str) -> None:
    """1月 … 12月 under "2026年计划投资（分月）" and no 全年: the year's plan is the months'
    sum, each month kept (was: 1月's figure imported as the year's plan, the other eleven
    months left out as "同为年度计划投资")."""
    file = sixth.monthly_plan(tmp_path)
    path = file.path if fmt == "xlsx" else convert(file.path, fmt)
    dry = dry_run_register(db_url, path)
    assert "同为年度计划投资" not in dry, dry
    assert "2026年计划投资（分月） / 12月 → 12月计划（万元）" in dry, dry
    first = file.projects[0]
    months = sixth.month_split(first)
    assert (f"第5行 {first.name}：" in dry
            and f"1月{months[0]:.2f}，2月{months[1]:.2f}" in dry
            and f"年度计划投资 {first.plan:.2f}" in dry), dry
    assert "第15行 合计" in dry, dry
    import_register(db_url, path)
    assert_figures(db_url, file.expected)


def test_months_that_disagree_with_the_year_are_refused(tmp_path: Path, db_url: str) -> None:
    """全年 beside 1月 … 12月: a row whose months do not add up to its 全年 is an error that
    names the row and the column, and nothing is written."""
    file = sixth.monthly_plan(tmp_path, with_year=True, wrong_row=3)
    third = file.projects[2]
    done = run(db_url, "import", "register", str(file.path), "--yes")
    assert done.returncode != 0, done.stdout
    assert (f"第7行「2026年计划投资（分月） / 全年」列：年度计划{third.plan:.2f}万元与各月合计"
            f"{third.plan + 100:.2f}万元不一致") in done.stdout, done.stdout
    assert stored(db_url) == {}
    (tmp_path / "ok").mkdir()
    right = sixth.monthly_plan(tmp_path / "ok", with_year=True)
    import_register(db_url, right.path)
    assert_figures(db_url, right.expected)


def test_a_plan_given_by_halves(tmp_path: Path, db_url: str) -> None:
    """上半年 and 下半年 under 2026年计划投资, no 全年: the year's plan is their sum (was: no
    plan at all, both halves left out)."""
    file = sixth.halves_only(tmp_path)
    dry = dry_run_register(db_url, file.path)
    assert "是半年计划" not in dry, dry
    import_register(db_url, file.path)
    assert_figures(db_url, file.expected)


def test_quarters_headed_by_their_months(tmp_path: Path, db_url: str) -> None:
    """1—3月 … 10—12月 under 2026年计划投资, no 全年: the year's plan is the quarters' sum
    (was: 4—6月's figure imported as the year's plan, 1—3月 taken for 1—3月 done)."""
    file = sixth.quarter_months(tmp_path)
    dry = dry_run_register(db_url, file.path)
    assert "2026年计划投资 / 4—6月 → 二季度计划（万元）" in dry, dry
    import_register(db_url, file.path)
    assert_figures(db_url, file.expected)


def test_how_it_builds_is_no_stage(tmp_path: Path, db_url: str) -> None:
    """建设性质 "新建" / "扩建" / "改扩建" beside 项目类型 "新开工项目" / "续建项目": the
    stage is the 项目类型's (was: a 续建 project marked 新建 imported as 新开工, 扩建 and 改扩建
    warnings, and the 项目类型 read as a 领域 matching none)."""
    file = sixth.how_built_and_type(tmp_path)
    dry = dry_run_register(db_url, file.path)
    assert "建设性质：写的是新建/扩建/改建（建设方式）" in dry, dry
    assert "无法识别" not in dry and "对应不到" not in dry, dry
    import_register(db_url, file.path)
    assert_figures(db_url, file.expected)
    assert {p["name"]: p["stage"] for p in listed(db_url)} == {
        p.name: p.stage for p in file.projects}


@pytest.mark.parametrize("yes_no", [False, True], ids=["ticks", "yes-no"])
def test_levels_ticked_in_columns(tmp_path: Path, db_url: str, yes_no: bool) -> None:
    """省重点 / 市重点 / 县重点 columns holding "√" or "●" (or 是否省重点项目 … 是/否) give
    each project the levels ticked (were: columns nobody recognised, no levels imported)."""
    file = sixth.level_ticks(tmp_path, yes_no=yes_no)
    dry = dry_run_register(db_url, file.path)
    assert "未能识别的列" not in dry, dry
    import_register(db_url, file.path)
    assert_figures(db_url, file.expected)
    for level in ("省重点", "市重点", "县重点"):
        want = {p.name for i, p in enumerate(file.projects, start=1)
                if level in sixth.levels_of(i)}
        assert {p["name"] for p in listed(db_url, "--level", level)} == want, level


def test_a_one_row_header_in_the_offices_words(tmp_path: Path, db_url: str) -> None:
    """Line breaks in the header cells, an empty spacer column, a hidden 项目代码, 行业类别
    "产业转型" / "社会民生" / "新型城镇化", 牵头单位 beside 配合单位, 县级领导 beside 责任人,
    项目状态 "在建" / "前期手续办理中" and 计划开工时间 "2026/03/15" or "26年3月" (the last
    was: an error for every such date, the file refused)."""
    file = sixth.office_words(tmp_path)
    dry = dry_run_register(db_url, file.path)
    assert "配合单位：是配合单位：本系统只记牵头（责任）单位，未导入" in dry, dry
    import_register(db_url, file.path)
    assert_figures(db_url, file.expected)
    rows = stored(db_url)
    by_name = {p["name"]: p for p in listed(db_url)}
    for i, p in enumerate(file.projects, start=1):
        assert by_name[p.name]["category"] == p.category, p.name
        assert by_name[p.name]["unit"] == p.unit, p.name
        assert (rows[p.name].project_code or "") == p.code, p.name
        # "在建" since 2025 with no 建设性质 is 续建 (was: the default, 前期)
        assert by_name[p.name]["stage"] == ("续建" if p.stage == "续建" else "前期"), p.name
        assert rows[p.name].contact_name == f"张{'一二三四五六七八九十'[i - 1]}"
        if p.planned_start is not None:
            assert by_name[p.name]["planned_start"][:7] == p.planned_start.isoformat()[:7]
    assert len({r.leader_id for r in rows.values()}) == 5


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_a_wps_csv(tmp_path: Path, db_url: str, encoding: str) -> None:
    """A WPS CSV (GB18030, or UTF-8 with a BOM) whose amounts are typed "5000万元",
    "1.2亿元", "约3亿元", "3,000.00" under headers without a unit."""
    file = sixth.wps_csv(tmp_path, encoding)
    dry = dry_run_register(db_url, file.path)
    assert "共 10 个项目：新增 10 个" in dry, dry
    import_register(db_url, file.path)
    assert_figures(db_url, file.expected)


def test_next_years_plan_beside_this_years(tmp_path: Path, db_url: str) -> None:
    """2027年计划投资 before 2026年计划投资 under a title naming no year: with --year 2026
    the 2026 column is read and the 2027 one named as another year's (without a year, the
    file's plan year is this year's when it is one of them, else the import asks for one)."""
    file = sixth.next_year_beside(tmp_path)
    dry = dry_run_register(db_url, file.path, "--year", "2026")
    assert "2027年计划投资（万元）：写的是2027年，不是计划年度2026年，未导入" in dry, dry
    done = run(db_url, "import", "register", str(file.path), "--year", "2026", "--yes")
    assert done.returncode == 0 and "错误 0 处" in done.stdout, done.stdout + done.stderr
    assert_figures(db_url, file.expected)
