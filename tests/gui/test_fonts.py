"""The shipped CJK fonts: registered at start-up, so that a machine without a system CJK font
(as here: the offscreen platform sees none) still draws Chinese, in a shipped family."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QLabel

from ui import fonts
from ui.app import configure_application


@pytest.fixture
def app(qapp):  # type: ignore[no-untyped-def]
    configure_application(qapp)
    return qapp


def _glyph(font, text: str) -> QImage:  # type: ignore[no-untyped-def]
    image = QImage(40, 40, QImage.Format.Format_Grayscale8)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


def test_shipped_families_are_registered(app) -> None:
    registered = fonts.register_shipped_fonts()
    assert {"WenQuanYi Micro Hei", "AR PL UMing CN"} <= set(registered)
    chinese = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    assert set(registered) <= chinese


def test_a_label_draws_chinese_in_a_shipped_font(app, qtbot) -> None:
    label = QLabel("重点项目建设进展情况表")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    family = QFontInfo(label.font()).family()
    assert family in fonts.register_shipped_fonts()
    metrics = QFontMetrics(label.font())
    assert all(metrics.inFontUcs4(ord(c)) for c in label.text())
    # drawn glyphs, not one empty box for every character: two characters differ, and ink
    # is on the page
    first, second = _glyph(label.font(), "项"), _glyph(label.font(), "目")
    assert first != second
    assert any(first.pixelColor(x, y).value() < 128 for x in range(40) for y in range(40))
    picture = label.grab()
    assert not picture.isNull() and picture.width() > metrics.horizontalAdvance("重点") > 0
