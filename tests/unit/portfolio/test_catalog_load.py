"""Adopting the shipped catalogue: a new register is empty, adopting is idempotent, updates
respect user edits, and unused projects of an earlier version go back to the catalogue."""

from __future__ import annotations

import csv
import dataclasses
import io
import time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import (
    AuditEntry,
    Base,
    Citation,
    Document,
    Project,
    ProjectQuantity,
    Target,
    target_projects,
)
from db.session import Database, open_database
from portfolio import catalog, projects
from portfolio.projects import ProjectData
from portfolio.startup import prepare
from portfolio.vocabulary import UNTRACKED_KINDS
from tests.helpers import run_portfolio

DOCS = catalog.read_catalog()
ENTRIES = sum(len(d.projects) for d in DOCS)
#: what adopting everything takes: not the directions and goals
TRACKED = {d.file: [p for p in d.projects if p.kind not in UNTRACKED_KINDS] for d in DOCS}
ADOPTED = sum(len(t) for t in TRACKED.values())
CITATIONS = sum(len(p.citations) for t in TRACKED.values() for p in t)
TARGETS = sum(len(d.targets) for d in DOCS)
LINKS = len({
    (t.key, n) for d in DOCS for t in d.targets for n in t.projects
    if n in {p.name for p in TRACKED[d.file]}
})


def _snapshot(db: Database) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """Every row of every table (audit log included)."""
    with db.session() as session:
        return {
            table.name: sorted(
                (tuple(map(str, row)) for row in session.execute(select(table))), key=str
            )
            for table in Base.metadata.sorted_tables
        }


def _project(db: Database, key: str) -> int:
    with db.session() as session:
        project_id = session.scalar(select(Project.id).where(Project.catalog_key == key))
    assert project_id is not None, key
    return project_id


def test_a_new_register_is_empty(db_url: str) -> None:
    db = prepare(open_database(db_url))
    with db.session() as session:
        assert session.scalar(select(func.count(Project.id))) == 0
        assert session.scalar(select(func.count(Document.id))) == 0
        assert session.scalar(select(func.count(Target.id))) == 0
    db.dispose()


def test_adopting_everything_fills_the_register(db_url: str) -> None:
    db = prepare(open_database(db_url))
    started = time.perf_counter()
    with db.transaction() as session:
        catalog.load(session)
    elapsed = time.perf_counter() - started
    with db.session() as session:
        assert session.scalar(select(func.count(Project.id))) == ADOPTED == 1241
        assert session.scalar(select(func.count(Document.id))) == 5
        assert session.scalar(select(func.count(Citation.id))) == CITATIONS
        assert session.scalar(select(func.count(Target.id))) == TARGETS == 136
        assert session.scalar(select(func.count()).select_from(target_projects)) == LINKS
        assert set(session.scalars(select(Project.origin).distinct())) == {"catalog"}
        assert session.scalar(select(func.count(Project.id)).where(Project.search_key == "")) == 0
        # one audit event for the adoption and one row per project (who adopted it), not
        # thousands of field rows
        logged = session.execute(
            select(AuditEntry.action, AuditEntry.field).where(AuditEntry.table_name == "projects")
        ).all()
        adopted = session.scalar(select(func.count(Project.id)))
        assert sorted(logged) == [("catalog", "")] + [("insert", "catalog_key")] * adopted
        school = session.scalar(select(Project).where(Project.name == "驻马店经济开发区置地二小"))
        assert school.total_investment == Decimal("6000.00")
        assert school.planned_start is not None and school.planned_start.year == 2021
        assert sorted((q.unit, q.value) for q in school.quantities) == sorted([
            ("亩", Decimal("29.45")), ("平方米", Decimal("18850")), ("教学班", Decimal("24")),
            ("学位", Decimal("1080")),
        ])
        assert school.citations[0].document.number == "驻开政〔2021〕2号"
    db.dispose()
    assert elapsed < 3.0, f"adopting the catalogue took {elapsed:.2f} s"


def test_every_project_is_marked_with_its_source(catalog_db: Database) -> None:
    with catalog_db.session() as session:
        uncited = session.scalar(
            select(func.count(Project.id)).where(~Project.citations.any())
        )
        assert uncited == 0
        per_document = dict(
            session.execute(
                select(Document.file, func.count(func.distinct(Citation.project_id)))
                .join(Citation, Citation.document_id == Document.id)
                .group_by(Document.file)
            ).all()
        )
    assert per_document == {file: len(tracked) for file, tracked in TRACKED.items()}


