"""文件 → 导入规划文件 driven offscreen: each candidate's verdict, reason and evidence shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from db.session import Database
from ui.context import AppContext
from ui.extract.dialog import ExtractDialog
from ui.extract.model import Decision, ReviewModel

PLAN = (
    "专栏3 “十四五”期间新增学校\n"
    "（1）驻马店经济开发区置地二小：位于洪河大道与金沙路交叉口西北侧，占地29.45亩，"
    "计划投资6000万元，新增1080个学位。\n"
    "兰考县获评全国数字乡村示范县。支持兰考县中心医院创建三级医院。\n"
)


def _dialog(db: Database, qtbot: QtBot, tmp_path: Path) -> ExtractDialog:
    path = tmp_path / "规划.txt"
    path.write_text(PLAN, encoding="utf-8")
    dialog = ExtractDialog(AppContext(db))
    qtbot.addWidget(dialog)
    assert dialog.load(path)
    return dialog


def _row(dialog: ExtractDialog, name: str) -> int:
    [row] = [r for r, item in enumerate(dialog.model.rows) if item.candidate.name == name]
    return row


def test_a_proposal_shows_its_verdict_and_the_words_behind_each_reading(
    db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _dialog(db, qtbot, tmp_path)
    row = _row(dialog, "驻马店经济开发区置地二小")
    model = dialog.model
    assert model.headerData(ReviewModel.VERDICT, Qt.Orientation.Horizontal) == "提取建议"
    assert model.index(row, ReviewModel.VERDICT).data() == "建议导入"
    assert model.index(row, ReviewModel.DECISION).data() == "待定"
    assert model.index(row, ReviewModel.LOCATION).data() == "洪河大道与金沙路交叉口西北侧"
    dialog.view.selectRow(row)
    shown = dialog.context_view.toPlainText().splitlines()
    assert shown[:6] == [
        "提取建议：建议导入",
        "名称依据（第 2 行）：驻马店经济开发区置地二小",
        "总投资依据（第 2 行）：计划投资6000万元",
        "规模依据（第 2 行）：29.45亩",
        "规模依据（第 2 行）：1080个学位",
        "地点依据（第 2 行）：洪河大道与金沙路交叉口西北侧",
    ]
    assert shown[6].startswith("第 2 行：（1）驻马店经济开发区置地二小：位于")
    tooltip = model.index(row, ReviewModel.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert "总投资：“计划投资6000万元”（第 2 行）" in tooltip


def test_what_was_set_aside_shows_its_reason_and_evidence_and_starts_rejected(
    db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _dialog(db, qtbot, tmp_path)
    model = dialog.model
    grade = _row(dialog, "三级医院")
    assert model.rows[grade].decision is Decision.REJECTED
    assert model.index(grade, ReviewModel.VERDICT).data() == "建议不导入"
    hint = model.index(grade, ReviewModel.HINT).data()
    assert hint == "可能不是项目：等级评定的目标，不是建设项目"
    dialog.view.selectRow(grade)
    shown = dialog.context_view.toPlainText().splitlines()
    assert shown[0] == "提取建议：建议不导入　理由：等级评定的目标，不是建设项目"
    assert "理由依据（第 3 行）：支持兰考县中心医院创建三级医院。" in shown
    honour = _row(dialog, "兰考县获评全国数字乡村示范县")
    dialog.view.selectRow(honour)
    assert "理由：争创的称号，不是建设项目" in dialog.context_view.toPlainText()
    # a person may overrule the extractor: accepting keeps the verdict shown beside it
    dialog.decide(Decision.ACCEPTED)
    assert model.index(honour, ReviewModel.DECISION).data() == "接受"
    assert model.index(honour, ReviewModel.VERDICT).data() == "建议不导入"
    assert dialog.counts.text().startswith("接受 1　拒绝 1　待定 1")


def test_the_review_model_passes_the_model_tester(
    db: Database, qtbot: QtBot, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    dialog = _dialog(db, qtbot, tmp_path)
    qtmodeltester.check(dialog.model)
