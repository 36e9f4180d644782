"""The catalogue as a library: an empty new register, listing, adopting, and giving back the
projects an earlier version loaded and nobody used."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from cli.main import main
from db.models import (
    AuditEntry,
    Citation,
    Document,
    MonthlyReport,
    Project,
    Setting,
    Target,
    target_projects,
)
from db.session import Database, open_database
from exports.csv_text import csv_text
from portfolio import catalog, projects
from portfolio.startup import CATALOG_RETURNED, prepare
from portfolio.vocabulary import UNTRACKED_KINDS

DOCS = catalog.shipped_catalog()
ENTRIES = sum(len(d.projects) for d in DOCS)
ZHUMADIAN = next(d for d in DOCS if d.file.startswith("003"))
#: what adopting the whole document takes: not its directions and goals
TRACKED_003 = [p for p in ZHUMADIAN.projects if p.kind not in UNTRACKED_KINDS]


def _count(db: Database, column) -> int:  # type: ignore[no-untyped-def]
    with db.session() as session:
        return session.scalar(select(func.count(column))) or 0


def test_a_new_database_has_an_empty_register_and_status_says_so(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_url, "status", "--period", "2026-06", "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["total"]["project_count"] == 0
    assert "1251" not in record["headline"]
    assert main(["--db", db_url, "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    with open_database(db_url) as db:
        assert _count(db, Project.id) == 0 and _count(db, Document.id) == 0


def test_catalog_list_json_has_every_entry_with_its_quote(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_url, "catalog", "list", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == ENTRIES == 1269
    assert all(r["quote"] and r["line"] > 0 and r["document"] for r in records)
    assert not any(r["adopted"] for r in records)
    assert len({r["id"] for r in records}) == ENTRIES
    school = next(r for r in records if r["name"] == "驻马店经济开发区置地二小")
    assert school["document"] == ZHUMADIAN.file and school["investment_wan"] == "6000"
    assert school["category"] == "社会事业"


def test_catalog_list_filters_by_document_and_category(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", db_url, "catalog", "list", "--format", "json", "--document", "003"]
    assert main([*args, "--category", "社会事业"]) == 0
    records = json.loads(capsys.readouterr().out)
    expected = [p.name for p in ZHUMADIAN.projects if p.category == "社会事业"]
    assert [r["name"] for r in records] == expected and expected


@pytest.mark.parametrize(
    ("text", "cell"),
    [("=SUM(A1)", "'=SUM(A1)"), ("+86", "'+86"), ("-1", "'-1"), ("@x", "'@x"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("县一中", "县一中"), ("", "")],
)
def test_csv_cells_are_neutralised(text: str, cell: str) -> None:
    assert csv_text(text, text) == cell


def test_adopting_a_document_brings_citations_and_target_links(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_url, "catalog", "adopt", "--document", "003"]) == 0
    out = capsys.readouterr().out
    assert f"纳入项目库：{len(TRACKED_003)} 个" in out
    links = {
        (t.key, n) for t in ZHUMADIAN.targets for n in t.projects
        if n in {p.name for p in TRACKED_003}
    }
    with open_database(db_url) as db, db.session() as session:
        names = set(session.scalars(select(Project.name)))
        assert names == {p.name for p in TRACKED_003}
        assert set(session.scalars(select(Project.origin))) == {"catalog"}
        assert set(session.scalars(select(Document.file))) == {ZHUMADIAN.file}
        assert session.scalar(select(func.count(Citation.id))) == sum(
            len(p.citations) for p in TRACKED_003
        )
        school = session.scalar(select(Project).where(Project.name == "驻马店经济开发区置地二小"))
        assert school.total_investment == Decimal("6000.00")
        assert school.citations[0].quote == next(
            p.quote for p in TRACKED_003 if p.name == school.name
        )
        assert session.scalar(select(func.count(Target.id))) == len(ZHUMADIAN.targets)
        assert session.scalar(select(func.count()).select_from(target_projects)) == len(links)
        seats = session.scalar(select(Target).where(Target.text == "新增学位15750个"))
        assert seats is not None and seats.projects
        # one audit event for the adoption, and one entry per project saying who adopted it
        # (the catalogue key), not the per-field entries of an ORM insert
        logged_actions = session.execute(
            select(AuditEntry.action, AuditEntry.field, AuditEntry.new_value)
            .where(AuditEntry.table_name == "projects")
        ).all()
        assert sorted(a for a, _f, _v in logged_actions) == (
            ["catalog"] + ["insert"] * len(TRACKED_003))
        assert {v for a, f, v in logged_actions if a == "insert" and f == "catalog_key"} == {
            p.key for p in TRACKED_003}

    # adopting twice is a no-op, and says so
    with open_database(db_url) as db:
        logged = _count(db, AuditEntry.id)
    assert main(["--db", db_url, "catalog", "adopt", "--document", "003"]) == 0
    out = capsys.readouterr().out
    assert "纳入项目库：0 个" in out
    assert f"已在项目库中（未重复纳入）：{len(TRACKED_003)} 个" in out
    with open_database(db_url) as db:
        assert _count(db, Project.id) == len(TRACKED_003)
        assert _count(db, AuditEntry.id) == logged

    # the list shows what is adopted
    assert main(["--db", db_url, "catalog", "list", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    adopted = {r["项目名称"] for r in rows if r["已纳入"] == "是"}
    assert adopted == {p.name for p in TRACKED_003}

    # a direction is left out of the document, and adopted by its own id
    direction = next(p for p in ZHUMADIAN.projects if p.kind == "direction")
    assert direction.name == "开发区商贸物流园"
    assert main(["--db", db_url, "catalog", "adopt", direction.short_id]) == 0
    assert "纳入项目库：1 个" in capsys.readouterr().out
    with open_database(db_url) as db, db.session() as session:
        kind = session.scalar(select(Project.kind).where(Project.name == direction.name))
        assert kind == "direction"


def test_adopting_by_number_and_by_key(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = ZHUMADIAN.projects[:2]
    assert main(["--db", db_url, "catalog", "adopt", first.short_id, second.key]) == 0
    assert "纳入项目库：2 个" in capsys.readouterr().out
    with open_database(db_url) as db, db.session() as session:
        assert set(session.scalars(select(Project.catalog_key))) == {first.key, second.key}
    assert main(["--db", db_url, "catalog", "adopt", "00000000"]) != 0
    assert "00000000" in capsys.readouterr().err


def test_unknown_keys_are_refused(db: Database) -> None:
    with db.transaction() as session, pytest.raises(catalog.CatalogError, match="没有"):
        catalog.adopt(session, ["nothing#here"])


# --- giving back the projects an earlier version loaded ------------------------------------


def _old_database(url: str) -> Database:
    """A register as an earlier version left it: the whole catalogue loaded on first start."""
    db = open_database(url)
    with db.transaction() as session:
        session.info["user"] = "系统"
        catalog.synchronise(session, update_existing=False)
        session.add(Setting(key="catalog.loaded", value="{}"))
    return db


def test_unused_catalogue_projects_go_back_to_the_catalogue(db_url: str) -> None:
    db = _old_database(db_url)
    with db.session() as session:
        ids = dict(session.execute(select(Project.catalog_key, Project.id)).all())
        targets = session.scalar(select(func.count(Target.id)))
    edited = ids[f"{ZHUMADIAN.file}#驻马店经济开发区置地二小"]
    reported = ids[f"{ZHUMADIAN.file}#开发区双创基地"]
    with db.transaction() as session:
        session.info["user"] = "科员"
        data = projects.load(session, edited)
        projects.update(session, edited, data.with_changes(stage="新开工"))
        session.add(
            MonthlyReport(project_id=reported, year=2026, month=3, investment=Decimal("120"))
        )

    prepare(db)

    with db.session() as session:
        assert set(session.scalars(select(Project.id))) == {edited, reported}
        assert session.scalar(select(func.count(Document.id))) == 5
        assert session.scalar(select(func.count(Target.id))) == targets
        assert session.get(Setting, CATALOG_RETURNED) is not None
        notes = session.scalars(
            select(AuditEntry.new_value).where(AuditEntry.action == "catalog")
        ).all()
        assert notes[-1] == (
            f"目录：{ENTRIES - 2} 个未使用的规划项目已移回项目目录，保留 2 个已使用的项目"
        )
        # given back, not deleted by the user: no per-field deletions in the log
        assert session.scalar(
            select(func.count(AuditEntry.id)).where(AuditEntry.action == "delete")
        ) == 0

    # once: a project adopted afterwards is never given back
    other = next(p for p in ZHUMADIAN.projects if p.name == "甲壳虫商业街区")
    with db.transaction() as session:
        assert catalog.adopt(session, [other.key]).new == [other.key]
    prepare(db)
    assert _count(db, Project.id) == 3
    db.dispose()


@pytest.mark.parametrize("use", ["catalogue_value", "level_link", "target_link", "parent"])
def test_other_uses_keep_a_catalogue_project(db_url: str, use: str) -> None:
    db = _old_database(db_url)
    with db.session() as session:
        ids = dict(session.execute(select(Project.catalog_key, Project.id)).all())
    kept = ids[f"{ZHUMADIAN.file}#驻马店经济开发区置地二小"]
    with db.transaction() as session:
        if use == "catalogue_value":
            data = projects.load(session, kept)
            projects.update(session, kept, data.with_changes(total_investment=Decimal("7000")))
        elif use == "level_link":
            data = projects.load(session, kept)
            projects.update(session, kept, data.with_changes(levels=["县重点"]))
        elif use == "target_link":
            wind = session.scalar(select(Target.id).where(Target.text == "新增集中式风电50万千瓦"))
            session.execute(target_projects.insert().values(target_id=wind, project_id=kept))
        else:
            child = projects.create(session, projects.ProjectData(name="置地二小一期"))
            session.get(Project, child).parent_id = kept  # type: ignore[union-attr]
    prepare(db)
    with db.session() as session:
        remaining = set(session.scalars(select(Project.id).where(Project.origin == "catalog")))
    assert remaining == {kept}
    db.dispose()
