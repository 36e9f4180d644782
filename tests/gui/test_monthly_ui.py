"""The 月度调度 page driven from the keyboard and the clipboard, offscreen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication
from sqlalchemy import select

from db.models import AnnualPlan, MonthlyReport, Project
from portfolio import monthly, projects
from portfolio.periods import Period
from portfolio.projects import ProjectData

D = Decimal
OCT = Period(2026, 10)


@pytest.fixture
def page(db, qtbot):
    from ui.context import AppContext
    from ui.monthly.page import MonthlyPage

    with db.transaction() as s:
        for i, (name, total) in enumerate([("甲项目", "1000"), ("乙项目", "500"),
                                           ("丙项目", "300"), ("丁项目", "200")]):
            pid = projects.create(s, ProjectData(
                name=name, category="工业", total_investment=D(total),
                actual_start=dt.date(2026, 1, 5), stage="新开工"))
            s.add(AnnualPlan(project_id=pid, year=2026, planned_investment=D("120")))
            s.add(MonthlyReport(project_id=pid, year=2026, month=9, investment=D(10 * (i + 1))))
    context = AppContext(db)
    context.set_period(OCT)
    widget = MonthlyPage(context)
    qtbot.addWidget(widget)
    widget.resize(1400, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _investment(db, name: str) -> Decimal | None:
    with db.session() as s:
        return s.scalar(select(MonthlyReport.investment).join(Project).where(
            Project.name == name, MonthlyReport.year == 2026, MonthlyReport.month == 10))


def _cell(page, row: int, key: str):
    return page.model.index(row, page.model.column_key_index(key))


def _go(page, row: int, key: str) -> None:
    page.view.setCurrentIndex(_cell(page, row, key))
    page.view.setFocus()


def _key(widget, char: str) -> None:
    """One typed character (QTest cannot type Chinese; a key event with its text can)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _type(page, qtbot, text: str) -> None:
    """Type as a user would: the first key opens the editor, the rest go to the focus."""
    _key(page.view, text[0])
    for char in text[1:]:
        target = page.view.focusWidget() if page.view.focusWidget() is not None else page.view
        _key(target, char)


def test_typing_replaces_enter_moves_down_tab_moves_right(page, db, qtbot) -> None:
    assert [r.name for r in page.model.rows] == ["甲项目", "乙项目", "丙项目", "丁项目"]
    _go(page, 0, "investment")
    _type(page, qtbot, "12.5")
    assert page.view.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(page.view.focusWidget(), Qt.Key.Key_Return)
    assert _investment(db, "甲项目") == D("12.50")
    assert page.view.currentIndex() == _cell(page, 1, "investment")
    # typing over a filled cell replaces its content
    _go(page, 0, "investment")
    _type(page, qtbot, "7")
    qtbot.keyClick(page.view.focusWidget(), Qt.Key.Key_Return)
    assert _investment(db, "甲项目") == D("7.00")
    # computed columns follow at once, totals too
    assert page.model.data(_cell(page, 0, "ytd")) == "17.00"
    assert page.totals_model.text("investment") == "7.00"
    _go(page, 1, "investment")
    _type(page, qtbot, "3")
    qtbot.keyClick(page.view.focusWidget(), Qt.Key.Key_Tab)
    assert page.view.currentIndex() == _cell(page, 1, "progress")
    assert _investment(db, "乙项目") == D("3.00")
    assert page.totals_model.text("investment") == "10.00"
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)
    assert page.view.currentIndex() == _cell(page, 1, "problems")


@pytest.mark.parametrize(("typed", "reason"), [
    ("十二", "本月完成投资应为数字"),
    ("-3", "不能为负数"),
    ("1000", "超过剩余投资990.00万元"),
])
def test_bad_values_are_refused_in_place(page, db, qtbot, typed: str, reason: str) -> None:
    _go(page, 0, "investment")
    _type(page, qtbot, typed)
    qtbot.keyClick(page.view.focusWidget(), Qt.Key.Key_Return)
    assert page.view.state() == QAbstractItemView.State.EditingState  # the editor stays open
    assert reason in page.view.last_refusal
    assert _investment(db, "甲项目") is None
    qtbot.keyClick(page.view.focusWidget(), Qt.Key.Key_Escape)
    assert page.model.data(_cell(page, 0, "investment")) == ""


def test_computed_columns_refuse_typing(page, qtbot) -> None:
    _go(page, 0, "ytd")
    _type(page, qtbot, "5")
    assert page.view.state() != QAbstractItemView.State.EditingState
    assert "不能在此填写" in page.view.last_refusal


