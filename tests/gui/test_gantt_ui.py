"""The Gantt page driven offscreen: drawing only what is visible, zoom, selection in step."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from db import queries
from db.models import Project
from db.queries import ProjectFilter
from db.session import open_database
from portfolio import projects
from portfolio.periods import Period
from portfolio.projects import ProjectData
from portfolio.timeline import PIXELS_PER_DAY, Zoom
from ui.context import AppContext
from ui.gantt.chart import ROW_HEIGHT
from ui.gantt.model import PAGE_SIZE
from ui.gantt.page import GanttPage

BIG = 10_000


@pytest.fixture(scope="module")
def big_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """10,000 projects with dates (bulk-inserted: the figures are not what is tested here)."""
    url = f"sqlite:///{(tmp_path_factory.mktemp('big') / 'big.sqlite3').as_posix()}"
    database = open_database(url)
    rows = []
    for i in range(BIG):
        start = dt.date(2022, 1, 1) + dt.timedelta(days=(i * 37) % 1400)
        rows.append({
            "name": f"测试项目{i:05d}", "category": ("工业", "农业", "城建")[i % 3],
            "stage": "续建", "total_investment": Decimal(1000 + i),
            "planned_start": start, "planned_finish": start + dt.timedelta(days=400 + i % 300),
            "actual_start": start + dt.timedelta(days=20) if i % 2 else None,
            "search_key": f"测试项目{i:05d}", "origin": "demo",
        })
    with database.transaction() as s:
        s.execute(insert(Project), rows)
    database.dispose()
    return url


JUNE = Period(2026, 6)


def _page(qtbot, db, size=(1200, 700)) -> GanttPage:  # type: ignore[no-untyped-def]
    context = AppContext(db)
    context.set_period(JUNE)
    page = GanttPage(context)
    qtbot.addWidget(page)
    page.model.set_today(dt.date(2026, 7, 15))
    page.resize(*size)
    with qtbot.waitExposed(page):
        page.show()
    return page


def test_paints_only_the_visible_rows_of_a_large_model(qtbot, big_url: str) -> None:
    db = open_database(big_url)
    try:
        page = _page(qtbot, db)
        chart, model = page.chart, page.model
        assert model.rowCount() == BIG
        chart.viewport().repaint()
        visible = chart.visible_rows()
        per_screen = math.ceil(chart.viewport().height() / ROW_HEIGHT) + 1
        assert 10 < len(visible) <= per_screen
        assert chart.last_paint.rows == len(visible)
        assert (chart.last_paint.first_row, chart.last_paint.last_row) == (
            visible.start, visible.stop - 1)
        # a handful of items per row (bars, marks, a few grid lines), never per project
        first_items = chart.last_paint.items
        assert 0 < first_items < len(visible) * 6 + 200
        assert model.pages_fetched == 1

        chart.verticalScrollBar().setValue(7_000 * ROW_HEIGHT)
        chart.viewport().repaint()
        assert chart.last_paint.first_row == 7_000
        assert chart.last_paint.rows == len(chart.visible_rows()) == len(visible)
        assert chart.last_paint.items < len(visible) * 6 + 200
        assert model.pages_fetched <= 3
        assert 7_000 // PAGE_SIZE in model.cached_pages
        # the frozen columns follow the chart's scroll position
        assert page.table.verticalScrollBar().value() == 7_000 * ROW_HEIGHT
        assert page.table.rowAt(1) == 7_000
        model.wait_for_read_ahead()
    finally:
        page.model.wait_for_read_ahead()
        db.dispose()


def test_scroll_steps_read_ahead_instead_of_waiting(qtbot, big_url: str) -> None:
    db = open_database(big_url)
    try:
        page = _page(qtbot, db)
        chart, model = page.chart, page.model
        chart.viewport().repaint()
        model.wait_for_read_ahead()
        qtbot.wait(10)  # deliver the pages read on the worker thread
        fetched = model.pages_fetched
        for _ in range(PAGE_SIZE // 3 + 5):  # wheel steps of three lines past a page boundary
            chart.verticalScrollBar().setValue(chart.verticalScrollBar().value() + 3 * ROW_HEIGHT)
            chart.viewport().repaint()
        assert chart.last_paint.first_row > PAGE_SIZE
        assert model.pages_fetched == fetched  # the next page was already there
    finally:
        page.model.wait_for_read_ahead()
        db.dispose()


@pytest.fixture
def sample(db) -> dict[str, int]:
    with db.transaction() as s:
        return {
            "park": projects.create(s, ProjectData(
                name="智能装备产业园", category="工业", unit="县工业和信息化局",
                total_investment=Decimal("5000"), planned_start=dt.date(2025, 3, 1),
                planned_finish=dt.date(2027, 6, 30), actual_start=dt.date(2025, 4, 1))),
            "road": projects.create(s, ProjectData(
                name="迎宾大道改造", category="城建", unit="县住房和城乡建设局",
                total_investment=Decimal("800"), planned_start=dt.date(2026, 1, 1),
                planned_finish=dt.date(2026, 12, 31))),
            "school": projects.create(s, ProjectData(
                name="第三高级中学", category="社会事业", unit="县教育局",
                total_investment=Decimal("3000"), planned_start=dt.date(2024, 9, 1),
                planned_finish=dt.date(2026, 8, 31), actual_start=dt.date(2024, 9, 15))),
        }


def _centre(page: GanttPage, row: int) -> QPoint:
    page.chart.ensure_bar_visible(row)
    rect = page.chart.bar_rect(row)
    assert rect is not None
    return rect.center().toPoint()


def test_selection_kept_in_step_with_the_register(qtbot, db, sample) -> None:
    from ui.register.page import RegisterPage

    page = _page(qtbot, db)
    context = page._context
    register = RegisterPage(context)
    qtbot.addWidget(register)
    register.show()

    # selected in the register → highlighted in the Gantt
    row = register.model.row_of(sample["road"])
    register.view.setCurrentIndex(register.model.index(row, 1))
    assert context.selected_project == sample["road"]
    gantt_row = page.model.row_of(sample["road"])
    assert page.chart.selected_row == gantt_row
    assert page.table.currentIndex().row() == gantt_row

    # clicked on its bar in the Gantt → selected everywhere
    school_row = page.model.row_of(sample["school"])
    qtbot.mouseClick(page.chart.viewport(), Qt.MouseButton.LeftButton,
                     pos=_centre(page, school_row))
    assert context.selected_project == sample["school"]
    assert page.chart.selected_row == school_row
    current = register.view.currentIndex()
    assert register.model.project_id(current.row()) == sample["school"]

    # chosen in the frozen table → selected everywhere
    park_row = page.model.row_of(sample["park"])
    page.table.setCurrentIndex(page.model.index(park_row, 0))
    assert context.selected_project == sample["park"]
    assert register.model.project_id(register.view.currentIndex().row()) == sample["park"]

    # double-click opens it
    with qtbot.waitSignal(context.projectOpened) as opened:
        qtbot.mouseDClick(page.chart.viewport(), Qt.MouseButton.LeftButton,
                          pos=_centre(page, school_row))
    assert opened.args == [sample["school"]]
    page.model.wait_for_read_ahead()


def test_follows_the_register_filter_and_order(qtbot, db, sample) -> None:
    page = _page(qtbot, db)
    context = page._context
    context.set_sort("name", True)
    with db.session() as s:
        expected = queries.filtered_ids(s, ProjectFilter(), "name", True)
    assert [page.model.project_id(r) for r in range(page.model.rowCount())] == expected
    context.set_filter(ProjectFilter(categories=("工业",)))
    assert page.model.rowCount() == 1
    # hidden, the page reads nothing; shown again, it catches up
    page.hide()
    context.set_filter(ProjectFilter(categories=("城建",)))
    assert page.model.data(page.model.index(0, 0)) == "智能装备产业园"
    page.show()
    assert page.model.data(page.model.index(0, 0)) == "迎宾大道改造"
    context.set_filter(ProjectFilter(categories=("工业",)))
    assert page.model.data(page.model.index(0, 0)) == "智能装备产业园"
    tip = page.model.tooltip(0)
    assert "智能装备产业园" in tip and "累计完成" in tip and "2025-04-01" in tip
    page.model.wait_for_read_ahead()


def test_zoom_buttons_wheel_and_pan(qtbot, db, sample) -> None:
    page = _page(qtbot, db)
    chart = page.chart
    row = page.model.row_of(sample["road"])
    days = (dt.date(2027, 1, 1) - dt.date(2026, 1, 1)).days
    for zoom in Zoom:
        page.zoom_actions[zoom].trigger()
        assert chart.zoom is zoom
        assert page.zoom_actions[zoom].isChecked()
        rect = chart.bar_rect(row)
        assert rect is not None
        assert rect.width() == pytest.approx(days * PIXELS_PER_DAY[zoom])

    # Ctrl+wheel zooms out around the cursor: the day under it stays put
    assert chart.zoom is Zoom.MONTH
    x = 300.0
    day_before = chart.scale.date_at(chart.horizontalScrollBar().value() + x)
    event = QWheelEvent(QPointF(x, 50), QPointF(x, 50), QPoint(), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(chart.viewport(), event)
    assert chart.zoom is Zoom.QUARTER
    assert page.zoom_actions[Zoom.QUARTER].isChecked()
    day_after = chart.scale.date_at(chart.horizontalScrollBar().value() + x)
    assert abs((day_after - day_before).days) <= 1

    # Shift+wheel pans in time
    before = chart.horizontalScrollBar().value()
    event = QWheelEvent(QPointF(x, 50), QPointF(x, 50), QPoint(), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ShiftModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(chart.viewport(), event)
    assert chart.horizontalScrollBar().value() == before + 120

    # 今天 scrolls the today line into view
    page.today_action.trigger()
    today_x = chart.scale.x(page.model.today) - chart.horizontalScrollBar().value()
    assert 0 < today_x < chart.viewport().width()
    page.model.wait_for_read_ahead()


def test_grouping_adds_a_summary_line_per_group(qtbot, db, sample) -> None:
    page = _page(qtbot, db)
    page.grouping.setCurrentIndex(page.grouping.findData("category"))
    model = page.model
    assert model.grouping == "category"
    assert model.rowCount() == 3 + 3
    labels = [model.data(model.index(r, 0)) for r in range(model.rowCount())
              if model.line(r).is_group]
    assert sorted(labels) == sorted(["工业（1个）", "城建（1个）", "社会事业（1个）"])
    group_row = next(r for r in range(model.rowCount()) if model.line(r).group == "工业")
    assert model.project_id(group_row + 1) == sample["park"]
    assert model.group(group_row) is not None
    page.chart.viewport().repaint()
    assert page.chart.last_paint.rows == 6
    page.grouping.setCurrentIndex(0)
    assert model.rowCount() == 3
    page.model.wait_for_read_ahead()


def test_completion_column_says_it_is_of_the_total_investment(qtbot, db, sample) -> None:
    from ui.gantt.model import COLUMNS

    page = _page(qtbot, db)
    column = [key for key, _, _ in COLUMNS].index("progress")
    model = page.model
    assert model.headerData(column, Qt.Orientation.Horizontal) == "占总投资%"
    tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("完成%（占总投资）") and "占年度计划%" in tip
