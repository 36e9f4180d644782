"""Plan targets: what linked projects contribute, the gap, and the 规划目标 page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from db.models import Project, Target
from db.session import Database
from portfolio import projects
from portfolio import targets as t
from ui.context import AppContext
from ui.targets.model import LinkedProjectsModel, TargetsModel
from ui.targets.page import TargetsPage


def _target(db: Database, text: str) -> t.TargetProgress:
    with db.session() as session:
        target_id = session.scalar(select(Target.id).where(Target.text == text))
        [row] = t.progress(session, target_ids=[target_id])
    return row


# --- contribution rules ----------------------------------------------------------------------


def test_quantities_convert_to_the_target_unit() -> None:
    quantities = [(Decimal("100"), "兆瓦"), (Decimal("5000"), "千瓦")]
    got = t.contribution("万千瓦", "project", quantities, None)
    assert got == t.Contribution(Decimal("10.5"), "按规模")
    assert t.contribution("公里", "project", [(Decimal("12"), "千米")], None).value == Decimal(12)
    land = t.contribution("万亩", "project", [(Decimal("5000"), "亩")], None)
    assert land.value == Decimal("0.5")


def test_unrelated_quantities_do_not_count() -> None:
    got = t.contribution("万千瓦", "project", [(Decimal("30"), "亩")], Decimal("5000"))
    assert got == t.Contribution(None, "未填规模")


def test_a_named_project_counts_as_one_of_a_counted_target() -> None:
    assert t.contribution("所", "project", [], None) == t.Contribution(Decimal(1), "按1所计")
    assert t.contribution("座", "project", [(Decimal("2"), "座")], None).value == Decimal(2)
    # a programme (many sites) counts only with a stated number
    assert t.contribution("所", "programme", [], None).value is None
    # qualified units count in their base unit
    assert t.base_unit("所（每乡镇，2—3所）") == "所"
    assert t.base_unit("个拆迁村") == "个"
    assert t.contribution("个（每乡镇）", "project", [], None).value == Decimal(1)


def test_money_targets_sum_total_investment() -> None:
    assert t.contribution("亿元", "project", [], Decimal("185000.00")).value == Decimal("18.5")
    assert t.contribution("亿元", "project", [], None) == t.Contribution(None, "未填总投资")


# --- targets in the loaded catalogue -------------------------------------------------------


def test_school_targets_are_covered_by_the_named_schools(catalog_db: Database) -> None:
    seats = _target(catalog_db, "新增学位15750个")
    assert len(seats.projects) == 11
    assert seats.covered == Decimal(15750) and seats.gap == 0 and seats.share == 1
    schools = _target(catalog_db, "新建学校11所")
    assert schools.covered == Decimal(11)
    assert {p.contribution.basis for p in schools.projects} == {"按1所计"}


def test_wind_target_gap_follows_the_projects_capacity(catalog_db: Database) -> None:
    wind = _target(catalog_db, "新增集中式风电50万千瓦")
    assert wind.quantity == Decimal(50) and wind.unit == "万千瓦"
    assert [p.name for p in wind.projects] == [
        "仪封集中式风电项目", "考城集中式风电项目", "黄河滩区集中式风电项目"
    ]
    # the document names the wind farms without their capacity
    assert wind.covered is None and wind.gap == Decimal(50) and wind.unknown == 3

    yifeng = wind.projects[0].id
    with catalog_db.transaction() as session:
        data = projects.load(session, yifeng)
        projects.update(session, yifeng, data.with_changes(quantities=[(Decimal("200"), "兆瓦")]))
    wind = _target(catalog_db, "新增集中式风电50万千瓦")
    assert wind.covered == Decimal(20) and wind.gap == Decimal(30) and wind.unknown == 2
    assert wind.share == Decimal("0.4")


def test_exceeding_a_target_gives_a_negative_gap(catalog_db: Database) -> None:
    trade = _target(catalog_db, "形成100亿级现代商贸集群")
    # 54 + 50 + 30 + 6 + 6 亿元 of named projects
    assert trade.covered == Decimal(146) and trade.gap == Decimal(-46)


def test_percentage_targets_have_no_gap(catalog_db: Database) -> None:
    with catalog_db.session() as session:
        rows = [r for r in t.progress(session) if r.unit == "%"]
    assert rows and all(r.gap is None and r.share is None for r in rows)


def test_progress_of_one_document(catalog_db: Database) -> None:
    with catalog_db.session() as session:
        document_id = session.scalar(
            select(Target.document_id).where(Target.text == "新增学位15750个")
        )
        rows = t.progress(session, document_ids=[document_id])
    assert len(rows) == 24 and {r.document_number for r in rows} == {"驻开政〔2021〕2号"}
    assert [r.line for r in rows] == sorted(r.line for r in rows)


# --- the page --------------------------------------------------------------------------------


def test_documents_and_coverage_of_the_shipped_targets(catalog_db: Database) -> None:
    with catalog_db.session() as session:
        documents = t.documents_with_targets(session)
        rows = t.progress(session)
    assert [label for _, label in documents] == [
        "豫政〔2021〕34号",
        "焦作市城乡一体化示范区国民经济和社会发展第十四个五年规划纲要",  # no 文号: its title
        "驻开政〔2021〕2号",
        "鹤政[2022]15号",
    ]
    assert t.coverage(rows) == t.Coverage(targets=136, linked=84, met=46)
    assert t.coverage([]) == t.Coverage(0, 0, 0)


@pytest.fixture
def page(catalog_db: Database, qtbot) -> TargetsPage:  # type: ignore[no-untyped-def]
    context = AppContext(catalog_db)
    widget = TargetsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    return widget


def _cell(model, row: int, column: int) -> str:  # type: ignore[no-untyped-def]
    return model.index(row, column).data()


def test_page_lists_every_target_with_quantity_deadline_and_gap(page: TargetsPage) -> None:
    assert page.proxy.rowCount() == 136
    assert page.documents.count() == 1 + 4  # the reform plan (001) sets no targets
    page.documents.setCurrentIndex(page.documents.findText("驻开政〔2021〕2号"))
    assert page.proxy.rowCount() == 24
    assert page.select_target(_target(page.context.db, "新增学位15750个").id)
    row = page.view.currentIndex().row()
    assert _cell(page.proxy, row, TargetsModel.QUANTITY) == "15750学位"
    assert _cell(page.proxy, row, TargetsModel.DEADLINE) == "2025年"
    assert _cell(page.proxy, row, TargetsModel.COVERED) == "15750学位"
    assert _cell(page.proxy, row, TargetsModel.GAP) == "已覆盖"
    assert page.projects_model.rowCount() == 11
    assert "驻开政〔2021〕2号 第 280 行" in page.detail.text()


def test_selecting_the_wind_target_lists_its_projects(page: TargetsPage) -> None:
    page.search.setText("集中式风电")
    assert page.proxy.rowCount() == 1
    page.view.selectRow(0)
    assert _cell(page.proxy, 0, TargetsModel.GAP) == "50万千瓦"
    names = [
        _cell(page.projects_model, r, LinkedProjectsModel.NAME)
        for r in range(page.projects_model.rowCount())
    ]
    assert names == ["仪封集中式风电项目", "考城集中式风电项目", "黄河滩区集中式风电项目"]
    assert _cell(page.projects_model, 0, LinkedProjectsModel.BASIS) == "未填规模"
    assert "缺口 50万千瓦" in page.detail.text()


def test_double_clicking_a_project_opens_it(page: TargetsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.search.setText("集中式风电")
    page.view.selectRow(0)
    index = page.projects_model.index(1, LinkedProjectsModel.NAME)
    rect = page.projects.visualRect(index)
    qtbot.mouseClick(page.projects.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.context.projectOpened) as blocker:
        qtbot.mouseDClick(page.projects.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with page.context.db.session() as session:
        expected = session.scalar(select(Project.id).where(Project.name == "考城集中式风电项目"))
    assert blocker.args == [expected]


def test_page_follows_edits(page: TargetsPage) -> None:
    page.search.setText("集中式风电")
    page.view.selectRow(0)
    project_id = page.projects_model.project_id(0)
    with page.context.db.transaction() as session:
        data = projects.load(session, project_id)
        data = data.with_changes(quantities=[(Decimal("20"), "万千瓦")])
        projects.update(session, project_id, data)
    page.context.dataChanged.emit()
    assert _cell(page.proxy, 0, TargetsModel.GAP) == "30万千瓦"
    assert page.projects_model.rowCount() == 3  # the same target stays selected


def test_linked_only_filter(page: TargetsPage) -> None:
    page.linked_only.setChecked(True)
    shown = page.proxy.rowCount()
    assert 0 < shown < 136
    assert all(
        _cell(page.proxy, r, TargetsModel.PROJECTS) != "0" for r in range(shown)
    )
