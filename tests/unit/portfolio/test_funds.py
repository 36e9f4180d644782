"""资金到位: receipts per month and source, roll-ups against the funding plan, 到位率."""

from __future__ import annotations

from decimal import Decimal

import pytest

from db.queries import ProjectFilter
from portfolio import funds
from portfolio.funds import FundsError
from portfolio.periods import Period
from portfolio.projects import ProjectData, create

D = Decimal
OCT = Period(2026, 10)


@pytest.fixture
def funded(any_db):
    with any_db.transaction() as s:
        school = create(s, ProjectData(
            name="第三高级中学", category="社会事业", total_investment=D("3000"),
            funding=[("中央预算内投资", D("1000")), ("县级财政资金", D("1500")),
                     ("地方政府专项债券", D("500"))]))
        plant = create(s, ProjectData(
            name="污水处理厂", category="城建", total_investment=D("800"),
            funding=[("企业自筹", D("800"))]))
        package = create(s, ProjectData(name="道路打包", total_investment=D("100")))
        part = create(s, ProjectData(name="道路A段", parent_id=package,
                                     total_investment=D("100")))
        for pid, period, source, amount in (
            (school, Period(2025, 12), "中央预算内投资", "300"),
            (school, Period(2026, 3), "中央预算内投资", "200.50"),
            (school, OCT, "省市县财政", "600"),
            (school, Period(2026, 11), "省市县财政", "99"),  # after the period
            (plant, OCT, "银行贷款", "50"),  # received without a plan line
            (part, Period(2026, 2), "其他", "10"),
        ):
            funds.set_received(s, pid, period, source, D(amount))
    return any_db, school, plant, package


def test_rollup_by_source_against_the_plan(funded) -> None:
    db = funded[0]
    with db.session() as s:
        table = funds.by_source(s, OCT)
    lines = {line.source: line for line in table.lines}
    assert lines["中央预算内投资"] == funds.FundsLine("中央预算内投资", D("1000.00"), D("0.00"),
                                                    D("200.50"), D("500.50"))
    assert lines["中央预算内投资"].rate == D("50.1")
    assert lines["省市县财政"].month == D("600.00") and lines["省市县财政"].rate == D("40.0")
    assert lines["银行贷款"].planned == 0 and lines["银行贷款"].rate is None  # zero plan
    assert lines["其他"].cumulative == D("10.00")
    total = table.total
    assert total.planned == D("3800.00")  # the package's own plan is left to its parts
    assert total.cumulative == D("1160.50")
    assert total.year == D("860.50") and total.month == D("650.00")
    assert [line.source for line in table.lines] == [
        s for s in funds.SOURCES if s in lines]


def test_rollup_by_project_and_filter(funded) -> None:
    db, school, plant, _package = funded
    with db.session() as s:
        rows = funds.by_project(s, OCT, ProjectFilter(categories=("社会事业",)))
        only = funds.by_source(s, OCT, ids=[plant])
    [row] = rows
    assert row.project_id == school and row.total.cumulative == D("1100.50")
    assert {line.source for line in row.lines} == {
        "中央预算内投资", "省市县财政", "地方政府专项债券"}
    assert only.total.planned == D("800.00") and only.total.cumulative == D("50.00")


def test_recording_rules(funded) -> None:
    db, school, _plant, package = funded
    with db.transaction() as s:
        assert funds.add_received(s, school, OCT, "省市县财政", D("0.25")) == D("600.25")
        assert funds.set_received(s, school, OCT, "省市县财政", None) == D("600.25")
        with pytest.raises(FundsError, match="打包项目"):
            funds.set_received(s, package, OCT, "其他", D("1"))
        with pytest.raises(ValueError, match="不能为负数"):
            funds.set_received(s, school, OCT, "其他", D("-1"))
        with pytest.raises(FundsError, match="未来月份"):
            funds.set_received(s, school, Period(2099, 1), "其他", D("1"))
        assert [r.amount for r in funds.receipts_of(s, school)][:2] == [D("300.00"), D("200.50")]


def test_source_words() -> None:
    assert funds.source_of("县级财政资金") == "省市县财政"
    assert funds.source_of("社会资本") == "其他"
    assert funds.source_of("专项债") == "地方政府专项债券"
    assert funds.parse_source("专项债") == "地方政府专项债券"
    with pytest.raises(FundsError, match="资金来源应为"):
        funds.parse_source("国债")
