"""跳过的行 of the register preview says why for every row it lists: a cost breakdown under a
project ("其中：土建工程") had its 原因 cell left empty, while groups and notes said why."""

from __future__ import annotations

from pathlib import Path

from exports.sheets.rows import RowKind
from tests.office_files import fifth_round_register as fifth
from ui.register_import.models import SKIP_REASONS


def test_every_skipped_row_of_an_office_list_says_why(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.app import build_main_window
    from ui.register_import.flow import RegisterImport

    window = build_main_window(db)
    qtbot.addWidget(window)
    importer = RegisterImport(window.context, window)
    with qtbot.waitSignal(importer.previewShown, timeout=60000) as shown:
        importer.start(fifth.notes_and_breakdown(tmp_path).path)
    model = shown.args[0].models["跳过的行"]
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert ["6", "投资构成分项（不是子项目）", "其中：土建工程",
            "上方项目投资的构成（如土建、设备），已含在该项目中"] in rows
    assert all(row[3] for row in rows), rows


def test_every_kind_of_row_that_is_no_project_has_a_reason() -> None:
    listed = {kind.value for kind in RowKind} - {"项目", "子项目", "空行"}
    assert listed <= set(SKIP_REASONS), listed - set(SKIP_REASONS)


def test_a_since_start_column_left_out_says_why(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """自开工累计完成投资 in a plan is named under the summary with its reason (was:
    已识别，本项不导入, leaving the user to guess)."""
    from ui.app import build_main_window
    from ui.register_import.flow import RegisterImport

    window = build_main_window(db)
    qtbot.addWidget(window)
    importer = RegisterImport(window.context, window)
    with qtbot.waitSignal(importer.previewShown, timeout=60000) as shown:
        importer.start(fifth.since_start_cumulative(tmp_path).path)
    assert ("F列「自开工累计完成投资」：是自开工以来的累计，不是某一年的数，不导入"
            in shown.args[0].left_out.text())
