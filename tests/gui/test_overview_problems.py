"""The overview's 问题台账 tile and its table by 责任单位, in the main window offscreen: the
figures are the counts', and clicking one opens the 问题台账 page listing exactly the problems
behind it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from portfolio import problems, projects
from portfolio.periods import Period
from portfolio.problems import ProblemData
from portfolio.problems.by_group import counts_by
from portfolio.projects import ProjectData
from ui.app import build_main_window

OCT = Period(2026, 10)


def _fill(db) -> dict[str, int]:
    with db.transaction() as s:
        road = projects.create(s, ProjectData(name="城南快速通道", total_investment=Decimal("9000"),
                                              unit="县交通运输局"))
        park = projects.create(s, ProjectData(name="智能制造产业园",
                                              total_investment=Decimal("20000"),
                                              unit="县工业和信息化局"))

        def add(pid: int, description: str, **kw) -> int:
            return problems.add(s, ProblemData(pid, kw.pop("raised", Period(2026, 9)),
                                               description, **kw), today=dt.date(2026, 11, 5))

        return {
            "road_late": add(road, "征地拆迁未完成", deadline=dt.date(2026, 10, 15)),
            "road_open": add(road, "资金缺口", deadline=dt.date(2026, 12, 31)),
            "park_late": add(park, "供电线路未接入", deadline=dt.date(2026, 9, 30)),
            "park_solved": add(park, "环评审批未完成", state="已解决", resolution="已批复",
                               resolved_on=dt.date(2026, 10, 8)),
            "november": add(road, "十一月新问题", raised=Period(2026, 11)),
        }


@pytest.fixture
def window(db, qtbot):  # type: ignore[no-untyped-def]
    ids = _fill(db)
    window = build_main_window(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.context.set_period(OCT)
    window.ids = ids
    return window


def _listed(window) -> list[int]:  # type: ignore[no-untyped-def]
    page = window.page("problems")
    assert window.current_page_key() == "problems"
    return sorted(row.id for row in page.model.rows)


def test_tile_shows_the_counts_and_opens_the_ledger(window, qtbot) -> None:
    overview = window.show_page("overview")
    overview.reload()
    tile = overview.problems_tile
    with window.context.db.session() as s:
        expected = counts_by(s, OCT)
    assert (expected.total.open, expected.total.overdue, expected.total.solved) == (3, 2, 1)
    assert [tile.figures[k].value.text() for k in ("open", "overdue", "solved")] == [
        "3个", "2个", "1个"]
    assert tile.caption.text() == "问题台账（截至2026年10月底）"
    ids = window.ids

    qtbot.mouseClick(tile.figures["overdue"], Qt.MouseButton.LeftButton)
    assert _listed(window) == sorted([ids["road_late"], ids["park_late"]])
    page = window.page("problems")
    assert page.selection_chip.isVisible()
    assert page.selection_label.text() == "总览：2026年10月底逾期未解决的问题"
    assert page.state_box.currentText() == "全部"

    window.show_page("overview")
    qtbot.mouseClick(tile.figures["solved"], Qt.MouseButton.LeftButton)
    assert _listed(window) == [ids["park_solved"]]
    window.show_page("overview")
    qtbot.mouseClick(tile.figures["open"], Qt.MouseButton.LeftButton)
    assert _listed(window) == sorted([ids["road_late"], ids["road_open"], ids["park_late"]])

    page.show_selection(None)
    assert not page.selection_chip.isVisible()
    assert len(page.model.rows) == len(ids)  # 全部 states, no narrowing


def test_table_by_unit_opens_one_units_problems(window, qtbot, qtmodeltester) -> None:
    overview = window.show_page("overview")
    overview.reload()
    model = overview.problem_units
    qtmodeltester.check(model)
    cells = [[model.data(model.index(r, c)) for c in range(model.columnCount())]
             for r in range(model.rowCount())]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "责任单位", "待解决", "逾期未解决", "本月解决"]
    # the most overdue first, then the most open
    assert cells == [["县交通运输局", "2", "1", "0"], ["县工业和信息化局", "1", "1", "1"],
                     ["合计", "3", "2", "1"]]
    view = overview.problem_units_view
    overview.tabs.setCurrentWidget(view)
    row = 0  # 县交通运输局
    rect = view.visualRect(model.index(row, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert _listed(window) == [window.ids["road_late"]]
    assert window.page("problems").selection_label.text() == (
        "总览：2026年10月底逾期未解决的问题（县交通运输局）")
    window.show_page("overview")
    rect = view.visualRect(model.index(2, 1))  # 合计 of 待解决
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(_listed(window)) == 3
