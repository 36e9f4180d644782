"""An office that starts mid-year: the months before its first imported month are carried
(此前各月累计（未分月）, month 0) and every sum of the year includes them; later months sum on
top; an earlier month is refused (:mod:`portfolio.monthly.carried`, :mod:`.first_month`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from db.models import AnnualPlan, MonthlyReport
from portfolio import metrics, monthly, overview, projects
from portfolio.monthly import carried, first_month, importing
from portfolio.monthly.first_month import Position
from portfolio.monthly.importing_records import FileReading, ImportLine
from portfolio.periods import Period
from portfolio.projects import ProjectData
from portfolio.provenance import Source

D = Decimal
APRIL, MAY, MARCH = Period(2026, 4), Period(2026, 5), Period(2026, 3)


@pytest.fixture
def db(any_db):  # every rule here on SQLite and on PostgreSQL
    return any_db


@pytest.fixture
def school(db) -> int:
    with db.transaction() as s:
        pid = projects.create(s, ProjectData(
            name="第三高级中学", category="社会事业", unit="教育局", stage="续建",
            total_investment=D("1000"), prior_investment=D("100"),
            actual_start=dt.date(2025, 3, 1)))
        s.add(AnnualPlan(project_id=pid, year=2026, planned_investment=D("600")))
    return pid


def _reading(period: Period, *, ytd: str | None = None, month: str | None = None,
             row: int = 5) -> FileReading:
    values: dict[str, object] = {} if month is None else {"investment": D(month)}
    line = ImportLine(Source("县调度表.xlsx", "4月", row), None, "第三高级中学", values,
                      {"investment": 7} if month is not None else {},
                      None if ytd is None else D(ytd), 6 if ytd is not None else None)
    return FileReading("县调度表.xlsx", "4月", period, [line])


def _import(db, period: Period, **kw: str) -> importing.ImportPreview:
    with db.session() as s:
        preview = importing.compare(s, [_reading(period, **kw)])
    if preview.can_apply():
        importing.apply(db, preview)
    return preview


def _row(db, period: Period) -> monthly.EntryRow:
    with db.session() as s:
        (row,) = monthly.load_rows(s, period)
    return row


def _ytd(db, period: Period) -> Decimal:
    with db.session() as s:
        (line,) = metrics.project_figures(s, period)
    return line.ytd


def test_first_month_with_its_month_carries_the_difference(db, school) -> None:
    preview = _import(db, APRIL, ytd="300", month="80")
    assert preview.errors == [] and preview.warnings == []
    assert preview.new[0].differences()[0] == ("此前各月累计（未分月）", D("0.00"), D("220"))
    row = _row(db, APRIL)
    assert (row.carried, row.first_month, row.investment, row.ytd) == (
        D("220.00"), 4, D("80.00"), D("300.00"))
    assert first_month.monthly_from(row) == 4
    assert _ytd(db, APRIL) == D("300.00")
    with db.session() as s:
        assert carried.read(s, school, 2026) == D("220.00")


def test_first_month_with_the_cumulative_only_records_no_month_and_says_so(db, school) -> None:
    preview = _import(db, APRIL, ytd="300")
    assert [w.message for w in preview.warnings] == [
        "“第三高级中学”仅有1—4月累计，无法拆分本月：1—4月300.00万元记为此前各月累计（未分月），"
        "4月完成投资记为0"]
    assert preview.warnings[0].row == 5
    row = _row(db, APRIL)
    assert (row.carried, row.investment, row.ytd) == (D("300.00"), D("0.00"), D("300.00"))


@pytest.mark.parametrize("may", [{"ytd": "390", "month": "90"}, {"ytd": "390"}, {"month": "90"}])
def test_a_later_month_sums_on_the_carried_amount(db, school, may: dict[str, str]) -> None:
    _import(db, APRIL, ytd="300", month="80")
    preview = _import(db, MAY, **may)
    assert preview.errors == [], preview.errors
    row = _row(db, MAY)
    assert (row.carried, row.first_month, row.investment, row.ytd) == (
        D("220.00"), 4, D("90.00"), D("390.00"))
    assert _ytd(db, MAY) == D("390.00")


def test_a_later_month_that_does_not_add_up_is_refused(db, school) -> None:
    _import(db, APRIL, ytd="300", month="80")
    preview = _import(db, MAY, ytd="400", month="90")
    assert [e.message for e in preview.errors] == [
        "1—5月完成投资400.00万元不等于此前各月合计300.00万元加本月完成投资90.00万元"
        "（应为390.00万元）"]


def test_an_earlier_month_is_refused_by_row_and_changes_nothing(db, school) -> None:
    _import(db, APRIL, ytd="300", month="80")
    preview = _import(db, Period(2026, 2), ytd="100", month="50", row=9)
    (error,) = preview.errors
    assert error.message == ("项目“第三高级中学”2026年从4月起按月填报，1—3月的完成投资已作为"
                             "此前各月累计（未分月）计入，不能再导入更早的2月")
    assert (error.file, error.sheet, error.row, error.column) == ("县调度表.xlsx", "4月", 9, 6)
    mismatch = _import(db, MARCH, ytd="200", month="50")  # 1—3月 is the carried 220
    assert [e.message for e in mismatch.errors] == [
        "项目“第三高级中学”1—3月完成投资200.00万元（表中）与已计入的此前各月累计（未分月）"
        "220.00万元不符，不能拆分；请核对"]
    with db.session() as s:
        months = s.scalars(select(MonthlyReport.month).where(
            MonthlyReport.project_id == school).order_by(MonthlyReport.month)).all()
    assert months == [0, 4]


@pytest.mark.parametrize("march", [{"ytd": "220", "month": "50"}, {"month": "50"}])
def test_the_month_before_the_first_splits_the_carried_amount(db, school,
                                                               march: dict[str, str]) -> None:
    """March after an April start, its 1—3月 being the carried 220: 3月 50 comes out of it."""
    _import(db, APRIL, ytd="300", month="80")
    preview = _import(db, MARCH, **march)
    assert preview.errors == [], preview.errors
    row = _row(db, MARCH)
    assert (row.carried, row.first_month, row.investment, row.ytd) == (
        D("170.00"), 3, D("50.00"), D("220.00"))
    assert _row(db, APRIL).ytd == D("300.00")
    too_much = _import(db, Period(2026, 2), month="200")  # now February is the one before
    assert [e.message for e in too_much.errors] == [
        "2月完成投资200.00万元超过已计入的此前各月累计（未分月）170.00万元"]


def test_reimporting_the_first_month_corrects_the_carried_amount(db, school) -> None:
    _import(db, APRIL, ytd="300", month="80")
    again = _import(db, APRIL, ytd="300", month="80")
    assert [c.status for c in again.changes] == ["unchanged"]
    corrected = _import(db, APRIL, ytd="350", month="80")
    assert corrected.errors == []
    assert corrected.changed[0].differences() == [
        ("此前各月累计（未分月）", D("220.00"), D("270"))]
    assert _row(db, APRIL).carried == D("270.00")


def test_a_month_larger_than_the_cumulative_is_refused(db, school) -> None:
    preview = _import(db, APRIL, ytd="50", month="80")
    assert [e.message for e in preview.errors] == [
        "1—4月完成投资50.00万元少于4月完成投资80.00万元"]
    assert _row(db, APRIL).carried == D("0.00")


def test_a_carried_amount_past_the_total_investment_is_refused(db, school) -> None:
    preview = _import(db, APRIL, ytd="950", month="10")  # 100 before the year + 950 > 1000
    assert preview.errors and "超过剩余投资" in preview.errors[0].message
    assert _row(db, APRIL).carried == D("0.00")


def test_january_carries_nothing(db, school) -> None:
    preview = _import(db, Period(2026, 1), ytd="80")
    assert preview.errors == [] and preview.warnings == []
    row = _row(db, Period(2026, 1))
    assert (row.carried, row.investment) == (D("0.00"), D("80.00"))


def test_a_project_reported_from_january_is_not_carried(db, school) -> None:
    _import(db, Period(2026, 1), month="30")
    preview = _import(db, APRIL, ytd="110", month="80")
    assert preview.errors == [] and preview.warnings == []
    assert _row(db, APRIL).carried == D("0.00")


class _Row:
    def __init__(self, carried_: str, first: int | None) -> None:
        self.carried = D(carried_)
        self.first_month = first


@pytest.mark.parametrize(("carried_", "first", "month", "where"), [
    ("0", None, 4, Position.FIRST),      # nothing reported this year
    ("0", None, 1, Position.LATER),      # January: 1—1月 is the month
    ("0", 6, 4, Position.FIRST),         # only a later month typed: April starts the year
    ("0", 2, 4, Position.LATER),
    ("220", 4, 4, Position.FIRST),       # the first month again: the carried amount redone
    ("220", 4, 5, Position.LATER),
    ("220", 4, 3, Position.EARLIER),
    ("220", None, 3, Position.FIRST),    # the first month's report deleted since
])
def test_position(carried_: str, first: int | None, month: int, where: Position) -> None:
    assert first_month.position(_Row(carried_, first), Period(2026, month)) is where


def test_writing_zero_removes_the_carried_row(db, school) -> None:
    with db.transaction() as s:
        carried.write(s, school, 2026, D("12.346"))
    with db.session() as s:
        assert carried.read(s, school, 2026) == D("12.35")
    with db.transaction() as s:
        carried.write(s, school, 2026, D("0"))
    with db.session() as s:
        assert s.scalar(select(MonthlyReport.id)) is None
    with db.transaction() as s, pytest.raises(ValueError, match="不能为负数"):
        carried.write(s, school, 2026, D("-1"))


def test_the_history_names_the_carried_amount(db, school) -> None:
    _import(db, APRIL, ytd="300", month="80")
    with db.session() as s:
        whats = [e.what for e in monthly.history(s, school)]
    assert "2026年此前各月累计（未分月） 本月完成投资" not in whats
    assert "2026年此前各月累计（未分月）" in whats
    assert "2026年4月 本月完成投资" in whats


def test_status_and_the_overview_count_the_carried_amount(db, school) -> None:
    _import(db, APRIL, ytd="300", month="80")
    _import(db, MAY, ytd="390")
    with db.session() as s:
        for period, ytd, month in ((APRIL, "300.00", "80.00"), (MAY, "390.00", "90.00")):
            total = metrics.total(s, period)
            assert (total.ytd, total.month) == (D(ytd), D(month))
            assert overview.compute(s, period).total.ytd == D(ytd)
            assert monthly.totals(monthly.load_rows(s, period)).ytd == D(ytd)
        assert metrics.total(s, APRIL).cumulative == D("400.00")  # 100 before the year
