"""A project listed twice in one register file: imported once with both rows named, or
refused when the rows disagree on money; a 编号 and a 项目代码 of two projects refused."""

from __future__ import annotations

from decimal import Decimal

from portfolio import register_import
from portfolio.register_import.records import RegisterSource, SourceColumn, SourceRow

D = Decimal
COLUMNS = [SourceColumn(t, k) for t, k in (
    ("编号", "id"), ("项目名称", "name"), ("项目代码", "code"), ("责任单位", "unit"),
    ("总投资", "total_investment"), ("2026年计划", "annual_plan"))]


def _source(*rows: SourceRow) -> RegisterSource:
    return RegisterSource("清单.xlsx", "Sheet1", ("Sheet1",), COLUMNS, list(rows))


def _row(row: int, name: str, **values: object) -> SourceRow:
    return SourceRow(row, {"name": name, **values})


def test_twice_with_other_words_is_imported_once_naming_what_was_not_used(db) -> None:
    first = _row(4, "S312线堌阳—仪封段改建工程", unit="县交通运输局",
                 total_investment=D("18600"), annual_plan=D("9000"))
    second = _row(9, "S312线堌阳-仪封段改建工程", unit="县公路事业发展中心",
                  total_investment=D("18600"))  # 年度计划 blank: says nothing
    with db.session() as s:
        result = register_import.preview(s, _source(first, second))
    assert result.errors == []
    assert [(r.row, r.status) for r in result.rows] == [(4, "new")]
    assert result.warnings == [
        "文件 清单.xlsx，工作表 Sheet1，第10行：与第5行是同一个项目“S312线堌阳-仪封段改建工程”"
        "（名称相同），只导入一次，按第5行的数据；本行的项目名称「S312线堌阳-仪封段改建工程」"
        "（第5行为「S312线堌阳—仪封段改建工程」）、责任单位「县公路事业发展中心」"
        "（第5行为「县交通运输局」）未采用"]
    assert result.new_units == ["县交通运输局"]


def test_twice_with_another_plan_is_refused(db) -> None:
    first = _row(4, "县中医院门诊综合楼项目", code="2510-410225-04-01-100005",
                 total_investment=D("15000"), annual_plan=D("6000"))
    second = _row(9, "县中医院门诊综合楼", code="2510—410225—04—01—100005",
                  total_investment=D("15000"), annual_plan=D("6500"))
    with db.session() as s:
        result = register_import.preview(s, _source(first, second))
    assert result.errors == [
        "文件 清单.xlsx，工作表 Sheet1，第10行：与第5行是同一个项目“县中医院门诊综合楼”"
        "（项目代码「2510-410225-04-01-100005」相同），但金额不同（年度计划投资第5行为6000.00、"
        "第10行为6500.00）；请核对后在文件中只保留一行再导入"]
    assert not result.can_apply


def test_a_number_and_a_code_of_two_projects_are_refused(db) -> None:
    rows = [_row(4, "甲项目", code="2510-1"), _row(5, "乙项目", code="2510-2")]
    with db.session() as s:
        register_import.apply(db, register_import.preview(s, _source(*rows)))
    with db.session() as s:
        result = register_import.preview(s, _source(_row(6, "乙项目", id="2", code="2510-1")))
    assert result.errors == [
        "文件 清单.xlsx，工作表 Sheet1，第7行「项目代码」列：项目代码「2510-1」属于“甲项目”"
        "（编号1），与本行的编号 2 不是同一个项目，请核对"]


def test_twice_with_a_plan_only_on_the_second_row_is_refused(db) -> None:
    first = _row(4, "黄河湾田园综合体项目", total_investment=D("32000"))
    second = _row(9, "黄河湾田园综合体项目", annual_plan=D("7000"))
    with db.session() as s:
        result = register_import.preview(s, _source(first, second))
    assert result.errors == [
        "文件 清单.xlsx，工作表 Sheet1，第10行：与第5行是同一个项目“黄河湾田园综合体项目”"
        "（名称相同），但金额不同（年度计划投资第5行为（空）、第10行为7000.00）；"
        "请核对后在文件中只保留一行再导入"]


def test_twice_on_a_held_project_names_what_the_first_row_said(db) -> None:
    """The first row changes nothing (the register holds it all): what it said still counts."""
    held = _row(4, "县第一高级中学迁建项目", unit="县教育局", total_investment=D("26000"),
                annual_plan=D("8000"))
    with db.session() as s:
        register_import.apply(db, register_import.preview(s, _source(held)))
    again = _row(9, "县第一高级中学迁建项目", unit="县教育局", total_investment=D("26000"),
                 annual_plan=D("8000"))
    other = _row(12, "县第一高级中学迁建项目", annual_plan=D("8500"))
    with db.session() as s:
        same = register_import.preview(s, _source(held, again))
        refused = register_import.preview(s, _source(held, other))
    assert [(r.row, r.status) for r in same.rows] == [(4, "unchanged")]
    assert same.errors == [] and same.warnings == [
        "文件 清单.xlsx，工作表 Sheet1，第10行：与第5行是同一个项目“县第一高级中学迁建项目”"
        "（名称相同），只导入一次，按第5行的数据；两行内容相同"]
    assert refused.errors == [
        "文件 清单.xlsx，工作表 Sheet1，第13行：与第5行是同一个项目“县第一高级中学迁建项目”"
        "（名称相同），但金额不同（年度计划投资第5行为8000.00、第13行为8500.00）；"
        "请核对后在文件中只保留一行再导入"]
