"""The 规划项目目录 page: the catalogue beside the register, filtered, cited and adopted from."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.models import Project, Target, target_projects
from db.session import Database
from portfolio import catalog
from portfolio.vocabulary import UNTRACKED_KINDS
from ui.catalog.model import CatalogModel, KeyRole
from ui.catalog.page import CatalogPage
from ui.context import AppContext

DOCS = catalog.shipped_catalog()
ENTRIES = sum(len(d.projects) for d in DOCS)
ZHUMADIAN = next(d for d in DOCS if d.file.startswith("003"))
SCHOOL = f"{ZHUMADIAN.file}#驻马店经济开发区置地二小"


@pytest.fixture
def page(db: Database, qtbot) -> CatalogPage:  # type: ignore[no-untyped-def]
    context = AppContext(db)
    page = CatalogPage(context)
    page.context_ref = context  # type: ignore[attr-defined]  # keeps the context alive
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def test_models_pass_the_model_tester(page: CatalogPage, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)
    page.search.setText("学校")
    qtmodeltester.check(page.proxy)


def test_every_entry_is_listed_none_adopted(page: CatalogPage) -> None:
    assert page.model.rowCount() == page.proxy.rowCount() == ENTRIES
    assert page.model.adopted == frozenset()
    assert f"共 {ENTRIES} 个目录条目，其中 0 个已纳入项目库" in page.summary.text()


def test_search_and_filters_narrow_the_entries(page: CatalogPage) -> None:
    page.documents.setCurrentIndex(page.documents.findData(ZHUMADIAN.file))
    assert page.proxy.rowCount() == len(ZHUMADIAN.projects)
    page.categories.setCurrentIndex(page.categories.findData("社会事业"))
    expected = [p.key for p in ZHUMADIAN.projects if p.category == "社会事业"]
    shown = [page.proxy.index(r, 0).data(KeyRole) for r in range(page.proxy.rowCount())]
    assert sorted(shown) == sorted(expected)
    page.search.setText("置地")
    shown = {page.proxy.index(r, 0).data(KeyRole) for r in range(page.proxy.rowCount())}
    assert SCHOOL in shown and all("置地" in k for k in shown)
    # by location too
    page.documents.setCurrentIndex(0)
    page.categories.setCurrentIndex(0)
    page.search.setText("堌阳镇")
    assert page.proxy.rowCount() > 0
    for r in range(page.proxy.rowCount()):
        index = page.proxy.index(r, CatalogModel.LOCATION)
        name = page.proxy.index(r, CatalogModel.NAME).data()
        assert "堌阳镇" in index.data() or "堌阳镇" in name


def test_the_source_panel_shows_the_cited_paragraph(page: CatalogPage) -> None:
    assert page.select_key(SCHOOL)
    sources = page.source.sources
    entry = next(p for p in ZHUMADIAN.projects if p.key == SCHOOL)
    assert [(s.line, s.quote) for s in sources] == [(c.line, c.quote) for c in entry.citations]
    assert sources[0].paragraph == catalog.document_lines(ZHUMADIAN.file)[entry.line - 1].strip()
    assert sources[0].document_number == "驻开政〔2021〕2号"
    assert entry.quote in page.source.text.toPlainText()


def test_adopting_the_selection_adds_to_the_register(page: CatalogPage, db: Database) -> None:
    changed = []
    page.context.dataChanged.connect(lambda: changed.append(True))
    page.select_key(SCHOOL)
    report = page.adopt_selected()
    assert report is not None and report.new == [SCHOOL]
    assert changed == [True]
    with db.session() as session:
        school = session.scalar(select(Project).where(Project.catalog_key == SCHOOL))
        assert school is not None and school.citations
        seats = session.scalar(select(Target).where(Target.text == "新增学位15750个"))
        linked = session.scalars(
            select(target_projects.c.project_id).where(target_projects.c.target_id == seats.id)
        ).all()
        assert linked == [school.id]
    row = next(r for r in range(page.model.rowCount()) if page.model.entry(r).key == SCHOOL)
    assert page.model.index(row, CatalogModel.ADOPTED).data() == "是"
    assert "其中 1 个已纳入项目库" in page.summary.text()
    # again: nothing new
    again = page.adopt_selected()
    assert again is not None and again.new == [] and again.already_adopted == [SCHOOL]


def test_adopting_a_whole_document(page: CatalogPage, db: Database) -> None:
    """The document's projects and programmes; its direction (一批商贸物流园) stays listed,
    shown as 方向, greyed, not adopted."""
    tracked = [p for p in ZHUMADIAN.projects if p.kind not in UNTRACKED_KINDS]
    assert len(tracked) == len(ZHUMADIAN.projects) - 1
    report = page.adopt_document(ZHUMADIAN.file)
    assert len(report.new) == len(tracked)
    with db.session() as session:
        assert session.scalar(select(func.count(Project.id))) == len(tracked)
    assert len(page.model.adopted) == len(tracked)
    row = next(
        r for r, e in enumerate(page.model.rows) if e.entry.name == "开发区商贸物流园"
    )
    assert page.model.index(row, CatalogModel.KIND).data() == "方向"
    assert page.model.index(row, CatalogModel.ADOPTED).data() == ""
