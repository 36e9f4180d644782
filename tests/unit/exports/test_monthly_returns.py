"""Monthly returns as townships send them back (their own wording, layouts and file formats)
imported through the real ``import xlsx`` command, with the figures checked afterwards by
``status``; bad input says where and changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import event, select

from db.models import AnnualPlan, MonthlyReport, Project
from db.session import Database, open_database
from exports import xlsx_import
from portfolio import projects
from portfolio.periods import Period
from portfolio.projects import ProjectData
from tests.helpers import run_portfolio
from tests.unit.exports.sheets.workbooks import convert

D = Decimal
APRIL = Period(2026, 4)
NAMES = ("王庄镇农产品冷链物流园", "王庄镇高标准农田建设", "城关镇污水处理厂提标改造",
         "城关镇老旧小区改造", "李庄乡光伏发电项目", "县第三高级中学")


@pytest.fixture
def county(db: Database) -> dict[str, int]:
    """Six projects, each with 100万元 reported in January, February and March 2026; the
    first five are planned to start in 2026."""
    ids: dict[str, int] = {}
    with db.transaction() as s:
        for index, name in enumerate(NAMES):
            ids[name] = projects.create(s, ProjectData(
                name=name, category="工业", unit="县发改委", total_investment=D("5000"),
                planned_start=dt.date(2026, 3, 1) if index < 5 else None,
                planned_finish=dt.date(2027, 12, 31)))
            s.add(AnnualPlan(project_id=ids[name], year=2026, planned_investment=D("1500"),
                             planned_start_month=4 if index < 5 else None))
            for month in (1, 2, 3):
                s.add(MonthlyReport(project_id=ids[name], year=2026, month=month,
                                    investment=D("100"), progress="施工中"))
    return ids


def _save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def wangzhuang(path: Path) -> Path:
    """The case that once imported nothing: township wording, only 今年以来累计, the month
    only in the title."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "王庄镇2026年4月份重点项目进展情况"
    ws.merge_cells("A1:F1")
    ws["F2"] = "单位：万元"
    ws.append(["序号", "项目名称", "总投资（万元）", "今年以来累计完成（万元）", "工程进展情况",
               "存在困难"])
    ws.append([1, NAMES[0], 5000, 450, "冷库主体完工", "电力增容未批"])
    ws.append([2, NAMES[1], 5000, 520, "完成土地平整1.2万亩", "无"])
    ws.append([])
    ws.append(["填表人：王五", None, None, "审核人：赵六"])
    return _save(wb, path)


def chengguan(path: Path) -> Path:
    """Two-row merged header (2026年 over 年度计划 / 1—4月完成; 开工情况 over 是否开工 /
    实际开工时间), a 合计 row at the top, a group row, and one 需协调解决的问题 cell merged
    over both projects."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "城关镇"
    ws["A1"] = "城关镇重点项目建设进展情况表"
    ws.merge_cells("A1:I1")
    ws["A2"] = "填报单位：城关镇人民政府"
    ws["H2"] = "单位：万元"
    for col, text in zip("ABEFG", ("序号", "项目名称", "当月完成", "形象进度",
                                   "需协调解决的问题"), strict=True):
        ws[f"{col}3"] = text
        ws.merge_cells(f"{col}3:{col}4")
    ws["C3"] = "2026年"
    ws.merge_cells("C3:D3")
    ws["C4"], ws["D4"] = "年度计划", "1—4月完成"
    ws["H3"] = "开工情况"
    ws.merge_cells("H3:I3")
    ws["H4"], ws["I4"] = "是否开工", "实际开工时间"
    ws.append(["合计", None, "=SUM(C7:C8)", "=SUM(D7:D8)", "=SUM(E7:E8)"])
    ws.append(["一、城建项目（2个）"])
    ws.append([1, NAMES[2], 1200, 400.5, 100.5, "设备安装", "用地指标待落实", "已开工",
               "2026年4月"])
    ws.append([2, NAMES[3], 1500, 380, 80, "外墙改造完成60%", None, "√",
               dt.date(2026, 3, 15)])
    ws.merge_cells("G7:G8")
    return _save(wb, path)


def lizhuang(path: Path) -> Path:
    """No month in the sheet at all: only the file name says 2026-04."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "李庄乡重点项目调度表"
    ws.append(["项目名称", "本月完成投资（万元）", "形象进度", "是否开工"])
    ws.append([NAMES[4], 60, "光伏板安装", "是"])
    return _save(wb, path)


def cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_portfolio("--db", db_url, *args)