def test_adopting_twice_changes_nothing(any_db: Database) -> None:
    db = prepare(any_db)
    with db.transaction() as session:
        catalog.load(session)
    with db.session() as session:
        assert session.scalar(select(func.count(Project.id))) == ADOPTED
        assert session.scalar(select(func.count()).select_from(target_projects)) == LINKS
    before = _snapshot(db)
    with db.transaction() as session:
        report = catalog.load(session)
    assert not report.touched and report.unchanged == ADOPTED
    assert len(report.already_adopted) == ADOPTED
    prepare(db)
    with db.transaction() as session:
        report = catalog.update(session)
    assert not report.touched and not report.kept_user_edit
    assert _snapshot(db) == before


def test_prepare_leaves_a_register_with_projects_alone(db: Database) -> None:
    with db.transaction() as session:
        projects.create(session, ProjectData(name="县第一中学", category="社会事业"))
    prepare(db)
    with db.session() as session:
        assert session.scalar(select(func.count(Project.id))) == 1
        assert session.scalar(select(func.count(Document.id))) == 0


def test_prepare_never_loads_the_catalogue(catalog_db: Database) -> None:
    """A user who deletes every project does not get the catalogue back on the next start."""
    with catalog_db.transaction() as session:
        session.execute(target_projects.delete())
        session.execute(ProjectQuantity.__table__.delete())
        session.execute(Citation.__table__.delete())
        session.execute(Project.__table__.delete())
    prepare(catalog_db)
    with catalog_db.session() as session:
        assert session.scalar(select(func.count(Project.id))) == 0


def _changed_catalogue() -> list[catalog.CatalogDocument]:
    """The shipped catalogue with two entries changed and one added (as a new file would be)."""
    doc = DOCS[3]
    entries = {p.name: p for p in doc.projects}
    school = entries["驻马店经济开发区置地二小"]
    park = entries["开发区双创基地"]
    added = dataclasses.replace(park, name="开发区新型研发机构", citations=park.citations)
    changed = [
        dataclasses.replace(school, investment=Decimal("6500"), investment_text="6500万元")
        if p is school
        else dataclasses.replace(p, project_type="产业园区") if p is park else p
        for p in doc.projects
    ]
    new_doc = dataclasses.replace(doc, projects=(*changed, added))
    return [new_doc if d is doc else d for d in DOCS]


def test_a_user_edit_survives_catalogue_update(catalog_db: Database) -> None:
    school_key = "003_7fd3883a336dc26e.txt#驻马店经济开发区置地二小"
    park_key = "003_7fd3883a336dc26e.txt#开发区双创基地"
    school = _project(catalog_db, school_key)
    park = _project(catalog_db, park_key)
    with catalog_db.transaction() as session:
        data = projects.load(session, school)
        projects.update(session, school, data.with_changes(total_investment=Decimal("7200")))

    with catalog_db.transaction() as session:
        report = catalog.update(session, _changed_catalogue())

    # an entry new in the files is not adopted by an update: the catalogue is a library
    assert report.new == [] and report.not_adopted == 1 + ENTRIES - ADOPTED
    assert report.changed == [park_key]
    assert report.kept_user_edit == [school_key]
    assert report.unchanged == ADOPTED - 2
    with catalog_db.session() as session:
        assert session.get(Project, school).total_investment == Decimal("7200.00")
        assert session.get(Project, park).project_type == "产业园区"
        # the update of an unedited project is audited like any edit
        assert session.scalar(
            select(func.count(AuditEntry.id)).where(
                AuditEntry.project_id == park, AuditEntry.field == "project_type"
            )
        ) == 1

    # the next update finds nothing new, and still keeps the user's figure
    with catalog_db.transaction() as session:
        again = catalog.update(session, _changed_catalogue())
    assert not again.new and not again.changed and again.kept_user_edit == [school_key]


def test_an_unedited_project_follows_the_catalogue(catalog_db: Database) -> None:
    school = _project(catalog_db, "003_7fd3883a336dc26e.txt#驻马店经济开发区置地二小")
    with catalog_db.transaction() as session:
        report = catalog.update(session, _changed_catalogue())
    assert "003_7fd3883a336dc26e.txt#驻马店经济开发区置地二小" in report.changed
    with catalog_db.session() as session:
        assert session.get(Project, school).total_investment == Decimal("6500.00")


