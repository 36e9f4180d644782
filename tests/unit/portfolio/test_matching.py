"""The one project matcher: 项目代码 first, then 编号, then the normalised name; never a
guess."""

from __future__ import annotations

import pytest

from portfolio import matching
from portfolio.matching import Match, ProjectMatcher, normalise_name

PROJECTS = [
    (1, "县人民医院（二期）"),
    (2, "城区道路 A段"),
    (3, "同名的项目"),
    (4, "同名的项目"),
    (5, "ＸＹ产业园【标准化厂房】"),
]


@pytest.fixture
def matcher() -> ProjectMatcher:
    return ProjectMatcher(PROJECTS)


@pytest.mark.parametrize(("typed", "stored"), [
    ("县人民医院(二期)", "县人民医院（二期）"),
    ("县人民医院\n（二期）", "县人民医院（二期）"),
    (" 城区道路A段 ", "城区道路 A段"),
    ("城区道路\u3000Ａ段", "城区道路 A段"),
    ("城区\u200b道路A段", "城区道路 A段"),
    ("XY产业园[标准化厂房]", "ＸＹ产业园【标准化厂房】"),
    ("XY产业园〔标准化厂房〕", "ＸＹ产业园【标准化厂房】"),
    ("一期１号楼", "一期1号楼"),
    # every dash offices type is one "-", and a run of them ("——") one too
    ("S312-兰考段改建工程", "S312—兰考段改建工程"),
    ("S312－兰考段改建工程", "S312–兰考段改建工程"),
    ("S312‐兰考段改建工程", "S312―兰考段改建工程"),
    ("S312——兰考段改建工程", "S312-兰考段改建工程"),
    ("S312 − 兰考段改建工程", "S312-兰考段改建工程"),
])
def test_one_normalisation(typed: str, stored: str) -> None:
    assert normalise_name(typed) == normalise_name(stored)


@pytest.mark.parametrize(("a", "b"), [
    ("城区道路A段", "城区道路B段"),
    ("县人民医院", "县人民医院（二期）"),
    ("xy产业园", "XY产业园"),  # letters keep their case: no guessing
    ("二〇二六年道路", "2026年道路"),  # 〇 for a digit is not a dash matter
    ("S312兰考段", "S312-兰考段"),  # a dash is not nothing
])
def test_different_names_stay_different(a: str, b: str) -> None:
    assert normalise_name(a) != normalise_name(b)


@pytest.mark.parametrize(("name", "project_id", "expected"), [
    # a stated 编号 decides, with or without a name that agrees
    ("", 2, Match(2, matching.BY_ID)),
    ("城区道路A段", 2, Match(2, matching.BY_ID)),
    ("同名的项目", 3, Match(3, matching.BY_ID)),
    # … and is never overruled by the name
    ("同名的项目", 2, Match(None, matching.NAME_DIFFERS, ((2, "城区道路 A段"),))),
    ("城区道路A段", 99, Match(None, matching.UNKNOWN_ID)),
    # no 编号: the normalised name
    ("县人民医院(二期)", None, Match(1, matching.BY_NAME)),
    ("XY产业园(标准化厂房)", None, Match(5, matching.BY_NAME)),
    ("同名的项目", None, Match(None, matching.AMBIGUOUS,
                               ((3, "同名的项目"), (4, "同名的项目")))),
    ("县人民医院", None, Match(None, matching.UNKNOWN_NAME)),
    (" \n", None, Match(None, matching.NO_NAME)),
])
def test_the_rule(matcher: ProjectMatcher, name: str, project_id: int | None,
                  expected: Match) -> None:
    assert matcher.match(name, project_id) == expected
    assert matcher.match(name, project_id).found == (expected.project_id is not None)


def test_names_known(matcher: ProjectMatcher) -> None:
    assert matcher.knows_name("城区道路\nA段")
    assert not matcher.knows_name("城区道路")
    assert matcher.name_of(1) == "县人民医院（二期）"
    assert matcher.name_of(99) is None


def test_from_the_database(report_db) -> None:
    from sqlalchemy import select

    from db.models import Project

    with report_db.session() as s:
        pid, name = s.execute(select(Project.id, Project.name).limit(1)).one()
        matcher = ProjectMatcher.from_database(s)
    assert matcher.match(f" {name}\n") == Match(pid, matching.BY_NAME)
    assert matcher.match(name, pid) == Match(pid, matching.BY_ID)


