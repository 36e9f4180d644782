"""The window's error boundary: an unforeseen error is logged and shown as one Chinese
sentence in a message box, never as a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from ui.app import show_unexpected_error


def test_an_unexpected_error_shows_a_message_and_is_logged(
    qtbot, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, _title, message: shown.append(message))
    try:
        raise ValueError("月份超出范围")
    except ValueError:
        show_unexpected_error(*sys.exc_info())  # type: ignore[arg-type]
    log = data_folder / "portfolio.log"
    assert shown == [f"程序内部错误：月份超出范围，详情已写入日志 {log}"]
    assert "ValueError: 月份超出范围" in log.read_text(encoding="utf-8")
