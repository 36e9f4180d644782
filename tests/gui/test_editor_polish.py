"""The editor's 资金到位 and 前期手续 tabs: amounts as every table shows 万元, the project's own
sources, the month picker on the window's period, and the checklist button only while it would
add something."""

from __future__ import annotations

from decimal import Decimal

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
PERIOD = Period(2026, 9)
KEEP: list[ProjectEditor] = []
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@pytest.fixture
def project(db: Database) -> int:
    with db.transaction() as s:
        pid = create(s, ProjectData(
            name="兰考县产业园标准化厂房", stage="新开工", total_investment=D("25000"),
            funding=[("地方政府专项债券", D("12000")), ("县级财政资金", D("3000")),
                     ("企业自筹", D("10000"))]))
        funds.set_received(s, pid, Period(2026, 4), "地方政府专项债券", D("6000"))
        funds.set_received(s, pid, Period(2026, 6), "银行贷款", D("1234.5"))
    return pid


def _panel(db: Database, pid: int, qtbot, kind: type):  # type: ignore[no-untyped-def]
    context = AppContext(db)
    context.set_period(PERIOD)
    editor = ProjectEditor(context, pid)
    qtbot.addWidget(editor)
    panel = next(editor.tabs.widget(i) for i in range(editor.tabs.count())
                 if isinstance(editor.tabs.widget(i), kind))
    KEEP.append(editor)
    return context, panel


def _headers(model) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_funds_show_the_plans_sources_and_those_received(db, project, qtbot,
                                                           qtmodeltester) -> None:
    context, panel = _panel(db, project, qtbot, FundsPanel)
    receipts = panel.receipts
    qtmodeltester.check(receipts)
    # 县级财政资金 counts under 省市县财政; 银行贷款 is not planned but was received
    assert _headers(receipts) == ["月份", "地方政府专项债券", "省市县财政", "银行贷款", "企业自筹"]
    assert receipts.index(0, 1).data() == "6,000.00"
    assert receipts.index(0, 1).data(Qt.ItemDataRole.EditRole) == "6000.00"
    assert receipts.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert receipts.index(1, 3).data() == "1,234.50"
    assert receipts.index(0, 3).data() == ""
    # a source outside the plan is added as a column, then takes money, undoably
    assert [panel.source_picker.itemText(i) for i in range(panel.source_picker.count())] == [
        "中央预算内投资", "其他"]
    panel.source_picker.setCurrentText("中央预算内投资")
    panel.add_source.click()
    assert _headers(receipts)[1] == "中央预算内投资"
    assert receipts.setData(receipts.index(0, 1), "2,500")
    assert receipts.index(0, 1).data() == "2,500.00"
    with db.session() as s:
        assert funds.by_source(s, PERIOD, ids=[project]).total.cumulative == D("9734.50")
    context.undo_stack.undo()
    assert receipts.index(0, 1).data() == ""
    qtmodeltester.check(receipts)


def test_a_project_without_plan_or_money_lists_every_source(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        pid = create(s, ProjectData(name="乡村道路提升"))
    _context, panel = _panel(db, pid, qtbot, FundsPanel)
    assert _headers(panel.receipts) == ["月份", *funds.SOURCES]
    assert not panel.add_source.isEnabled()


def test_the_month_picker_opens_on_the_windows_period(db, project, qtbot) -> None:  # type: ignore[no-untyped-def]
    context, panel = _panel(db, project, qtbot, FundsPanel)
    assert panel.picker.currentData() == PERIOD
    context.set_period(Period(2026, 7))
    assert panel.picker.currentText() == "2026年7月"
    assert panel.rates_title.text().startswith("到位率（截至2026年7月")
    old = Period(2019, 5)  # older than the list: still offered
    panel.show_period(old)
    assert panel.picker.currentData() == old
    panel.picker.setCurrentIndex(panel.picker.findText("2026年7月"))
    panel.receipts.add_month(panel.picker.currentData())
    assert [panel.receipts.index(r, 0).data() for r in range(3)] == [
        "2026年4月", "2026年6月", "2026年7月"]


def test_checklist_button_disabled_once_every_step_exists(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        pid = create(s, ProjectData(name="物流园", stage="前期"))
        approvals.add_step(s, pid, "环评")
    context, panel = _panel(db, pid, qtbot, StepsPanel)
    assert panel.apply.isEnabled()
    assert "8项" in panel.apply.toolTip()
    panel.apply.click()
    assert panel.model.rowCount() == 9
    assert not panel.apply.isEnabled()
    assert panel.apply.toolTip() == "前期项目手续清单中的各项手续该项目都已建立，无需再按清单建立"
    context.undo_stack.undo()
    assert panel.apply.isEnabled() and panel.model.rowCount() == 1
    with db.transaction() as s:  # a shorter checklist the project already covers
        approval_checklist.save(s, approval_checklist.Checklists(preliminary="环评"))
    context.dataChanged.emit()
    assert not panel.apply.isEnabled()
    with db.transaction() as s:  # an empty list: nothing to apply, and the tooltip says why
        approval_checklist.save(s, approval_checklist.Checklists(preliminary=""))
    context.dataChanged.emit()
    assert not panel.apply.isEnabled()
    assert panel.apply.toolTip().startswith("前期项目手续清单为空")
