"""A sixth round of monthly returns (:mod:`tests.office_files.sixth_round_returns`), run
through the command line as a county office would: ``--dry-run``, then for real; ``status``
then holds exactly what the files state, and the preview says how each was read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.cli_helpers import assert_figures, import_register, run, status_total
from tests.office_files import sixth_round_returns as six
from tests.office_files.projects import BASE, D, Expected, convert

pytestmark = pytest.mark.slow


def _imported(db_url: str, path: Path, *extra: str) -> str:
    """``import xlsx PATH --dry-run`` then for real, both without an error; the preview."""
    dry = run(db_url, "import", "xlsx", str(path), "--dry-run", *extra)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    done = run(db_url, "import", "xlsx", str(path), *extra)
    assert done.returncode == 0, done.stdout + done.stderr
    return dry.stdout


@pytest.mark.parametrize("march_first", [True, False])
def test_rows_giving_the_month_without_the_year_to_date(tmp_path: Path, db_url: str,
                                                        march_first: bool) -> None:
    """Rows that give 本月 but leave 1—4月 blank: 1—4月 is March's stored 1—3月 plus 本月,
    and the preview names each such row with what it did (was: silently 本月 alone); with
    nothing stored before, 本月 alone, and the hint asks for the row's 1—4月."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    if march_first:
        _imported(db_url, six.march_return(tmp_path))
    file = six.ytd_left_blank(tmp_path)
    preview = _imported(db_url, file.path)
    for i in six.BLANK_YTD:
        p = BASE[i]
        where = f"第{i + 3}行D列（1—N月完成投资）：“{p.name}”未填1—4月累计："
        said = (f"按此前各月已计入的{six.march(p):.2f}万元加4月完成投资{six.april(p):.2f}万元，"
                f"1—4月计为{p.ytd:.2f}万元" if march_first else
                f"此前各月没有已计入的完成投资，1—4月只计4月完成投资{six.april(p):.2f}万元；"
                "如1—3月另有完成投资，请补填该行的1—4月累计后重新导入")
        assert where + said in preview, preview
    want = file.expected
    if not march_first:
        lost = sum((six.march(BASE[i]) for i in six.BLANK_YTD), D(0))
        want = Expected(want.project_count, D(0), D(0), want.ytd - lost, month=want.month)
    assert_figures(db_url, want, plan_of=register.expected)


