"""Issue #9's acceptance: a county office's own files, in the layouts Henan offices keep them
(:mod:`tests.office_files`), go in right the first time through the command line, in .xlsx and
as LibreOffice saves them in .xls and .ods; ``status`` then states exactly the file's figures.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.cli_helpers import assert_figures, import_register, run, status_total
from tests.office_files import layouts, returns
from tests.office_files.layouts import OfficeFile
from tests.office_files.projects import convert

pytestmark = pytest.mark.slow

FORMATS = ("xlsx", "xls", "ods")
REGISTERS: dict[str, Callable[[Path], OfficeFile]] = {
    "progress_table": layouts.progress_table,
    "plan_by_stage": layouts.plan_by_stage,
    "text_numbers": layouts.text_numbers,
    "summary_and_detail": layouts.summary_and_detail,
    "packaged": layouts.packaged,
    "stage_groups_with_started": layouts.stage_groups_with_started,
}


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[OfficeFile, dict]]:
    """Every layout built once and converted once: name → (file, {format: path})."""
    folder = tmp_path_factory.mktemp("office")
    built = {name: build(_mkdir(folder / name)) for name, build in REGISTERS.items()}
    built["sheet_per_category"] = layouts.sheet_per_category(_mkdir(folder / "per_category"))
    built["township_cumulative"] = returns.township_cumulative(_mkdir(folder / "township"))
    built["township_as_of"] = returns.township_as_of(_mkdir(folder / "as_of"))
    built["march"] = returns.county_dispatch_in_yi(_mkdir(folder / "march"), 3)
    built["april"] = returns.county_dispatch_in_yi(_mkdir(folder / "april"), 4)
    built["may"] = returns.county_dispatch_in_yi(_mkdir(folder / "may"), 5)
    built["february"] = returns.county_dispatch_in_yi(_mkdir(folder / "february"), 2)
    return {name: (f, {fmt: f.path if fmt == "xlsx" else convert(f.path, fmt)
                       for fmt in FORMATS}) for name, f in built.items()}


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("layout", list(REGISTERS))
def test_register_layout(office: dict, db_url: str, layout: str, fmt: str) -> None:
    file, paths = office[layout]
    path = paths[fmt]
    dry = run(db_url, "import", "register", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert f"新增 {len(file.projects) + file.parts} 个" in dry.stdout, dry.stdout
    assert status_total(db_url)["project_count"] == 0  # a preview writes nothing

    hidden_row = "所在行在文件中是隐藏的，仍按项目导入"
    assert (hidden_row in dry.stdout) == (layout == "text_numbers")

    import_register(db_url, path)
    assert_figures(db_url, file.expected)

    again = run(db_url, "import", "register", str(path), "--yes")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "新增 0 个，修改 0 个" in again.stdout, again.stdout
    assert_figures(db_url, file.expected)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_sheet_per_category_one_at_a_time(office: dict, db_url: str, fmt: str) -> None:
    file, paths = office["sheet_per_category"]
    path = paths[fmt]
    dry = run(db_url, "import", "register", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert ("只导入了工作表「工业」；工作表「农业」（约2行）、「社会事业」（约2行）、"
            "「城建」（约1行）、「交通能源」（约2行）中也有项目，未导入") in dry.stdout, dry.stdout
    for sheet in ("工业", "农业", "社会事业", "城建", "交通能源"):
        done = run(db_url, "import", "register", str(path), "--sheet", sheet, "--yes")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "错误 0 处" in done.stdout
    assert_figures(db_url, file.expected)


@pytest.mark.parametrize("fmt", FORMATS)
def test_township_return_after_the_plan(office: dict, db_url: str, fmt: str) -> None:
    plan, plan_paths = office["plan_by_stage"]
    township, paths = office["township_cumulative"]
    import_register(db_url, plan_paths[fmt])
    done = run(db_url, "import", "xlsx", str(paths[fmt]))  # the period from the title
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("2026年4月：新增 4 个项目"), done.stdout
    assert_figures(db_url, township.expected, plan_of=plan.expected)


@pytest.mark.parametrize("fmt", FORMATS)
def test_township_return_dated_by_as_of_with_bare_groups(office: dict, db_url: str,
                                                         fmt: str) -> None:
    plan, plan_paths = office["plan_by_stage"]
    township, paths = office["township_as_of"]
    import_register(db_url, plan_paths[fmt])
    done = run(db_url, "import", "xlsx", str(paths[fmt]))
    assert done.returncode == 0, done.stdout + done.stderr
    # the group rows 新开工项目/续建项目 are not projects: no row left unmatched
    assert done.stdout.startswith("2026年4月：新增 5 个项目，修改 0 个，未变 0 个；冲突 0 处，"
                                  "未匹配 0 行，错误 0 处"), done.stdout
    assert_figures(db_url, township.expected, plan_of=plan.expected)


@pytest.mark.parametrize("fmt", FORMATS)
def test_past_months_then_april(office: dict, db_url: str, fmt: str) -> None:
    plan, plan_paths = office["progress_table"]
    march, april = office["march"], office["april"]
    import_register(db_url, plan_paths[fmt])
    for month, (_, paths) in ((3, march), (4, april)):
        done = run(db_url, "import", "xlsx", str(paths[fmt]))
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.startswith(f"2026年{month}月：新增 10 个项目"), done.stdout
        assert "错误 0 处" in done.stdout
    assert_figures(db_url, april[0].expected, plan_of=plan.expected)


def test_april_alone_keeps_its_cumulative_and_its_month(office: dict, db_url: str) -> None:
    """An office that starts in April imports April's 调度表 only: 1—4月 (46650 in all) and
    其中：4月 (11663) are both kept, the difference as the months never reported one by one
    (此前各月累计（未分月）)."""
    plan, plan_paths = office["progress_table"]
    april, paths = office["april"]
    import_register(db_url, plan_paths["xlsx"])
    done = run(db_url, "import", "xlsx", str(paths["xlsx"]))
    assert done.returncode == 0, done.stdout + done.stderr
    assert_figures(db_url, april.expected, plan_of=plan.expected)


def test_may_after_an_april_start_sums_on_the_carried_months(office: dict, db_url: str) -> None:
    """April first (1—3月 carried), then May: 1—5月 = carried + 4月 + 5月, every row accepted."""
    plan, plan_paths = office["progress_table"]
    (april, april_paths), (may, may_paths) = office["april"], office["may"]
    import_register(db_url, plan_paths["xlsx"])
    for paths in (april_paths, may_paths):
        done = run(db_url, "import", "xlsx", str(paths["xlsx"]))
        assert done.returncode == 0, done.stdout + done.stderr
        assert "错误 0 处" in done.stdout, done.stdout
    total = status_total(db_url, "2026-05")
    assert (total["ytd"], total["month"]) == (f"{may.expected.ytd:.2f}",
                                              f"{may.expected.month:.2f}")
    assert may.expected.ytd == april.expected.ytd + april.expected.month  # type: ignore[operator]
    assert_figures(db_url, april.expected, plan_of=plan.expected)  # April as it was


def test_months_before_the_first_after_an_april_start(office: dict, db_url: str) -> None:
    """After an April start, February's table cannot go in (its figures are inside the
    carried 1—3月): every row with money carried is named and nothing changes. March's can:
    its 1—3月 is the carried amount itself, so it splits it (here with no 3月 column: 3月 0,
    said per project), and the figures stay those of April."""
    plan, plan_paths = office["progress_table"]
    (april, april_paths) = office["april"]
    import_register(db_url, plan_paths["xlsx"])
    assert run(db_url, "import", "xlsx", str(april_paths["xlsx"])).returncode == 0
    done = run(db_url, "import", "xlsx", str(office["february"][1]["xlsx"]))
    assert done.returncode != 0, done.stdout
    out = done.stdout + done.stderr
    # the seven projects with money before April; the three with none carried nothing
    carried = [p for p in april.projects if p.ytd - returns.april_share(p)]
    assert len(carried) == 7
    assert "错误 7 处" in out, out
    assert "2026年从4月起按月填报" in out and "不能再导入更早的2月" in out, out
    assert "第8行" in out, out
    assert_figures(db_url, april.expected, plan_of=plan.expected)

    march = run(db_url, "import", "xlsx", str(office["march"][1]["xlsx"]))
    assert march.returncode == 0, march.stdout + march.stderr
    assert "错误 0 处，提示 7 条" in march.stdout, march.stdout
    assert "仅有1—3月累计，无法拆分本月" in march.stdout, march.stdout
    assert_figures(db_url, april.expected, plan_of=plan.expected)
