"""A fifth round of offices' registers and plans (:mod:`tests.office_files.fifth_round_register`),
imported through the command line as an office would (``--dry-run``, ``--yes``, ``status``):
``status`` and ``list`` then hold exactly what the files state, and nothing that is not a
project (a note under the table, a cost breakdown, a letter heading a group) becomes one."""

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
from tests.office_files import fifth_round_register as fifth
from tests.office_files.projects import convert

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_notes_and_cost_breakdown_are_no_projects(tmp_path: Path, db_url: str, fmt: str) -> None:
    """The 备注 and 下步计划 blocks under the table (merged rows "1.本表…") and the "其中：土建工程"
    lines under a project are skipped with their reason (were: each a project, the notes
    errors that refused the file, the cost items 子项目 of a package)."""
    file = fifth.notes_and_breakdown(tmp_path)
    path = file.path if fmt == "xlsx" else convert(file.path, fmt)
    dry = dry_run_register(db_url, path)
    assert "共 10 个项目：新增 10 个" in dry, dry
    # as many skipped rows counted as listed, as in the window (the blank row above the
    # notes neither: it was counted, not listed, and the window's count was one less)
    assert "跳过 13 行；" in dry and "跳过的行（13）" in dry, dry
    assert "的子项目" not in dry, dry
    assert "第6行 投资构成分项（不是子项目）：其中：土建工程" in dry, dry
    assert "第26行 表尾说明：1.加快推进前期手续办理，确保按期开工。" in dry, dry
    import_register(db_url, path)
    assert_figures(db_url, file.expected)
    assert set(stored(db_url)) == {p.name for p in file.projects}


def test_groups_headed_by_letters(tmp_path: Path, db_url: str) -> None:
    """"A" alone merged across the row heads a group that gives nothing; "B、农业项目" gives
    its projects 农业; "（1）", "（2）" under it are projects side by side (were: "A" and
    "B、农业项目" projects, with errors, and the projects under "B" its parts)."""
    file = fifth.letter_groups(tmp_path)
    dry = dry_run_register(db_url, file.path)
    assert "共 10 个项目：新增 10 个" in dry and "的子项目" not in dry, dry
    assert "领域「A」" not in dry, dry
    import_register(db_url, file.path)
    assert_figures(db_url, file.expected)
    categories = {p["name"]: p["category"] for p in listed(db_url)}
    lettered = {p.name: p.category for p in file.projects if p.category in ("农业", "城建")}
    assert {n: c for n, c in categories.items() if c} == lettered


def test_leaders_one_a_line(tmp_path: Path, db_url: str) -> None:
    """包联领导 "李明（副县长）⏎刘洋（副县长）" is two leaders, the first imported, the way
    "、" between them is (was: one leader "李明（副县长）刘洋（副县长）")."""
    file = fifth.loose_dates_and_many_units(tmp_path)
    dry = dry_run_register(db_url, file.path)
    assert "李明（副县长）刘洋" not in dry, dry
    assert "第5行「包联领导」列：写了2位领导，只导入第一位“李明”" in dry, dry
    import_register(db_url, file.path)
    assert_figures(db_url, file.expected)
    leaders = {r.name: r.leader_id for r in stored(db_url).values()}
    assert len(set(leaders.values())) == 5


def test_several_units_in_one_cell(tmp_path: Path, db_url: str) -> None:
    """责任单位 "县商务局、县自然资源局" (or one a line) gives the project its lead unit, the
    first, and names the other (was: a unit called "县商务局、县自然资源局", or
    "县乡村振兴局县自然资源局" run together)."""
    file = fifth.loose_dates_and_many_units(tmp_path)
    dry = dry_run_register(db_url, file.path)
    assert ("第6行「责任单位」列：写了2个责任单位，只导入第一个“县商务局”（牵头单位），"
            "县自然资源局未导入") in dry, dry
    assert "第8行「责任单位」列：写了2个责任单位，只导入第一个“县乡村振兴局”" in dry, dry
    import_register(db_url, file.path)
    assert {p["unit"] for p in listed(db_url)} == {p.unit for p in file.projects}


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_sheet_per_field_behind_a_summary(tmp_path: Path, db_url: str, fmt: str) -> None:
    """汇总 in front, then 工业 / 基础设施 / 社会民生: each imported in turn with --sheet gives
    its projects the 领域 its name says (was: none), the summary never read as projects."""
    file, per_sheet = fifth.sheets_by_field(tmp_path)
    path = file.path if fmt == "xlsx" else convert(file.path, fmt)
    dry = dry_run_register(db_url, path)
    assert dry.startswith(f"文件 {path.name}，工作表「社会民生」"
                          "（其他工作表：汇总、工业、基础设施）"), dry
    assert "中也有项目，未导入" in dry, dry
    for sheet in fifth.FIELD_SHEETS:
        done = run(db_url, "import", "register", str(path), "--sheet", sheet, "--yes")
        assert done.returncode == 0 and "错误 0 处" in done.stdout, done.stdout + done.stderr
    assert_figures(db_url, file.expected)
    categories = {p["name"]: p["category"] for p in listed(db_url)}
    for sheet, sheet_file in per_sheet.items():
        assert {categories[p.name] for p in sheet_file.projects} == {
            fifth.SHEET_CATEGORY[sheet]}, sheet