def snapshot(db_url: str) -> tuple:
    with open_database(db_url) as db, db.session() as s:
        reports = tuple(s.execute(select(
            MonthlyReport.project_id, MonthlyReport.month, MonthlyReport.investment,
            MonthlyReport.progress, MonthlyReport.problems, MonthlyReport.started,
            MonthlyReport.started_on).order_by(MonthlyReport.id)).all())
        starts = tuple(s.execute(select(Project.id, Project.actual_start)).all())
    return reports, starts


def test_township_returns_import_through_the_command_line(
        db: Database, db_url: str, county: dict[str, int], tmp_path: Path) -> None:
    files = [wangzhuang(tmp_path / "王庄镇.xlsx"), chengguan(tmp_path / "城关镇.xlsx"),
             lizhuang(tmp_path / "李庄乡2026-04调度表.xlsx")]
    db.dispose()
    done = cli(db_url, "import", "xlsx", *map(str, files))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2026年4月：新增 5 个项目" in done.stdout, done.stdout
    assert f"{NAMES[0]}（编号{county[NAMES[0]]}）：本月完成投资 150.00；形象进度 冷库主体完工；" \
           "存在问题 电力增容未批" in done.stdout
    assert "是否开工 已开工；开工日期 2026-04-01" in done.stdout
    assert "已导入：5 个项目的2026年4月数据" in done.stdout

    status = cli(db_url, "status", "--period", "2026-04", "--format", "json")
    assert status.returncode == 0, status.stderr
    total = json.loads(status.stdout)["total"]
    # 450 + 520 + 400.5 + 380 + (300 + 60) + 300 (not reported)
    assert D(str(total["ytd"])) == D("2410.50")
    assert (total["planned_starts"], total["actual_starts"]) == (5, 3)

    with open_database(db_url) as reopened, reopened.session() as s:
        got = {r.project_id: r for r in s.scalars(select(MonthlyReport).where(
            MonthlyReport.year == 2026, MonthlyReport.month == 4))}
        starts = dict(s.execute(select(Project.id, Project.actual_start)).all())
    assert got[county[NAMES[0]]].investment == D("150.00")
    assert got[county[NAMES[1]]].problems == "无"
    # the merged 需协调解决的问题 belongs to both rows
    assert got[county[NAMES[2]]].problems == got[county[NAMES[3]]].problems == "用地指标待落实"
    assert starts[county[NAMES[2]]] == dt.date(2026, 4, 1)
    assert starts[county[NAMES[3]]] == dt.date(2026, 3, 15)
    assert got[county[NAMES[4]]].started and starts[county[NAMES[4]]] == dt.date(2026, 4, 1)

    again = cli(db_url, "import", "xlsx", *map(str, files))
    assert "新增 0 个项目，修改 0 个，未变 5 个" in again.stdout, again.stdout


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_old_excel_and_ods_read_as_xlsx(db: Database, county: dict[str, int], tmp_path: Path,
                                       fmt: str) -> None:
    path = convert(chengguan(tmp_path / "城关镇.xlsx"), fmt)
    with db.session() as s:
        result = xlsx_import.preview(s, [path])
    assert not result.errors, [e.text() for e in result.errors]
    assert result.period == APRIL
    got = {c.project_id: c.new for c in result.changes}
    assert got[county[NAMES[2]]] == {
        "investment": D("100.50"), "progress": "设备安装", "problems": "用地指标待落实",
        "started": True, "started_on": dt.date(2026, 4, 1)}
    assert got[county[NAMES[3]]]["problems"] == "用地指标待落实"
    assert got[county[NAMES[3]]]["started_on"] == dt.date(2026, 3, 15)


def test_csv_and_a_month_only_file_name(db: Database, county: dict[str, int],
                                        tmp_path: Path) -> None:
    path = tmp_path / "4月调度.csv"
    path.write_text("2026年重点项目进展\n项目名称,当月完成投资,形象进度\n"
                    f"{NAMES[5]},35.5,教学楼封顶\n", encoding="gbk")
    with db.session() as s:
        result = xlsx_import.preview(s, [path])
    assert not result.errors, [e.text() for e in result.errors]
    assert result.period == APRIL
    assert result.new[0].new == {"investment": D("35.50"), "progress": "教学楼封顶"}


