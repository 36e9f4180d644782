"""项目状态, 备注 states and 三个一批 期 as a register import reads them."""

from __future__ import annotations

import datetime as dt

import pytest

from portfolio import register_import
from portfolio.register_import.records import RegisterSource, SourceColumn, SourceDate, SourceRow
from portfolio.register_import.states import State, issue_of_text, remark_started, state_of

COLUMNS = [SourceColumn(t, k) for t, k in (
    ("项目名称", "name"), ("项目状态", "status"), ("备注", "remarks"), ("开工期", "started_issue"))]


@pytest.mark.parametrize(("word", "state"), [
    ("在建", State(True)), ("已开工", State(True)), ("正在施工", State(True)),
    ("未开工", State(False)), ("前期", State(False, "前期")), ("前期工作", State(False, "前期")),
    ("已竣工", State(True, "竣工")), ("竣工", State(True, "竣工")), ("投产", State(True, "竣工")),
    ("停建", None), ("缓建", None), ("在库", None),
])
def test_status_words(word: str, state: State | None) -> None:
    assert state_of(word) == state


@pytest.mark.parametrize(("text", "started"), [
    ("已开工", True), ("2026年3月已开工", True), ("已竣工", True), ("未开工", False),
    ("拟调出", None), ("新增", None)])
def test_remark_states(text: str, started: bool | None) -> None:
    assert remark_started(text) == started


@pytest.mark.parametrize(("text", "issue"), [
    ("2026年第1期", 21), ("第20期", 20), ("20", 20), ("第二十期", 20), ("2026年第三期", 23),
    ("2025-2期", 18), ("二〇二六年第三期", 23), ("第两期", 2)])
def test_issues(text: str, issue: int) -> None:
    assert issue_of_text(text) == issue


def test_unreadable_issue_is_refused_in_chinese() -> None:
    with pytest.raises(ValueError, match="三个一批期数"):
        issue_of_text("下半年期")


def _preview(db, *rows: SourceRow):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return register_import.preview(
            s, RegisterSource("清单.xlsx", "Sheet1", ("Sheet1",), COLUMNS, list(rows)),
            year=2026)


def test_status_sets_stage_only_without_one_and_unknown_words_are_named(db) -> None:
    result = _preview(db, SourceRow(3, {"name": "甲项目", "status": "已竣工"}),
                      SourceRow(4, {"name": "乙项目", "status": "在库"}, stage_group="续建"),
                      SourceRow(5, {"name": "丙项目", "status": "前期", "remarks": "已开工"}))
    first, second, third = result.rows
    assert first.changes["stage"] == "竣工"
    assert first.changes["actual_start"] is not None
    assert second.changes["stage"] == "续建"  # the group's, and started by it
    assert "actual_start" in second.changes
    assert third.changes["stage"] == "前期"
    assert "actual_start" not in third.changes  # 项目状态 wins over 备注
    assert any("项目状态「在库」无法识别" in w for w in result.warnings), result.warnings


def test_bad_issue_is_named_and_not_imported(db) -> None:
    result = _preview(db, SourceRow(3, {"name": "甲项目", "started_issue": "上半年期"}))
    assert "started_issue" not in result.rows[0].changes
    assert any("「开工期」列" in w and "未导入" in w for w in result.warnings), result.warnings


def test_an_unknown_status_is_named_once_with_its_rows(db) -> None:
    rows = [SourceRow(3 + i, {"name": f"项目{i}", "status": "在库"}) for i in range(12)]
    result = _preview(db, *rows)
    said = [w for w in result.warnings if "在库" in w]
    assert said == ["文件 清单.xlsx，工作表 Sheet1「项目状态」列：项目状态「在库」无法识别"
                    "（应为在建、已开工、未开工、前期、已竣工、投产等），未导入"
                    "（第4、5、6、7、8、9、10、11、12、13行等，共12行）"]


def test_a_new_project_under_way_is_no_preparatory_one(db) -> None:
    """"在建" with no 建设性质: 续建 when its start (the 起止年限's, the planned one's) is
    before the plan year, 新开工 when the file dates it in the year, else the default (was:
    every one 前期, the default)."""
    result = _preview(
        db, SourceRow(3, {"name": "甲项目", "status": "在建",
                          "planned_start": SourceDate(dt.date(2025, 10, 1), "month")}),
        SourceRow(4, {"name": "乙项目", "status": "在建",
                      "actual_start": SourceDate(dt.date(2026, 3, 18))}),
        SourceRow(5, {"name": "丙项目", "status": "在建"}),
        SourceRow(6, {"name": "丁项目", "status": "未开工"}))
    assert [r.changes.get("stage") for r in result.rows] == ["续建", "新开工", None, None]
