"""The monthly entry service: computed columns, validation, one-transaction saves, locking,
pasting, stages and history — on hand-made projects."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.models import AnnualPlan, AuditEntry, MonthlyReport, Project
from db.queries import ProjectFilter
from portfolio import metrics, monthly, projects
from portfolio.monthly import CellEdit, EntryError
from portfolio.periods import Period
from portfolio.projects import ProjectData

D = Decimal
OCT = Period(2026, 10)


@pytest.fixture
def seeded(db):
    with db.transaction() as s:
        school = projects.create(s, ProjectData(
            name="第三高级中学", category="社会事业", unit="教育局", stage="续建",
            total_investment=D("1000"), prior_investment=D("100"),
            actual_start=dt.date(2025, 3, 1)))
        new = projects.create(s, ProjectData(
            name="产业园标准化厂房", category="工业", unit="工信局",
            total_investment=D("500"), planned_start=dt.date(2026, 9, 1)))
        package = projects.create(s, ProjectData(name="道路打包项目", category="交通能源",
                                                 total_investment=D("900")))
        part = projects.create(s, ProjectData(
            name="道路A段", category="交通能源", parent_id=package, total_investment=D("900"),
            actual_start=dt.date(2026, 2, 1), stage="新开工"))
        s.add_all([
            AnnualPlan(project_id=school, year=2026, planned_investment=D("600")),
            AnnualPlan(project_id=new, year=2026, planned_investment=D("200"),
                       planned_start_month=9),
            AnnualPlan(project_id=part, year=2026, planned_investment=D("300")),
            MonthlyReport(project_id=school, year=2025, month=12, investment=D("50")),
            MonthlyReport(project_id=school, year=2026, month=1, investment=D("100")),
            MonthlyReport(project_id=school, year=2026, month=9, investment=D("200"),
                          started=True, started_on=dt.date(2025, 3, 1)),
            MonthlyReport(project_id=school, year=2026, month=11, investment=D("40")),
        ])
    return {"school": school, "new": new, "package": package, "part": part}


def _rows(db, period=OCT, **kw) -> dict[str, monthly.EntryRow]:
    with db.session() as s:
        return {r.name: r for r in monthly.load_rows(s, period, **kw)}


def test_computed_columns_across_the_year_boundary(db, seeded) -> None:
    rows = _rows(db)
    school = rows["第三高级中学"]
    assert school.prior_years == D("150.00")  # prior + December 2025
    assert school.ytd_before == D("300.00")
    assert school.investment is None and not school.has_report
    assert school.ytd == D("300.00") and school.plan_rate == D("50.0")
    assert school.later == D("40.00")
    assert school.remaining == D("1000") - D("150") - D("300") - D("40")
    assert school.started and school.started_on == dt.date(2025, 3, 1)
    january = _rows(db, Period(2026, 1))["第三高级中学"]
    assert january.prior_years == D("150.00") and january.ytd == D("100.00")
    december = _rows(db, Period(2025, 12))["第三高级中学"]
    assert december.prior_years == D("100.00") and december.ytd == D("50.00")
    assert december.annual_plan is None and december.plan_rate is None
    assert not rows["道路打包项目"].is_leaf
    assert list(rows) == ["道路打包项目", "道路A段", "产业园标准化厂房", "第三高级中学"]
    active = _rows(db, active_only=True)
    assert "道路打包项目" not in active and "第三高级中学" in active


def test_save_figures_and_totals_match_metrics(db, seeded) -> None:
    with db.transaction() as s:
        monthly.save_cells(s, OCT, [
            CellEdit(seeded["school"], "investment", D("80.50")),
            CellEdit(seeded["school"], "progress", "主体封顶"),
            CellEdit(seeded["part"], "investment", D("120")),
        ])
    rows = _rows(db)
    assert rows["第三高级中学"].investment == D("80.50")
    assert rows["第三高级中学"].ytd == D("380.50")
    with db.session() as s:
        total = metrics.total(s, OCT)
        entry = monthly.totals(monthly.load_rows(s, OCT))
        figures = {f.name: f for f in metrics.project_figures(s, OCT)}
    assert entry.ytd == total.ytd and entry.investment == total.month == D("200.50")
    assert entry.annual_plan == total.annual_plan
    assert figures["第三高级中学"].progress == "主体封顶"


@pytest.mark.parametrize(("text", "message"), [
    ("十万", "本月完成投资应为数字"),
    ("-5", "不能为负数"),
    ("1.234", "最多保留两位小数"),
])
def test_bad_money_is_refused_in_words(text: str, message: str) -> None:
    with pytest.raises(EntryError, match=message):
        monthly.parse_cell("investment", text, OCT)


def test_parse_cells() -> None:
    assert monthly.parse_cell("investment", " 1,234.5 ", OCT) == D("1234.50")
    assert monthly.parse_cell("investment", "", OCT) is None
    assert monthly.parse_cell("started", "是", OCT) is True
    assert monthly.parse_cell("started", "√", OCT) is True
    assert monthly.parse_cell("started", "否", OCT) is False
    with pytest.raises(EntryError, match="是否开工应填"):
        monthly.parse_cell("started", "也许", OCT)
    for text in ("2026-10-08", "2026/10/8", "2026年10月8日", "20261008", "10月8日", "10-8"):
        assert monthly.parse_cell("started_on", text, OCT) == dt.date(2026, 10, 8), text
    with pytest.raises(EntryError, match="开工日期应为日期"):
        monthly.parse_cell("started_on", "2026-02-30", OCT)
    with pytest.raises(EntryError, match="过长"):
        monthly.parse_cell("progress", "字" * 1001, OCT)


def test_more_than_remaining_refuses_the_whole_batch(db, seeded) -> None:
    with pytest.raises(EntryError, match=r"超过剩余投资510\.00万元") as info, db.transaction() as s:
        monthly.save_cells(s, OCT, [
            CellEdit(seeded["part"], "investment", D("10")),
            CellEdit(seeded["school"], "investment", D("510.01")),
        ])
    assert info.value.project_id == seeded["school"] and info.value.column == "investment"
    rows = _rows(db)
    assert rows["道路A段"].investment is None  # nothing half-saved
    with db.transaction() as s:  # exactly the remaining amount is fine
        monthly.save_cells(s, OCT, [CellEdit(seeded["school"], "investment", D("510"))])
    with pytest.raises(EntryError, match="打包项目"), db.transaction() as s:
        monthly.save_cells(s, OCT, [CellEdit(seeded["package"], "investment", D("1"))])


def test_starting_moves_the_stage_and_back(db, seeded) -> None:
    new = seeded["new"]
    with db.transaction() as s:
        monthly.save_cells(s, OCT, [CellEdit(new, "started_on", dt.date(2026, 10, 12))])
    with db.session() as s:
        project = s.get(Project, new)
        assert project.actual_start == dt.date(2026, 10, 12) and project.stage == "新开工"
        report = s.scalar(select(MonthlyReport).where(MonthlyReport.project_id == new))
        assert report.started and report.started_on == dt.date(2026, 10, 12)
    with db.transaction() as s:
        monthly.save_cells(s, OCT, [CellEdit(new, "started", False)])
    with db.session() as s:
        project = s.get(Project, new)
        assert project.actual_start is None and project.stage == "前期"
    with db.transaction() as s:  # "是" without a date: the month's first day
        monthly.save_cells(s, OCT, [CellEdit(new, "started", True)])
    assert _rows(db)["产业园标准化厂房"].started_on == dt.date(2026, 10, 1)
    with pytest.raises(EntryError, match="晚于本期"), db.transaction() as s:
        monthly.save_cells(s, OCT, [CellEdit(new, "started_on", dt.date(2026, 11, 2))])
    with pytest.raises(EntryError, match="早于本月"), db.transaction() as s:
        monthly.save_cells(s, OCT, [CellEdit(seeded["school"], "started", False)])


def test_finishing(db, seeded) -> None:
    school = seeded["school"]
    with db.transaction() as s:
        monthly.save_cells(s, OCT, [CellEdit(school, "finished_on", dt.date(2026, 10, 30))])
    with db.session() as s:
        assert s.get(Project, school).stage == "竣工"
    with db.transaction() as s:
        monthly.save_cells(s, OCT, [CellEdit(school, "finished_on", None)])
    with db.session() as s:
        project = s.get(Project, school)
        assert project.actual_finish is None and project.stage == "续建"
    with pytest.raises(EntryError, match="尚未开工"), db.transaction() as s:
        monthly.save_cells(s, OCT, [CellEdit(seeded["new"], "finished_on", dt.date(2026, 10, 3))])


def test_lock_refuses_edits_until_reopened_and_both_are_audited(db, seeded) -> None:
    with db.transaction() as s:
        s.info["user"] = "张科长"
        monthly.lock(s, OCT)
    with pytest.raises(EntryError, match="已报送锁定"), db.transaction() as s:
        monthly.save_cells(s, OCT, [CellEdit(seeded["school"], "investment", D("1"))])
    with pytest.raises(EntryError, match=r"已报送锁定（张科长 于 .*不能再次提交"), \
            db.transaction() as s:
        monthly.lock(s, OCT)
    with db.transaction() as s:
        monthly.reopen(s, OCT, "城市局更正数据")
    with db.transaction() as s:
        monthly.save_cells(s, OCT, [CellEdit(seeded["school"], "investment", D("5"))])
        monthly.lock(s, OCT)
    with db.session() as s:
        events = monthly.lock_events(s, OCT)
        assert [e.action for e in events] == ["lock", "reopen", "lock"]
        assert events[0].user == "张科长"
        assert events[1].new_value == "重新打开2026年10月：城市局更正数据"
        assert metrics.total(s, OCT).month == D("5.00")  # the reopened month's figure counts
    with pytest.raises(EntryError, match="尚未报送"), db.transaction() as s:
        monthly.reopen(s, Period(2026, 9))


def test_new_year_lock_moves_new_starts_to_continuing(db, seeded) -> None:
    with db.transaction() as s:
        moved = monthly.lock(s, Period(2027, 1))
    with db.session() as s:
        part = s.get(Project, seeded["part"])
        assert part.stage == "续建"
        assert s.get(Project, seeded["school"]).stage == "续建"
    # the moves say which projects moved, from which stage to which
    assert (seeded["part"], part.name, "新开工", "续建") in moved
    assert str(moved[0]) == "道路A段（新开工→续建）"
    assert all(m.old != m.new for m in moved)


def test_history_shows_every_change(db, seeded) -> None:
    school = seeded["school"]
    with db.transaction() as s:
        s.info["user"] = "李四"
        monthly.save_cells(s, OCT, [CellEdit(school, "investment", D("10"))])
    with db.transaction() as s:
        s.info["user"] = "王五"
        monthly.save_cells(s, OCT, [CellEdit(school, "investment", D("12.5"))])
    with db.session() as s:
        entries = monthly.history(s, school)
    changes = [(e.user, e.what, e.old, e.new) for e in entries if "本月完成投资" in e.what]
    assert changes[0] == ("王五", "2026年10月 本月完成投资", "10.00", "12.50")
    assert changes[1][:2] == ("李四", "2026年10月 本月完成投资") and changes[1][3] == "10.00"


def test_paste_by_order_by_name_and_refused(db, seeded) -> None:
    with db.session() as s:
        rows = monthly.load_rows(s, OCT)
    keys = [c.key for c in monthly.columns(OCT)]
    start = next(i for i, r in enumerate(rows) if r.name == "产业园标准化厂房")
    block = monthly.parse_block('12.5\t"主体\n封顶"\t无\r\n7\t装修\t\r\n')
    assert block == [["12.5", "主体\n封顶", "无"], ["7", "装修", ""]]
    plan = monthly.plan_paste(rows, keys, block, start, "investment", OCT)
    assert plan.errors == [] and plan.matched_by == "order"
    assert CellEdit(seeded["new"], "progress", "主体\n封顶") in plan.edits
    assert CellEdit(seeded["school"], "investment", D("7")) in plan.edits
    # an empty cell over an empty one changes nothing
    assert CellEdit(seeded["school"], "problems", "") not in plan.edits
    by_name = monthly.parse_block("道路A段\t30\t路基完成\n第三高级中学\t20\t封顶\n")
    plan = monthly.plan_paste(rows, keys, by_name, 0, "name", OCT)
    assert plan.matched_by == "name" and not plan.errors
    assert CellEdit(seeded["part"], "investment", D("30")) in plan.edits
    assert CellEdit(seeded["school"], "progress", "封顶") in plan.edits
    bad = monthly.parse_block("道路A段\t30\n第三高级中学\t三十\n")
    plan = monthly.plan_paste(rows, keys, bad, 0, "investment", OCT)
    assert plan.edits == [] and "第2行（第三高级中学）本月完成投资" in plan.errors[0]
    too_long = monthly.parse_block("1\n2\n3\n4\n5\n")
    plan = monthly.plan_paste(rows, keys, too_long, 2, "investment", OCT)
    assert plan.edits == [] and "超出表格末尾" in plan.errors[0]
    unknown = monthly.parse_block("道路A段\t1\n不存在的项目\t2\n第三高级中学\t3\n")
    plan = monthly.plan_paste(rows, keys, unknown, 0, "investment", OCT)
    assert plan.edits == [] and "找不到项目“不存在的项目”" in plan.errors[0]


def test_fill_down_and_undo_values(db, seeded) -> None:
    with db.session() as s:
        rows = monthly.load_rows(s, OCT, ProjectFilter(categories=("交通能源", "社会事业")))
    rows[0].progress = "有序推进"
    edits = monthly.fill_down(rows, "progress", [0, 1, 2])
    assert [e.value for e in edits] == ["有序推进", "有序推进"]
    back = monthly.old_values({r.project_id: r for r in rows}, edits)
    assert [e.value for e in back] == ["", ""]


def test_emptying_a_new_report_removes_it(db, seeded) -> None:
    new = seeded["new"]
    with db.transaction() as s:
        monthly.save_cells(s, OCT, [CellEdit(new, "investment", D("3"))])
    with db.transaction() as s:
        monthly.save_cells(s, OCT, [CellEdit(new, "investment", None)])
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(MonthlyReport).where(
            MonthlyReport.project_id == new)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.project_id == new, AuditEntry.action == "delete")) >= 1


@pytest.mark.parametrize(("current", "expected"), [
    (2026, (2025, 2026)),  # reports from 2025, plans for 2026
    (2024, (2025, 2026)),
    (2028, (2025, 2028)),
])
def test_years_with_data(db, seeded, current: int, expected: tuple[int, int]) -> None:
    with db.session() as s:
        assert monthly.year_range(s, current) == expected


def test_years_of_an_empty_database(db) -> None:
    with db.session() as s:
        assert monthly.year_range(s, 2026) == (2026, 2026)


def test_a_history_names_its_project(db, seeded) -> None:
    with db.session() as s:
        assert monthly.project_name(s, seeded["school"]) == "第三高级中学"
        assert monthly.project_name(s, 9999) == "9999"


@pytest.mark.parametrize("text", [
    "道路A段\t30\n产业园标准化厂房\t\n第三高级中学\t20\n",  # by name, the middle amount empty
    "30\t路基完成\n\t\n20\t封顶\n",  # by order from 道路A段, the middle line empty
])
def test_an_empty_pasted_amount_leaves_the_project_unreported(db, seeded, text: str) -> None:
    with db.session() as s:
        rows = monthly.load_rows(s, OCT)
    keys = [c.key for c in monthly.columns(OCT)]
    start = next(i for i, r in enumerate(rows) if r.name == "道路A段")
    plan = monthly.plan_paste(rows, keys, monthly.parse_block(text), start, "investment", OCT)
    assert plan.errors == []
    assert all(edit.project_id != seeded["new"] for edit in plan.edits)
    with db.transaction() as s:
        monthly.save_cells(s, OCT, plan.edits)
    after = _rows(db)
    assert after["产业园标准化厂房"].investment is None
    assert not after["产业园标准化厂房"].has_report
    assert after["道路A段"].investment == D("30.00") and after["第三高级中学"].investment == D("20")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(MonthlyReport).where(
            MonthlyReport.project_id == seeded["new"])) == 0


def test_saving_an_empty_amount_on_an_unreported_project_writes_nothing(db, seeded) -> None:
    with db.transaction() as s:
        monthly.save_cells(s, OCT, [CellEdit(seeded["new"], "investment", None)])
    assert not _rows(db)["产业园标准化厂房"].has_report
