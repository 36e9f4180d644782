"""read_table over workbooks laid out as offices lay them out, in every format they save."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exports.sheets.rows import RowKind
from exports.sheets.table import read_table
from exports.sheets.values import DateValue, Leader, Years
from tests.unit.exports.sheets import workbooks

FORMATS = ["xlsx", "xls", "ods"]


def _build(tmp_path: Path, builder, name: str, fmt: str) -> Path:
    path = builder(tmp_path / f"{name}.xlsx")
    return path if fmt == "xlsx" else workbooks.convert(path, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_register(tmp_path: Path, fmt: str) -> None:
    table = read_table(_build(tmp_path, workbooks.register, "清单", fmt))
    header = table.header
    assert (header.first_row, header.last_row) == (2, 3)
    assert header.default_unit == "万元"
    assert header.title == "XX县2026年重点项目清单"
    assert header.meta == {"填报单位": "XX县发展和改革委员会"}
    assert (header.period.year, header.period.month, header.period.source) == (2026, 4, "表头")
    assert header.unrecognised == []
    assert [c.field for c in header.columns.values()] == [
        "serial", "name", "code", "stage", "level", "location", "scale", "years",
        "total_investment", "investment_central", "investment_bonds", "annual_plan",
        "ytd_investment", "unit", "leader", "remarks"]
    assert header.column("annual_plan").year == 2026
    assert table.grid.hidden_cols == frozenset({2})  # .xls too (exports/sheets/xls_extras)

    first, second, package = table.projects
    assert first.values == {
        "serial": "1", "name": "年产5万吨新型建材项目", "code": "2503-411425-04-01-123456",
        "stage": "新开工", "level": ("省重点", "市重点"), "location": "产业集聚区",
        "scale": "建设厂房3万平方米", "years": Years(2025, 2026),
        "total_investment": Decimal("52000"), "investment_central": None,
        "investment_bonds": Decimal("10000"), "annual_plan": Decimal("20000"),
        "ytd_investment": Decimal("8650.5"), "unit": "县工信局",
        "leader": (Leader("赵永强", "县委常委、组织部长"),), "remarks": None}
    assert second.values["years"] == Years(2025, 2027, 3, 12)
    assert second.values["total_investment"] == Decimal("120000.25")
    assert [p.group("category") for p in table.projects] == ["工业", "工业", "社会事业"]
    assert [(p.row, p.values["name"], p.values["annual_plan"]) for p in package.parts] == [
        (11, "城关镇片区", Decimal("3000")), (12, "东城街道片区", Decimal("5000"))]
    assert package.values["years"] == Years(2026, 2026)
    assert [(s.row, s.kind) for s in table.skipped] == [
        (4, RowKind.TOTAL), (5, RowKind.GROUP), (8, RowKind.SUBTOTAL), (9, RowKind.GROUP),
        (13, RowKind.BLANK), (14, RowKind.NOTE)]
    assert table.problems == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_annual_plan_in_yi(tmp_path: Path, fmt: str) -> None:
    table = read_table(_build(tmp_path, workbooks.annual_plan, "计划", fmt))
    assert table.header.default_unit == "亿元"
    assert {c.unit for c in table.header.columns.values() if c.unit} == {"亿元"}
    hospital, substation, water = table.projects
    assert hospital.values["total_investment"] == Decimal("125000")
    assert [hospital.values[f"q{q}_plan"] for q in range(1, 5)] == [
        Decimal(5000), Decimal(8000), Decimal(9000), Decimal(10000)]
    assert hospital.values["annual_plan"] == Decimal("32000")
    assert hospital.values["planned_start"] == DateValue(dt.date(2026, 3, 1), "month")
    assert hospital.values["planned_finish"] == DateValue(dt.date(2027, 12, 1), "month")
    assert hospital.values["annual_goal"] == "完成主体结构封顶"
    assert substation.values["planned_start"] == DateValue(dt.date(2026, 4, 15))
    assert substation.values["q1_plan"] == Decimal(0)
    assert water.values["total_investment"] == Decimal("34567.89")
    assert water.values["planned_finish"] == DateValue(dt.date(2026, 12, 1), "month")
    assert [p.group("stage") for p in table.projects] == ["新开工项目", "新开工项目", "续建项目"]
    assert table.problems == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_township_return(tmp_path: Path, fmt: str) -> None:
    table = read_table(_build(tmp_path, workbooks.township, "王庄镇", fmt))
    header = table.header
    assert [c.field for c in header.columns.values()] == [
        "serial", "name", "total_investment", "ytd_investment", "progress", "problems",
        "leader", "contact", "phone"]
    assert (header.period.year, header.period.month, header.period.source) == (2026, 4, "标题")
    farmland, sewage, cold_chain = table.projects
    assert farmland.values["ytd_investment"] == Decimal("1200.50")
    assert farmland.values["progress"] == "完成土地平整 1200亩"
    # 存在困难 merged over two projects: each gets the text
    assert farmland.values["problems"] == sewage.values["problems"] == "用地手续未办结"
    assert farmland.values["phone"] == "13800000001"
    assert cold_chain.values["total_investment"] == Decimal("12000")
    assert cold_chain.values["ytd_investment"] is None
    assert cold_chain.values["leader"] == (Leader("周敏"),)
    assert table.problems == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_three_row_header(tmp_path: Path, fmt: str) -> None:
    table = read_table(_build(tmp_path, workbooks.three_row_header, "调度表", fmt))
    header = table.header
    assert (header.first_row, header.last_row) == (1, 4)  # the 栏次 row belongs to it
    assert {c.col: c.field for c in header.columns.values()} == {
        0: "serial", 1: "name", 2: "total_investment", 3: "annual_plan", 4: "ytd_investment",
        5: "planned_start", 6: "actual_start", 7: "started"}
    assert header.column("ytd_investment").text == "投资情况 / 2026年 / 1-3月完成"
    assert (header.period.year, header.period.month) == (2026, 3)
    road, school = table.projects
    assert road.values["actual_start"] == DateValue(dt.date(2026, 3, 20))
    assert (road.values["started"], school.values["started"]) == (True, False)
    assert school.values["planned_start"] == DateValue(dt.date(2026, 5, 1), "month")


def test_gbk_csv(tmp_path: Path) -> None:
    table = read_table(workbooks.gbk_csv(tmp_path / "进展.csv"))
    assert table.header.column("total_investment").unit == "亿元"
    battery, logistics = table.projects
    assert battery.values["total_investment"] == Decimal("25000")
    assert battery.values["ytd_investment"] == Decimal("1200")
    assert logistics.values["total_investment"] == Decimal("8000")  # "8000万" overrides 亿元
    assert logistics.values["progress"] == "主体施工过半"
    assert [s.kind for s in table.skipped] == [RowKind.TOTAL]


def test_text_in_money_names_file_sheet_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "王庄镇.xlsx"
    workbooks.township(path)
    wb = openpyxl.load_workbook(path)
    wb.active["C4"] = "待定"
    wb.save(path)
    table = read_table(path)
    assert table.projects[1].values["total_investment"] is None
    assert table.problems == [
        "文件 王庄镇.xlsx，工作表 Sheet1，第4行「总投资（万元）」列："
        "应为金额（万元），不能是「待定」"]


def test_money_merged_over_rows_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "王庄镇.xlsx"
    workbooks.township(path)
    wb = openpyxl.load_workbook(path)
    wb.active.merge_cells("C3:C4")
    wb.save(path)
    table = read_table(path)
    assert table.problems == [
        "文件 王庄镇.xlsx，工作表 Sheet1「总投资（万元）」列：第3—4行的金额单元格跨行合并，"
        "无法分到各个项目，请取消合并后分别填写"]


def test_state_written_in_the_actual_start_column(tmp_path: Path) -> None:
    """"未开工"/"已开工" under 实际开工时间 is the started state without a date, not an error;
    a 是否开工 column, when there is one, says it first."""
    path = tmp_path / "明细.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "总投资", "实际开工时间", "实际竣工时间"])
    ws.append([1, "第三高级中学新建项目", 38000, dt.datetime(2026, 3, 28), "未竣工"])
    ws.append([2, "220千伏输变电工程", 21000, "未开工", None])
    ws.append([3, "城区老旧小区改造项目", 18650, "已开工", "—"])
    ws.append([4, "乡村振兴示范区基础设施项目", 6800, "开工了", None])
    wb.save(path)
    table = read_table(path)
    values = [p.values for p in table.projects]
    assert values[0]["actual_start"] == DateValue(dt.date(2026, 3, 28))
    assert "started" not in values[0] and values[0]["actual_finish"] is None
    assert (values[1]["actual_start"], values[1]["started"]) == (None, False)
    assert (values[2]["actual_start"], values[2]["started"]) == (None, True)
    assert table.problems == [
        "文件 明细.xlsx，工作表 Sheet，第5行「实际开工时间」列："
        "应为日期（如 2026年3月 或 2026-03-15），不能是「开工了」"]


def _township_without_numerals(path: Path) -> Path:
    """A township's table: groups written without "一、", the month as "截至4月底" in the title,
    its 盖章 and 签字 lines under the table."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["XX镇2026年重点项目进展情况表（截至4月底）"],
                [None, None, None, None, "单位：万元"],
                ["序号", "项目名称", "总投资", "年度计划", "今年以来累计完成", "进展情况"],
                [None, "合 计", 300, 150, 70],
                [None, "新开工项目", 100, 50, 20],
                [1, "甲镇污水处理厂建设项目", 100, 50, 20, "施工中"],
                [None, "社会民生类（1个）", 200, 100, 50],
                [2, "乙镇卫生院综合楼项目", 200, 100, 50, "主体完工"],
                [],
                ["填报单位（盖章）：XX镇人民政府"],
                ["主要领导签字：", None, None, "报送日期：2026年5月3日"]):
        ws.append(row)
    wb.save(path)
    return path


