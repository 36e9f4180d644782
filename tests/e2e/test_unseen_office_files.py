"""Issue #9, again: layouts :mod:`tests.e2e.test_office_files` does not cover
(:mod:`tests.office_files.unseen`, :mod:`tests.office_files.unseen_returns`), imported through
the command line as an office would, .xls where the office would keep one; ``status`` then
states exactly the file's figures."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from tests.e2e.cli_helpers import assert_figures, import_register, listed, run, status_total
from tests.helpers import run_portfolio
from tests.office_files import unseen, unseen_returns
from tests.office_files.layouts import OfficeFile
from tests.office_files.projects import BASE, convert

pytestmark = pytest.mark.slow

REGISTERS: dict[str, tuple[Callable[[Path], OfficeFile], tuple[str, ...]]] = {
    "province_list": (unseen.province_list, ("xlsx", "xls")),
    "system_export": (unseen.system_export, ("xlsx",)),
    "quarterly_plan": (unseen.quarterly_plan, ("xlsx", "xls")),
    "pasted_with_continuation": (unseen.pasted_with_continuation, ("xlsx", "xls")),
    "centre_summary": (unseen.centre_summary, ("xlsx",)),
    "gbk_csv": (unseen.gbk_csv, ("csv",)),
}


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[OfficeFile, dict]]:
    """Every layout built once, in each format its office keeps: name → (file, {fmt: path})."""
    folder = tmp_path_factory.mktemp("unseen")
    built: dict[str, tuple[OfficeFile, dict]] = {}
    for name, (build, formats) in REGISTERS.items():
        file = build(_mkdir(folder / name))
        built[name] = (file, {fmt: file.path if fmt == file.path.suffix[1:] else
                              convert(file.path, fmt) for fmt in formats})
    return built


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run(url, *args)


def _cases() -> list[tuple[str, str]]:
    return [(name, fmt) for name, (_, formats) in REGISTERS.items() for fmt in formats]


@pytest.mark.parametrize(("layout", "fmt"), _cases())
def test_register_layout(office: dict, db_url: str, layout: str, fmt: str) -> None:
    file, paths = office[layout]
    dry = _run(db_url, "import", "register", str(paths[fmt]), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert f"新增 {len(file.projects)} 个" in dry.stdout, dry.stdout
    assert "未能识别的列" not in dry.stdout or layout == "system_export", dry.stdout
    assert status_total(db_url)["project_count"] == 0
    import_register(db_url, paths[fmt])
    assert_figures(db_url, file.expected)
    again = _run(db_url, "import", "register", str(paths[fmt]), "--yes")
    assert "新增 0 个，修改 0 个" in again.stdout, again.stdout
    assert_figures(db_url, file.expected)


def _listed(url: str) -> list[dict]:
    return listed(url)


def test_marks_before_names_are_not_part_of_them(office: dict, db_url: str) -> None:
    """★ (province_list), ※ (system_export) and * (quarterly_plan) flag a project; the
    register keeps its name without them, so the three lists update one set of projects."""
    for layout in ("province_list", "system_export", "quarterly_plan"):
        import_register(db_url, office[layout][1]["xlsx"])
    names = {p["name"] for p in _listed(db_url)}
    assert names == {p.name for p in BASE}


def test_total_row_labelled_in_the_name_column(office: dict, db_url: str) -> None:
    paths = office["system_export"][1]
    dry = _run(db_url, "import", "register", str(paths["xlsx"]), "--dry-run")
    assert "第12行 合计：总计" in dry.stdout, dry.stdout  # skipped as a total, not a project
    assert "总计" not in {p["name"] for p in _listed(db_url)}


def test_continuation_and_repeated_header_are_skipped(office: dict, db_url: str) -> None:
    dry = _run(db_url, "import", "register",
               str(office["pasted_with_continuation"][1]["xlsx"]), "--dry-run")
    assert "第10行 续表：续表" in dry.stdout, dry.stdout
    assert "第11行 重复的表头：项目名称" in dry.stdout, dry.stdout
    assert "新建责任单位（10）" in dry.stdout  # not 续表 nor 责任单位


def test_quarterly_plan_columns(office: dict, db_url: str) -> None:
    dry = _run(db_url, "import", "register", str(office["quarterly_plan"][1]["xlsx"]),
               "--dry-run")
    for said in ("2026年投资计划 / 全年合计 → 年度计划投资（万元）",
                 "2026年投资计划 / 第四季度 → 四季度计划（万元）",
                 "计划开工 → 计划开工时间", "开工时间 → 实际开工时间"):
        assert said in dry.stdout, dry.stdout


def test_leaders_with_titles_after_a_space_and_contact_with_phone(office: dict,
                                                                   db_url: str) -> None:
    dry = _run(db_url, "import", "register", str(office["centre_summary"][1]["xlsx"]),
               "--dry-run")
    leaders = "新建领导（5）：\n  赵永强（县委常委、组织部长）\n  李明（副县长）"
    assert leaders in dry.stdout, dry.stdout
    assert "写了2位领导" not in dry.stdout
    assert "联系人 张明；联系电话 13903781001；责任领导 赵永强；" in dry.stdout, dry.stdout


@pytest.fixture(scope="module")
def province(office: dict) -> tuple[OfficeFile, dict]:
    """The register the returns report on (★ before the new starts' names)."""
    return office["province_list"]


def _mark_problems(url: str, period: str) -> list[str]:
    """Every 存在问题 the month holds, as ``export`` writes them (through the database)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    year, month = (int(x) for x in period.split("-"))
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT problems FROM monthly_reports WHERE year = :y AND month = :m"),
            {"y": year, "m": month}).all()
    engine.dispose()
    return [r[0] for r in rows if r[0]]


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_wangzhuang_return_in_its_own_words(province: tuple, db_url: str, tmp_path: Path,
                                            fmt: str) -> None:
    plan, plan_paths = province
    file = unseen_returns.wangzhuang(tmp_path)
    path = file.path if fmt == "xlsx" else convert(file.path, fmt)
    import_register(db_url, plan_paths["xlsx"])
    done = _run(db_url, "import", "xlsx", str(path))  # the period from the title: 1—5月
    assert done.returncode == 0, done.stdout + done.stderr
    # ★ before a name is no obstacle: every line matches
    assert done.stdout.startswith("2026年5月：新增 6 个项目，修改 0 个，未变 0 个；冲突 0 处，"
                                  "未匹配 0 行，错误 0 处"), done.stdout
    assert_figures(db_url, file.expected, plan_of=plan.expected, period="2026-05")
    # "—" and "/" are nothing ("无" is an answer); the merged 存在困难 is each of its two
    # projects'
    problems = sorted(_mark_problems(db_url, "2026-05"))
    assert problems == sorted(["无", "土地报批未完成", "土地报批未完成"])


@pytest.mark.parametrize("period", list(unseen_returns.PERIOD_TITLES))
def test_guying_return_dated_by_its_title(province: tuple, db_url: str, tmp_path: Path,
                                          period: str) -> None:
    plan, plan_paths = province
    file, month = unseen_returns.guying(tmp_path, period)
    import_register(db_url, plan_paths["xlsx"])
    done = _run(db_url, "import", "xlsx", str(file.path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"2026年{month}月：新增 5 个项目"), done.stdout
    assert "错误 0 处" in done.stdout
    assert_figures(db_url, file.expected, plan_of=plan.expected, period=f"2026-{month:02d}")


def test_guying_half_year_as_xls(province: tuple, db_url: str, tmp_path: Path) -> None:
    plan, plan_paths = province
    file, _month = unseen_returns.guying(tmp_path, "half_year")
    import_register(db_url, plan_paths["xlsx"])
    done = _run(db_url, "import", "xlsx", str(convert(file.path, "xls")))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("2026年6月：新增 5 个项目"), done.stdout
    assert_figures(db_url, file.expected, plan_of=plan.expected, period="2026-06")


def test_a_cumulative_column_is_named_in_a_hint(province: tuple, db_url: str,
                                                tmp_path: Path) -> None:
    plan_paths = province[1]
    file = unseen_returns.cumulative_only(tmp_path)
    import_register(db_url, plan_paths["xlsx"])
    dry = _run(db_url, "import", "xlsx", str(file.path), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert ("“累计完成投资（万元）”列未导入：看不出是开工以来还是今年以来的累计；如为今年以来"
            "（1—N月）累计，请用 --mapping 把该列指定为 ytd_investment") in dry.stdout, dry.stdout
    # following the hint imports it
    mapping = tmp_path / "住建局.json"
    mapping.write_text(json.dumps({"columns": {"累计完成投资（万元）": "ytd_investment"}},
                                  ensure_ascii=False), encoding="utf-8")
    done = _run(db_url, "import", "xlsx", str(file.path), "--mapping", str(mapping))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "列未导入" not in done.stdout, done.stdout
    # the office's first month with only 1—N月: each project's whole amount is carried
    assert done.stdout.count("无法拆分本月") == len(file.projects), done.stdout
    assert status_total(db_url)["ytd"] == f"{sum(p.ytd * 2 for p in file.projects):.2f}"


def _filled_rows(path: Path) -> list[tuple]:
    import openpyxl

    ws = openpyxl.load_workbook(path).worksheets[0]
    return [row for row in ws.iter_rows(values_only=True) if any(v is not None for v in row)]


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_city_blank_form_grouped_by_stage(province: tuple, db_url: str, tmp_path: Path,
                                          fmt: str) -> None:
    """The city's form as received (.xls through LibreOffice): its 一、新开工 / 二、续建 groups
    get their counts and their projects, the 前期 project it has no group for is named."""
    plan, plan_paths = province
    import_register(db_url, plan_paths["xlsx"])
    form = unseen.city_form_by_stage(tmp_path)
    form = form if fmt == "xlsx" else convert(form, fmt)
    out = tmp_path / "报市里.xlsx"
    done = _run(db_url, "export", "xlsx", "--period", "2026-04", "--template", str(form),
                "-o", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    left_out = ("以下 1 个项目不属于其中任何一组，未填入（按建设性质）："
                "前期（1个）：兰考—民权高速连接线改建工程")
    assert left_out in done.stdout, done.stdout
    rows = _filled_rows(out)
    assert rows[0][0] == "XX市2026年重点项目建设进展情况表（1—4月）"
    labels = [r[0] for r in rows if isinstance(r[0], str) and "项目（" in r[0]]
    assert labels == ["一、新开工项目（5个）", "二、续建项目（4个）"]
    by_stage: dict[str, list[tuple]] = {}
    for r in rows:
        if isinstance(r[0], int):
            by_stage.setdefault(r[2], []).append(r)
    for stage in ("新开工", "续建"):
        members = [p for p in plan.projects if p.stage == stage]
        assert sorted(r[1] for r in by_stage[stage]) == sorted(p.name for p in members)
        assert sum(Decimal(str(r[3])) for r in by_stage[stage]) == sum(p.total for p in members)
        assert sum(Decimal(str(r[4])) for r in by_stage[stage]) == sum(p.plan for p in members)


def test_an_xls_form_without_libreoffice(db_url: str, tmp_path: Path) -> None:
    form = convert(unseen.city_form_by_stage(tmp_path), "xls")
    empty = tmp_path / "bin"
    empty.mkdir()
    done = run_portfolio("--db", db_url, "export", "xlsx", "--period", "2026-04",
                         "--template", str(form), "-o", str(tmp_path / "out.xlsx"),
                         env={**os.environ, "PATH": str(empty)})
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "错误：模板“市重点项目进展情况表（空表）.xls”是旧版 Excel（.xls）文件，读取它需要 "
        "LibreOffice，但本机没有安装；请安装 LibreOffice，或在 Excel/WPS 中把它另存为 .xlsx "
        "后再使用")
    assert not (tmp_path / "out.xlsx").exists()
