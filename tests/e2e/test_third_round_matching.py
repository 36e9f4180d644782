"""How an office's lines find their projects, through the command line on files built by
:mod:`tests.office_files.third_round_matching`: a return matched by 项目代码 although the
township renamed projects, names that differ only in their dashes, a project listed twice
in one register, WPS's .et files, and a 新开工 project that keeps its 建设性质 until it starts.
``status`` then states exactly the files' figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.e2e.cli_helpers import assert_figures, import_register, listed, run, status_total
from tests.office_files import third_round_matching as files
from tests.office_files.unseen import city_form_by_stage

pytestmark = pytest.mark.slow

PROJECTS = files.PROJECTS
NEW_STARTS = [p for p in PROJECTS if p.stage == "新开工"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("matching")


@pytest.fixture(scope="module")
def register(folder: Path) -> files.OfficeFile:
    return files.coded_register(folder)


def _names(url: str) -> set[str]:
    return {p["name"] for p in listed(url)}


def test_register_with_codes(register: files.OfficeFile, db_url: str) -> None:
    out = import_register(db_url, register.path)
    assert "新增 6 个" in out, out
    assert_figures(db_url, register.expected)
    assert register.expected.planned_starts == 3 and register.expected.actual_starts == 2
    assert _names(db_url) == {p.name for p in PROJECTS}  # stored as the file wrote them


def test_renamed_return_lands_by_its_codes(register: files.OfficeFile, db_url: str,
                                          folder: Path) -> None:
    """The township renamed three projects and typed the others' dashes otherwise; their
    项目代码 (one typed with "—") still takes every line to its project."""
    import_register(db_url, register.path)
    april = files.renamed_return(folder)
    done = run(db_url, "import", "xlsx", str(april.path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("2026年4月：新增 6 个项目，修改 0 个，未变 0 个；冲突 0 处，"
                                  "未匹配 0 行，错误 0 处"), done.stdout
    assert_figures(db_url, april.expected, plan_of=register.expected)
    assert status_total(db_url)["month"] == f"{april.expected.month:.2f}"
    assert _names(db_url) == {p.name for p in PROJECTS}  # a return renames nothing


def test_without_codes_renamed_lines_are_not_guessed(register: files.OfficeFile, db_url: str,
                                                     folder: Path) -> None:
    """The same return with its 项目代码 column taken out: the renamed projects are named as
    unmatched (no guess by similarity), the dash variants still match by name."""
    import openpyxl

    import_register(db_url, register.path)
    april = files.renamed_return(folder)
    wb = openpyxl.load_workbook(april.path)
    wb.active.delete_cols(3)
    no_codes = folder / "4月报表（无项目代码）.xlsx"
    wb.save(no_codes)
    done = run(db_url, "import", "xlsx", str(no_codes), "--dry-run")
    assert "未匹配 2 行" in done.stdout, done.stdout
    for name in ("兰考至民权高速公路连接线改建工程", "年产5万吨新型绿色建材项目"):
        assert f"{name}" in done.stdout and "项目库中没有这个名称的项目" in done.stdout


def test_a_code_and_a_number_of_two_projects_are_refused(register: files.OfficeFile,
                                                        db_url: str, folder: Path) -> None:
    import openpyxl

    import_register(db_url, register.path)
    ids = {p["name"]: p["id"] for p in listed(db_url)}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["XX县2026年1—4月重点项目进展情况"])
    ws.append(["序号", "编号", "项目名称", "项目代码", "1—4月完成投资"])
    ws.append([1, ids[PROJECTS[4].name], PROJECTS[4].name, PROJECTS[0].code, 1800])
    path = folder / "编号与代码不符.xlsx"
    wb.save(path)
    done = run(db_url, "import", "xlsx", str(path))
    assert done.returncode != 0
    assert (f"项目代码“{PROJECTS[0].code}”属于“{PROJECTS[0].name}”（编号{ids[PROJECTS[0].name]}），"
            f"与表中编号{ids[PROJECTS[4].name]}不是同一个项目") in done.stdout, done.stdout
    assert status_total(db_url)["ytd"] == "0.00"


def test_dashes_do_not_make_new_projects(register: files.OfficeFile, db_url: str,
                                         folder: Path) -> None:
    """The list typed again with "-" for "—", "—" for "–" and "－" for "——", without codes:
    nothing new, nothing changed, the stored names kept."""
    import_register(db_url, register.path)
    again = files.retyped_register(folder)
    out = import_register(db_url, again.path)
    assert "共 6 个项目：新增 0 个，修改 0 个，无变化 6 个" in out, out
    assert_figures(db_url, register.expected)
    assert _names(db_url) == {p.name for p in PROJECTS}


def test_dashes_in_a_first_import_then_a_return(db_url: str, folder: Path) -> None:
    """The other way round: the retyped list first, then the return with its own dashes."""
    import_register(db_url, files.retyped_register(folder).path)
    assert _names(db_url) == {files.RETYPED.get(p.name, p.name) for p in PROJECTS}
    april = files.renamed_return(folder)
    done = run(db_url, "import", "xlsx", str(april.path), "--dry-run")
    # no codes in the database: the renamed two are unmatched, the dash variants match
    assert "新增 4 个项目" in done.stdout and "未匹配 2 行" in done.stdout, done.stdout


def test_a_project_listed_twice_with_the_same_figures(db_url: str, folder: Path) -> None:
    file = files.listed_twice(folder, agree=True)
    first, second = files.TWICE_ROWS
    dry = run(db_url, "import", "register", str(file.path), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    said = (f"第{second}行：与第{first}行是同一个项目“{PROJECTS[4].name}”（项目代码"
            f"「{PROJECTS[4].code}」相同），只导入一次，按第{first}行的数据；两行内容相同")
    assert said in dry.stdout, dry.stdout
    assert "新增 6 个" in dry.stdout
    import_register(db_url, file.path)
    assert_figures(db_url, file.expected)  # counted once
    again = import_register(db_url, file.path)
    assert "新增 0 个，修改 0 个，无变化 6 个" in again, again
    assert said in again


def test_a_project_listed_twice_with_other_money_is_refused(db_url: str, folder: Path) -> None:
    file = files.listed_twice(folder, agree=False)
    first, second = files.TWICE_ROWS
    total = PROJECTS[4].total
    done = run(db_url, "import", "register", str(file.path), "--yes")
    assert done.returncode != 0
    said = (f"第{second}行：与第{first}行是同一个项目“{PROJECTS[4].name}”（项目代码"
            f"「{PROJECTS[4].code}」相同），但金额不同（总投资第{first}行为{total:.2f}、"
            f"第{second}行为{total + 500:.2f}）；请核对后在文件中只保留一行再导入")
    assert said in done.stdout, done.stdout
    assert status_total(db_url)["project_count"] == 0  # nothing written


@pytest.mark.parametrize(("inside", "suffix"), [("xlsx", ".et"), ("xls", ".et"),
                                                ("xls", ".ett")])
def test_wps_files(register: files.OfficeFile, db_url: str, inside: str, suffix: str) -> None:
    """What WPS saves as .et (an .xls or .xlsx inside) imports like the file it holds."""
    path = files.as_wps(register, inside, suffix)
    out = import_register(db_url, path)
    assert "新增 6 个" in out, out
    assert_figures(db_url, register.expected)


def test_wps_return(register: files.OfficeFile, db_url: str, folder: Path) -> None:
    import_register(db_url, register.path)
    april = files.renamed_return(folder)
    done = run(db_url, "import", "xlsx", str(files.as_wps(april, "xls")))
    assert done.returncode == 0, done.stdout + done.stderr
    assert_figures(db_url, april.expected, plan_of=register.expected)


def test_a_broken_wps_file_says_how_to_save_it(register: files.OfficeFile, db_url: str,
                                              folder: Path) -> None:
    path = files.broken_wps(folder, register)
    done = run(db_url, "import", "register", str(path), "--yes")
    assert done.returncode != 0
    said = (f"文件 {path.name}：这是 WPS 表格（.et）文件，但无法读取"
            "（可能是 WPS 专有格式或已损坏）；请在 WPS 中打开，用“另存为”保存为"
            " Excel 工作簿（.xlsx）或 Excel 97-2003 工作簿（.xls）后再导入")
    assert said in done.stdout + done.stderr, done.stdout + done.stderr
    done = run(db_url, "import", "xlsx", str(path), "--period", "2026-04")
    assert done.returncode != 0
    assert "这是 WPS 表格（.et）文件，但无法读取" in done.stdout + done.stderr
    assert status_total(db_url)["project_count"] == 0


def test_new_start_keeps_its_group_before_it_starts(register: files.OfficeFile, db_url: str,
                                                    folder: Path, tmp_path: Path) -> None:
    """年产5万吨绿色建材生产线项目 is a 新开工 of the 2026 plan starting in June; its April line
    (0 万元, 办理施工许可) leaves it 新开工, not started, in every count and in the city's
    form grouped by 建设性质."""
    import_register(db_url, register.path)
    april = files.renamed_return(folder)
    done = run(db_url, "import", "xlsx", str(april.path))
    assert done.returncode == 0, done.stdout + done.stderr
    stages = {p["name"]: p["stage"] for p in listed(db_url)}
    assert stages[files.NOT_STARTED.name] == "新开工"
    new = status_total(db_url, "2026-04", "--stage", "新开工")
    assert new["project_count"] == len(NEW_STARTS) == 3
    assert new["total_investment"] == f"{sum(p.total for p in NEW_STARTS):.2f}"
    assert (new["planned_starts"], new["actual_starts"]) == (3, 2)
    # the city's form, grouped by 建设性质, has it under 一、新开工项目
    assert run(db_url, "export", "xlsx", "--period", "2026-04", "--template",
               str(city_form_by_stage(tmp_path)), "-o", str(tmp_path / "报市里.xlsx")
               ).returncode == 0
    import openpyxl

    rows = [r for r in openpyxl.load_workbook(tmp_path / "报市里.xlsx").worksheets[0]
            .iter_rows(values_only=True) if any(v is not None for v in r)]
    labels = [r[0] for r in rows if isinstance(r[0], str) and "项目（" in r[0]]
    assert labels == ["一、新开工项目（3个）", "二、续建项目（3个）"]
    in_new = [r[1] for r in rows if isinstance(r[0], int) and r[2] == "新开工"]
    assert sorted(in_new) == sorted(p.name for p in NEW_STARTS)
    assert sum(Decimal(str(r[3])) for r in rows if isinstance(r[0], int) and r[2] == "新开工"
               ) == sum(p.total for p in NEW_STARTS)