def test_groups_without_numerals_are_not_projects(tmp_path: Path) -> None:
    table = read_table(_township_without_numerals(tmp_path / "镇.xlsx"))
    assert [(p.row + 1, p.values["name"], p.group("stage"), p.group("category"))
            for p in table.projects] == [
        (6, "甲镇污水处理厂建设项目", "新开工项目", None),
        (8, "乙镇卫生院综合楼项目", None, "社会民生")]
    assert [(s.row + 1, s.kind) for s in table.skipped] == [
        (4, RowKind.TOTAL), (5, RowKind.GROUP), (7, RowKind.GROUP), (9, RowKind.BLANK),
        (10, RowKind.NOTE), (11, RowKind.NOTE)]
    assert table.problems == []
    assert (table.header.period.year, table.header.period.month) == (2026, 4)


@pytest.mark.parametrize(("title", "period"), [
    ("XX镇2026年重点项目进展情况表（截至4月底）", (2026, 4)),
    ("王庄镇重点项目4月份进展情况（2026年）", (2026, 4)),
    ("重点项目推进情况（截止2026年3月末）", (2026, 3)),
    ("XX县2026年重点项目清单", (2026, None)),
])
def test_period_from_title(tmp_path: Path, title: str, period: tuple) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in ([title], ["序号", "项目名称", "总投资", "今年以来累计完成"],
                [1, "甲镇污水处理厂建设项目", 100, 20]):
        ws.append(row)
    wb.save(tmp_path / "t.xlsx")
    found = read_table(tmp_path / "t.xlsx").header.period
    assert found is not None and (found.year, found.month) == period


