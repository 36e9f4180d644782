"""The settings dialogs and the 下步工作 editor when another user saved meanwhile: the save is
refused with the Chinese message (who and when), the dialog shows what is stored now and
stays open, and saving again from there goes through."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from exports import briefing_notes
from portfolio import alerts
from portfolio.periods import Period
from ui.context import AppContext

D = Decimal


def test_thresholds_dialog_refuses_a_stale_save_and_reloads(db, qtbot) -> None:
    from ui.settings_dialog import ThresholdsDialog

    context = AppContext(db)
    dialog = ThresholdsDialog(context)
    qtbot.addWidget(dialog)
    with db.transaction() as s:
        s.info["user"] = "张三"
        alerts.save_thresholds(s, alerts.Thresholds(D("12"), 2, 0, 0), alerts.Thresholds())
    dialog.idle.setValue(4)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text().startswith("「预警设置」的「完成率低于序时进度百分点」已被 张三 于 ")
    assert dialog.error.text().endswith("请重新载入后再改。（已重新载入）")
    assert dialog.thresholds() == alerts.Thresholds(D("12"), 2, 0, 0)
    with db.session() as s:
        assert alerts.load_thresholds(s) == alerts.Thresholds(D("12"), 2, 0, 0)
    dialog.idle.setValue(4)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with db.session() as s:
        assert alerts.load_thresholds(s) == alerts.Thresholds(D("12"), 4, 0, 0)


def test_next_work_editor_refuses_a_stale_save_and_keeps_the_text(
        db, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.reports.dialogs import NextWorkDialog

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    context = AppContext(db)
    context.set_period(Period(2026, 10))
    dialog = NextWorkDialog(context)
    qtbot.addWidget(dialog)
    with db.transaction() as s:
        s.info["user"] = "张三"
        briefing_notes.save_next_work(s, Period(2026, 10), "一是加快推进滞后项目。", "")
    dialog.editor.setPlainText("二是抓好项目开工。")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(warnings) == 1
    assert warnings[0].startswith("「2026年10月工作简报」的「下步工作」已被 张三")
    assert dialog.editor.toPlainText() == "一是加快推进滞后项目。"
    assert QApplication.clipboard().text() == "二是抓好项目开工。"
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
