"""Issue #9, a fourth round: office files in layouts no earlier round covered
(:mod:`tests.office_files.fourth_round`), run through the command line as an office would;
``status``, ``list`` and the exported form then hold exactly what the files state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.e2e.cli_helpers import (
    assert_figures,
    import_register,
    listed,
    run,
    status_total,
    stored,
)
from tests.forms_helpers import csv_rows, money, recalculate
from tests.office_files import fourth_round
from tests.office_files.projects import convert

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_groups_numbered_in_figures_are_groups(tmp_path: Path, db_url: str, fmt: str) -> None:
    """"1" + "工业项目（3个）" heads a group, not a 打包项目; "1-2" after "1-1" and "（2）" after
    "（1）" are projects beside each other, not parts of the one above."""
    file = fourth_round.numbered_groups(tmp_path)
    path = file.path if fmt == "xlsx" else convert(file.path, fmt)
    dry = run(db_url, "import", "register", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "的子项目" not in dry.stdout, dry.stdout
    assert "共 10 个项目：新增 10 个" in dry.stdout, dry.stdout
    import_register(db_url, path)
    assert_figures(db_url, file.expected)
    rows = {p["name"]: p for p in listed(db_url)}
    assert {rows[p.name]["category"] for p in file.projects} == {p.category
                                                                  for p in file.projects}
    assert all(rows[p.name]["category"] == p.category for p in file.projects)


def test_started_with_its_month_and_carried_over(tmp_path: Path, db_url: str) -> None:
    """开工情况 "已开工（3月）" is a start in March of the plan year; "续建" is started."""
    file = fourth_round.numbered_groups(tmp_path)
    import_register(db_url, file.path)
    rows = stored(db_url)
    for p in file.projects:
        words = fourth_round.started_words(p)
        got = rows[p.name].actual_start
        if p.actual_start is not None and words.startswith("已开工"):
            assert got == p.actual_start.replace(day=1), p.name
        else:
            assert (got is not None) == (words == "续建"), p.name


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_month_and_year_to_date_under_the_year(tmp_path: Path, db_url: str, fmt: str) -> None:
    """完成投资 over 2026年 over 1—3月 / 4月 / 累计: April's return (the title says 4月份), with
    4月 as the month and 累计 as 1—4月; the 1—3月 beside them is named, not taken for 1—N月."""
    register = fourth_round.numbered_groups(tmp_path)
    import_register(db_url, register.path)
    file = fourth_round.months_under_the_year(tmp_path)
    path = file.path if fmt == "xlsx" else convert(file.path, fmt)
    done = run(db_url, "import", "xlsx", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("2026年4月：新增 10 个项目"), done.stdout
    assert ("“完成投资（万元） / 2026年 / 1—3月”列未导入：是4月之前各月的累计，1—4月取自"
            "“完成投资（万元） / 2026年 / 累计”列") in done.stdout, done.stdout
    total = status_total(db_url, "2026-04")
    assert (total["ytd"], total["month"]) == (f"{file.expected.ytd:.2f}",
                                              f"{file.expected.month:.2f}")
    before = sum(fourth_round.april_split(p)[0] for p in file.projects)
    assert status_total(db_url, "2026-03")["ytd"] == f"{before:.2f}"  # carried, 此前各月


def test_start_words_in_a_monthly_return(tmp_path: Path, db_url: str) -> None:
    """开工情况 "已开工（3月）", "已于4月开工", "3月已开工" start a project in that month;
    "在建"/"续建" say started, "前期" not yet: none of them is refused."""
    register = fourth_round.township_register(tmp_path)
    import_register(db_url, register.path)
    file = fourth_round.start_words_return(tmp_path)
    done = run(db_url, "import", "xlsx", str(file.path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "错误 0 处" in done.stdout, done.stdout
    assert_figures(db_url, file.expected, plan_of=register.expected)
    rows = stored(db_url)
    for p, (_, _, month) in zip(file.projects, fourth_round.START_WORDS, strict=True):
        if month is not None:
            assert rows[p.name].actual_start == dt.date(2026, month, 1), p.name


def test_names_with_a_place_in_front_are_told_their_project(tmp_path: Path,
                                                             db_url: str) -> None:
    """"谷营镇黄河滩区…", "【东坝头镇】…", "城关镇：…" and "智能家居产业园二期" (for
    "兰考县智能家居产业园二期") match nothing, but each is told the project it may mean; an
    abbreviation ("县医院…") is only said to match nothing. Nothing is written."""
    import_register(db_url, fourth_round.township_register(tmp_path).path)
    done = run(db_url, "import", "xlsx", str(fourth_round.placed_names_return(tmp_path)))
    assert done.returncode == 1, done.stdout + done.stderr
    ids = {p["name"]: p["id"] for p in listed(db_url)}
    for n, name in fourth_round.PLACED_NAMES.items():
        known = fourth_round.BASE[n].name
        told = (f"“{name}”：项目库中没有这个名称的项目；去掉地名后与“{known}”（编号{ids[known]}）"
                "相同，如是同一项目，请在表中改用项目库中的名称或填写编号后再导入")
        assert (told in done.stdout) == (not name.startswith("县医院")), done.stdout
    assert "“县医院新院区建设项目”：项目库中没有这个名称的项目\n" in done.stdout, done.stdout
    assert status_total(db_url, "2026-05")["ytd"] == "0.00"


def test_form_by_township_with_its_total_on_top(tmp_path: Path, db_url: str) -> None:
    """The county's blank form by 乡镇 with "总计" first: filled, its label kept (was written
    "合计"), each group with its projects, and every figure as LibreOffice recalculates it."""
    register = fourth_round.township_register(tmp_path)
    import_register(db_url, register.path)
    april = fourth_round.months_under_the_year(tmp_path)
    assert run(db_url, "import", "xlsx", str(april.path)).returncode == 0
    out = tmp_path / "报县里.xlsx"
    done = run(db_url, "export", "xlsx", "--period", "2026-04", "--template",
               str(fourth_round.form_by_township(tmp_path)), "-o", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "不属于其中任何一组" not in done.stdout, done.stdout
    rows = csv_rows(recalculate(out, tmp_path / "csv"))
    assert rows[2][:9] == ["序号", "项目名称", "建设内容", "总投资", "年度计划", "1—4月完成",
                           "完成率", "形象进度", "存在问题"]
    assert rows[3][0] == "总计"
    projects = fourth_round.BASE
    assert [money(x) for x in rows[3][3:6]] == [
        sum(p.total for p in projects), sum(p.plan for p in projects),
        sum(p.ytd for p in projects)]
    by_township: dict[str, list[list[str]]] = {}
    label = ""
    for row in rows[4:]:
        if row[0][:2] in ("一、", "二、", "三、"):
            label = row[0][2:]
            by_township[label] = []
        elif row[0].isdigit():
            by_township[label].append(row)
    assert list(by_township) == list(fourth_round.TOWNSHIPS)
    for township, members in by_township.items():
        want = [p for p in projects if (p.township or "城关镇") == township]
        assert sorted(r[1] for r in members) == sorted(p.name for p in want), township
        assert sum(money(r[3]) for r in members) == sum(p.total for p in want)
        assert sum(money(r[5]) for r in members) == sum(p.ytd for p in want)
        assert all(r[7] == "主体施工" and r[8] == "无" for r in members), members
    assert rows[-1][0] == "填表人："


def test_a_sheet_per_month_is_imported_month_by_month(tmp_path: Path, db_url: str) -> None:
    """A 调度台账 with a sheet per month: without --period the first sheet is read and the
    others are named (was: left out without a word); with --period, that month's sheet."""
    import_register(db_url, fourth_round.township_register(tmp_path).path)
    path = fourth_round.sheet_per_month(tmp_path)
    first = run(db_url, "import", "xlsx", str(path), "--dry-run")
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.startswith("2026年1月："), first.stdout
    assert ("只导入了工作表“1月”；工作表“2月”、“3月”、“4月”中也有可导入的数据，未导入。"
            "如需导入其他月份，请用 --period 指定月份（按工作表的月份选取），每次导入一个月"
            ) in first.stdout, first.stdout
    for month in range(1, 5):
        done = run(db_url, "import", "xlsx", str(path), "--period", f"2026-{month:02d}")
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.startswith(f"2026年{month}月：新增 10 个项目"), done.stdout
    total = status_total(db_url, "2026-04")
    projects = fourth_round.BASE
    assert total["month"] == f"{sum(fourth_round.month_done(p, 4) for p in projects):.2f}"
    ytd = sum(fourth_round.month_done(p, m) for p in projects for m in range(1, 5))
    assert total["ytd"] == f"{ytd:.2f}"