#: cells as calamine gives them: figures, words for nothing, full-width text, untidy text
BATCH_CELLS = [1.0, 12.5, 1e16, 0.1 + 0.2, -3.0, 123456789012345.0, 1e15, 52000.25, 3, True,
               0, 0.0, False, "x", " 无 ", "—", "", " ", "２", "ｎ/ａ", "a b", "主体\n施工",
               "县工信局　", dt.date(2026, 3, 1), "1.2亿", "3000万元", "约500"]


@pytest.mark.parametrize("column", ["text", "money"])
def test_a_column_read_at_once_reads_as_cell_by_cell(column: str) -> None:
    """The batch parsers (plain text and figures without a call each) give what the one-cell
    parsers give, down to the Decimal's exponent, and leave every other cell to them."""
    from exports.sheets import table as t
    from exports.sheets.values import ValueProblem

    single, batch = (t._text_or_none, t._text_batch) if column == "text" else (
        t._money("万元"), t._money_batch)
    untidy = ("主体\n施工", "县工信局　")  # a column holding one is read one by one
    cells = [c for c in BATCH_CELLS if c not in untidy]
    fast = batch(cells)
    assert sum(v is not t._SLOW for v in fast) >= 5
    for cell, value in zip(cells, fast, strict=True):
        if value is t._SLOW:
            continue
        try:
            expected = single(cell)
        except ValueProblem:
            pytest.fail(f"{cell!r} read at once, yet the cell alone is a problem")
        assert (value, type(value), str(value)) == (expected, type(expected), str(expected))
    if column == "text":
        assert all(v is t._SLOW for v in batch(BATCH_CELLS))


def test_a_unit_line_naming_counts_and_money(tmp_path: Path) -> None:
    """"单位：个、亿元" (a summary's counts in 个, its money in 亿元): the money is in 亿元."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["重点项目清单"])
    ws.append([None, None, "单位：个、亿元"])
    ws.append(["序号", "项目名称", "总投资"])
    ws.append([1, "县人民医院新院区建设项目", 12.5])
    path = tmp_path / "个亿元.xlsx"
    wb.save(path)
    table = read_table(path)
    assert table.header.default_unit == "亿元"
    assert table.projects[0].values["total_investment"] == Decimal("125000")
