"""The register import's domain on plain records: matching, diffs, plans, all-or-nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from db.models import Project
from portfolio import plans, projects, register_import
from portfolio.matching import BY_CODE, CODE_DIFFERS, ProjectMatcher
from portfolio.projects import ProjectData
from portfolio.register_import import profiles
from portfolio.register_import.line_reading import quarter_months
from portfolio.register_import.records import (
    LeaderName,
    RegisterSource,
    SourceColumn,
    SourceDate,
    SourceRow,
    YearSpan,
)

D = Decimal
COLUMNS = [SourceColumn(t, k) for t, k in (
    ("项目名称", "name"), ("项目代码", "code"), ("建设性质", "stage"),
    ("总投资", "total_investment"),
    ("2026年计划", "annual_plan"), ("一季度", "q1_plan"), ("二季度", "q2_plan"),
    ("三季度", "q3_plan"), ("四季度", "q4_plan"), ("年度目标", "annual_goal"),
    ("包联领导", "leader"), ("建设起止年限", "years"), ("计划开工", "planned_start"))]


def _source(*rows: SourceRow) -> RegisterSource:
    return RegisterSource("清单.xlsx", "Sheet1", ("Sheet1", "汇总"), COLUMNS, list(rows))


def _row(row: int, name: str, **values: object) -> SourceRow:
    return SourceRow(row, {"name": name, **values})


def test_quarters_spread_to_the_cent_with_the_remainder_last() -> None:
    months = quarter_months([D("100.00"), D("0"), D("1.00"), D("8500.00")])
    assert months == {1: D("33.33"), 2: D("33.33"), 3: D("33.34"), 7: D("0.33"),
                      8: D("0.33"), 9: D("0.34"), 10: D("2833.33"), 11: D("2833.33"),
                      12: D("2833.34")}
    assert sum(months.values()) == D("8601.00")


def test_project_code_matches_before_the_name() -> None:
    matcher = ProjectMatcher([(1, "甲项目"), (2, "乙项目")], [(1, "2503-411425-04-01-123456")])
    assert matcher.match("甲项目（更正）", code="２５０３-411425-04-01-123456").how == BY_CODE
    assert matcher.match("甲项目", code="9999").how == CODE_DIFFERS
    assert matcher.match("乙项目", code="9999").project_id == 2


def test_new_then_same_then_corrected(any_db) -> None:
    db = any_db  # the existing register is read with plain selects: on PostgreSQL too
    row = _row(3, "县人民医院新院区", code="2503-1", stage="新开工项目",
               total_investment=D("125000"), annual_plan=D("32000"),
               q1_plan=D("5000"), q2_plan=D("8000"), q3_plan=D("9000"), q4_plan=D("10000"),
               annual_goal="主体封顶", leader=(LeaderName("李明", "副县长"),),
               planned_start=SourceDate(dt.date(2026, 3, 1), "month"),
               years=YearSpan(2026, 2027))
    with db.session() as s:
        first = register_import.preview(s, _source(row))
    assert [r.status for r in first.rows] == ["new"] and not first.errors
    assert first.new_leaders == [LeaderName("李明", "副县长")]
    register_import.apply(db, first)
    with db.session() as s:
        pid = s.query(Project.id).scalar()
        data = projects.load(s, pid)
        plan = plans.load(s, pid, 2026)
    assert data.project_code == "2503-1" and data.stage == "新开工"
    assert data.planned_finish == dt.date(2027, 12, 31)
    assert plan is not None and plan.distribution == "custom" and plan.goal == "主体封顶"
    assert plan.planned_start_month == 3 and sum(plan.months.values()) == D("32000")

    with db.session() as s:
        again = register_import.preview(s, _source(row))
    assert [r.status for r in again.rows] == ["unchanged"]

    row.values["name"] = "县人民医院新院区（一期）"  # renamed, matched by its code
    row.values["total_investment"] = D("130000")
    with db.session() as s:
        corrected = register_import.preview(s, _source(row))
    change = corrected.rows[0]
    assert change.status == "changed" and change.project_id == pid
    assert {d.key: (d.old, d.new) for d in change.diffs} == {
        "name": ("县人民医院新院区", "县人民医院新院区（一期）"),
        "total_investment": (D("125000.00"), D("130000.00"))}


def test_parts_become_children_and_continuing_projects_have_started(db) -> None:
    package = _row(5, "老旧小区改造打包项目", stage="续建", total_investment=D("8000"),
                   years=YearSpan(2025, 2026))
    package.parts = [_row(6, "城关镇片区", total_investment=D("5000")),
                     _row(7, "东城街道片区", total_investment=D("3000"))]
    with db.session() as s:
        result = register_import.preview(s, _source(package))
    register_import.apply(db, result)
    with db.session() as s:
        rows = {p.name: p for p in s.query(Project)}
    parent = rows["老旧小区改造打包项目"]
    assert rows["城关镇片区"].parent_id == parent.id == rows["东城街道片区"].parent_id
    assert rows["城关镇片区"].stage == "续建"
    assert parent.actual_start == dt.date(2025, 1, 1)


def test_quarters_that_disagree_with_the_year_block_and_leave_the_database(db) -> None:
    with db.transaction() as s:
        projects.create(s, ProjectData(name="已有项目"))
    bad = _row(4, "新项目", annual_plan=D("100"), q1_plan=D("10"))
    good = _row(5, "已有项目", total_investment=D("1"))
    with db.session() as s:
        result = register_import.preview(s, _source(good, bad))
    assert result.errors == ["文件 清单.xlsx，工作表 Sheet1，第5行「2026年计划」列："
                             "年度计划100.00万元与四个季度合计10.00万元不一致"]
    with pytest.raises(register_import.RegisterImportError):
        register_import.apply(db, result)


def test_failure_while_writing_rolls_everything_back(db) -> None:
    with db.transaction() as s:
        projects.create(s, ProjectData(name="乙", project_code="C-1"))
    rows = [_row(4, "甲"), _row(5, "丙", total_investment=D("-1"))]
    with db.session() as s:
        result = register_import.preview(s, _source(*rows))
    assert any("第6行「总投资」列" in e for e in result.errors)
    result.errors.clear()  # as if the database changed after the preview
    with pytest.raises(register_import.RegisterImportError, match="第6行"):
        register_import.apply(db, result)
    with db.session() as s:
        assert [p.name for p in s.query(Project)] == ["乙"]


def test_nothing_to_import_names_the_columns() -> None:
    source = _source()
    source.unrecognised = ["工程名"]
    with pytest.raises(register_import.RegisterImportError, match="未能识别的列：工程名"):
        register_import.preview(None, source)  # type: ignore[arg-type]


def test_profiles_save_load_list_and_reject_unknown_fields(tmp_path: Path) -> None:
    profile = profiles.MappingProfile("城建局", {"工程名": "name", "序": "ignore"},
                                      {"投资额": "亿元"}, "Sheet1")
    profiles.save(profile, tmp_path)
    assert profiles.names(tmp_path) == ["城建局"]
    loaded = profiles.load("城建局", tmp_path)
    assert loaded == profile and loaded.overrides() == {"工程名": "name", "序": None}
    with pytest.raises(profiles.ProfileError, match="无法识别的字段"):
        profiles.from_json({"columns": {"工程名": "名称"}})
    with pytest.raises(profiles.ProfileError, match="没有名为「其他」的映射"):
        profiles.load("其他", tmp_path)


def test_a_hidden_row_is_imported_with_a_warning_naming_it(db) -> None:
    hidden = SourceRow(8, {"name": "旧项目（已调出）", "total_investment": D("999")}, hidden=True)
    shown = _row(7, "甲镇污水处理厂建设项目", total_investment=D("100"))
    with db.session() as s:
        result = register_import.preview(s, _source(shown, hidden))
    assert result.warnings == [
        "文件 清单.xlsx，工作表 Sheet1，第9行：「旧项目（已调出）」所在行在文件中是隐藏的，"
        "仍按项目导入；如它已不在清单中，请在文件中删除该行后重新导入"]
    assert result.errors == []


def test_other_sheets_with_projects_are_named_but_not_a_summary(db) -> None:
    source = _source(_row(3, "工业示范项目"))
    source.sheet = "工业"
    source.other_sheets = [("汇总", 5), ("农业", 3), ("社会事业", 2), ("说明", 0)]
    with db.session() as s:
        result = register_import.preview(s, source)
    assert result.warnings == [
        "文件 清单.xlsx：只导入了工作表「工业」；工作表「农业」（约3行）、「社会事业」（约2行）"
        "中也有项目，未导入。如需导入，请逐个选择这些工作表再导入"]


def test_a_line_as_held_is_unchanged_whatever_the_order_of_its_levels(db) -> None:
    """The whole-line compare of a re-import: levels in another order are the same levels,
    one more level or one changed figure is a change naming only that field."""
    row = _row(3, "县第二高级中学", stage="续建", level=("省重点", "市重点"),
               total_investment=D("42000"))
    with db.session() as s:
        register_import.apply(db, register_import.preview(s, _source(row)))
    row.values["level"] = ("市重点", "省重点")
    with db.session() as s:
        assert [r.status for r in register_import.preview(s, _source(row)).rows] == [
            "unchanged"]
    row.values["level"] = ("市重点", "省重点", "县重点")
    row.values["total_investment"] = D("42000.5")
    with db.session() as s:
        change = register_import.preview(s, _source(row)).rows[0]
    assert change.status == "changed"
    assert {d.key: (sorted(d.old), sorted(d.new)) if d.key == "levels" else (d.old, d.new)
            for d in change.diffs} == {
        "levels": (["市重点", "省重点"], ["县重点", "市重点", "省重点"]),
        "total_investment": (D("42000.00"), D("42000.50"))}


def test_a_code_two_held_projects_share_blocks_the_line_naming_both(db) -> None:
    from sqlalchemy import insert

    with db.transaction() as s:  # as an older database may hold them (migration 0011)
        s.execute(insert(Project), [{"name": name, "category": "工业", "project_code": code}
                                    for name, code in (("甲项目", "2503-1"), ("乙项目", "2503—1"))])
    with db.session() as s:
        result = register_import.preview(s, _source(_row(3, "改了名的项目", code="2503-1")))
    assert len(result.errors) == 1
    assert ("项目代码「2503-1」在项目库中同时属于“甲项目”（编号1）、“乙项目”（编号2）"
            in result.errors[0])
    with db.session() as s:
        assert s.query(Project).count() == 2


def test_a_quarter_starts_with_its_first_month_and_finishes_with_its_last_day(db) -> None:
    columns = [*COLUMNS, SourceColumn("计划竣工", "planned_finish")]
    row = _row(3, "县第三高级中学", total_investment=D("32000"), annual_plan=D("6000"),
               planned_start=SourceDate(dt.date(2026, 4, 1), "quarter"),   # 2026年二季度
               planned_finish=SourceDate(dt.date(2026, 7, 1), "quarter"))  # 2026年三季度
    with db.session() as s:
        result = register_import.preview(
            s, RegisterSource("清单.xlsx", "Sheet1", ("Sheet1",), columns, [row]))
    assert not result.errors
    register_import.apply(db, result)
    with db.session() as s:
        pid = s.query(Project.id).scalar()
        data = projects.load(s, pid)
        plan = plans.load(s, pid, 2026)
    assert (data.planned_start, data.planned_finish) == (dt.date(2026, 4, 1),
                                                         dt.date(2026, 9, 30))
    assert plan is not None
    assert (plan.planned_start_month, plan.planned_finish_month) == (4, 9)


def test_several_units_in_one_cell_import_the_lead_unit(db) -> None:
    """"县住建局（牵头）、县交通局" is two units: the first is the project's 责任单位, the
    other named (was: a new unit called "县住建局（牵头）、县交通局"); a bracket that is part
    of a name is kept whole."""
    source = _source(_row(3, "城区道路改造项目", unit="县住建局（牵头）、县交通局"),
                     _row(4, "重点项目服务中心", unit="县发改委（县重点项目办）"))
    source.columns = [*COLUMNS, SourceColumn("责任单位", "unit")]
    with db.session() as s:
        result = register_import.preview(s, source)
    assert result.new_units == ["县住建局", "县发改委（县重点项目办）"]
    assert result.warnings == [
        "文件 清单.xlsx，工作表 Sheet1，第4行「责任单位」列：写了2个责任单位，只导入第一个"
        "“县住建局”（牵头单位），县交通局未导入"]


def test_rounding_names_the_amount_as_written(db) -> None:
    """The warning shows the amount the file holds, every decimal of it (was: "13614.88万元
    保留两位小数为13614.88万元", the rounded amount twice)."""
    with db.session() as s:
        result = register_import.preview(s, _source(
            _row(3, "城区道路改造项目", total_investment=D("13614.875"))))
    assert result.warnings == ["文件 清单.xlsx，工作表 Sheet1，第4行「总投资」列："
                               "13614.875万元保留两位小数为13614.88万元"]


def test_a_field_only_parts_give_is_read_and_each_line_warned(db) -> None:
    """What the lines of a file can say is worked out once per file (a field without a value
    on any line is not looked for): a field only the parts of a package give is still read,
    and a 责任单位 cell repeated on two lines is split once but warned on each line."""
    package = _row(5, "老旧小区改造打包项目", stage="新开工")
    package.parts = [_row(6, "城关镇片区", unit="县住建局、县交通局", remarks="已开工",
                          prior_cumulative=D("12.50")),
                     _row(7, "东城街道片区", unit="县住建局、县交通局")]
    source = _source(package)
    source.columns = [*COLUMNS, SourceColumn("责任单位", "unit"), SourceColumn("备注", "remarks"),
                      SourceColumn("截至上年底累计完成", "prior_cumulative")]
    with db.session() as s:
        result = register_import.preview(s, source)
    first, second = (c for c in result.rows if c.name != "老旧小区改造打包项目")
    assert first.changes["unit"] == second.changes["unit"] == "县住建局"
    assert first.changes["notes"] == "已开工"
    assert first.changes["prior_investment"] == D("12.50")
    assert "actual_start" in first.changes and "actual_start" not in second.changes
    assert [w for w in result.warnings if "责任单位" in w] == [
        f"文件 清单.xlsx，工作表 Sheet1，第{r}行「责任单位」列：写了2个责任单位，只导入第一个"
        "“县住建局”（牵头单位），县交通局未导入" for r in (7, 8)]
