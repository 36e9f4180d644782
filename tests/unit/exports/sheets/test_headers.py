"""Header recognition: the words offices put over a column, to the field they mean."""

from __future__ import annotations

import pytest

from exports.sheets.headers import recognise


@pytest.mark.parametrize(("text", "key"), [
    ("实际竣工时间", "actual_finish"),
    ("实际完工日期", "actual_finish"),
    ("计划竣工时间", "planned_finish"),
    ("竣工时间", "planned_finish"),
    ("实际开工时间", "actual_start"),
    ("计划开工", "planned_start"),
    ("今年以来累计完成（万元）", "ytd_investment"),
    ("截至2025年底累计完成投资（万元）", "prior_cumulative"),
    ("2026年计划投资（万元）", "annual_plan"),
    # a month's figure broken out of the 1—N月 column
    ("其中：4月完成", "month_investment"),
    ("其中:4月份完成投资", "month_investment"),
    ("其中：1—4月完成", "ytd_investment"),
    # wordings seen in county and township forms
    ("拟开工时间", "planned_start"),
    ("拟竣工时间", "planned_finish"),
    ("项目所在地", "location"),
    ("项目类别", "category"),
    ("项目主体", "owner"),
    ("入库编号", "code"),
    # a WPS quarterly plan: 2026年投资计划 over 全年合计 / 第一季度 …
    ("2026年投资计划", "annual_plan"),
    ("2026年投资计划全年合计", "annual_plan"),
    ("2026年投资计划第一季度", "q1_plan"),
    ("2026年建设内容", "annual_goal"),
    ("建设规模及主要建设内容", "scale"),
])
def test_recognise(text: str, key: str) -> None:
    assert recognise(text) == key


def test_a_year_on_year_column_is_no_completion_rate() -> None:
    """同比增长% compares with last year: no field (was read as 占年度计划 for its "%")."""
    for text in ("同比增长%", "2026年 / 同比增长（%）", "增速%", "比上年增减%", "较上年同期增长"):
        assert recognise(text) is None, text
    assert recognise("占年度计划%") == "completion_rate"
    assert recognise("完成率（%）") == "completion_rate"
