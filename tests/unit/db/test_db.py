"""Schema, migrations and the audit log, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import inspect, select, text

from db import migrate
from db.models import AuditEntry, Project
from db.session import make_engine, resolve_url
from portfolio import projects
from portfolio.projects import ProjectData


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def _round_trip_migrations(url: str) -> None:
    engine = make_engine(resolve_url(url))
    migrate.upgrade(engine)
    assert {"projects", "monthly_reports", "audit_log", "targets"} <= _tables(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    migrate.downgrade(engine, "base")
    assert _tables(engine) == set()
    migrate.upgrade(engine)
    assert "projects" in _tables(engine)
    engine.dispose()


def test_migrations_upgrade_downgrade_upgrade(any_url: str) -> None:
    _round_trip_migrations(any_url)


def test_sqlite_runs_with_foreign_keys_and_wal(db) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_bare_path_is_sqlite_and_postgres_gets_psycopg(tmp_path) -> None:
    assert resolve_url(str(tmp_path / "a.db")).startswith("sqlite:///")
    assert resolve_url("postgresql://u@h/d").startswith("postgresql+psycopg://")


def _exercise_project_crud(db) -> None:
    data = ProjectData(
        name="兰考县第三高级中学", category="社会事业", total_investment=Decimal("32000.50"),
        unit="兰考县教育局", leader="张三", levels=["县重点", "市重点"],
        quantities=[(Decimal("3000"), "学位")],
    )
    with db.transaction() as s:
        pid = projects.create(s, data)
    with db.session() as s:
        loaded = projects.load(s, pid)
    assert loaded.total_investment == Decimal("32000.50")
    assert isinstance(loaded.total_investment, Decimal)
    assert loaded.levels == ["县重点", "市重点"]
    assert loaded.unit == "兰考县教育局"
    with db.transaction() as s:
        projects.update(s, pid, loaded.with_changes(total_investment=Decimal("1.25")))
    with db.session() as s:
        changes = s.scalars(
            select(AuditEntry).where(
                AuditEntry.project_id == pid, AuditEntry.field == "total_investment"
            ).order_by(AuditEntry.id)
        ).all()
        assert [(c.old_value, c.new_value) for c in changes][-1] == ("32000.50", "1.25")
    with db.transaction() as s:
        saved = projects.delete_project(s, pid)
    with db.session() as s:
        assert s.get(Project, pid) is None
    with db.transaction() as s:
        projects.restore(s, saved)
    with db.session() as s:
        again = projects.load(s, pid)
    assert again.quantities == [(Decimal("3000.0000"), "学位")]
    assert again.levels == ["县重点", "市重点"]


def test_project_crud_audit_and_restore(any_db) -> None:
    _exercise_project_crud(any_db)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": " "}, "name", "项目名称不能为空"),
        ({"total_investment": Decimal("-1")}, "total_investment", "总投资（万元）不能为负数"),
        (
            {"planned_start": __import__("datetime").date(2026, 5, 1),
             "planned_finish": __import__("datetime").date(2026, 4, 1)},
            "planned_finish",
            "计划竣工日期不能早于计划开工日期",
        ),
    ],
)
def test_validation_names_the_field_in_chinese(changes, field, message) -> None:
    data = ProjectData(name="某项目").with_changes(**changes)
    with pytest.raises(projects.ValidationError) as info:
        projects.validate(data)
    assert info.value.errors[field] == message


def _schema_drift(url: str) -> list:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from db.models import Base

    engine = make_engine(resolve_url(url))
    migrate.upgrade(engine)
    with engine.connect() as connection:
        drift = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    return drift


def test_migrations_match_the_models(any_url: str) -> None:
    assert _schema_drift(any_url) == []


def test_audit_rows_of_an_insert_name_the_new_record(db) -> None:
    with db.transaction() as s:
        pid = projects.create(s, ProjectData(name="新建项目"))
    with db.session() as s:
        record_ids = set(s.scalars(
            select(AuditEntry.record_id).where(
                AuditEntry.table_name == "projects", AuditEntry.action == "insert"
            )
        ))
    assert record_ids == {str(pid)}
