"""The editor's 前期手续 and 资金到位 tabs: undoable edits through the real models, checked by
Qt's model tester, and drawn offscreen at 1366×768."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from db.session import Database
from portfolio import approval_checklist, approvals, funds
from portfolio.periods import Period
from portfolio.projects import ProjectData, create
from ui.context import AppContext
from ui.editor.dialog import ProjectEditor
from ui.editor.funds_panel import FundsPanel
from ui.editor.steps_panel import StepsPanel

D = Decimal
PERIOD = Period(2026, 10)


@pytest.fixture
def project(db: Database) -> int:
    with db.transaction() as s:
        pid = create(s, ProjectData(
            name="兰考县第三高级中学", stage="前期", total_investment=D("3000"),
            funding=[("中央预算内投资", D("1000")), ("地方政府专项债券", D("2000"))]))
        approval_checklist.apply(s, pid)
        first = approvals.steps_of(s, pid)[0]
        approvals.update_step(s, first.with_changes(
            planned_on=dt.date(2026, 2, 1), actual_on=dt.date(2026, 2, 10),
            document_number="兰发改审批〔2026〕12号", issuing_office="县发展和改革委员会"))
        second = approvals.steps_of(s, pid)[1]
        approvals.update_step(s, second.with_changes(planned_on=dt.date(2026, 5, 1)))
        funds.set_received(s, pid, Period(2026, 3), "中央预算内投资", D("300"))
        funds.set_received(s, pid, Period(2026, 9), "地方政府专项债券", D("450.50"))
    return pid


def _editor(db: Database, pid: int, qtbot) -> tuple[AppContext, ProjectEditor]:  # type: ignore[no-untyped-def]
    context = AppContext(db)
    context.set_period(PERIOD)
    editor = ProjectEditor(context, pid)
    qtbot.addWidget(editor)
    return context, editor


def _tab(editor: ProjectEditor, kind: type):  # type: ignore[no-untyped-def]
    return next(editor.tabs.widget(i) for i in range(editor.tabs.count())
                if isinstance(editor.tabs.widget(i), kind))


def test_steps_tab_edits_are_validated_and_undoable(db, project, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    context, editor = _editor(db, project, qtbot)
    panel: StepsPanel = _tab(editor, StepsPanel)
    assert editor.tabs.tabText(editor.tabs.indexOf(panel)) == "前期手续"
    model = panel.model
    qtmodeltester.check(model)
    assert panel.state.text() == "已完成1/9项手续，卡在：用地预审与选址；1项逾期"
    assert model.index(1, 2).data(Qt.ItemDataRole.BackgroundRole).name() == "#fbe3e2"
    messages: list[str] = []
    context.statusMessage.connect(messages.append)
    # done without a 文号: refused, nothing on the undo stack
    assert not model.setData(model.index(1, 3), "2026-06-01")
    assert messages[-1] == "未保存：手续“用地预审与选址”已办结，必须填写批准文号"
    assert context.undo_stack.count() == 0
    assert model.setData(model.index(1, 4), "兰自然资预〔2026〕3号")
    assert model.setData(model.index(1, 3), "2026-06-01")
    assert panel.state.text() == "已完成2/9项手续，卡在：建设用地规划许可"
    context.undo_stack.undo()
    with db.session() as s:
        assert approvals.steps_of(s, project)[1].actual_on is None
    assert model.index(1, 3).data() == ""
    assert not model.setData(model.index(2, 2), "2026/5/1")
    assert "YYYY-MM-DD" in messages[-1]


def test_checklist_button_is_undoable(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        pid = create(s, ProjectData(name="物流园", stage="新开工"))
        going = create(s, ProjectData(name="城北污水处理厂", stage="续建"))
    _context, other = _editor(db, going, qtbot)
    empty: StepsPanel = _tab(other, StepsPanel)  # 续建's list is empty by default
    assert not empty.apply.isEnabled() and empty.apply.toolTip().startswith("续建项目手续清单为空")
    context, editor = _editor(db, pid, qtbot)
    panel: StepsPanel = _tab(editor, StepsPanel)
    assert panel.model.rowCount() == 0 and panel.state.text() == "尚无手续清单"
    panel.apply.click()
    assert panel.model.rowCount() == 9
    context.undo_stack.undo()
    assert panel.model.rowCount() == 0
    context.undo_stack.redo()
    assert panel.model.rowCount() == 9


def test_funds_tab_edits_months_and_shows_rates(db, project, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    context, editor = _editor(db, project, qtbot)
    panel: FundsPanel = _tab(editor, FundsPanel)
    qtmodeltester.check(panel.receipts)
    qtmodeltester.check(panel.rates)
    receipts = panel.receipts
    assert [receipts.index(r, 0).data() for r in range(receipts.rowCount())] == [
        "2026年3月", "2026年9月"]
    rates = {panel.rates.index(r, 0).data(): [panel.rates.index(r, c).data() for c in range(5)]
             for r in range(panel.rates.rowCount())}
    assert rates["中央预算内投资"][1:] == ["1,000.00", "300.00", "300.00", "30.0%"]
    assert rates["合计"][1:] == ["3,000.00", "750.50", "750.50", "25.0%"]
    column = 1 + funds.SOURCES.index("地方政府专项债券")
    assert receipts.setData(receipts.index(1, column), "500")
    with db.session() as s:
        assert funds.by_source(s, PERIOD, ids=[project]).total.cumulative == D("800.00")
    assert panel.rates.index(panel.rates.rowCount() - 1, 4).data() == "26.7%"
    assert not receipts.setData(receipts.index(1, column), "-3")
    context.undo_stack.undo()
    assert receipts.index(1, column).data() == "450.50"
    panel.picker.setCurrentIndex(panel.picker.findData(PERIOD))
    panel.receipts.add_month(PERIOD)
    assert receipts.rowCount() == 3


def test_tabs_render_at_1366_by_768(db, project, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _context, editor = _editor(db, project, qtbot)
    editor.resize(1366, 768)
    editor.show()
    for kind, name in ((StepsPanel, "approvals.png"), (FundsPanel, "funds.png")):
        editor.tabs.setCurrentWidget(_tab(editor, kind))
        qtbot.wait(20)
        image = editor.grab()
        assert (image.width(), image.height()) == (1366, 768)
        assert image.save(str(tmp_path / name))


def test_budget_page_shows_funds_received_by_source(report_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.budget.page import BudgetPage

    context = AppContext(report_db)
    context.set_period(PERIOD)
    page = BudgetPage(context)
    qtbot.addWidget(page)
    page.refresh()
    with report_db.session() as s:
        table = funds.by_source(s, PERIOD)
    model = page.funds_model
    assert page.tables.tabText(page.tables.indexOf(page.funds_view)) == "资金到位"
    assert model.rowCount() == len(table.lines) + 1
    last = model.rowCount() - 1
    assert model.index(last, 0).data() == "合计"
    assert model.index(last, 4).data() == f"{table.total.cumulative:,.2f}"
    assert model.index(last, 5).data() == f"{table.total.rate:.1f}"
    assert table.total.cumulative > 0  # the demo portfolio receives money
