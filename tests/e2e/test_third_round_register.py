"""Issue #9, a third round: registers and plans of offices nobody here wrote
(:mod:`tests.office_files.third_round_register`), imported through the command line; ``status``,
``list`` and the database then hold exactly what the files state, and the preview names what
it does not import and why."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.cli_helpers import stored
from tests.e2e.test_unseen_office_files import assert_figures, import_register, status_total
from tests.helpers import run_portfolio
from tests.office_files import third_round_register as third
from tests.office_files.layouts import OfficeFile
from tests.office_files.projects import convert

pytestmark = pytest.mark.slow


def _run(url: str, *args: str) -> str:
    done = run_portfolio("--db", url, *args)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _listed(url: str) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in json.loads(_run(url, "list", "--format", "json"))}


@pytest.fixture
def hidden_plan(tmp_path: Path) -> OfficeFile:
    return third.plan_with_hidden_last_year(tmp_path)


def test_hidden_last_year_plan_is_not_this_years(hidden_plan: OfficeFile, db_url: str) -> None:
    dry = _run(db_url, "import", "register", str(hidden_plan.path), "--dry-run")
    assert "计划年度：2026年" in dry, dry
    assert "年度投资计划 / 2025年计划投资：隐藏列，未导入" in dry, dry
    assert "年度投资计划 / 2026年计划投资 → 年度计划投资（万元）" in dry, dry
    import_register(db_url, hidden_plan.path)
    assert_figures(db_url, hidden_plan.expected)
    assert status_total(db_url, "2025-12")["annual_plan"] == "0.00"


def test_hidden_last_year_plan_in_xls_is_left_out_as_in_xlsx(hidden_plan: OfficeFile,
                                                             db_url: str) -> None:
    """The same file saved as .xls by LibreOffice keeps its hidden column, and the import
    says so as it does for the .xlsx."""
    xls = convert(hidden_plan.path, "xls")
    dry = _run(db_url, "import", "register", str(xls), "--dry-run")
    assert "年度投资计划 / 2025年计划投资：隐藏列，未导入" in dry, dry
    import_register(db_url, xls)
    assert_figures(db_url, hidden_plan.expected)


def test_bare_plan_months_are_months_of_the_plan_year(hidden_plan: OfficeFile,
                                                     db_url: str) -> None:
    """计划开工月份 "3", "3月", "03" or 3 is March of 2026; 计划竣工月份 "12" its last day."""
    import_register(db_url, hidden_plan.path)
    listed = _listed(db_url)
    for p in hidden_plan.projects:
        start = p.planned_start
        want = start.replace(day=1).isoformat() if start and start.year == 2026 else None
        assert listed[p.name]["planned_start"] == want, p.name
        finish = third._finish_month(p)
        assert listed[p.name]["planned_finish"] == (
            None if finish is None else
            (dt.date(2027 if finish == 12 else 2026, 1 if finish == 12 else finish + 1, 1)
             - dt.timedelta(days=1)).isoformat()), p.name


def test_only_other_year_plan_column_is_named_not_imported(tmp_path: Path,
                                                           db_url: str) -> None:
    """Last year's list with --year 2026: its 2025年计划投资 is not 2026's plan, nor written
    as 2025's behind the user's back; the preview says why."""
    file = third.last_year_list(tmp_path)
    dry = _run(db_url, "import", "register", str(file.path), "--year", "2026", "--dry-run")
    assert "计划年度：2026年（--year）" in dry, dry
    assert "2025年计划投资（万元）：写的是2025年，不是计划年度2026年，未导入" in dry, dry
    done = _run(db_url, "import", "register", str(file.path), "--year", "2026", "--yes")
    assert "错误 0 处" in done, done
    assert_figures(db_url, file.expected)
    assert status_total(db_url, "2025-12")["annual_plan"] == "0.00"


@pytest.fixture
def with_status(tmp_path: Path) -> OfficeFile:
    return third.status_and_remarks(tmp_path)


def test_status_column_and_remarks_set_the_started_state(with_status: OfficeFile,
                                                          db_url: str) -> None:
    dry = _run(db_url, "import", "register", str(with_status.path), "--dry-run")
    assert "项目状态 → 项目状态" in dry, dry
    assert "未能识别的列" not in dry, dry
    for word in ("停建", "缓建", "在库"):
        assert f"项目状态「{word}」" in dry, dry
    assert "“220千伏输变电工程”备注为「拟调出」" in dry, dry
    import_register(db_url, with_status.path)
    assert_figures(db_url, with_status.expected)
    rows = stored(db_url)
    started = {p.name: rows[p.name].actual_start is not None for p in with_status.projects}
    assert started == {p.name: s.started for p, s in zip(with_status.projects,
                                                          third.STATUS_LINES, strict=True)}
    assert rows["220千伏输变电工程"].notes == "拟调出"  # kept, nothing deleted


def test_name_and_content_in_one_cell(with_status: OfficeFile, db_url: str) -> None:
    import_register(db_url, with_status.path)
    rows = stored(db_url)
    assert set(rows) == {p.name for p in with_status.projects}
    for p in with_status.projects:
        assert rows[p.name].scale == third.content_of(p), p.name
    again = _run(db_url, "import", "register", str(with_status.path), "--yes")
    assert "新增 0 个，修改 0 个" in again, again


def test_campaign_periods_and_dates(tmp_path: Path, db_url: str) -> None:
    """开工期 is the planned start (a month) or the 开工一批 期; 签约期 and 投产期 their 期 or
    date; 计划签约时间, which the register has no field for, is named as not imported."""
    file, lines = third.campaign_list(tmp_path)
    dry = _run(db_url, "import", "register", str(file.path), "--dry-run")
    assert "三个一批 / 开工期 → 开工期（三个一批期数或计划开工时间）" in dry, dry
    assert "建设起止年限" not in dry, dry
    assert "计划签约时间：本系统没有计划签约时间，未导入" in dry, dry
    import_register(db_url, file.path)
    assert_figures(db_url, file.expected)
    rows = stored(db_url)
    for p, line in zip(file.projects, lines, strict=True):
        row = rows[p.name]
        got = (row.signed_issue, row.started_issue, row.produced_issue, row.planned_finish,
               row.planned_start)
        start = p.planned_start if p.planned_start and p.planned_start.year == 2026 else None
        assert got == (line.signed_issue, line.started_issue, line.produced_issue,
                       line.planned_finish, start), p.name
    signed = json.loads(_run(db_url, "campaign", "list", "--batch", "2026-1", "--format",
                             "json"))
    assert signed, signed
