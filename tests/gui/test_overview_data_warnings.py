"""The 总览 page names a 项目代码 written two ways (kept apart by migration 0011) above its
figures, and shows nothing there when the register has no such pair."""

from __future__ import annotations

from sqlalchemy import text

from portfolio import projects
from portfolio.periods import Period
from portfolio.projects import ProjectData
from ui.context import AppContext
from ui.overview.page import OverviewPage


def _page(db) -> OverviewPage:
    context = AppContext(db)
    context.set_period(Period(2026, 3))
    return OverviewPage(context)


def test_the_overview_names_a_code_clash(qapp, db) -> None:
    with db.transaction() as session:
        first = projects.create(session, ProjectData(name="兰考县人民医院新院区",
                                                     project_code="2104-1"))
        second = projects.create(session, ProjectData(name="兰考县人民医院二期"))
        session.execute(text("UPDATE projects SET project_code = '2104—1' WHERE id = :pid"),
                        {"pid": second})
    page = _page(db)
    assert not page.data_warnings.isHidden()
    assert page.data_warnings.text() == (
        f"注意：项目代码重复：项目“兰考县人民医院二期”（编号{second}）的项目代码「2104—1」与项目"
        f"“兰考县人民医院新院区”（编号{first}）的「2104-1」是同一代码，请核对后修改其中一个")


def test_no_clash_no_line(qapp, db) -> None:
    with db.transaction() as session:
        projects.create(session, ProjectData(name="兰考县人民医院新院区", project_code="2104-1"))
    assert _page(db).data_warnings.isHidden()
