"""The 问题台账 page offscreen: the model under qtmodeltester, adding, closing and undoing
through the dialogs, the filter bar, the month grid's 转为问题台账 and the register's column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from db.models import MonthlyReport
from portfolio import problems, projects
from portfolio.periods import Period
from portfolio.problems import ProblemData
from portfolio.projects import ProjectData

OCT = Period(2026, 10)


def _fill(db) -> dict[str, int]:
    with db.transaction() as s:
        road = projects.create(s, ProjectData(name="城南快速通道", total_investment=Decimal("9000"),
                                              unit="县交通运输局"))
        park = projects.create(s, ProjectData(name="智能制造产业园",
                                              total_investment=Decimal("20000"),
                                              unit="县工业和信息化局"))
        s.add(MonthlyReport(project_id=park, year=2026, month=10, investment=Decimal("10"),
                            problems="供电线路未接入，影响设备调试"))
        late = problems.add(s, ProblemData(road, Period(2026, 8), "征地拆迁未完成",
                                           kind="征地拆迁", unit="城关镇人民政府",
                                           deadline=dt.date(2026, 9, 30)))
        solved = problems.add(s, ProblemData(
            park, Period(2026, 9), "环评审批未完成", kind="手续审批", unit="县发展和改革委员会",
            state="已解决", resolution="已批复", resolved_on=dt.date(2026, 10, 8)))
    return {"road": road, "park": park, "late": late, "solved": solved}


@pytest.fixture
def context(db):
    from ui.context import AppContext

    context = AppContext(db)
    context.set_period(OCT)
    return context


@pytest.fixture
def page(db, context, qtbot):
    from ui.problems.page import ProblemsPage

    ids = _fill(db)
    widget = ProblemsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.ids = ids
    return widget


def test_model(db, context, qtmodeltester) -> None:
    from portfolio.problems import ProblemQuery
    from ui.problems.model import ProblemsModel

    _fill(db)
    model = ProblemsModel(context)
    model.reload(ProblemQuery())
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert [model.index(0, c).data() for c in (1, 2, 3, 4, 7, 9)] == [
        "城南快速通道", "征地拆迁未完成", "征地拆迁", "城关镇人民政府", "待解决", "2026年8月"]
    assert model.index(0, 8).data().endswith("天")  # overdue, as of today
    assert model.index(1, 10).data() == "已批复（2026-10-08）"


def test_filters_and_counts(page) -> None:
    assert [r.description for r in page.model.rows] == ["征地拆迁未完成"]  # 未办结
    assert page.counts_label.text().startswith(
        "截至2026年10月底：待解决问题1个（逾期1个），本月解决1个")
    page.state_box.setCurrentText("全部")
    assert len(page.model.rows) == 2
    page.unit_box.setCurrentText("县发展和改革委员会")
    assert [r.description for r in page.model.rows] == ["环评审批未完成"]
    page.unit_box.setCurrentIndex(0)
    page.search.setText("城南")
    assert [r.description for r in page.model.rows] == ["征地拆迁未完成"]
    page.search.clear()
    page.overdue_box.setChecked(True)
    assert [r.description for r in page.model.rows] == ["征地拆迁未完成"]


def _answer(qtbot, fill) -> None:
    """Fill the next modal dialog with ``fill`` and press OK."""
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        fill(dialog)
        dialog.accept()
        if dialog.isVisible():  # refused: say why and give up
            text = dialog.errors.text()
            dialog.reject()
            raise AssertionError(text)

    QTimer.singleShot(0, run)


def test_add_through_the_dialog_and_undo(db, page, qtbot) -> None:
    def fill(dialog) -> None:
        dialog.project.setCurrentText("智能制造产业园")
        dialog.description.setPlainText("专项债资金未拨付")
        dialog.unit.setCurrentText("县财政局")
        dialog.person.setText("李明")
        dialog.deadline.set_value(dt.date(2026, 11, 30))

    _answer(qtbot, fill)
    page.add_problem()
    rows = {r.description: r for r in page.model.rows}
    added = rows["专项债资金未拨付"]
    assert (added.project_name, added.kind, added.unit, added.person, added.raised,
            added.state) == ("智能制造产业园", "资金", "县财政局", "李明", OCT, "待解决")
    page.undo_stack.undo()
    assert "专项债资金未拨付" not in {r.description for r in page.model.rows}
    page.undo_stack.redo()
    with db.session() as s:
        assert problems.load(s, added.id).description == "专项债资金未拨付"


def test_dialog_refuses_bad_fields(db, context, qtbot) -> None:
    from ui.problems.dialogs import ProblemDialog

    _fill(db)
    dialog = ProblemDialog(context)
    qtbot.addWidget(dialog)
    dialog.project.setCurrentText("城南快速通道")
    dialog.deadline.set_value(dt.date(2026, 9, 1))
    dialog.accept()
    assert dialog.result_data is None
    assert dialog.errors.text() == "问题描述不能为空\n办结时限不能早于提出时间（2026年10月）"


def test_close_through_the_dialog_and_undo(db, page, qtbot) -> None:
    page.view.setCurrentIndex(page.model.index(0, 0))

    def fill(dialog) -> None:
        dialog.resolution.setPlainText("已完成征迁交地")
        dialog.resolved_on.set_value(dt.date(2026, 10, 20))

    _answer(qtbot, fill)
    page.close_problem()
    with db.session() as s:
        closed = problems.load(s, page.ids["late"])
    assert (closed.state, closed.resolution, closed.resolved_on) == (
        "已解决", "已完成征迁交地", dt.date(2026, 10, 20))
    assert page.model.rows == []  # 未办结 only
    page.undo_stack.undo()
    with db.session() as s:
        assert problems.load(s, page.ids["late"]).state == "待解决"
    assert [r.description for r in page.model.rows] == ["征地拆迁未完成"]


def test_month_grid_action(db, context, qtbot) -> None:
    from ui.monthly.page import MonthlyPage
    from ui.problems import grid_action

    ids = _fill(db)
    grid = MonthlyPage(context)
    qtbot.addWidget(grid)
    grid.show()
    row = next(i for i, r in enumerate(grid.model.rows) if r.project_id == ids["park"])
    index = grid.model.index(row, grid.model.column_key_index("problems"))
    assert grid_action.convert(context, grid.model, index)
    with db.session() as s:
        logged = [r for r in problems.list_problems(s) if r.project_id == ids["park"]
                  and r.is_open]
    assert [(r.description, r.kind, r.unit, r.raised, r.deadline) for r in logged] == [
        ("供电线路未接入，影响设备调试", "水电气配套", "县工业和信息化局", OCT,
         dt.date(2026, 11, 30))]
    messages: list[str] = []
    context.statusMessage.connect(messages.append)
    assert not grid_action.convert(context, grid.model, index)  # already logged
    assert messages[-1].startswith("该问题已在问题台账中")
    context.undo_stack_for("problems").undo()
    with db.session() as s:
        assert not [r for r in problems.list_problems(s) if r.project_id == ids["park"]
                    and r.is_open]


def test_register_shows_open_problems(db, context) -> None:
    from ui.register.columns import COLUMN_INDEX
    from ui.register.model import RegisterModel

    ids = _fill(db)
    model = RegisterModel(context)
    column = COLUMN_INDEX["problems"]
    road = model.index(model.row_of(ids["road"]), column)
    park = model.index(model.row_of(ids["park"]), column)
    assert (road.data(), park.data()) == ("1（逾期1）", "")
    from PySide6.QtCore import Qt

    assert road.data(Qt.ItemDataRole.ToolTipRole) == "1个问题待解决，1个逾期"
