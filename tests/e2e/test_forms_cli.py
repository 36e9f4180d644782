"""填报 and 催报 through the command line, as an office runs a month: ``export forms``,
``returns`` (everyone still to report), two units fill their forms (one saved again by
LibreOffice), ``import xlsx`` takes both at once, and ``status`` shows the exact figures."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from portfolio import collection
from portfolio.periods import Period
from tests.forms_helpers import fill, form_rows, recalculate, soffice
from tests.helpers import run_portfolio
from tests.report_db import seed

MONTH = Period(2026, 11)
D = Decimal


def _json(result) -> dict:  # type: ignore[no-untyped-def]
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _units(status: dict) -> dict[str, dict]:
    return {g["key"]: g for g in status["groups"]["unit"]}


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_a_month_of_forms_through_the_command_line(db, db_url: str, tmp_path: Path) -> None:
    seed(db)
    out = tmp_path / "填报表"
    made = run_portfolio("--db", db_url, "export", "forms", "--period", "2026-11",
                         "--by", "unit", "-o", str(out))
    assert made.returncode == 0, made.stderr
    assert "已生成 18 份2026年11月填报表" in made.stdout
    before = _json(run_portfolio("--db", db_url, "returns", "--period", "2026-11",
                                 "--format", "json"))
    assert len(before["forms"]) == 18 and not any(f["returned"] for f in before["forms"])
    status_before = _units(_json(run_portfolio("--db", db_url, "status", "--period", "2026-11",
                                               "--format", "json", "--by", "unit")))

    with db.session() as s:
        groups, _ = collection.form_projects(s, MONTH, "unit")
    typed = {"县交通运输局": [D("25.50"), D("0.00"), D("103.25")],
             "县教育局": [D("8.08"), D("12.00")]}
    returned = []
    for unit, amounts in typed.items():
        rows = groups[unit][:len(amounts)]
        form = out / f"{unit}_2026年11月填报表.xlsx"
        target = tmp_path / f"{unit}报回.xlsx"
        fill(form, target, {r.project_id: {"investment": float(a), "progress": f"{unit}进展"}
                            for r, a in zip(rows, amounts, strict=True)})
        returned.append(target)
    # the second unit opened and saved its form in LibreOffice: formulas recalculated
    returned[1] = recalculate(returned[1], tmp_path / "lo", to="xlsx")

    imported = run_portfolio("--db", db_url, "import", "xlsx", *map(str, returned))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "已导入：5 个项目的2026年11月数据" in imported.stdout

    after = _units(_json(run_portfolio("--db", db_url, "status", "--period", "2026-11",
                                       "--format", "json", "--by", "unit")))
    for unit, amounts in typed.items():
        assert D(after[unit]["month"]) == sum(amounts)
        assert D(after[unit]["ytd"]) == D(status_before[unit]["ytd"]) + sum(amounts)
    untouched = set(after) - set(typed)
    assert all(after[u]["ytd"] == status_before[u]["ytd"] for u in untouched)

    forms = {f["holder"]: f for f in _json(run_portfolio(
        "--db", db_url, "returns", "--period", "2026-11", "--format", "json"))["forms"]}
    for unit, amounts in typed.items():
        assert forms[unit]["returned"] and forms[unit]["filled"] == len(amounts)
        assert forms[unit]["total"] == len(form_rows(out / f"{unit}_2026年11月填报表.xlsx"))
    assert sum(not f["returned"] for f in forms.values()) == 16
    table = run_portfolio("--db", db_url, "returns", "--period", "2026-11")
    assert "已报回 2 份，未报 16 份" in table.stdout and "催报名单（16）" in table.stdout
    assert "县交通运输局" not in table.stdout.split("催报名单")[1]
    csv_text = run_portfolio("--db", db_url, "returns", "--period", "2026-11",
                             "--format", "csv").stdout
    assert csv_text.splitlines()[0].startswith("类型,单位/乡镇,下发项目数")


def test_a_tampered_form_is_refused_whole(db, db_url: str, tmp_path: Path) -> None:
    import openpyxl

    from exports.forms import layout as L

    seed(db)
    out = tmp_path / "forms"
    assert run_portfolio("--db", db_url, "export", "forms", "--period", "2026-11",
                         "--by", "township", "-o", str(out)).returncode == 0
    first, second = sorted(out.glob("*.xlsx"))[:2]
    good = tmp_path / "good.xlsx"
    fill(first, good, {next(iter(form_rows(first))): {"investment": 1}})
    wb = openpyxl.load_workbook(second)
    ws = wb[L.SHEET]
    ws.protection.sheet = False
    ws[f"B{L.FIRST_ROW}"] = "改过的项目名称"
    ws[f"H{L.FIRST_ROW}"] = 2
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    result = run_portfolio("--db", db_url, "import", "xlsx", str(good), str(bad))
    assert result.returncode != 0
    assert "与本行的项目名称“改过的项目名称”不符" in result.stdout
    assert "未导入任何数据" in result.stderr + result.stdout
    forms = _json(run_portfolio("--db", db_url, "returns", "--period", "2026-11",
                                "--format", "json"))["forms"]
    assert forms and not any(f["returned"] for f in forms)
