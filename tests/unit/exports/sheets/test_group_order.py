"""A lower group row above every upper group row belongs to none: the register preview says
so, naming the row, instead of importing its projects as if nothing were odd."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from exports.register_source import read_register
from portfolio.register_import import preview

_HEADER = ["序号", "项目名称", "总投资（万元）", "责任单位"]


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目清单"
    ws.append(["XX县2026年重点项目清单"])
    ws.append(_HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_lower_group_above_every_upper_one_is_named(tmp_path: Path, db) -> None:
    path = _sheet(tmp_path / "清单.xlsx", [
        ["（一）", "工业项目"],
        [1, "兰考县智能家居产业园", 50000, "县工信局"],
        [2, "兰考县木业加工园", 8000, "县工信局"],
        ["一、", "新开工项目"],
        ["（一）", "工业项目"],
        [3, "兰考县食品加工园", 30000, "县工信局"],
        ["二、", "续建项目"],
        [4, "兰考县第三高级中学", 20000, "县教育局"],
    ])
    source = read_register(path)
    hint = ("文件 清单.xlsx，工作表 项目清单，第3行：分组「工业项目」排在第一个一级分组"
            "「新开工项目」之前，不属于任何一级分组；其下2个项目（第4—5行）未从一级分组读出"
            "建设性质，请核对")
    assert source.hints == [hint]
    # the projects themselves are read as the file has them: 工业, no 建设性质
    assert [(r.row, r.stage_group, r.category_group) for r in source.rows] == [
        (3, None, "工业"), (4, None, "工业"), (7, "新开工项目", "工业"), (9, "续建项目", None)]
    with db.session() as session:
        assert hint in preview(session, source).warnings


def test_lower_groups_under_upper_ones_or_alone_are_not_named(tmp_path: Path) -> None:
    nested = _sheet(tmp_path / "分级.xlsx", [
        ["一、", "新开工项目"], ["（一）", "工业项目"], [1, "兰考县食品加工园", 30000, "县工信局"],
        ["（二）", "社会事业"], [2, "兰考县第三高级中学", 20000, "县教育局"]])
    alone = _sheet(tmp_path / "一级.xlsx", [
        ["（一）", "工业项目"], [1, "兰考县食品加工园", 30000, "县工信局"],
        ["（二）", "社会事业"], [2, "兰考县第三高级中学", 20000, "县教育局"]])
    assert read_register(nested).hints == []
    assert read_register(alone).hints == []