def test_marks_before_a_name_are_not_part_of_it() -> None:
    from portfolio.matching import strip_marks

    for marked in ("★年产10万吨项目", "※年产10万吨项目", "*年产10万吨项目", "＊ 年产10万吨项目"):
        assert normalise_name(marked) == normalise_name("年产10万吨项目")
    assert strip_marks("★年产10万吨项目") == "年产10万吨项目"
    assert strip_marks("年产10万吨★项目") == "年产10万吨★项目"


CODED = ProjectMatcher(PROJECTS, [(1, "2510-410225-04-01-000001"),
                                  (2, "2510-410225-04-01-000002")])


@pytest.mark.parametrize(("name", "project_id", "code", "expected"), [
    # a code a project holds decides, whatever the (renamed) name says
    ("县人民医院门诊楼", None, "2510-410225-04-01-000001",
     Match(1, matching.BY_CODE, ((1, "县人民医院（二期）"),))),
    # typed with other dashes and spaces, it is the same code
    ("", None, "2510—410225－04–01 000002".replace(" ", "-"),
     Match(2, matching.BY_CODE, ((2, "城区道路 A段"),))),
    # before the 编号: agreeing, the line is the project's even under another name
    ("新名字", 1, "2510-410225-04-01-000001",
     Match(1, matching.BY_ID, ((1, "县人民医院（二期）"),))),
    # disagreeing with the 编号: reported with both projects, never matched
    ("城区道路A段", 2, "2510-410225-04-01-000001",
     Match(None, matching.ID_CODE_DIFFER, ((1, "县人民医院（二期）"), (2, "城区道路 A段")))),
    # a code nobody holds falls through to the 编号, then the name
    ("城区道路A段", 2, "2510-410225-04-01-999999", Match(2, matching.BY_ID)),
    ("县人民医院(二期)", None, "2510-410225-04-01-999999",
     Match(None, matching.CODE_DIFFERS, ((1, "县人民医院（二期）"),))),
    ("同名的项目", None, "2510-410225-04-01-999999",
     Match(None, matching.AMBIGUOUS, ((3, "同名的项目"), (4, "同名的项目")))),
])
def test_code_first(name: str, project_id: int | None, code: str, expected: Match) -> None:
    assert CODED.match(name, project_id, code) == expected


#: an older database can hold one 项目代码 for two projects (kept by migration 0011)
SHARED = ProjectMatcher([(1, "甲项目"), (2, "乙项目"), (3, "丙项目")],
                        [(1, "2503-1"), (2, "2503-1"), (3, "2503-3")])


@pytest.mark.parametrize(("name", "project_id", "expected"), [
    # the code alone never picks one of its holders …
    ("新名字", None, None),
    # … the 编号 or the name of one of them does
    ("新名字", 2, 2),
    ("乙项目", None, 2),
    # a 编号 that is not one of the holders: reported, never matched
    ("丙项目", 3, None),
])
def test_a_code_held_by_two_projects_is_never_matched_on_its_own(
        name: str, project_id: int | None, expected: int | None) -> None:
    found = SHARED.match(name, project_id, "2503—1")
    assert found.project_id == expected
    assert found.candidates == ((1, "甲项目"), (2, "乙项目"))
    if expected is None:
        assert found.how == matching.SHARED_CODE
    assert SHARED.match("丙项目", None, "2503-3") == Match(3, matching.BY_CODE,
                                                           ((3, "丙项目"),))


SHORTENED = ProjectMatcher([(1, "兰考县第三高级中学"), (2, "兰考县人民医院新区建设项目"),
                            (3, "城关镇污水处理厂"), (4, "谷营镇污水处理厂"),
                            (5, "堌阳镇人民医院门诊楼及配套设施建设项目")])


@pytest.mark.parametrize(("name", "expected"), [
    ("第三高级中学", (1, "兰考县第三高级中学")),  # held in the stored name
    ("城关镇第三高级中学工程", (1, "兰考县第三高级中学")),  # holds it, another place in front
    ("人民医院新区", (2, "兰考县人民医院新区建设项目")),
    ("污水处理厂", None),  # two projects hold it
    ("人民医院", None),  # too short a part of either to tell
    ("三高", None),  # under four characters
    ("县第一高级中学", None),
])
def test_a_shortened_or_lengthened_name_is_told_its_project(
        name: str, expected: tuple[int, str] | None) -> None:
    assert SHORTENED.match(name).how == matching.UNKNOWN_NAME  # never matched by it
    assert SHORTENED.shortened(name) == expected