def test_paste_a_block_from_excel(page, db, qtbot) -> None:
    QGuiApplication.clipboard().setText("11\t基础施工\t无\r\n22\t\"主体\n封顶\"\t\r\n")
    _go(page, 1, "investment")
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert _investment(db, "乙项目") == D("11.00")
    assert _investment(db, "丙项目") == D("22.00")
    assert page.model.rows[2].progress == "主体\n封顶"
    assert page.totals_model.text("investment") == "33.00"
    # undo and redo the whole paste as one step
    page.context.undo_stack_for("monthly").undo()
    assert _investment(db, "乙项目") is None and _investment(db, "丙项目") is None
    assert page.totals_model.text("investment") == "0.00"
    page.context.undo_stack_for("monthly").redo()
    assert _investment(db, "丙项目") == D("22.00")


def test_paste_matched_by_name(page, db, qtbot) -> None:
    QGuiApplication.clipboard().setText("丁项目\t5\n甲项目\t6\n")
    _go(page, 0, "name")
    page.view.paste()
    assert _investment(db, "丁项目") == D("5.00")
    assert _investment(db, "甲项目") == D("6.00")


@pytest.mark.parametrize("text", [
    "1\n二\n3\n",  # text in money on the second line
    "1\n2\n3\n4\n5\n",  # more rows than the grid has from here
    "1\t2\t3\t4\t5\t6\t7\t8\t9\n",  # more columns than can be typed into
    "甲项目\t1\n戊项目\t2\n",  # an unknown project
    "100\n600\n",  # more than 乙项目's remaining investment
])
def test_malformed_paste_changes_nothing(page, db, qtbot, text: str) -> None:
    before = [(r.investment, r.progress) for r in page.model.rows]
    QGuiApplication.clipboard().setText(text)
    _go(page, 0, "investment")
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert page.view.last_refusal
    with db.session() as s:
        assert s.scalar(select(MonthlyReport.id).where(MonthlyReport.month == 10)) is None
    assert [(r.investment, r.progress) for r in page.model.rows] == before
    assert page.context.undo_stack_for("monthly").count() == 0


