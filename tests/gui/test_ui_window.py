"""The main window, register page and project editor, driven as a user would (offscreen)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from db.queries import ProjectFilter
from db.session import open_database
from portfolio import projects
from portfolio.projects import ProjectData
from ui.app import build_main_window
from ui.editor.dialog import ProjectEditor
from ui.empty_page import EmptyPage
from ui.pages import PAGES, PageSpec, create_page
from ui.register.column_chooser import set_column_visible
from ui.register.columns import COLUMN_INDEX
from ui.register.page import RegisterPage


@pytest.fixture
def sample(db) -> dict[str, int]:
    with db.transaction() as s:
        return {
            "wanbang": projects.create(s, ProjectData(
                name="万邦国际物流园", category="服务业", stage="续建", township="城关镇",
                unit="县商务局", leader="张伟", total_investment=Decimal("185000"),
                planned_start=dt.date(2025, 3, 1), planned_finish=dt.date(2027, 12, 31))),
            "school": projects.create(s, ProjectData(
                name="兰考县第三高级中学", category="社会事业", stage="新开工",
                unit="县教育局", total_investment=Decimal("32000.50"))),
            "wind": projects.create(s, ProjectData(
                name="黄河湾风电场", category="交通能源", unit="县发展和改革委员会")),
        }


def _window(db, qtbot):  # type: ignore[no-untyped-def]
    window = build_main_window(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(db, qtbot, sample):  # type: ignore[no-untyped-def]
    return _window(db, qtbot)


def _register(window) -> RegisterPage:  # type: ignore[no-untyped-def]
    page = window.show_page("register")
    assert isinstance(page, RegisterPage)
    return page


def _name(db, project_id: int) -> str:
    with db.session() as s:
        return projects.load(s, project_id).name


def test_pages_are_listed_in_order_and_every_page_builds(window) -> None:
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "总览", "项目库", "月度调度", "问题台账", "甘特图", "投资分析", "晾晒排名", "三个一批",
        "规划目标", "规划项目目录",
    ]
    for spec in PAGES:
        page = window.show_page(spec.key)
        assert window.stack.currentWidget() is page
        assert window.nav.currentItem().text() == spec.title
        assert not isinstance(page, EmptyPage), page.message.text()
    assert window.show_page("monthly") is window.page("monthly")  # built once


def test_a_page_that_cannot_be_built_shows_why(window) -> None:
    spec = PageSpec("broken", "损坏页", "ui.no_such_module:Page")
    page = create_page(spec, window.context)
    assert isinstance(page, EmptyPage)
    assert "“损坏页”页面无法打开" in page.message.text()
    assert "ui.no_such_module" in page.message.text()
    page.deleteLater()


def test_typing_in_the_search_box_filters_the_register(window, qtbot) -> None:
    page = _register(window)
    assert page.model.rowCount() == 3
    qtbot.keyClicks(page.filter_bar.search, "wbwl")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.index(0, COLUMN_INDEX["name"]).data() == "万邦国际物流园"
    assert window.count_label.text() == "显示 1 / 共 3 个项目"
    page.filter_bar.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=2000)
    assert window.count_label.text() == "共 3 个项目"


def test_filter_buttons_and_show_register_combine(window, qtbot) -> None:
    page = _register(window)
    categories = page.filter_bar.buttons["categories"]
    assert [label for _, label in categories.choices()] == ["社会事业", "服务业", "交通能源"]
    categories.set_selected(["社会事业", "服务业"], notify=True)
    assert page.model.rowCount() == 2
    window.show_page("overview")
    window.context.showRegister.emit(ProjectFilter(categories=("交通能源",)))
    assert window.stack.currentWidget() is page
    assert page.model.rowCount() == 1
    assert categories.selected() == ("交通能源",)
    assert "交通能源" in categories.text()


def test_editing_a_cell_through_its_editor_is_saved_and_undone(window, db, qtbot) -> None:
    page = _register(window)
    row = 0
    index = page.model.index(row, COLUMN_INDEX["name"])
    project_id = page.model.project_id(row)
    page.view.setCurrentIndex(index)
    page.view.edit(index)
    editor = page.view.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.setText("万邦国际物流园二期")  # QTest types ASCII only
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits in a queued call
    qtbot.waitUntil(lambda: _name(db, project_id) == "万邦国际物流园二期", timeout=2000)
    assert page.model.index(row, COLUMN_INDEX["name"]).data() == "万邦国际物流园二期"
    window.undo_action.trigger()
    assert _name(db, project_id) == "万邦国际物流园"
    assert page.model.index(row, COLUMN_INDEX["name"]).data() == "万邦国际物流园"
    window.redo_action.trigger()
    assert _name(db, project_id) == "万邦国际物流园二期"


def test_text_typed_as_money_is_refused_and_explained(window, db, sample, qtbot) -> None:
    page = _register(window)
    row = page.model.row_of(sample["school"])
    index = page.model.index(row, COLUMN_INDEX["total_investment"])
    page.view.edit(index)
    editor = page.view.viewport().findChild(QLineEdit)
    editor.setText("三万二")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "应为数字" in window.statusBar().currentMessage(), timeout=2000)
    assert window.statusBar().currentMessage().startswith("未保存：总投资（万元）应为数字")
    with db.session() as s:
        assert projects.load(s, sample["school"]).total_investment == Decimal("32000.50")
    assert window.context.undo_stack.count() == 0


def test_add_in_the_editor_then_delete_and_undo_both(window, db, qtbot, monkeypatch) -> None:
    page = _register(window)
    editor = window.open_editor(None)
    assert isinstance(editor, ProjectEditor)
    assert editor.windowTitle() == "新建项目"
    editor.fields["name"].setText("兰考县城乡供水一体化工程")
    category = editor.fields["category"]
    category.setCurrentIndex(category.findData("城建"))
    editor.fields["total_investment"].setText("26000")
    editor.fields["unit"].setCurrentText("县水利局")
    editor.level_boxes["县重点"].setChecked(True)
    qtbot.mouseClick(editor.buttons.button(editor.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    new_id = editor.project_id
    assert new_id is not None
    with db.session() as s:
        saved = projects.load(s, new_id)
    assert (saved.category, saved.total_investment, saved.unit, saved.levels) == (
        "城建", Decimal("26000.00"), "县水利局", ["县重点"])
    assert page.model.rowCount() == 4
    assert window.context.selected_project == new_id

    asked: list[str] = []

    def yes(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    page.view.selectRow(page.model.row_of(new_id))
    page.delete_action.trigger()
    assert "兰考县城乡供水一体化工程" in asked[0]
    assert page.model.rowCount() == 3
    assert page.model.row_of(new_id) == -1
    window.undo_action.trigger()  # undo the delete: back with the same id and data
    assert page.model.row_of(new_id) >= 0
    assert _name(db, new_id) == "兰考县城乡供水一体化工程"
    window.undo_action.trigger()  # undo the add
    assert page.model.rowCount() == 3
    with db.session() as s, pytest.raises(KeyError):
        projects.load(s, new_id)


def test_editor_names_each_wrong_field_and_saves_nothing(window, db, sample) -> None:
    editor = window.open_editor(sample["wanbang"])
    editor.fields["name"].setText("  ")
    editor.fields["total_investment"].setText("-5")
    editor.fields["planned_finish"].set_value(dt.date(2024, 1, 1))
    assert editor.save() is False
    assert editor.errors["name"].text() == "项目名称不能为空"
    assert editor.errors["total_investment"].text() == "总投资（万元）不能为负数"
    assert editor.errors["planned_finish"].text() == "计划竣工日期不能早于计划开工日期"
    assert not editor.errors["name"].isHidden()
    assert editor.errors["unit"].isHidden()
    assert "项目名称不能为空" in editor.banner.text()
    assert editor.isVisible()
    assert window.context.undo_stack.count() == 0
    with db.session() as s:
        kept = projects.load(s, sample["wanbang"])
    assert (kept.name, kept.total_investment) == ("万邦国际物流园", Decimal("185000.00"))

    editor.fields["total_investment"].setText("一百万")
    assert editor.save() is False
    assert "总投资（万元）应为数字" in editor.errors["total_investment"].text()
    editor.reject()


def test_editor_save_is_one_undoable_step(window, db, sample) -> None:
    editor = window.open_editor(sample["wind"])
    editor.fields["location"].setText("东坝头乡黄河滩区")
    editor.fields["planned_start"].set_value(dt.date(2026, 4, 1))
    editor.fields["quantities"].set_rows([("10", "万千瓦")])
    assert editor.save() is True
    with db.session() as s:
        data = projects.load(s, sample["wind"])
    assert (data.location, data.planned_start) == ("东坝头乡黄河滩区", dt.date(2026, 4, 1))
    assert data.quantities == [(Decimal("10"), "万千瓦")]
    assert window.context.undo_stack.count() == 1
    window.undo_action.trigger()
    with db.session() as s:
        data = projects.load(s, sample["wind"])
    assert (data.location, data.planned_start, data.quantities) == ("", None, [])


def test_opening_a_row_opens_its_editor(window, sample, qtbot) -> None:
    page = _register(window)
    row = page.model.row_of(sample["school"])
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(row, COLUMN_INDEX["name"]))
    assert window.context.selected_project == sample["school"]
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    editors = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, ProjectEditor) and w.parentWidget() is window]
    assert [e.windowTitle() for e in editors] == ["编辑项目 — 兰考县第三高级中学"]
    editors[0].reject()


def test_restart_keeps_data_and_column_layout(db, db_url, sample, qtbot) -> None:
    first = _window(db, qtbot)
    page = _register(first)
    header = page.view.horizontalHeader()
    assert set_column_visible(header, COLUMN_INDEX["project_type"], False)
    header.resizeSection(COLUMN_INDEX["name"], 333)
    assert page.model.setData(
        page.model.index(page.model.row_of(sample["wind"]), COLUMN_INDEX["township"]), "东坝头乡"
    )
    first.close()

    reopened = open_database(db_url)
    try:
        second = _window(reopened, qtbot)
        page = _register(second)
        header = page.view.horizontalHeader()
        assert header.isSectionHidden(COLUMN_INDEX["project_type"])
        assert not header.isSectionHidden(COLUMN_INDEX["name"])
        assert header.sectionSize(COLUMN_INDEX["name"]) == 333
        assert second.current_page_key() == "register"
        row = page.model.row_of(sample["wind"])
        assert page.model.index(row, COLUMN_INDEX["township"]).data() == "东坝头乡"
        second.close()
    finally:
        reopened.dispose()


def test_column_chooser_hides_columns_but_never_the_last_one(window) -> None:
    page = _register(window)
    dialog = page.show_column_chooser()
    for i in range(dialog.list.count()):
        dialog.list.item(i).setCheckState(Qt.CheckState.Unchecked)
    header = page.view.horizontalHeader()
    assert header.count() - header.hiddenSectionCount() == 1
    dialog.close()


def test_header_click_sorts_in_sql_and_the_source_line_starts_hidden(window, qtbot) -> None:
    page = _register(window)
    header = page.view.horizontalHeader()
    assert header.isSectionHidden(COLUMN_INDEX["line"])
    money = COLUMN_INDEX["total_investment"]
    x = header.sectionViewportPosition(money) + header.sectionSize(money) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().center().__class__(x, 5))
    assert window.context.sort == ("total_investment", False)
    names = [page.model.index(r, COLUMN_INDEX["name"]).data() for r in range(3)]
    assert names == ["兰考县第三高级中学", "万邦国际物流园", "黄河湾风电场"]  # empty last
    page.view.sortByColumn(COLUMN_INDEX["levels"], Qt.SortOrder.AscendingOrder)
    assert window.context.sort == ("total_investment", False)  # 级别 cannot sort
    assert header.sortIndicatorSection() == money


def test_a_change_to_a_vanished_project_is_reported_not_kept(window, db, sample) -> None:
    from ui.editor.commands import SetFieldCommand

    with db.transaction() as s:
        projects.delete_project(s, sample["wind"])
    stack = window.context.undo_stack
    stack.push(SetFieldCommand(window.context, sample["wind"], "name", "黄河湾风电场", "新名称"))
    assert stack.count() == 0
    assert window.statusBar().currentMessage() == "该项目已不存在（可能已被删除）"
