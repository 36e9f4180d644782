"""What the demo fills beyond money: 签约日期 for 三个一批, 前期手续 done on time, late and
overdue, problems solved over months, funds arriving per source, optional site photos — and
the same database for the same seed."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.models import ApprovalStep, Base, FundingSource, FundsReceived, Problem, Project
from db.photo_tables import ProjectPhoto
from portfolio import approvals, campaign, demo, funds, photos
from portfolio.demo.site_photos import draw

TODAY = dt.date(2026, 11, 22)
#: columns the database fills with the moment of writing
VOLATILE = {"created_at", "updated_at", "at"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    from db.session import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = open_database(f"sqlite:///{path.as_posix()}")
    demo.generate(database, projects=300, years=3, seed=7, today=TODAY)
    yield database
    database.dispose()


def test_projects_are_signed_before_they_start_in_many_quarters(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        rows = s.execute(select(Project.signed_on, Project.planned_start, Project.actual_start,
                                Project.signed_issue, Project.started_issue,
                                Project.produced_issue, Project.parent_id)
                         .where(Project.kind == "project")).all()
        lists = campaign.batches(s)
    signed = [r for r in rows if r.signed_on is not None]
    assert 0.3 < len(signed) / len(rows) < 0.7
    for r in signed:
        assert r.signed_on <= TODAY
        assert r.signed_on < (r.actual_start or r.planned_start)
        if r.signed_issue is not None:
            assert campaign.issue_of_day(r.signed_on) == r.signed_issue
    assert all(r.signed_on is not None for r in rows if r.signed_issue is not None)
    for r in rows:  # each list no earlier than the one before it
        issues = [i for i in (r.signed_issue, r.started_issue, r.produced_issue) if i]
        assert issues == sorted(issues)
    quarters = {b.issue for b in lists if b.count("签约")}
    # every quarter of the three years has projects signed in it
    assert {campaign.issue_of(y, q) for y in (2024, 2025) for q in range(1, 5)} <= quarters
    assert max(b.count("签约") for b in lists) < len(signed) / 4  # spread, not heaped


def test_approvals_are_on_time_late_and_overdue(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        stages = dict(s.execute(select(Project.id, Project.stage)).all())
        starts = dict(s.execute(select(Project.id, Project.actual_start)).all())
        steps = approvals.steps_by_project(s)
        overdue = approvals.overdue_steps(s, TODAY)
        packages = set(s.scalars(select(Project.parent_id).where(Project.parent_id.is_not(None))))
    preliminary = [p for p, stage in stages.items() if stage == "前期" and p not in packages]
    assert all(steps.get(p) for p in preliminary)
    late_share = sum(p in overdue for p in preliminary) / len(preliminary)
    assert 0.2 < late_share < 0.7, late_share
    done = [x for ss in steps.values() for x in ss if x.kind == "approval" and x.done]
    on_time = sum(x.actual_on <= x.planned_on for x in done)
    assert 0.4 < on_time / len(done) < 0.8
    assert all(x.document_number and x.issuing_office for x in done)
    for pid, start in starts.items():
        if start is not None and pid in steps:
            nine = [x for x in steps[pid] if x.kind == "approval"]
            assert len(nine) == 9 and all(x.actual_on and x.actual_on <= start for x in nine)
    stuck = [approvals.state_of(steps[p]).text for p in preliminary]
    assert sum("卡在" in t for t in stuck) > len(preliminary) * 0.8


def test_problems_are_solved_over_months_some_overdue(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        problems = list(s.scalars(select(Problem)))
    states = Counter(p.state for p in problems)
    assert {"待解决", "解决中", "已解决", "无法解决"} <= set(states)
    solved = [p for p in problems if p.state == "已解决"]
    assert all(p.resolved_on >= dt.date(p.raised_year, p.raised_month, 1) for p in solved)
    late = sum(p.resolved_on > p.deadline for p in solved)
    assert 0.1 < late / len(solved) < 0.5
    months = {(p.resolved_on.year, p.resolved_on.month) for p in solved}
    assert len(months) >= 12  # solved over many months, not all at once
    open_ = [p for p in problems if p.state in ("待解决", "解决中")]
    assert 0 < sum(p.deadline < TODAY for p in open_) < len(open_)


def test_funds_arrive_per_source_never_above_the_plan(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        planned: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
        for pid, text, amount in s.execute(select(FundingSource.project_id,
                                                  FundingSource.source, FundingSource.amount)):
            planned[(pid, funds.source_of(text))] += amount
        got: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
        tranches: Counter[tuple[int, str]] = Counter()
        for r in s.scalars(select(FundsReceived)):
            got[(r.project_id, r.source)] += r.amount
            tranches[(r.project_id, r.source)] += 1
    assert got and all(amount <= planned[key] for key, amount in got.items())
    assert {source for _, source in got} >= set(funds.SOURCES) - {"其他"}
    central = [n for (_, source), n in tranches.items() if source == "中央预算内投资"]
    assert max(central) <= 2
    own = [n for (_, source), n in tranches.items() if source == "企业自筹"]
    assert sum(own) / len(own) > 3  # month by month, in step with spending
    full = sum(got[k] == planned[k] for k in got if k[1] == "中央预算内投资")
    assert full > len(central) / 2


def _dump(database) -> dict[str, list[tuple[object, ...]]]:  # type: ignore[no-untyped-def]
    out = {}
    with database.session() as s:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in VOLATILE]
            out[table.name] = [tuple(r) for r in s.execute(
                select(*columns).order_by(*table.primary_key.columns))]
    return out


def test_same_seed_same_database_with_photos(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from db.session import open_database

    dumps = []
    for i in range(2):
        database = open_database(f"sqlite:///{(tmp_path / f'{i}.sqlite3').as_posix()}")
        demo.generate(database, projects=40, years=2, seed=3, today=TODAY, photos=True)
        dumps.append(_dump(database))
        database.dispose()
    assert dumps[0] == dumps[1]
    assert all(dumps[0][t] for t in ("projects", "approval_steps", "funds_received",
                                     "problems", "project_photos"))


def test_photos_are_optional_and_stored_like_a_users(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from db.session import open_database

    plain = open_database(f"sqlite:///{(tmp_path / 'plain.sqlite3').as_posix()}")
    demo.generate(plain, projects=40, years=2, seed=3, today=TODAY)
    with_photos = open_database(f"sqlite:///{(tmp_path / 'photos.sqlite3').as_posix()}")
    demo.generate(with_photos, projects=40, years=2, seed=3, today=TODAY, photos=True)
    without, dumped = _dump(plain), _dump(with_photos)
    assert without.pop("project_photos") == []
    dumped.pop("project_photos")
    assert {k: v for k, v in dumped.items() if k != "audit_log"} == {
        k: v for k, v in without.items() if k != "audit_log"}  # the rest is the same
    with with_photos.session() as s:
        started = set(s.scalars(select(Project.id).where(Project.actual_start.is_not(None),
                                                         Project.kind == "project")))
        per_project = Counter(s.scalars(select(ProjectPhoto.project_id)))
        first = s.scalars(select(ProjectPhoto).order_by(ProjectPhoto.id)).first()
        assert first is not None
        shown = photos.photos_of(s, first.project_id)
    assert set(per_project) <= started and len(per_project) > len(started) * 0.8
    assert all(1 <= n <= 4 for n in per_project.values())  # one: started last month
    assert sum(n >= 2 for n in per_project.values()) > len(per_project) * 0.8
    assert first.width <= photos.IMAGE_SIDE and first.caption and first.added_by == "演示数据"
    assert first.taken_on is not None and first.added_at.date() > first.taken_on
    assert shown[0].thumbnail and shown[0].taken_on <= TODAY
    plain.dispose()
    with_photos.dispose()


def test_a_drawn_photo_is_a_jpeg_that_reads_back() -> None:
    import random

    content = draw("兰考县第三高级中学新建项目", dt.date(2026, 5, 3), 0.4, random.Random(1))
    assert content[:3] == b"\xff\xd8\xff"
    data = photos.read_bytes(content, "x.jpg")
    assert (data.width, data.height) == (480, 320)


def test_cli_photos_flag(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import run_portfolio

    path = tmp_path / "cli.sqlite3"
    done = run_portfolio("--db", str(path), "demo", "--projects", "12", "--years", "1",
                         "--photos")
    assert done.returncode == 0, done.stderr
    from db.session import open_database

    database = open_database(f"sqlite:///{path.as_posix()}")
    with database.session() as s:
        assert s.scalar(select(func.count(ProjectPhoto.id))) > 0
        assert s.scalar(select(func.count(ApprovalStep.id))) > 0
    database.dispose()


def test_photos_on_any_database(any_db) -> None:  # type: ignore[no-untyped-def]
    demo.generate(any_db, projects=15, years=1, seed=5, today=TODAY, photos=True)
    with any_db.session() as s:
        pid = s.scalar(select(ProjectPhoto.project_id).order_by(ProjectPhoto.id))
        shown = photos.photos_of(s, pid)
        image = photos.image_of(s, shown[-1].id)
    assert photos.read_bytes(image, "back.jpg").width == 480
    assert [p.taken_on for p in shown] == sorted(p.taken_on for p in shown)
