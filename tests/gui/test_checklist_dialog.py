"""工具 → 前期手续清单…: the list model passes Qt's model tester and refuses an empty or
repeated name; the dialog edits one 建设性质's list, saves it as one undoable step, and
refuses a save after another user changed the lists (naming who), showing theirs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from portfolio import approval_checklist
from portfolio.approval_checklist import APPROVALS, Checklists
from ui.app import build_main_window
from ui.checklist.dialog import ChecklistDialog
from ui.checklist.model import ChecklistModel
from ui.context import AppContext


def _stored(db) -> Checklists:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return approval_checklist.load(s)


def test_the_model_passes_the_model_tester_and_refuses_bad_names(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ChecklistModel(Checklists())
    refusals: list[str] = []
    model.refused.connect(refusals.append)
    qtmodeltester.check(model)
    model.set_nature("储备")
    assert [model.index(r).data() for r in range(model.rowCount())] == list(APPROVALS[:2])
    assert model.add("环评") == 2
    assert model.move(2, -1) == 1
    assert model.names() == [APPROVALS[0], "环评", APPROVALS[1]]
    assert model.move(0, -1) == 0  # the first cannot go higher
    assert not model.setData(model.index(0), "环评")
    assert not model.setData(model.index(0), "  ")
    assert model.add("用地预审与选址") is None
    assert refusals == ["储备项目手续清单中已有“环评”", "手续名称不能为空",
                        "储备项目手续清单中已有“用地预审与选址”"]
    assert model.setData(model.index(1), "环境影响评价")
    model.remove(0)
    qtmodeltester.check(model)
    assert model.lists() == Checklists(reserve="环境影响评价\n用地预审与选址")
    model.set_nature("续建")
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_the_dialog_saves_one_natures_list_undoably(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    context = AppContext(db)
    dialog = ChecklistDialog(context)
    qtbot.addWidget(dialog)
    dialog.nature.setCurrentIndex(dialog.nature.findData("续建"))
    assert dialog.model.rowCount() == 0 and dialog.count.text().startswith("（无")
    dialog.new_name.setText("施工许可")
    dialog.add_button.click()
    dialog.new_name.setText("竣工验收备案")
    dialog.new_name.returnPressed.emit()
    dialog.new_name.setText("施工许可")
    dialog.add_button.click()
    assert dialog.error.text() == "续建项目手续清单中已有“施工许可”"
    assert dialog.count.text() == "共 2 项"
    dialog.up_button.click()  # the last added is selected: 竣工验收备案 goes first
    dialog.nature.setCurrentIndex(dialog.nature.findData("新开工"))
    dialog.view.setCurrentIndex(dialog.model.index(0))
    dialog.remove_button.click()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = _stored(db)
    assert saved.names("续建") == ["竣工验收备案", "施工许可"]
    assert saved.names("新开工") == list(APPROVALS[1:])
    assert context.undo_stack.undoText() == "修改前期手续清单"
    context.undo_stack.undo()
    assert _stored(db) == Checklists()
    context.undo_stack.redo()
    assert _stored(db).names("续建") == ["竣工验收备案", "施工许可"]


def test_the_dialog_restores_a_natures_shipped_list(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        approval_checklist.save(s, Checklists(preliminary="立项"))
    dialog = ChecklistDialog(AppContext(db))
    qtbot.addWidget(dialog)
    dialog.nature.setCurrentIndex(dialog.nature.findData("前期"))
    assert dialog.model.names() == ["立项"]
    dialog.default_button.click()
    dialog.accept()
    assert _stored(db).names("前期") == list(APPROVALS)


def test_a_stale_save_is_refused_naming_who_and_shows_theirs(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    context = AppContext(db)
    dialog = ChecklistDialog(context)
    qtbot.addWidget(dialog)
    with db.transaction() as s:
        s.info["user"] = "张三"
        approval_checklist.save(s, Checklists(continuing="施工许可"), Checklists())
    dialog.nature.setCurrentIndex(dialog.nature.findData("竣工"))
    dialog.new_name.setText("竣工验收备案")
    dialog.add_button.click()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    text = dialog.error.text()
    assert text.startswith("「前期手续清单」的「续建项目手续清单」已被 张三 于 "), text
    assert text.endswith("（已重新载入）")
    assert _stored(db) == Checklists(continuing="施工许可")
    assert dialog.model.names("续建") == ["施工许可"] and dialog.model.names("竣工") == []
    assert context.undo_stack.count() == 0  # the refused save is not on the undo stack
    dialog.new_name.setText("竣工验收备案")
    dialog.add_button.click()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _stored(db) == Checklists(continuing="施工许可", completed="竣工验收备案")


def test_the_tools_menu_opens_the_dialog(db, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[ChecklistDialog] = []
    monkeypatch.setattr(ChecklistDialog, "exec", lambda self: opened.append(self) or 0)
    window = build_main_window(db)
    qtbot.addWidget(window)
    tools = next(a.menu() for a in window.menuBar().actions() if a.text() == "工具(&T)")
    action = next(a for a in tools.actions() if a.text() == "前期手续清单…")
    action.trigger()
    assert len(opened) == 1 and opened[0].windowTitle() == "前期手续清单"
    assert opened[0].view.model().data(opened[0].model.index(0),
                                        Qt.ItemDataRole.DisplayRole) == APPROVALS[0]
