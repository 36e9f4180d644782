"""Pages that save from what they loaded, when another user changed it meanwhile: the save is
refused with who and when, nothing is written or left on the undo stack, and the page shows
what the database now holds."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from db.models import AnnualPlan, MonthlyReport, Project
from db.session import Database
from portfolio import approval_checklist, approvals, catalog, monthly, projects
from portfolio.periods import Period
from portfolio.projects import ProjectData
from tests.unit.portfolio.test_stale_edits import STAMP, as_user
from ui.context import AppContext

D = Decimal
OCT = Period(2026, 10)


@pytest.fixture
def project(db: Database) -> int:
    with db.transaction() as s:
        pid = projects.create(s, ProjectData(
            name="兰考县第三高级中学", category="社会事业", stage="新开工",
            total_investment=D("3000"), actual_start=dt.date(2026, 1, 5)))
        s.add(AnnualPlan(project_id=pid, year=2026, planned_investment=D("1200")))
        approval_checklist.apply(s, pid, nature="前期")
    return pid


def _context(db: Database) -> tuple[AppContext, list[str]]:
    context = AppContext(db)
    context.set_period(OCT)
    messages: list[str] = []
    context.statusMessage.connect(messages.append)
    return context, messages


def test_steps_tab_refuses_a_stale_edit_and_reloads(db, project, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.editor.steps_panel import StepsPanel

    context, messages = _context(db)
    panel = StepsPanel(context, project)
    qtbot.addWidget(panel)
    model = panel.model
    seen = model.rows[0]
    with as_user(db, "张三") as s:  # another user, on another machine
        approvals.update_step(s, seen.with_changes(note="已报县政府常务会"), expected=seen)

    assert not model.setData(model.index(0, 2), "2026-03-01")  # 计划完成, from the old row
    assert re.fullmatch(
        f"「兰考县第三高级中学（前期手续“立项（审批/核准/备案）”）」的「备注」已被 张三 于 {STAMP} "
        "修改，您的修改未保存。请重新载入后再改。", messages[-1]), messages[-1]
    assert context.undo_stack.count() == 0
    assert model.index(0, 6).data() == "已报县政府常务会"  # reloaded: 张三's change shows
    with db.session() as s:
        now = approvals.steps_of(s, project)[0]
    assert (now.planned_on, now.note) == (None, "已报县政府常务会")
    # from the reloaded row the edit goes through
    assert model.setData(model.index(0, 2), "2026-03-01")
    with db.session() as s:
        assert approvals.steps_of(s, project)[0].planned_on == dt.date(2026, 3, 1)


@pytest.fixture
def page(db, project, qtbot):  # type: ignore[no-untyped-def]
    from ui.monthly.page import MonthlyPage

    context, messages = _context(db)
    widget = MonthlyPage(context)
    widget.messages = messages
    qtbot.addWidget(widget)
    widget.resize(1400, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_monthly_grid_refuses_a_figure_after_another_submit(db, project, page) -> None:  # type: ignore[no-untyped-def]
    assert not page.model.locked and page.submit_button.isEnabled()
    with as_user(db, "张三") as s:
        monthly.lock(s, OCT)
    index = page.model.index(0, page.model.column_key_index("investment"))
    assert not page.model.setData(index, "120", Qt.ItemDataRole.EditRole)
    refusal = page.view.last_refusal
    assert re.fullmatch(f"2026年10月已报送锁定（张三 于 {STAMP} 提交），不能修改；"
                        "如需更正请先“重新打开”本月", refusal), refusal
    assert page.context.undo_stack_for("monthly").count() == 0
    with db.session() as s:
        assert s.scalar(select(MonthlyReport.id)) is None
    # the page now shows the month submitted, by whom
    assert page.model.locked and not page.submit_button.isEnabled()
    assert page.lock_label.text().startswith("2026年10月已报送（张三 ")


def test_monthly_submit_and_reopen_from_a_stale_page(db, project, page) -> None:  # type: ignore[no-untyped-def]
    page.confirm = lambda *_args: True
    page.ask_reason = lambda *_args: "更正数据"
    with as_user(db, "张三") as s:
        monthly.lock(s, OCT)
    assert not page.submit()
    assert re.match(f"2026年10月已报送锁定（张三 于 {STAMP} 提交），不能再次提交",
                    page.messages[-1]), page.messages[-1]
    assert page.model.locked and page.reopen_button.isEnabled()
    with as_user(db, "张三") as s:
        monthly.reopen(s, OCT, "补报")
    assert not page.reopen()
    assert re.fullmatch(f"2026年10月已被 张三 于 {STAMP} 重新打开（尚未报送），无需再次打开",
                        page.messages[-1]), page.messages[-1]
    assert not page.model.locked and page.submit_button.isEnabled()
    with db.session() as s:
        assert [e.user for e in monthly.lock_events(s, OCT)] == ["张三", "张三"]


def test_catalog_page_names_who_adopted_an_entry_first(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.catalog.model import CatalogModel
    from ui.catalog.page import CatalogPage

    context, messages = _context(db)
    page = CatalogPage(context)
    qtbot.addWidget(page)
    page.show()
    school = next(r.key for r in catalog.entries() if r.entry.name == "驻马店经济开发区置地二小")
    page.select_key(school)
    with as_user(db, "张三") as s:  # adopted elsewhere after this page was read
        catalog.adopt(s, [school])
    report = page.adopt_selected()
    assert report is not None and report.new == []
    assert re.fullmatch(f"已纳入项目库 0 个项目；1 个条目已由 张三 于 {STAMP} 纳入项目库，"
                        "未重复纳入：驻马店经济开发区置地二小", messages[-1]), messages[-1]
    with db.session() as s:
        assert s.scalar(select(func.count(Project.id))) == 1
    row = next(r for r in range(page.model.rowCount()) if page.model.entry(r).key == school)
    assert page.model.index(row, CatalogModel.ADOPTED).data() == "是"  # the page reloaded