@pytest.mark.parametrize("header", ["累计完成投资（万元）", "累计完成（万元）"])
def test_a_bare_cumulative_beside_the_month_is_named(tmp_path: Path, db_url: str,
                                                     header: str) -> None:
    """累计完成 beside 本月 alone may count since the start or since January: only 本月 is
    imported, and the preview names the column with why and how to map it (was: left out
    without a word)."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    file = six.bare_cumulative(tmp_path, header)
    preview = _imported(db_url, file.path)
    assert (f"“{header}”列未导入：看不出是开工以来还是今年以来的累计；不能当作1—4月的累计，"
            "只导入了本月完成投资；如为今年以来（1—N月）累计，请用 --mapping 把该列指定为 "
            "ytd_investment（1—N月完成投资）") in preview, preview
    assert_figures(db_url, file.expected, plan_of=register.expected)


@pytest.mark.parametrize("header", ["上月累计完成（万元）", "截至上月底累计完成（万元）",
                                    "1—3月累计完成（万元）", "上月末累计完成投资（万元）"])
def test_the_total_before_the_month_plus_the_month(tmp_path: Path, db_url: str,
                                                   header: str) -> None:
    """上月累计 (or 1—3月 in a return titled 1—4月) beside 本月, no 1—4月: April's return
    with 1—4月 = the column + 本月, said in the preview (was: the column dropped without a
    word, 1—4月 = 本月 alone; 1—3月 made it March's return)."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    file = six.previous_and_month(tmp_path, header)
    preview = _imported(db_url, file.path)
    assert preview.startswith("2026年4月：新增 10 个项目"), preview
    assert (f"“{header}”列是本月之前各月的累计：1—4月为该列加“本月完成（万元）”列"
            in preview), preview
    assert_figures(db_url, file.expected, plan_of=register.expected)


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_column_a_month_without_a_month_in_the_title(tmp_path: Path, db_url: str,
                                                       fmt: str) -> None:
    """The year's 台账 with 1月…12月 columns filled to April, no month in its title: April's
    return (the last month with figures), 本月 its 4月 column, 1—4月 the sum of 1月…4月
    (was: read as January's, 1月 taken for 1—N月, and --period 2026-04 refused)."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    file = six.months_side_by_side(tmp_path)
    path = file.path if fmt == "xlsx" else convert(file.path, fmt)
    preview = _imported(db_url, path)
    assert preview.startswith("2026年4月：新增 10 个项目"), preview
    assert ("表中每月一列，导入的是4月：本月完成投资取自“4月完成投资（万元）”列，1—4月为"
            "“1月完成投资（万元）”至“4月完成投资（万元）”各列之和") in preview, preview
    assert "“合计（万元）”列未导入：是各月的合计；1—4月为1月至4月各列之和" in preview, preview
    assert_figures(db_url, file.expected, plan_of=register.expected)


def test_a_column_a_month_month_by_month(tmp_path: Path, db_url: str) -> None:
    """The same 台账 with --period 2026-03 is March's (1—3月 the sum of 1月…3月, the 4月
    column named as left out), and then with --period 2026-04 April's; with --period 2026-05
    (its 5月 column empty) refused, naming the column (was: every project's May as 0 and
    1—5月 carried)."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    file = six.months_side_by_side(tmp_path)
    may = run(db_url, "import", "xlsx", str(file.path), "--period", "2026-05")
    assert may.returncode != 0
    assert (f"文件“{file.path.name}”，工作表“2026年”：表中每月一列，“5月完成投资（万元）”列没有"
            "填写任何数据：5月尚未填报（已填到4月）；如要导入4月，请用 --period 指定\n"
            ) in may.stdout, may.stdout
    assert "错误 1 处" in may.stdout, may.stdout
    preview = _imported(db_url, file.path, "--period", "2026-03")
    assert preview.startswith("2026年3月：新增 10 个项目"), preview
    assert ("“4月完成投资（万元）”列未导入：是4月的完成投资，不是3月的；如需导入，请用 --period "
            "指定该月") in preview, preview
    march = status_total(db_url, "2026-03")
    assert (march["ytd"], march["month"]) == (
        f"{sum((six.march(p) for p in BASE), D(0)):.2f}",
        f"{sum((six.by_month(p, 3) for p in BASE), D(0)):.2f}")
    _imported(db_url, file.path, "--period", "2026-04")
    assert_figures(db_url, file.expected, plan_of=register.expected)


@pytest.mark.parametrize(("header", "kind"), [
    ("形象进度", "share"), ("形象进度（%）", "percent"), ("工程完成比例", "text"),
    ("工程进度（%）", "share")])
