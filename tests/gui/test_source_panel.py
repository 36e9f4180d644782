"""The 来源 panel: the paragraph a project came from, with the quote highlighted."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from sqlalchemy import select

from db.models import Citation, Document, Project
from db.session import Database
from portfolio import catalog, projects
from portfolio.projects import ProjectData
from ui.context import AppContext
from ui.editor.dialog import ProjectEditor
from ui.source_panel import HIGHLIGHT, SourcePanel


def _id(db: Database, key: str) -> int:
    with db.session() as session:
        project_id = session.scalar(select(Project.id).where(Project.catalog_key == key))
    assert project_id is not None
    return project_id


def _highlighted(panel: SourcePanel) -> list[str]:
    """The runs of text drawn with the highlight background, in order."""
    runs: list[str] = []
    block = panel.text.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().background().color() == HIGHLIGHT:
                runs.append(fragment.text())
            iterator += 1
        block = block.next()
    return runs


def test_panel_shows_paragraph_title_and_number_with_quote_highlighted(
    catalog_db: Database, qtbot
) -> None:  # type: ignore[no-untyped-def]
    key = "003_7fd3883a336dc26e.txt#驻马店经济开发区置地二小"
    panel = SourcePanel(catalog_db, _id(catalog_db, key))
    qtbot.addWidget(panel)
    text = panel.text.toPlainText()
    assert "驻马店经济开发区国民经济和社会发展第十四个五年规划和2035年远景目标纲要" in text
    assert "驻开政〔2021〕2号" in text and "第 283 行" in text
    # the whole paragraph, not just the quote
    paragraph = catalog.document_lines("003_7fd3883a336dc26e.txt")[282].strip()
    assert paragraph in text
    entry = next(p for d in catalog.read_catalog() for p in d.projects if p.key == key)
    assert _highlighted(panel) == [entry.quote]
    assert panel.citation_count() == 1 and panel.list.isHidden()


def test_every_citation_is_shown_and_listed(catalog_db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = SourcePanel(catalog_db, _id(catalog_db, "000_c25127e9708c978d.txt#红庙镇田园综合体"))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.citation_count() == 2 and not panel.list.isHidden()
    assert "第 167 行" in panel.text.toPlainText() and "第 1666 行" in panel.text.toPlainText()
    assert _highlighted(panel) == ["红庙镇田园综合体", "红庙、建业、“渔果三营”等一批田园综合体"]
    panel.text.moveCursor(QTextCursor.MoveOperation.Start)
    panel._jump(panel.model.index(1, 0))  # what clicking the second entry does


def test_traditional_document_gets_a_simplified_reading(catalog_db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    key = "001_0fcf01f5f6d18067.txt#兰考县众创空间网络信息平台"
    panel = SourcePanel(catalog_db, _id(catalog_db, key))
    qtbot.addWidget(panel)
    text = panel.text.toPlainText()
    assert "眾創(chuàng)空間網(wǎng)絡信息平臺" in text  # the original, noise and all
    assert "简体对照" in text
    assert _highlighted(panel) == ["眾創(chuàng)空間網(wǎng)絡信息平臺", "众创空间网络信息平台"]


def test_a_project_without_citations(catalog_db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    with catalog_db.transaction() as session:
        project_id = projects.create(session, ProjectData(name="县城污水管网改造"))
    panel = SourcePanel(catalog_db, project_id)
    qtbot.addWidget(panel)
    assert panel.citation_count() == 0
    assert "没有来源引用" in panel.intro.text()
    new = SourcePanel(catalog_db, None)
    qtbot.addWidget(new)
    assert new.citation_count() == 0


def test_a_document_that_is_not_shipped_shows_its_quote(catalog_db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    with catalog_db.transaction() as session:
        project_id = projects.create(session, ProjectData(name="东区供水厂"))
        document = Document(file="用户导入.txt", title="某县水务规划", number="某政〔2024〕1号")
        session.add(document)
        session.flush()
        session.add(Citation(project_id=project_id, document_id=document.id, line=12,
                             quote="新建东区供水厂"))
    panel = SourcePanel(catalog_db, project_id)
    qtbot.addWidget(panel)
    text = panel.text.toPlainText()
    assert "某县水务规划" in text and "某政〔2024〕1号" in text and "第 12 行" in text
    assert "原文件未随程序提供" in text
    assert _highlighted(panel) == ["新建东区供水厂"]


def test_the_editor_shows_the_panel_as_its_source_tab(catalog_db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    context = AppContext(catalog_db)
    project_id = _id(catalog_db, "003_7fd3883a336dc26e.txt#驻马店经济开发区置地二小")
    editor = ProjectEditor(context, project_id)
    qtbot.addWidget(editor)
    assert isinstance(editor.sources, SourcePanel)
    tab = editor.tabs.indexOf(editor.sources)
    assert editor.tabs.tabText(tab) == "来源（1）"
