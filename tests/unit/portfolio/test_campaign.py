"""三个一批: batch numbers both ways, and each 期's lists hold exactly the projects filed in it
on that list (a package once), with totals that are the sums of their lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from db.models import Project
from db.queries import ProjectFilter
from portfolio import campaign, demo


@pytest.mark.parametrize(("text", "issue"), [
    ("2026-3", 23), ("2026年第3期", 23), ("23", 23), ("第23期", 23), ("2021-1", 1),
])
def test_batch_names(text: str, issue: int) -> None:
    assert campaign.parse_batch(text) == issue
    assert campaign.batch_code(23) == "2026-3"
    assert campaign.batch_label(23) == "2026年第3期（总第23期）"


@pytest.mark.parametrize("text", ["2026-5", "2020-1", "0", "abc", ""])
def test_bad_batch_names_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="三个一批"):
        campaign.parse_batch(text)


def test_lists_hold_the_tagged_projects(any_db) -> None:  # type: ignore[no-untyped-def]
    demo.generate(any_db, projects=80, years=2, seed=7, today=dt.date(2026, 7, 15))
    with any_db.session() as s:
        found = campaign.batches(s)
        rows = s.execute(select(Project.id, Project.signed_issue, Project.started_issue,
                                Project.produced_issue, Project.total_investment,
                                Project.signed_on)).all()
        # on each list in the 期 it is filed in, and on the 签约 list of its 签约日期's quarter
        # when it has no 签约期
        expected = {(r.id, tag, issue) for r in rows for tag, issue in (
            ("签约", r.signed_issue), ("开工", r.started_issue), ("投产", r.produced_issue))
            if issue is not None}
        expected |= {(r.id, "签约", campaign.issue_of_day(r.signed_on)) for r in rows
                     if r.signed_on is not None and r.signed_issue is None
                     and r.signed_on.year >= campaign.FIRST_YEAR}
        assert any(r.signed_issue is None and r.signed_on for r in rows)  # signed, not filed
        # a project on two lists in two 期
        assert any(r.started_issue and r.produced_issue
                   and r.started_issue != r.produced_issue for r in rows)
        assert found and [b.issue for b in found] == sorted({e[2] for e in expected},
                                                            reverse=True)
        listed = {(p.project_id, tag, b.issue) for b in found for tag in campaign.LISTS
                  for p in b.lists[tag]}
        assert listed == expected
        money = {r.id: r.total_investment for r in rows}
        for b in found:
            for tag in campaign.LISTS:
                assert b.investment(tag) == sum((money[p.project_id] or 0
                                                 for p in b.lists[tag]), Decimal(0))
            assert b.project_count == sum(b.count(t) for t in campaign.LISTS)
        started = next(b for b in found if b.lists["开工"])
        line = started.lists["开工"][0]
        assert line.day == s.get(Project, line.project_id).actual_start  # type: ignore[union-attr]
        one = campaign.batch(s, started.issue)
        assert one.lists == started.lists
        assert campaign.batch(s, 99).project_count == 0
        assert campaign.batches(s, ProjectFilter(project_ids=())) == []


def test_a_package_is_listed_once(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        package = Project(name="产业园打包项目", started_issue=23,
                          total_investment=Decimal("300.00"), category="工业")
        s.add(package)
        s.flush()
        s.add_all([
            Project(name="一期", parent_id=package.id, started_issue=23,
                    total_investment=Decimal("100.00"), category="工业"),
            Project(name="二期", parent_id=package.id, started_issue=24,
                    total_investment=Decimal("200.00"), category="工业"),
        ])
    with db.session() as s:
        third, fourth = campaign.batch(s, 23), campaign.batch(s, 24)
    assert [p.name for p in third.lists["开工"]] == ["产业园打包项目"]
    assert third.investment("开工") == Decimal("300.00")
    assert [p.name for p in fourth.lists["开工"]] == ["二期"]


def test_signed_on_puts_a_project_on_the_signing_list_of_its_quarter(any_db) -> None:  # type: ignore[no-untyped-def]
    from portfolio.projects import ProjectData, create

    with any_db.transaction() as s:
        # signed in 2026 Q2 (第22期), started in 第23期: on both lists, each in its own 期
        started = create(s, ProjectData(
            name="食品产业园", total_investment=Decimal("50000"),
            started_issue=23, signed_on=dt.date(2026, 5, 20),
            actual_start=dt.date(2026, 8, 1)))
        # only a date: 签约 in 第23期
        dated = create(s, ProjectData(name="物流园", total_investment=Decimal("8000.50"),
                                      signed_on=dt.date(2026, 9, 30)))
        # filed 签约 in 第23期 by the office although signed in June: the 签约期 wins
        filed = create(s, ProjectData(name="光伏电站", total_investment=Decimal("1200"),
                                      signed_issue=23,
                                      signed_on=dt.date(2026, 6, 30)))
        create(s, ProjectData(name="旧项目", signed_on=dt.date(2020, 12, 1)))  # before 2021
    with any_db.session() as s:
        assert campaign.issue_of_day(dt.date(2026, 7, 1)) == 23
        assert campaign.quarter_of(23) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
        assert campaign.quarter_of(24) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
        q3 = campaign.batch(s, 23)
        assert [(p.project_id, p.day) for p in q3.lists["签约"]] == [
            (dated, dt.date(2026, 9, 30)), (filed, dt.date(2026, 6, 30))]
        assert [(p.project_id, p.day) for p in q3.lists["开工"]] == [
            (started, dt.date(2026, 8, 1))]
        assert q3.investment("签约") == Decimal("9200.50")
        q2 = campaign.batch(s, 22)
        assert [(p.project_id, p.day) for p in q2.lists["签约"]] == [
            (started, dt.date(2026, 5, 20))]
        assert [b.issue for b in campaign.batches(s)] == [23, 22]


def test_a_project_is_on_each_list_in_its_own_batch(any_db) -> None:  # type: ignore[no-untyped-def]
    from portfolio.projects import ProjectData, create

    with any_db.transaction() as s:
        # signed in 2026年第一期, started in 第二期, produced in 第四期
        pid = create(s, ProjectData(
            name="新材料产业园", total_investment=Decimal("60000"), signed_issue=21,
            started_issue=22, produced_issue=24, signed_on=dt.date(2026, 2, 1),
            actual_start=dt.date(2026, 4, 10), actual_finish=dt.date(2026, 11, 20)))
    with any_db.session() as s:
        found = {b.issue: b for b in campaign.batches(s)}
        assert sorted(found) == [21, 22, 24]
        on = {issue: [tag for tag in campaign.LISTS if b.lists[tag]]
              for issue, b in found.items()}
        assert on == {21: ["签约"], 22: ["开工"], 24: ["投产"]}
        assert [(p.project_id, p.day) for p in found[24].lists["投产"]] == [
            (pid, dt.date(2026, 11, 20))]
        assert campaign.batch(s, 23).project_count == 0


@pytest.mark.parametrize(("issues", "field", "message"), [
    ({"signed_issue": 22, "started_issue": 21}, "started_issue",
     "开工期（2026年第1期）不能早于签约期（2026年第2期）"),
    ({"started_issue": 24, "produced_issue": 23}, "produced_issue",
     "投产期（2026年第3期）不能早于开工期（2026年第4期）"),
    ({"signed_issue": 24, "produced_issue": 23}, "produced_issue",
     "投产期（2026年第3期）不能早于签约期（2026年第4期）"),
    ({"started_issue": 0}, "started_issue", "开工期应为正整数"),
])
def test_batches_out_of_order_are_refused_naming_the_field(
        issues: dict[str, int], field: str, message: str) -> None:
    from portfolio.projects import ProjectData, ValidationError, validate

    with pytest.raises(ValidationError) as refused:
        validate(ProjectData(name="新材料产业园", **issues))
    assert refused.value.errors == {field: message}


def test_batches_in_order_or_equal_are_accepted() -> None:
    from portfolio.projects import ProjectData, validate

    validate(ProjectData(name="新材料产业园", signed_issue=21, started_issue=21,
                         produced_issue=24))
    validate(ProjectData(name="新材料产业园", produced_issue=22))
