"""The Gantt's geometry against dates at each zoom, and the data it reads (no Qt)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from db.models import AnnualPlan, MonthlyReport
from db.queries import ProjectFilter
from portfolio import metrics, projects, timeline
from portfolio.periods import Period
from portfolio.projects import ProjectData
from portfolio.timeline import (
    PIXELS_PER_DAY,
    DateSpan,
    GroupSummary,
    Line,
    RowLayout,
    TimeScale,
    Zoom,
    arrange,
    group_geometry,
    group_sizes,
    row_geometry,
)

D = Decimal
ORIGIN = dt.date(2024, 1, 1)


def figures(**dates: dt.date | None) -> metrics.ProjectFigures:
    values = {
        "project_id": 1, "name": "测试项目", "kind": "project", "category": "工业",
        "stage": "续建", "township": "", "location": "", "scale": "", "unit": "", "leader": "",
        "parent_id": None, "is_leaf": True, "planned_start": None, "planned_finish": None,
        "actual_start": None, "actual_finish": None, "total_investment": D("100"),
        "prior_years": D("0"), "annual_plan": None, "planned_start_month": None,
        "planned_finish_month": None, "ytd": D("0"), "month": D("0"), "progress": "",
        "problems": "", "next_steps": "",
    }
    values.update(dates)
    return metrics.ProjectFigures(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("zoom", list(Zoom))
def test_scale_maps_days_to_pixels(zoom: Zoom) -> None:
    scale = TimeScale(ORIGIN, zoom)
    ppd = PIXELS_PER_DAY[zoom]
    assert scale.x(ORIGIN) == 0
    assert scale.x(dt.date(2025, 1, 1)) == pytest.approx(366 * ppd)  # 2024 is a leap year
    assert scale.x_end(dt.date(2024, 1, 31)) == pytest.approx(31 * ppd)
    assert scale.x(dt.date(2023, 12, 31)) == pytest.approx(-ppd)
    for day in (ORIGIN, dt.date(2024, 2, 29), dt.date(2026, 7, 15)):
        assert scale.date_at(scale.x(day)) == day
        assert scale.date_at(scale.x(day) + ppd * 0.99) == day
    assert PIXELS_PER_DAY[Zoom.YEAR] < PIXELS_PER_DAY[Zoom.QUARTER] < PIXELS_PER_DAY[Zoom.MONTH]


def test_zoom_order() -> None:
    assert Zoom.YEAR.zoomed_in() is Zoom.QUARTER
    assert Zoom.QUARTER.zoomed_in() is Zoom.MONTH
    assert Zoom.MONTH.zoomed_in() is Zoom.MONTH
    assert Zoom.MONTH.zoomed_out() is Zoom.QUARTER
    assert Zoom.YEAR.zoomed_out() is Zoom.YEAR


def test_axis_ticks_at_each_zoom() -> None:
    start, end = dt.date(2024, 1, 1), dt.date(2025, 12, 31)
    year = TimeScale(ORIGIN, Zoom.YEAR).axis(start, end)
    assert [t.label for t in year.major] == ["2024年", "2025年"]
    assert [t.label for t in year.minor[:4]] == ["Q1", "Q2", "Q3", "Q4"]
    assert len(year.minor) == 8 and len(year.grid) == 8

    quarter_scale = TimeScale(ORIGIN, Zoom.QUARTER)
    quarter = quarter_scale.axis(start, end)
    assert [t.label for t in quarter.minor[:4]] == ["一季度", "二季度", "三季度", "四季度"]
    q3 = quarter.minor[2]
    assert q3.start == dt.date(2024, 7, 1)
    assert q3.x0 == pytest.approx(quarter_scale.x(dt.date(2024, 7, 1)))
    assert q3.x1 == pytest.approx(quarter_scale.x(dt.date(2024, 10, 1)))
    assert len(quarter.grid) == 24  # a line at every month start

    month_scale = TimeScale(ORIGIN, Zoom.MONTH)
    month = month_scale.axis(start, end)
    assert len(month.minor) == 24
    feb = month.minor[1]
    assert feb.label == "2月"
    assert feb.x1 - feb.x0 == pytest.approx(29 * PIXELS_PER_DAY[Zoom.MONTH])
    assert month.major[1].x0 == pytest.approx(month_scale.x(dt.date(2025, 1, 1)))


@pytest.mark.parametrize("zoom", list(Zoom))
def test_bars_and_milestones_against_dates(zoom: Zoom) -> None:
    scale = TimeScale(ORIGIN, zoom)
    ppd = PIXELS_PER_DAY[zoom]
    f = figures(
        planned_start=dt.date(2024, 3, 1), planned_finish=dt.date(2025, 2, 28),
        actual_start=dt.date(2024, 4, 10),
    )
    as_of = dt.date(2024, 10, 31)
    geo = row_geometry(f, 0.25, scale, as_of)
    assert geo.planned is not None and geo.actual is not None and geo.progress is not None
    assert geo.planned.x0 == pytest.approx((dt.date(2024, 3, 1) - ORIGIN).days * ppd)
    # the finish day is drawn to its end: 2025-02-28 inclusive
    assert geo.planned.x1 == pytest.approx((dt.date(2025, 3, 1) - ORIGIN).days * ppd)
    # under way: the actual bar runs to the end of the report period
    assert geo.actual.x0 == pytest.approx(scale.x(dt.date(2024, 4, 10)))
    assert geo.actual.x1 == pytest.approx(scale.x(dt.date(2024, 11, 1)))
    # progress fills a quarter of the planned bar from its start
    assert geo.progress.x0 == geo.planned.x0
    assert geo.progress.width == pytest.approx(geo.planned.width * 0.25)
    start, finish = geo.milestones
    assert (start.kind, start.actual, start.day) == ("start", True, dt.date(2024, 4, 10))
    assert start.x == pytest.approx(scale.x(dt.date(2024, 4, 10)))
    assert (finish.kind, finish.actual, finish.day) == ("finish", False, dt.date(2025, 2, 28))
    assert finish.x == pytest.approx(geo.planned.x1)
    assert start.label == "实际开工" and finish.label == "计划竣工"


def test_finished_project_and_missing_dates() -> None:
    scale = TimeScale(ORIGIN, Zoom.MONTH)
    done = figures(actual_start=dt.date(2024, 2, 1), actual_finish=dt.date(2024, 5, 31))
    geo = row_geometry(done, 1.0, scale, as_of=dt.date(2026, 1, 31))
    assert geo.planned is None
    assert geo.actual is not None
    assert geo.actual.x1 == pytest.approx(scale.x(dt.date(2024, 6, 1)))
    assert geo.progress == geo.actual  # no plan: the fill goes on the actual bar
    assert [m.actual for m in geo.milestones] == [True, True]
    empty = row_geometry(figures(), 0.5, scale, as_of=dt.date(2026, 1, 31))
    assert empty.planned is None and empty.actual is None and empty.progress is None
    assert empty.milestones == () and empty.extent() is None


def test_group_summary_bar() -> None:
    scale = TimeScale(ORIGIN, Zoom.QUARTER)
    summary = GroupSummary(
        by="category", key="工业", project_count=3,
        planned_start=dt.date(2024, 1, 1), planned_finish=dt.date(2026, 12, 31),
        actual_start=dt.date(2024, 2, 1), actual_finish=dt.date(2025, 6, 30),
        all_finished=False, total_investment=D("400"), cumulative=D("100"),
        annual_plan=D("50"), ytd=D("10"),
    )
    geo = group_geometry(summary, scale, as_of=dt.date(2025, 9, 30))
    assert geo.planned is not None and geo.actual is not None and geo.progress is not None
    assert geo.planned.x1 == pytest.approx(scale.x(dt.date(2027, 1, 1)))
    # one project still under way: the actual hull runs to the report period
    assert geo.actual.x1 == pytest.approx(scale.x(dt.date(2025, 10, 1)))
    assert geo.progress.width == pytest.approx(geo.planned.width / 4)
    assert summary.label == "工业"
    assert timeline.group_label("unit", "") == "（未填责任单位）"


def test_row_layout_visible_rows() -> None:
    layout = RowLayout(24)
    assert layout.visible(0, 240, 10_000) == range(0, 10)
    assert layout.visible(12, 240, 10_000) == range(0, 11)  # half rows at both ends
    assert layout.visible(24 * 9_995, 240, 10_000) == range(9_995, 10_000)
    assert layout.visible(0, 240, 0) == range(0)
    top, height = layout.planned_band(3)
    assert 72 < top < top + height < 96
    a_top, a_height = layout.actual_band(3)
    assert top <= a_top and a_top + a_height <= top + height + 1e-9


def test_arrange_groups_in_register_order() -> None:
    ids = [5, 3, 9, 1, 7]
    assert arrange(ids) == [Line(project_id=i) for i in ids]
    keys = {5: "工业", 3: "农业", 9: "工业", 1: "", 7: "农业"}
    lines = arrange(ids, keys)
    assert lines == [
        Line(group=""), Line(project_id=1),
        Line(group="农业"), Line(project_id=3), Line(project_id=7),
        Line(group="工业"), Line(project_id=5), Line(project_id=9),
    ]
    assert group_sizes(lines) == {"": 1, "农业": 2, "工业": 2}
    assert DateSpan(dt.date(2024, 3, 5), dt.date(2025, 2, 1)).padded(dt.date(2026, 11, 22)) == (
        DateSpan(dt.date(2024, 1, 1), dt.date(2026, 12, 31)))


def _seed(db) -> dict[str, int]:
    with db.transaction() as s:
        a = projects.create(s, ProjectData(
            name="智能装备产业园", category="工业", unit="县工业和信息化局", stage="续建",
            total_investment=D("1000"), prior_investment=D("100"),
            planned_start=dt.date(2024, 3, 1), planned_finish=dt.date(2027, 6, 30),
            actual_start=dt.date(2024, 4, 1)))
        b = projects.create(s, ProjectData(
            name="冷链物流中心", category="工业", unit="县商务局", stage="新开工",
            total_investment=D("500"),
            planned_start=dt.date(2026, 2, 1), planned_finish=dt.date(2026, 12, 31)))
        c = projects.create(s, ProjectData(
            name="第三高级中学", category="社会事业", unit="县教育局", stage="竣工",
            total_investment=D("300"),
            planned_start=dt.date(2023, 1, 1), planned_finish=dt.date(2024, 8, 31),
            actual_start=dt.date(2023, 2, 1), actual_finish=dt.date(2024, 9, 30)))
        s.add_all([
            AnnualPlan(project_id=a, year=2026, planned_investment=D("240")),
            AnnualPlan(project_id=b, year=2026, planned_investment=D("120"),
                       planned_start_month=2),
            MonthlyReport(project_id=a, year=2025, month=12, investment=D("200")),
            MonthlyReport(project_id=a, year=2026, month=3, investment=D("50")),
            MonthlyReport(project_id=a, year=2026, month=5, investment=D("30")),
            MonthlyReport(project_id=a, year=2026, month=6, investment=D("40")),
            MonthlyReport(project_id=a, year=2026, month=7, investment=D("999")),
            MonthlyReport(project_id=c, year=2024, month=9, investment=D("300")),
        ])
    return {"a": a, "b": b, "c": c}


def test_rows_groups_and_span_from_the_database(db) -> None:
    ids = _seed(db)
    period = Period(2026, 6)
    with db.session() as s:
        rows = timeline.gantt_rows(s, period, [ids["a"], ids["b"], ids["c"]])
        # (100 before the reports + 200 in 2025 + 120 this year) / 1000
        assert rows[ids["a"]].progress == pytest.approx(0.42)
        assert rows[ids["a"]].state == "on_track"
        assert rows[ids["b"]].state == "warning"  # planned to start in February, not started
        assert {w.rule for w in rows[ids["b"]].warnings} == {"not_started"}
        assert rows[ids["c"]].state == "done"
        assert rows[ids["c"]].progress == 1.0

        span = timeline.date_span(s, ProjectFilter())
        assert span == DateSpan(dt.date(2023, 1, 1), dt.date(2027, 6, 30))
        assert timeline.date_span(s, ProjectFilter(text="没有这个项目")) is None

        keys = timeline.group_keys(s, ProjectFilter(), "unit")
        assert keys[ids["b"]] == "县商务局"
        groups = timeline.group_summaries(s, period, ProjectFilter(), "category")
        industry = groups["工业"]
        assert industry.project_count == 2
        assert industry.planned_start == dt.date(2024, 3, 1)
        assert industry.planned_finish == dt.date(2027, 6, 30)
        assert industry.actual_start == dt.date(2024, 4, 1)
        assert not industry.all_finished
        assert industry.total_investment == D("1500.00")
        assert industry.cumulative == D("420.00")
        assert industry.annual_plan == D("360.00") and industry.ytd == D("120.00")
        assert groups["社会事业"].all_finished
        summary = {x.key: x for x in metrics.summarise(s, period, by="category")}
        assert industry.cumulative == summary["工业"].cumulative

        data = timeline.load_chart(s, period, ProjectFilter(), by="category",
                                   today=dt.date(2026, 7, 10))
        assert [line.group for line in data.lines if line.is_group] == ["工业", "社会事业"]
        assert set(data.rows) == set(ids.values())
        assert data.span == DateSpan(dt.date(2023, 1, 1), dt.date(2027, 12, 31))
        assert data.sizes == {"工业": 2, "社会事业": 1}
