"""报表 → 生成填报表… and 填报情况… driven offscreen: the forms are written on the worker and
recorded, the dialog lists every form with the 催报名单, and a returned form shows as 已报回."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow

from exports import xlsx_import
from portfolio.periods import Period
from tests.forms_helpers import fill, form_rows
from tests.report_db import seed
from ui.context import AppContext
from ui.reports import install_report_actions
from ui.returns.forms_dialog import FormsDialog
from ui.returns.view import ReturnsDialog, reminder_text

MONTH = Period(2026, 11)


@pytest.fixture
def window(qtbot, db):  # type: ignore[no-untyped-def]
    seed(db)
    context = AppContext(db)
    context.set_period(MONTH)
    main = QMainWindow()
    qtbot.addWidget(main)
    reports = install_report_actions(main, context)
    return main, context, reports


def _generate(qtbot, reports, folder: Path, by: str = "unit") -> object:  # type: ignore[no-untyped-def]
    runner = reports.forms.generate((MONTH, by, folder, dt.date(2026, 12, 5)))
    with qtbot.waitSignal(runner.succeeded, timeout=60000) as blocker:
        pass
    runner.wait()
    return blocker.args[0]


def test_the_forms_dialog_offers_the_choices(qtbot, window, tmp_path: Path) -> None:
    _main, context, _reports = window
    dialog = FormsDialog(context, "")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no folder yet
    dialog.folder.setText(str(tmp_path))
    dialog.by.setCurrentIndex(1)
    assert ok.isEnabled()
    period, by, folder, due = dialog.choices()
    assert (period, by, folder, due) == (MONTH, "township", tmp_path, dt.date(2026, 12, 5))


def test_generate_then_see_who_has_reported(qtbot, qtmodeltester, window,
                                            tmp_path: Path) -> None:
    main, context, reports = window
    messages: list[str] = []
    context.statusMessage.connect(messages.append)
    written = _generate(qtbot, reports, tmp_path / "forms")
    assert len(written.files) == 18 and "已生成 18 份" in messages[-1]

    dialog = reports.forms.show_status()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ReturnsDialog)
    qtmodeltester.check(dialog.model)
    model = dialog.model
    assert model.rowCount() == 18
    assert {model.index(r, 4).data() for r in range(18)} == {"未报"}
    assert "未报 18 份" in dialog.summary.text()
    assert dialog.reminders.toPlainText().startswith("2026年11月重点项目填报表未报送单位（18个）")

    form = next(p for p in written.files if p.name.startswith("县交通运输局"))
    filled = tmp_path / "报回.xlsx"
    first, second, _third = form_rows(form)
    fill(form, filled, {first: {"investment": 10}, second: {"investment": 0}})
    with context.db.session() as s:
        preview = xlsx_import.preview(s, [filled])
    assert preview.errors == []
    assert reports.apply_xlsx(preview, False) == 1  # a 0 with no report changes nothing
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "县交通运输局")
    assert model.index(row, 4).data() == "已报回"
    assert model.index(row, 6).data() == "2/3"
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "未报 17 份" in dialog.summary.text()
    assert "县交通运输局" not in dialog.reminders.toPlainText()

    dialog.kind.setCurrentIndex(2)  # 乡镇: none sent this month
    assert model.rowCount() == 0 and "尚未生成" in dialog.summary.text()
    dialog.kind.setCurrentIndex(0)
    qtmodeltester.check(dialog.model)

    main.resize(1366, 768)
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.waitExposed(dialog)
    shot = dialog.grab()
    assert (shot.width(), shot.height()) == (1366, 768)
    assert shot.save(str(tmp_path / "returns.png"), "PNG")


def test_reminder_text_when_everyone_reported() -> None:
    assert reminder_text(MONTH, []) == "2026年11月填报表已全部报回。"