def test_our_own_report_is_not_told_of_its_other_sheets(tmp_path: Path, db_url: str) -> None:
    """Our own report (its 报告期 stamped in the workbook, now read) has a 明细表 and other
    sheets with project rows (滞后项目表, 问题清单): importing it names none of them."""
    import_register(db_url, fourth_round.township_register(tmp_path).path)
    assert run(db_url, "import", "xlsx",
               str(fourth_round.months_under_the_year(tmp_path).path)).returncode == 0
    own = tmp_path / "月报.xlsx"
    assert run(db_url, "export", "xlsx", "--period", "2026-04", "-o", str(own)).returncode == 0
    again = run(db_url, "import", "xlsx", str(own), "--dry-run")
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.startswith("2026年4月：新增 0 个项目，修改 0 个，未变 10 个"), again.stdout
    assert "只导入了工作表" not in again.stdout, again.stdout


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_township_groups_numbered_in_figures(tmp_path: Path, db_url: str, fmt: str) -> None:
    """"1" + "城关镇（8个）" with SUMs heads its projects ("1.1", "1.2" …) and gives them their
    乡镇; it is no 打包项目 named after the township (was: the group a project, its rows parts)."""
    file = fourth_round.township_groups(tmp_path)
    path = convert(file.path, fmt)
    dry = run(db_url, "import", "register", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "的子项目" not in dry.stdout and "对应不到" not in dry.stdout, dry.stdout
    import_register(db_url, path)
    assert_figures(db_url, file.expected)
    rows = stored(db_url)
    assert set(rows) == {p.name for p in file.projects}
    assert {n: r.township for n, r in rows.items()} == {
        p.name: p.township or "城关镇" for p in file.projects}
