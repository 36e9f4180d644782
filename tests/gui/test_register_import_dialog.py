"""文件 → 导入项目清单 driven offscreen: an office's own workbook in, the preview's counts,
the import's exact figures, the column mapping when 项目名称 cannot be recognised, and named
mapping profiles saved and reused."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QInputDialog

from db.queries import ProjectFilter
from db.session import Database
from portfolio import overview, projects
from portfolio.periods import Period
from portfolio.register_import import profiles
from tests.unit.exports.sheets import workbooks
from ui.app import build_main_window
from ui.register_import.dialog import RegisterPreviewDialog
from ui.register_import.flow import RegisterImport, SheetDialog
from ui.register_import.mapping import MappingDialog

D = Decimal
WAIT = 60000
#: 总投资 of the list in 亿元, by cell: the five projects' 180000.25万元 (the package's 8000 on
#: its two parts) and the 其中 columns beside it
YI_YUAN = {"I7": 5.2, "K7": 1, "I8": 12.000025, "J8": 0.3, "I11": 0.8, "J11": 0.5, "K11": 0,
           "I12": 0.5, "I13": 0.3}


def office_list(path: Path, name_header: str = "项目名称") -> Path:
    """The shared 重点项目清单 (merged title, two-row header, groups, 小计/合计, 其中 parts, a
    hidden 项目代码) with 总投资 in 亿元 and a 填报说明 sheet before it."""
    workbooks.register(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["重点项目清单"]
    ws["I3"] = "总投资（亿元）"
    ws["B3"] = name_header
    for cell, value in YI_YUAN.items():
        ws[cell] = value
    notes = wb.create_sheet("填报说明", 0)
    for line in ("填报说明", "1. 金额单位除注明外均为万元", "2. 打包项目请分列子项目",
                 "3. 请于每月5日前报送"):
        notes.append([line])
    wb.save(path)
    return path


@pytest.fixture
def window(db: Database, qtbot):  # type: ignore[no-untyped-def]
    main = build_main_window(db)
    qtbot.addWidget(main)
    main.show()
    return main


def _start(qtbot, window, path: Path) -> tuple[RegisterImport, SheetDialog]:  # type: ignore[no-untyped-def]
    importer = window.import_register(path)
    with qtbot.waitSignal(importer.sheetsShown, timeout=WAIT) as shown:
        pass
    return importer, shown.args[0]


def _preview(qtbot, window, path: Path) -> tuple[RegisterImport, RegisterPreviewDialog]:  # type: ignore[no-untyped-def]
    importer, sheets = _start(qtbot, window, path)
    with qtbot.waitSignal(importer.previewShown, timeout=WAIT) as shown:
        sheets.accept()
    return importer, shown.args[0]


def _cells(model) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def _totals(db: Database) -> tuple[int, int, Decimal]:
    with db.session() as session:
        total = overview.compute(session, Period(2026, 4), ProjectFilter()).total
        return projects.count(session), total.project_count, total.total_investment


def test_sheets_are_listed_with_their_project_rows(qtbot, window, tmp_path: Path) -> None:
    _importer, sheets = _start(qtbot, window, office_list(tmp_path / "清单.xlsx"))
    assert [sheets.list.item(i).text() for i in range(sheets.list.count())] == [
        "填报说明（0 行）", "重点项目清单（5 行）"]
    assert sheets.chosen() == "重点项目清单"


def test_preview_counts_then_import_writes_the_exact_figures(qtbot, window, db,
                                                             tmp_path: Path) -> None:
    importer, dialog = _preview(qtbot, window, office_list(tmp_path / "清单.xlsx"))
    assert dialog.summary.text() == "新增 5 / 修改 0 / 无变化 0 / 跳过 5 行 / 错误 0 / 提示 1"
    assert dialog.tab_titles() == ["新增（5）", "修改（0）", "跳过的行（5）", "新建单位和领导（8）",
                                   "错误（0）", "提示（1）", "列识别（16）"]
    new = _cells(dialog.models["新增"])
    assert new[1] == ["8", "智能装备产业园", "续建", "工业", "120000.25", "县发改委", "李明",
                      "30000.00"]
    assert new[3][:2] == ["12", "城关镇片区（县城老旧小区改造打包项目的子项目）"]
    skipped = _cells(dialog.models["跳过的行"])
    assert ["6", "分组", "一、工业项目（2个）", "分组标题，不是项目"] in skipped
    assert ["9", "小计", "工业项目小计", "小计行，由项目行相加"] in skipped
    assert [r[1] for r in skipped].count("表尾说明") == 1
    created = _cells(dialog.models["新建单位和领导"])
    assert ["领导", "赵永强", "新建，职务：县委常委、组织部长"] in created
    assert ["责任单位", "县工信局", "新建"] in created
    columns = _cells(dialog.models["列识别"])
    assert ["C（隐藏）", "项目代码", "项目代码"] in columns
    assert ["I", "总投资（亿元） / 合计", "总投资（亿元）"] in columns
    # a monthly figure says where it is imported instead (was: 已识别，本项不导入)
    assert ["M", "2026年 / 1—4月完成",
            "是月度进展，不随项目清单导入：请用“报表 → 导入Excel…”导入当月调度表"] in columns
    assert "M列「2026年 / 1—4月完成」：是月度进展" in dialog.left_out.text()
    assert "没有2026年内的计划开工月份" in _cells(dialog.models["提示"])[0][1]
    assert dialog.import_button.isEnabled() and not dialog.blocked.isVisible()

    messages: list[str] = []
    window.context.statusMessage.connect(messages.append)
    with qtbot.waitSignal(importer.imported, timeout=WAIT):
        dialog.import_button.click()
    # five projects, the package counted once through its parts: 18.000025亿元
    assert _totals(db) == (5, 3, D("180000.25"))
    assert messages == ["已导入项目清单 清单.xlsx：新增 5 个项目，修改 0 个，写入 5 个2026年度计划"]
    assert window.count_label.text() == "共 5 个项目"


def test_a_corrected_list_shows_each_changed_field(qtbot, qtmodeltester, window, db,
                                                   tmp_path: Path) -> None:
    path = office_list(tmp_path / "清单.xlsx")
    importer, dialog = _preview(qtbot, window, path)
    with qtbot.waitSignal(importer.imported, timeout=WAIT):
        dialog.import_button.click()
    wb = openpyxl.load_workbook(path)
    wb["重点项目清单"]["I8"] = 12.5
    wb["重点项目清单"]["O7"] = "赵永强（县委副书记）"
    wb.save(path)
    _importer, dialog = _preview(qtbot, window, path)
    assert dialog.summary.text() == "新增 0 / 修改 1 / 无变化 4 / 跳过 5 行 / 错误 0 / 提示 1"
    assert dialog.tab_titles()[1] == "修改（1）"
    assert dialog.views["修改"] is dialog.tabs.currentWidget()
    changed = _cells(dialog.models["修改"])
    assert changed[0][0] == "8" and changed[0][1].startswith("智能装备产业园（编号")
    assert changed[0][2:] == ["总投资", "120000.25", "125000.00"]
    assert ["领导", "赵永强", "职务：县委常委、组织部长 → 县委副书记"] in _cells(
        dialog.models["新建单位和领导"])
    for model in dialog.models.values():
        qtmodeltester.check(model)


def test_an_error_disables_import_and_says_why(qtbot, window, db, tmp_path: Path) -> None:
    path = office_list(tmp_path / "清单.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["重点项目清单"]["I8"] = "约十二亿"
    wb.save(path)
    _importer, dialog = _preview(qtbot, window, path)
    assert dialog.summary.text().endswith("错误 1 / 提示 1")
    assert dialog.views["错误"] is dialog.tabs.currentWidget()
    assert "第8行「总投资（亿元） / 合计」列" in _cells(dialog.models["错误"])[0][1]
    assert not dialog.import_button.isEnabled()
    assert dialog.blocked.text().startswith("有 1 处错误（见“错误”页），不能导入")
    assert _totals(db)[0] == 0


def _mapping(qtbot, window, path: Path) -> tuple[RegisterImport, MappingDialog]:  # type: ignore[no-untyped-def]
    importer, sheets = _start(qtbot, window, path)
    with qtbot.waitSignal(importer.mappingShown, timeout=WAIT) as shown:
        sheets.accept()
    return importer, shown.args[0]


def test_an_unrecognised_name_column_opens_the_mapping(qtbot, qtmodeltester, window, db,
                                                       tmp_path: Path) -> None:
    importer, mapping = _mapping(qtbot, window, office_list(tmp_path / "清单.xlsx", "工程名称"))
    assert mapping.message.text().startswith("工作表「重点项目清单」的表头中没有识别出“项目名称”列")
    assert mapping.message.isVisible()
    rows = _cells(mapping.model)
    samples = "年产5万吨新型建材项目｜智能装备产业园｜县城老旧小区改造打包项目"
    assert rows[1] == ["B", "工程名称", samples, "忽略此列"]
    assert rows[8][1:] == ["总投资（亿元） / 合计", "5.2｜12.000025｜0.8", "总投资"]
    assert mapping.problem.text() == "请指定哪一列是“项目名称”"
    assert not mapping.ok_button.isEnabled()
    qtmodeltester.check(mapping.model)

    box = mapping.view.indexWidget(mapping.model.index(1, 3))  # the drop-down, as a user picks
    box.setCurrentIndex(box.findText("项目名称"))
    assert mapping.model.keys[1] == "name" and mapping.ok_button.isEnabled()
    box = mapping.view.indexWidget(mapping.model.index(2, 3))
    box.setCurrentIndex(box.findText("项目名称"))
    assert "对应了多列" in mapping.problem.text() and not mapping.ok_button.isEnabled()
    mapping.choose("项目代码", "code")
    with qtbot.waitSignal(importer.previewShown, timeout=WAIT) as shown:
        mapping.ok_button.click()
    dialog = shown.args[0]
    assert dialog.summary.text() == "新增 5 / 修改 0 / 无变化 0 / 跳过 5 行 / 错误 0 / 提示 1"
    assert ["B", "工程名称", "项目名称"] in _cells(dialog.models["列识别"])
    with qtbot.waitSignal(importer.imported, timeout=WAIT):
        dialog.import_button.click()
    assert _totals(db) == (5, 3, D("180000.25"))


def test_a_saved_mapping_is_reused_and_is_the_command_lines(
    qtbot, window, db, data_folder: Path, tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    path = office_list(tmp_path / "城建局清单.xlsx", "工程名称")
    _importer, mapping = _mapping(qtbot, window, path)
    mapping.choose("工程名称", "name")
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("城建局清单", True))
    mapping.save_button.click()
    saved = data_folder / "import-mappings" / "城建局清单.json"
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["name"] == "城建局清单" and data["sheet"] == "重点项目清单"
    assert data["columns"]["工程名称"] == "name"
    assert data["columns"]["总投资（亿元） / 合计"] == "total_investment"
    assert data["columns"]["2026年 / 1—4月完成"] == "ignore"
    assert profiles.names() == ["城建局清单"]
    assert mapping.saved.currentText() == "城建局清单"
    mapping.reject()

    importer, mapping = _mapping(qtbot, window, path)  # another day, the same office's file
    assert mapping.model.keys[1] == "ignore"
    mapping.use_saved("城建局清单")
    assert mapping.model.keys[1] == "name" and mapping.ok_button.isEnabled()
    with qtbot.waitSignal(importer.previewShown, timeout=WAIT) as shown:
        mapping.ok_button.click()
    dialog = shown.args[0]
    assert dialog.summary.text().startswith("新增 5 / 修改 0")
    # the preview's 列对应… opens the mapping again, on the profile in use
    with qtbot.waitSignal(importer.mappingShown, timeout=WAIT) as shown:
        dialog.mapping_button.click()
    again = shown.args[0]
    assert again.saved.currentText() == "城建局清单" and again.model.keys[1] == "name"
    again.reject()  # back to the preview, still open behind it
    assert dialog.isVisible() and again.parent() is dialog


def test_a_hidden_last_year_plan_column_says_why_it_is_not_imported(
        qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.office_files.third_round_register import plan_with_hidden_last_year

    file = plan_with_hidden_last_year(tmp_path)
    importer = window.import_register(file.path)  # one sheet: straight to the preview
    with qtbot.waitSignal(importer.previewShown, timeout=WAIT) as shown:
        pass
    dialog = shown.args[0]
    columns = _cells(dialog.models["列识别"])
    assert ["E（隐藏）", "年度投资计划 / 2025年计划投资",
            "隐藏列，未导入（写的是2025年）"] in columns
    assert ["F", "年度投资计划 / 2026年计划投资", "年度计划投资"] in columns
    assert dialog.import_button.isEnabled()
