"""``portfolio ranking``, ``portfolio campaign list`` and ``portfolio export campaign`` run as
a user runs them, on a demo portfolio."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
from sqlalchemy import update

from db.models import Project
from db.session import open_database
from portfolio import campaign, demo, ranking
from portfolio.periods import Period
from tests.helpers import run_portfolio


def _demo(url: str) -> None:
    import datetime as dt

    with open_database(url) as db:
        demo.generate(db, projects=80, years=2, seed=7, today=dt.date(2026, 7, 15))


def test_ranking_json_csv_and_table(db_url: str) -> None:
    _demo(db_url)
    with open_database(db_url) as db:
        with db.transaction() as s:  # a name that a spreadsheet would take for a formula
            s.execute(update(Project).where(Project.township == "城关镇")
                      .values(township="=城关镇"))
        with db.session() as s:
            expected = ranking.ranking(s, Period(2026, 6), by="township", top=2)
    run = run_portfolio("--db", db_url, "ranking", "--period", "2026-06", "--by", "township",
                        "--top", "2", "--format", "json")
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    assert [g["name"] for g in record["groups"]] == [g.label for g in expected.groups]
    assert [g["rank"] for g in record["groups"]] == [g.rank for g in expected.groups]
    assert record["red"] == [g.label for g in expected.red]
    assert record["black"] == [g.label for g in expected.black]
    first = record["groups"][0]
    assert first["list"] == "红榜" and first["rank"] == 1
    assert first["completion_rate"] == str(expected.groups[0].completion_rate)

    run = run_portfolio("--db", db_url, "ranking", "--period", "2026-06", "--format", "csv")
    assert run.returncode == 0, run.stderr
    rows = list(csv.reader(io.StringIO(run.stdout)))
    assert rows[0][:3] == ["名次", "乡镇/街道", "项目个数"]
    assert "'=城关镇" in [r[1] for r in rows]  # neutralised, never a formula

    run = run_portfolio("--db", db_url, "ranking", "--period", "2026-06", "--by", "unit")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("2026年6月重点项目建设责任单位晾晒排名")
    assert "红榜：" in run.stdout and "黑榜：" in run.stdout

    bad = run_portfolio("--db", db_url, "ranking", "--period", "2026-06", "--top", "0")
    assert bad.returncode == 1 and "--top 应为正整数" in bad.stderr


def test_campaign_list_and_export(db_url: str, tmp_path: Path) -> None:
    _demo(db_url)
    with open_database(db_url) as db, db.session() as s:
        batches = campaign.batches(s)
    chosen = max(batches, key=lambda b: b.project_count)
    run = run_portfolio("--db", db_url, "campaign", "list", "--format", "json")
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    assert [b["code"] for b in record] == [b.code for b in batches]
    run = run_portfolio("--db", db_url, "campaign", "list")
    assert run.returncode == 0 and chosen.label in run.stdout
    run = run_portfolio("--db", db_url, "campaign", "list", "--batch", chosen.code,
                        "--format", "csv")
    rows = list(csv.reader(io.StringIO(run.stdout)))
    assert len(rows) == 1 + chosen.project_count
    out = tmp_path / "三个一批.xlsx"
    run = run_portfolio("--db", db_url, "export", "campaign", "--batch", chosen.code,
                        "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert f"已导出三个一批清单：{out}（{chosen.label}" in run.stdout
    assert openpyxl.load_workbook(out).sheetnames == ["签约", "开工", "投产"]
    bad = run_portfolio("--db", db_url, "campaign", "list", "--batch", "2026-9")
    assert bad.returncode == 1 and "三个一批" in bad.stderr


def test_each_list_by_its_own_batch_on_the_command_line_and_in_the_workbook(
        db_url: str, tmp_path: Path) -> None:
    import datetime as dt
    from decimal import Decimal

    from portfolio.projects import ProjectData, create

    with open_database(db_url) as db, db.transaction() as s:
        # signed in 2026年第一期, started in 第二期, produced in 第四期
        create(s, ProjectData(name="新材料产业园", total_investment=Decimal("60000"),
                              signed_issue=21, started_issue=22, produced_issue=24,
                              actual_start=dt.date(2026, 4, 10),
                              actual_finish=dt.date(2026, 11, 20)))
    run = run_portfolio("--db", db_url, "campaign", "list", "--format", "json")
    assert run.returncode == 0, run.stderr
    on = {b["code"]: [tag for tag, lst in b["lists"].items() if lst["count"]]
          for b in json.loads(run.stdout)}
    assert on == {"2026-4": ["投产"], "2026-2": ["开工"], "2026-1": ["签约"]}
    run = run_portfolio("--db", db_url, "campaign", "list", "--batch", "2026-2",
                        "--format", "csv")
    rows = list(csv.reader(io.StringIO(run.stdout)))
    assert [(r[1], r[4], r[8]) for r in rows[1:]] == [("开工一批", "新材料产业园", "2026-04-10")]
    out = tmp_path / "第四期.xlsx"
    run = run_portfolio("--db", db_url, "export", "campaign", "--batch", "2026-4",
                        "-o", str(out))
    assert run.returncode == 0, run.stderr
    book = openpyxl.load_workbook(out)
    names = {title: [c.value for row in book[title].iter_rows() for c in row]
             for title in book.sheetnames}
    assert "新材料产业园" in names["投产"]
    assert "新材料产业园" not in names["签约"] and "新材料产业园" not in names["开工"]