def test_fill_down_and_clear(page, db, qtbot) -> None:
    _go(page, 0, "progress")
    _type(page, qtbot, "有序推进")
    qtbot.keyClick(page.view.focusWidget(), Qt.Key.Key_Return)
    selection = page.view.selectionModel()
    page.view.setCurrentIndex(_cell(page, 0, "progress"))
    for row in range(1, 4):
        selection.select(_cell(page, row, "progress"), selection.SelectionFlag.Select)
    qtbot.keyClick(page.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [r.progress for r in page.model.rows] == ["有序推进"] * 4
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert [r.progress for r in page.model.rows] == [""] * 4
    page.context.undo_stack_for("monthly").undo()
    assert [r.progress for r in page.model.rows] == ["有序推进"] * 4


def test_submit_locks_and_reopen_unlocks(page, db, qtbot) -> None:
    page.confirm = lambda *_args: True
    page.ask_reason = lambda *_args: "更正甲项目"
    assert page.submit()
    assert page.model.locked and not page.submit_button.isEnabled()
    assert "已报送" in page.lock_label.text()
    _go(page, 0, "investment")
    _type(page, qtbot, "5")
    assert page.view.state() != QAbstractItemView.State.EditingState
    assert "已报送锁定" in page.view.last_refusal
    QGuiApplication.clipboard().setText("5\n")
    page.view.paste()
    assert _investment(db, "甲项目") is None
    assert page.reopen()
    assert not page.model.locked
    _type(page, qtbot, "5")
    qtbot.keyClick(page.view.focusWidget(), Qt.Key.Key_Return)
    assert _investment(db, "甲项目") == D("5.00")
    with db.session() as s:
        events = monthly.lock_events(s, OCT)
    assert [e.action for e in events] == ["lock", "reopen"]
    assert "更正甲项目" in events[1].new_value


def test_started_column_moves_the_stage(page, db, qtbot) -> None:
    with db.transaction() as s:
        pid = projects.create(s, ProjectData(name="戊项目", category="工业",
                                             total_investment=D("100")))
        s.add(AnnualPlan(project_id=pid, year=2026, planned_investment=D("50"),
                         planned_start_month=10))
    page.reload()
    row = next(i for i, r in enumerate(page.model.rows) if r.name == "戊项目")
    _go(page, row, "started_on")
    _type(page, qtbot, "10月9日")
    qtbot.keyClick(page.view.focusWidget(), Qt.Key.Key_Return)
    with db.session() as s:
        project = s.get(Project, pid)
        assert project.actual_start == dt.date(2026, 10, 9) and project.stage == "新开工"
    assert page.model.data(_cell(page, row, "started")) == "是"


def test_submit_names_the_projects_whose_stage_moved(page, db) -> None:
    with db.transaction() as s:
        projects.create(s, ProjectData(
            name="己项目", category="工业", total_investment=D("100"), stage="续建",
            actual_start=dt.date(2025, 3, 1), actual_finish=dt.date(2026, 10, 20)))
    messages: list[str] = []
    page.context.statusMessage.connect(messages.append)
    page.confirm = lambda *_args: True
    assert page.submit()
    assert messages[-1] == ("已提交2026年10月，1个项目的建设性质已按开工、竣工日期更新："
                            "己项目（续建→竣工）")


def test_plan_rate_header_says_what_it_is_of(page) -> None:
    model = page.model
    column = model.column_key_index("plan_rate")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "占年度计划%"
    tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "1—10月累计完成投资占2026年计划投资" in tip and "占总投资%" in tip


def test_the_cumulative_cell_says_what_was_carried(page, db) -> None:
    """此前各月累计（未分月）: 1—N月 includes it, and its tooltip says how much and from which
    month on the figures are monthly."""
    with db.transaction() as s:
        first = s.scalar(select(Project.id).where(Project.name == "甲项目"))
        s.add(MonthlyReport(project_id=first, year=2026, month=0, investment=D("340")))
    page.reload()
    model = page.model
    row = next(r for r in range(model.rowCount())
               if model.data(_cell(page, r, "name")) == "甲项目")
    ytd = _cell(page, row, "ytd")
    assert model.data(ytd) == "350.00"  # 340 carried + September's 10
    assert model.data(ytd, Qt.ItemDataRole.ToolTipRole) == (
        "含此前各月累计（未分月）340.00万元；自9月起按月填报")
    assert model.data(_cell(page, 1 - row, "ytd"), Qt.ItemDataRole.ToolTipRole) is None


def test_the_name_column_stays_in_sight_when_scrolled_right(page, qtbot) -> None:
    page.resize(700, 500)
    qtbot.wait(10)
    _go(page, 0, "progress")
    page.view.scrollTo(_cell(page, 0, "progress"))
    bar = page.view.horizontalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    name = page.model.column_key_index("name")
    frozen = page.frozen.view
    assert frozen.isVisible() and not frozen.isColumnHidden(name)
    assert all(frozen.isColumnHidden(c) for c in range(page.model.columnCount()) if c != name)
    # the frozen view shows the first row's name where the grid's name column used to be
    rect = frozen.visualRect(frozen.model().index(0, name))
    assert rect.left() == 0 and frozen.columnWidth(name) == page.view.columnWidth(name)
    assert frozen.indexAt(rect.center()).data() == "甲项目"
    assert frozen.geometry().right() < page.view.width()
    # one selection for both parts: selecting a name in the frozen part is the grid's current
    frozen.setCurrentIndex(frozen.model().index(2, name))
    assert page.view.currentIndex().row() == 2
    # and the grid's scroll moves the frozen rows
    assert frozen.selectionModel() is page.view.selectionModel()


def test_an_empty_cell_in_a_pasted_block_leaves_the_project_unreported(page, db, qtbot) -> None:
    QGuiApplication.clipboard().setText("11\r\n\r\n33\r\n")
    _go(page, 0, "investment")
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().setText("甲项目\t11\r\n乙项目\t\r\n丙项目\t33\r\n")
    _go(page, 0, "name")
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert _investment(db, "甲项目") == D("11.00") and _investment(db, "丙项目") == D("33.00")
    with db.session() as s:
        reports = s.scalars(select(MonthlyReport).join(Project).where(
            Project.name == "乙项目", MonthlyReport.year == 2026, MonthlyReport.month == 10))
        assert list(reports) == []
    assert page.model.rows[1].investment is None
    assert page.totals_model.text("name") == "合计（4个项目，已填报2个）"


def test_the_totals_label_is_not_cut_off(page) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    font = QFont(page.totals.font())
    font.setBold(True)
    label = page.totals_model.text("name")
    name = page.model.column_key_index("name")
    assert QFontMetrics(font).horizontalAdvance(label) + 8 <= page.totals.columnWidth(name)
    assert page.totals.columnWidth(name) == page.view.columnWidth(name)
