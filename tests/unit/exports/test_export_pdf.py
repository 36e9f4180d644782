"""The PDF briefing and 项目一张表: fonts embedded, Chinese extractable, figures as `status`."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path

from db.models import Citation, Document, MonthlyReport
from exports import briefing_notes, briefing_pdf, fonts, project_sheet
from portfolio import alerts, projects
from portfolio.money import to_yi
from portfolio.periods import Period
from portfolio.projects import ProjectData
from tests.helpers import assert_fonts_embedded, needs_poppler, pdf_text, run_portfolio
from tests.report_db import PERIOD, TODAY

pytestmark = needs_poppler
D = Decimal


def text_of(path: Path) -> str:
    return re.sub(r"\s+", "", pdf_text(path))


def brief(db, path: Path, period: Period = PERIOD, **kwargs) -> int:
    with db.transaction() as s:
        issue = briefing_notes.assign_issue(s, period)
    with db.session() as s:
        briefing_pdf.write_briefing(s, period, path, issue=issue, today=TODAY, **kwargs)
    return issue


def test_briefing_fonts_text_and_figures(report_db, db_url: str, tmp_path: Path) -> None:
    with report_db.transaction() as s:
        briefing_notes.save_next_work(s, PERIOD, "一是加快滞后项目推进。\n二是确保完成全年目标。")
    path = tmp_path / "简报.pdf"
    assert brief(report_db, path) == 1
    fonts_listed = assert_fonts_embedded(path)
    assert not any("Helvetica" in line or "Times" in line for line in fonts_listed)
    text = text_of(path)
    assert "重点项目建设工作简报" in text and "2026年第1期" in text
    assert "县发展和改革委员会" in text and "2026年11月5日" in text
    for heading in ("一、总体情况", "二、分领域进展", "三、滞后项目", "四、需协调解决的问题",
                    "五、晾晒排名", "六、下步工作"):
        assert heading in text
    assert "一是加快滞后项目推进。" in text
    with report_db.session() as s:
        warned = alerts.evaluate(s, PERIOD)
        from portfolio import metrics

        names = {f.project_id: f.name for f in metrics.project_figures(s, PERIOD)}
    for pid in list(warned)[:10]:
        assert re.sub(r"\s+", "", names[pid]) in text

    # the sentences carry the figures `portfolio status` gives
    report_db.dispose()
    status = run_portfolio("--db", db_url, "status", "--period", "2026-10", "--format", "json")
    assert status.returncode == 0, status.stderr
    total = json.loads(status.stdout)["total"]
    yi = lambda key: f"{to_yi(D(total[key])):.2f}亿元"  # noqa: E731
    assert f"项目共{total['project_count']}个" in text
    assert f"总投资{yi('total_investment')}" in text
    assert f"2026年计划投资{yi('annual_plan')}" in text
    assert f"1—10月累计完成投资{yi('ytd')}" in text
    assert f"占年度计划的{total['completion_rate']}%" in text
    gap = D(total["gap_points"])
    phrase = f"低于序时进度{-gap:.1f}个百分点" if gap < 0 else f"超序时进度{gap:.1f}个百分点"
    assert phrase in text
    assert f"其中10月份完成投资{yi('month')}" in text
    assert (f"计划年内开工项目{total['planned_starts']}个，已开工{total['actual_starts']}个，"
            f"开工率{total['start_rate']}%") in text
    assert f"列入预警的滞后项目{len(json.loads(status.stdout)['warnings'])}个" in text


def test_issues_are_numbered_per_year(report_db, tmp_path: Path) -> None:
    assert brief(report_db, tmp_path / "a.pdf", Period(2026, 9)) == 1
    assert brief(report_db, tmp_path / "b.pdf", Period(2026, 10)) == 2
    assert brief(report_db, tmp_path / "c.pdf", Period(2026, 9)) == 1  # a period keeps its number
    assert brief(report_db, tmp_path / "d.pdf", Period(2025, 12)) == 1
    assert "2026年第2期" in text_of(tmp_path / "b.pdf")
    with report_db.transaction() as s:
        assert briefing_notes.assign_issue(s, Period(2026, 11), 7) == 7


def test_fonts_prefer_windows_faces(tmp_path: Path) -> None:
    windows = tmp_path / "Fonts"
    windows.mkdir()
    body, heading = fonts.choose(windows)
    assert "uming" in body.path.name and "wqy" in heading.path.name
    for name in ("simsun.ttc", "simhei.ttf"):
        (windows / name).write_bytes(b"")
    body, heading = fonts.choose(windows)
    assert (body.label, heading.label) == ("宋体", "黑体")
    (windows / "simfang.ttf").write_bytes(b"")
    assert fonts.choose(windows)[0].label == "仿宋"


def test_project_sheet(report_db, tmp_path: Path) -> None:
    with report_db.transaction() as s:
        document = Document(file="003_7fd3883a336dc26e.txt", title="驻马店经济开发区“十四五”规划",
                            number="驻开政〔2021〕2号")
        s.add(document)
        s.flush()
        pid = projects.create(s, ProjectData(
            name="驿城区第二实验学校", category="社会事业", unit="县教育局", leader="王洋",
            total_investment=D("12000"), planned_start=dt.date(2025, 3, 1),
            planned_finish=dt.date(2027, 8, 31), scale="新建教学楼4栋，学位2700个",
            levels=["市重点"]))
        s.add(Citation(project_id=pid, document_id=document.id, line=128,
                       quote="新建驿城区第二实验学校，规划学位2700个"))
        s.add(MonthlyReport(project_id=pid, year=2026, month=9, investment=D("320.50"),
                            progress="主体结构施工至三层"))
    path = tmp_path / "一张表.pdf"
    with report_db.session() as s:
        assert project_sheet.write_sheets(s, [pid, 1], PERIOD, path) == 2
    assert_fonts_embedded(path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+2", info)
    text = text_of(path)
    for expected in ("项目一张表", "驿城区第二实验学校", "驻开政〔2021〕2号",
                     "新建驿城区第二实验学校，规划学位2700个",
                     "主体结构施工至三层", "320.50", "县教育局", "市重点"):
        assert expected in text, expected


def test_project_sheet_has_a_line_for_the_carried_months(db, tmp_path: Path) -> None:
    """An office that started reporting in September: 此前各月累计（未分月） is the line before
    1月, and 1—N月 runs on from it; the months inside the carried amount show no 1—N月 of their
    own (500 is January to August together, not January's)."""
    with db.transaction() as s:
        pid = projects.create(s, ProjectData(name="城南污水处理厂", category="城建",
                                             total_investment=D("5000")))
        s.add_all([MonthlyReport(project_id=pid, year=2026, month=0, investment=D("500.00")),
                   MonthlyReport(project_id=pid, year=2026, month=9, investment=D("320.50"))])
    path = tmp_path / "一张表.pdf"
    with db.session() as s:
        assert project_sheet.write_sheets(s, [pid], PERIOD, path) == 1
    lines = [" ".join(line.split()) for line in pdf_text(path, "-layout").splitlines()]
    before = next(i for i, line in enumerate(lines) if line.startswith("此前 "))
    january = next(i for i, line in enumerate(lines) if line.startswith("1月"))
    assert before < january
    assert lines[before].startswith("此前 500.00 500.00"), lines[before]
    assert "此前各月累计（未分月），9月起按月填报" in "".join(text_of(path).split())
    assert "500.00" not in lines[january], lines[january]
    assert any(line.startswith("9月 ") and "320.50 820.50" in line for line in lines), lines


def test_command_line_briefing(report_db, db_url: str, tmp_path: Path) -> None:
    report_db.dispose()
    out = tmp_path / "cli.pdf"
    done = run_portfolio("--db", db_url, "export", "pdf", "--period", "2026-10", "-o", str(out),
                         "--next-work", "抓好冬季施工组织。")
    assert done.returncode == 0, done.stderr
    assert "2026年第1期" in done.stdout
    assert "抓好冬季施工组织。" in text_of(out)
