"""read_grid: formats, sheet choice, and the Chinese errors for files that cannot be read."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from exports.sheets.grid import (
    ENCRYPTED_MESSAGE,
    SheetError,
    read_grid,
    sheet_names,
    sheet_scores,
)
from tests.unit.exports.sheets import workbooks


def test_picks_the_sheet_with_most_projects(tmp_path: Path) -> None:
    path = workbooks.register(tmp_path / "清单.xlsx")
    wb = openpyxl.load_workbook(path)
    cover = wb.create_sheet("说明", 0)
    cover["A1"] = "本表由各责任单位每月5日前报送"
    wb.save(path)
    assert sheet_names(path) == ["说明", "重点项目清单"]
    assert read_grid(path).sheet == "重点项目清单"
    assert read_grid(path, "说明").sheet == "说明"
    assert read_grid(path, 1).sheet == "重点项目清单"
    assert sheet_scores(path) == [("说明", 0), ("重点项目清单", 5)]
    csv = workbooks.gbk_csv(tmp_path / "报表.csv")
    assert [name for name, _count in sheet_scores(csv)] == ["报表"]  # one sheet, no choice


def test_merged_hidden_and_sum_rows(tmp_path: Path) -> None:
    grid = read_grid(workbooks.register(tmp_path / "清单.xlsx"))
    assert grid.merge_at(0, 7) is not None and grid.merged_value(0, 7) == "XX县2026年重点项目清单"
    assert grid.hidden_cols == frozenset({2})
    assert {5, 8, 9} <= grid.formula_rows


def test_missing_sheet(tmp_path: Path) -> None:
    path = workbooks.township(tmp_path / "王庄镇.xlsx")
    with pytest.raises(SheetError, match=r"文件 王庄镇\.xlsx 中没有名为「汇总表」的工作表"):
        read_grid(path, "汇总表")


def test_truncated_file(tmp_path: Path) -> None:
    path = workbooks.township(tmp_path / "王庄镇.xlsx")
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(SheetError, match="已损坏或不完整"):
        read_grid(path)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("报表.docx", b"PK\x03\x04", "不支持的文件类型「.docx」"),
    ("报表.xlsx", "项目名称\t总投资".encode(), "不是有效的电子表格"),
    ("报表.xls", b"<html><table><tr><td>1</td></tr></table></html>", "实际是网页"),
    ("报表.xlsx", b"", "是空文件"),
])
def test_wrong_type(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SheetError, match=message):
        read_grid(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SheetError, match="找不到文件"):
        read_grid(tmp_path / "无.xlsx")


def test_password_protected_xlsx(tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE container holding EncryptionInfo and EncryptedPackage
    # streams; the directory entries' UTF-16 names are what gives it away.
    path = tmp_path / "加密.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
                     + "EncryptionInfo".encode("utf-16-le") + bytes(100))
    with pytest.raises(SheetError, match=ENCRYPTED_MESSAGE):
        read_grid(path)


def test_renamed_xlsx_saved_as_xls(tmp_path: Path) -> None:
    path = workbooks.township(tmp_path / "王庄镇.xlsx")
    renamed = path.rename(tmp_path / "王庄镇.xls")
    assert read_grid(renamed).text(2, 1) == "王庄镇高标准农田建设项目"


def test_the_sheet_chosen_for_the_user_keeps_every_sheets_count(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表由各单位填报"])
    for name, count in (("工业", 3), ("农业", 2)):
        ws = wb.create_sheet(name)
        ws.append(["序号", "项目名称", "总投资"])
        for i in range(count):
            ws.append([i + 1, f"{name}示范项目{i}", 100])
    wb.save(tmp_path / "分领域.xlsx")
    grid = read_grid(tmp_path / "分领域.xlsx")
    assert grid.sheet == "工业"
    assert grid.sheet_rows == (("说明", 0), ("工业", 3), ("农业", 2))
    assert read_grid(tmp_path / "分领域.xlsx", "农业").sheet_rows == ()
