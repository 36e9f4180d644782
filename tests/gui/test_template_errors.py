"""A superior's form that cannot be read, chosen as the report's template: 报表设置… and
导出月报Excel say why in Chinese — no "File is not a zip file" from the library underneath."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QMessageBox

from exports import report_settings
from ui.context import AppContext
from ui.reports import install_report_actions
from ui.reports.dialogs import ReportSettingsDialog

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.mark.parametrize("content", [b"not a workbook", b"PK\x03\x04" + b"\0" * 100])
def test_a_broken_template_is_refused_in_chinese(qtbot, db, tmp_path: Path, content: bytes,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    form = tmp_path / "市发改委进展表.xlsx"
    form.write_bytes(content)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *_a: shown.append(
        (title, text)))
    context = AppContext(db)
    main = QMainWindow()
    qtbot.addWidget(main)
    dialog = ReportSettingsDialog(context, main)
    dialog.template.setText(str(form))
    dialog.accept()
    with context.db.transaction() as session:
        report_settings.save(session, report_settings.ReportSettings(template=str(form)))
    runner = install_report_actions(main, context).export_xlsx(tmp_path / "报市里.xlsx")
    with qtbot.waitSignal(runner.done, timeout=60000):
        pass
    assert [title for title, _ in shown] == ["模板不可用", "未能完成"]
    for _title, text in shown:
        assert "市发改委进展表.xlsx" in text
        assert not LATIN_WORD.findall(text.replace("市发改委进展表.xlsx", "").replace(
            ".xlsx", "").replace("Excel", "").replace("WPS", "")), text