def test_progress_as_a_percentage(tmp_path: Path, db_url: str, header: str, kind: str) -> None:
    """形象进度 as a share of the work done is "65%": a number formatted as a percentage
    (was: "0.65"), a percent under 形象进度（%）, and 工程完成比例 is the 形象进度 (was: taken
    for a rate of the plan and dropped without a word)."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    file = six.percent_progress(tmp_path, header, kind)
    preview = _imported(db_url, file.path)
    for i, p in enumerate(BASE, start=1):
        assert f"{p.name}（编号{i}）：" in preview, preview
        assert f"形象进度 {six.share_done(i)}%\n" in preview.split(f"{p.name}（编号{i}）：")[1]
    assert_figures(db_url, file.expected, plan_of=register.expected)


def test_a_bare_share_done_is_named(tmp_path: Path, db_url: str) -> None:
    """A bare 完成比例 (of the work, or of the year's plan?) in a return without 形象进度 is
    named with how to map it, not guessed; the money is imported."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    file = six.percent_progress(tmp_path, "完成比例", "share")
    preview = _imported(db_url, file.path)
    assert ("“完成比例”列未导入：看不出是形象进度的完成比例还是完成投资占年度计划的比例；"
            "如是形象进度，请用 --mapping 把该列指定为 progress（形象进度）") in preview, preview
    assert_figures(db_url, file.expected, plan_of=register.expected)


def test_codes_without_names(tmp_path: Path, db_url: str) -> None:
    """A system's export with 项目代码 and no 项目名称 lands by its codes (was: refused, no
    明细表 found); a code no project has is listed as such, and nothing is written."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    strange = six.codes_only(tmp_path, unknown=True)
    refused = run(db_url, "import", "xlsx", str(strange.path))
    assert refused.returncode != 0
    assert (f"第13行“{six.UNKNOWN_CODE}”：项目库中没有项目代码为“{six.UNKNOWN_CODE}”的项目"
            "（表中没有项目名称，只能按项目代码对应）") in refused.stdout, refused.stdout
    assert_figures(db_url, Expected(len(BASE), D(0), D(0), D(0), month=D(0)),
                   plan_of=register.expected)
    file = six.codes_only(tmp_path)
    preview = _imported(db_url, file.path)
    assert preview.startswith("2026年4月：新增 10 个项目"), preview
    assert_figures(db_url, file.expected, plan_of=register.expected)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig"])
def test_csv_saved_by_wps(tmp_path: Path, db_url: str, encoding: str) -> None:
    """A return saved by WPS as CSV (GBK, GB18030 with a character GBK lacks, UTF-8 with
    BOM): the title line and the 合计 line are no projects."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    file = six.csv_return(tmp_path, encoding)
    preview = _imported(db_url, file.path)
    assert preview.startswith("2026年4月：新增 10 个项目"), preview
    assert_figures(db_url, file.expected, plan_of=register.expected)


def test_yi_beside_wan(tmp_path: Path, db_url: str) -> None:
    """本月完成（万元） beside 1—4月累计完成（亿元）: each column in its own unit."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    file = six.yi_beside_wan(tmp_path)
    _imported(db_url, file.path)
    assert_figures(db_url, file.expected, plan_of=register.expected)


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_township_with_villages_and_signatures(tmp_path: Path, db_url: str, fmt: str) -> None:
    """谷营镇's return with a 所在村 column, 填报单位 / 填报时间 above and 备注, 填表人, 审核人
    and 主要领导签字 lines under the table: its three projects, nothing else."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    file = six.township_with_villages(tmp_path)
    path = file.path if fmt == "xlsx" else convert(file.path, fmt)
    preview = _imported(db_url, path)
    assert preview.startswith("2026年4月：新增 3 个项目，修改 0 个，未变 0 个；冲突 0 处，"
                              "未匹配 0 行，错误 0 处\n"), preview
    assert_figures(db_url, file.expected, plan_of=register.expected)


def test_a_wrong_total_before_the_month_is_refused(tmp_path: Path, db_url: str) -> None:
    """上月累计 that disagrees with the months stored, or is no number: each refused at its
    file, sheet, row and column in the words of the file, and nothing is written."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    _imported(db_url, six.march_return(tmp_path))
    file = six.wrong_previous(tmp_path)
    done = run(db_url, "import", "xlsx", str(file.path))
    assert done.returncode != 0
    where = f"文件“{file.path.name}”，工作表“Sheet1”"
    assert (f"{where}，第4行C列（上月累计完成（万元））：表中“上月累计完成（万元）”列为"
            f"{six.march(BASE[1]) + 5:.2f}万元，与此前各月已计入的{six.march(BASE[1]):.2f}"
            "万元不符；请核对") in done.stdout, done.stdout
    assert (f"{where}，第5行C列（上月累计完成（万元））：“约500”不是数字（金额应填确数，如 125.50）"
            in done.stdout), done.stdout
    march = sum((six.march(p) for p in BASE), D(0))
    assert_figures(db_url, Expected(len(BASE), D(0), D(0), march, month=D(0)),
                   plan_of=register.expected)


def test_three_totals_that_do_not_add_up(tmp_path: Path, db_url: str) -> None:
    """上月累计, 本月 and 1—4月 side by side: a row whose 1—4月 is not the other two added is
    refused at its 1—4月 cell (was: 上月累计 ignored without a word), nothing is written."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    file = six.three_totals(tmp_path)
    done = run(db_url, "import", "xlsx", str(file.path))
    assert done.returncode != 0
    p = BASE[six.MISADDED]
    assert (f"工作表“Sheet1”，第{six.MISADDED + 3}行E列（1—N月完成投资）：1—4月累计"
            f"{p.ytd - 10:.2f}万元不等于“截至上月底累计完成（万元）”列{six.march(p):.2f}万元加本月"
            f"完成投资{six.april(p):.2f}万元（应为{p.ytd:.2f}万元）；请核对"
            ) in done.stdout, done.stdout
    assert "错误 1 处" in done.stdout, done.stdout
    assert_figures(db_url, Expected(len(BASE), D(0), D(0), D(0), month=D(0)),
                   plan_of=register.expected)