def test_merged_money_is_refused_naming_the_rows(db: Database, county: dict[str, int],
                                                 tmp_path: Path) -> None:
    path = chengguan(tmp_path / "合并.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active.merge_cells("E7:E8")
    wb.save(path)
    with db.session() as s:
        result = xlsx_import.preview(s, [path])
    texts = [e.text() for e in result.errors]
    assert texts == ["文件“合并.xlsx”，工作表“城关镇”，第7行E列（当月完成）："
                     "第7—8行为合并单元格，金额无法分到各个项目，请取消合并并逐行填写后再导入"]
    assert not result.can_apply(skip_unresolved=True)


def test_the_month_is_needed_and_must_agree(db: Database, db_url: str, county: dict[str, int],
                                            tmp_path: Path) -> None:
    undated = lizhuang(tmp_path / "李庄乡调度表.xlsx")
    before = snapshot(db_url)
    with db.session() as s:
        texts = [e.text() for e in xlsx_import.preview(s, [undated]).errors]
        assert len(texts) == 1 and "无法确定报告月份" in texts[0] and "--period" in texts[0]
        assert not xlsx_import.preview(s, [undated], period=APRIL).errors
        texts = [e.text() for e in xlsx_import.preview(
            s, [wangzhuang(tmp_path / "王庄镇.xlsx")], period=Period(2026, 5)).errors]
    assert texts == ["文件“王庄镇.xlsx”，工作表“Sheet1”：指定的导入月份为2026年5月，但文件的"
                     "标题“王庄镇2026年4月份重点项目进展情况”表明为2026年4月，二者不一致；"
                     "请核对文件，或改正指定的月份"]
    db.dispose()
    done = cli(db_url, "import", "xlsx", str(undated))
    assert done.returncode == 1 and "无法确定报告月份" in done.stdout
    assert snapshot(db_url) == before


def test_nothing_imported_always_says_why(db: Database, county: dict[str, int],
                                          tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "王庄镇2026年4月份重点项目"
    ws.append(["序号", "项目名称", "总投资", "完成额", "推进情况"])
    ws.append([1, NAMES[0], 5000, 150, "冷库主体完工"])
    no_figures = _save(wb, tmp_path / "无可导入列.xlsx")
    empty = wangzhuang(tmp_path / "空表.xlsx")
    wb = openpyxl.load_workbook(empty)
    for row in (4, 5):
        for col in (4, 5, 6):
            wb.active.cell(row, col).value = None
    wb.save(empty)
    with db.session() as s:
        result = xlsx_import.preview(s, [no_figures])
        assert [e.text() for e in result.errors] == [
            "文件“无可导入列.xlsx”，工作表“Sheet”：没有识别出可导入的列（本月完成投资、"
            "1—N月完成投资、形象进度、存在问题、下步计划、是否开工、实际开工时间）；"
            "已识别的列：“序号”、“项目名称”、“总投资”；未识别的列：“完成额”、“推进情况”。"
            "如表头用词不同，请用 --mapping 指定各列的含义"]
        result = xlsx_import.preview(s, [empty])
        assert not result.errors and not result.changes
        assert "提示 1 条" in result.summary()
        warning = result.warnings[0].text()
        assert "表中没有可导入的项目行" in warning and "“今年以来累计完成（万元）”" in warning


def test_a_mapping_file_names_what_recognition_missed(
        db: Database, db_url: str, county: dict[str, int], tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "王庄镇2026年4月份重点项目"
    ws.append(["序号", "项目名称", "总投资", "完成额", "情况说明", "形象进度"])
    ws.append([1, NAMES[0], 5000, 150, "冷库主体完工", "旧的说法"])
    path = _save(wb, tmp_path / "映射.xlsx")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"columns": {
        "完成额": "month_investment", "情况说明": "progress", "形象进度": "ignore"}},
        ensure_ascii=False), encoding="utf-8")
    db.dispose()
    done = cli(db_url, "import", "xlsx", str(path), "--mapping", str(mapping), "--dry-run")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "本月完成投资 150.00；形象进度 冷库主体完工" in done.stdout, done.stdout
    mapping.write_text('{"columns": {"完成额": "本月"}}', encoding="utf-8")
    done = cli(db_url, "import", "xlsx", str(path), "--mapping", str(mapping))
    assert done.returncode == 1 and "“完成额”对应的字段“本月”不存在" in done.stderr


def test_thirty_returns_are_previewed_with_as_many_queries_as_one(
        db: Database, county: dict[str, int], tmp_path: Path) -> None:
    """The database is read once per preview, not once per file or line: thirty townships'
    returns cost the queries of one (their speed is measured in ``benchmarks/sheets.py``)."""
    files = [wangzhuang(tmp_path / f"镇{i}.xlsx") for i in range(30)]
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    def queries(paths: list[Path]) -> tuple[int, xlsx_import.ImportPreview]:
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            with db.session() as s:
                result = xlsx_import.preview(s, paths)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(statements), result

    one, single = queries(files[:1])
    thirty, result = queries(files)
    assert 0 < one == thirty
    assert len(result.changes) == len(single.changes) == 2 and not result.conflicts
    assert [c.new for c in result.changes] == [c.new for c in single.changes]
    assert len(result.changes[0].sources) == 30