def test_a_deleted_catalogue_project_is_not_brought_back(catalog_db: Database) -> None:
    key = "003_7fd3883a336dc26e.txt#甲壳虫商业街区"
    with catalog_db.transaction() as session:
        projects.delete_project(session, _project(catalog_db, key))
    with catalog_db.transaction() as session:
        report = catalog.update(session)
    assert not report.new
    with catalog_db.transaction() as session:
        report = catalog.load(session)  # adopt --all
    assert report.deleted_by_user == [key] and not report.new
    with catalog_db.session() as session:
        assert session.scalar(select(Project.id).where(Project.catalog_key == key)) is None
    # chosen by name, it is adopted again
    with catalog_db.transaction() as session:
        report = catalog.adopt(session, [key])
    assert report.new == [key]


def test_a_new_target_link_is_added_but_user_links_are_kept(catalog_db: Database) -> None:
    with catalog_db.session() as session:
        wind = session.scalar(select(Target).where(Target.text == "新增分散式风电5万千瓦"))
        extra = session.scalar(select(Project.id).where(Project.name == "仪封集中式风电项目"))
    with catalog_db.transaction() as session:
        session.execute(target_projects.insert().values(target_id=wind.id, project_id=extra))
    with catalog_db.transaction() as session:
        report = catalog.update(session)
    assert report.new_links == 0
    with catalog_db.session() as session:
        linked = session.scalars(
            select(target_projects.c.project_id).where(target_projects.c.target_id == wind.id)
        ).all()
    assert linked == [extra]


@pytest.mark.slow
def test_catalog_list_csv_is_the_whole_catalogue_and_list_only_the_register(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{(tmp_path / 'fresh.sqlite3').as_posix()}"
    register = run_portfolio("--db", url, "list", "--format", "csv")
    assert register.returncode == 0, register.stderr
    assert list(csv.DictReader(io.StringIO(register.stdout))) == []

    result = run_portfolio("--db", url, "catalog", "list", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == ENTRIES
    quotes = {
        (p.name, c.line, c.quote) for d in DOCS for p in d.projects for c in p.citations[:1]
    }
    listed = {(r["项目名称"], int(r["来源行"]), r["来源原文"].removeprefix("'")) for r in rows}
    assert listed == quotes
    assert {r["来源文件"] for r in rows} == {d.file for d in DOCS}
    assert {r["已纳入"] for r in rows} == {"否"}

    # adopted, the register filtered by document lists that document's entries
    assert run_portfolio("--db", url, "catalog", "adopt", "--all").returncode == 0
    by_doc = run_portfolio(
        "--db", url, "list", "--format", "csv", "--document", "驻开政〔2021〕2号"
    )
    assert len(list(csv.DictReader(io.StringIO(by_doc.stdout)))) == len(TRACKED[DOCS[3].file])


@pytest.mark.slow
def test_catalog_commands(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'cli.sqlite3').as_posix()}"
    first = run_portfolio("--db", url, "catalog", "update", "--dry-run")
    assert first.returncode == 0, first.stderr
    assert "试运行" in first.stdout
    assert f"目录中尚未纳入项目库的条目：{ENTRIES} 个" in first.stdout
    load = run_portfolio("--db", url, "catalog", "load")  # the old name of adopt --all
    assert f"纳入项目库：{ADOPTED} 个" in load.stdout


def test_stats_command(capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from cli.commands import catalog as command

    assert command.run_stats(argparse.Namespace()) == 0
    out = capsys.readouterr().out
    assert "000_c25127e9708c978d.txt\t豫政〔2021〕34号\t524\t147\t20\t691\t86\t" in out
    assert "合计\t\t969\t272\t28\t1269\t136\t1424\t33" in out


def test_update_report_names_what_changed(
    catalog_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from cli.commands import catalog as command

    with open_database(catalog_url) as db, db.transaction() as session:
        report = catalog.update(session, _changed_catalogue())
    command.print_report(report)
    out = capsys.readouterr().out
    assert f"目录中尚未纳入项目库的条目：{1 + ENTRIES - ADOPTED} 个" in out
    assert "已更新（目录有变化，用户未修改）：2 个" in out
    assert f"未变：{ADOPTED - 2} 个" in out
