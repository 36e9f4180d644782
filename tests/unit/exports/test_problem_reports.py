"""The 问题台账 in the reports: the 问题清单 sheet read back with openpyxl, and the briefing's
需协调解决的问题 section read back with pdftotext."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import openpyxl

from exports import briefing_notes, briefing_pdf
from exports.xlsx import write_report
from portfolio import problems, projects
from portfolio.periods import Period
from portfolio.problems import ProblemData
from portfolio.projects import ProjectData
from tests.helpers import needs_poppler, pdf_text

JUNE = Period(2026, 6)
TODAY = dt.date(2026, 7, 5)


def _fill(db) -> None:
    with db.transaction() as s:
        road = projects.create(s, ProjectData(name="城南快速通道", category="交通能源",
                                              total_investment=Decimal("9000"),
                                              unit="县交通运输局"))
        park = projects.create(s, ProjectData(name="智能制造产业园", category="工业",
                                              total_investment=Decimal("20000"),
                                              unit="县工业和信息化局"))

        def add(pid: int, text: str, **kw) -> None:
            problems.add(s, ProblemData(pid, kw.pop("raised", JUNE), text, **kw), today=TODAY)

        add(road, "征地拆迁未完成", kind="征地拆迁", unit="城关镇人民政府", person="王强",
            deadline=dt.date(2026, 6, 10))
        add(road, "=HYPERLINK(\"x\")", unit="城关镇人民政府", deadline=dt.date(2026, 8, 31))
        add(park, "供电线路未接入", kind="水电气配套", unit="国网县供电公司", person="李明",
            deadline=dt.date(2026, 7, 31), state="解决中")
        add(park, "环评审批未完成", kind="手续审批", unit="县发展和改革委员会",
            raised=Period(2026, 5), deadline=dt.date(2026, 6, 30), state="已解决",
            resolution="已取得环评批复", resolved_on=dt.date(2026, 6, 18))
        add(park, "五月已解决的问题", raised=Period(2026, 5), state="已解决",
            resolution="已解决", resolved_on=dt.date(2026, 5, 20))


def test_problem_sheet(db, tmp_path: Path) -> None:
    _fill(db)
    path = tmp_path / "月报.xlsx"
    with db.session() as s:
        write_report(s, JUNE, path, today=TODAY)
    wb = openpyxl.load_workbook(path)
    assert "问题清单" in wb.sheetnames
    ws = wb["问题清单"]
    assert ws["A1"].value.endswith("重点项目问题清单（2026年6月）")
    assert ws["A2"].value.endswith("本期问题共4个：截至6月底待解决3个（其中逾期1个），6月解决1个")
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3, max_col=10)]
    assert rows[0] == ["序号", "项目名称", "问题描述", "类别", "协调单位", "责任人", "办结时限",
                       "状态", "提出时间", "解决情况"]
    assert rows[1] == [1, "城南快速通道", "征地拆迁未完成", "征地拆迁", "城关镇人民政府", "王强",
                       dt.datetime(2026, 6, 10), "待解决（逾期20天）", "2026年6月", None]
    assert [r[2] for r in rows[1:]] == ["征地拆迁未完成", "供电线路未接入", "=HYPERLINK(\"x\")",
                                        "环评审批未完成"]
    assert ws["C5"].data_type == "s"  # stored as text, not a formula
    assert rows[4][7:] == ["已解决", "2026年5月", "已取得环评批复（2026年6月18日）"]
    assert ws["A4"].fill.fgColor.rgb.endswith("FBE3E2")  # overdue
    assert ws.freeze_panes == "C4"


@needs_poppler
def test_briefing_section(db, tmp_path: Path) -> None:
    _fill(db)
    path = tmp_path / "简报.pdf"
    with db.transaction() as s:
        briefing_notes.save_next_work(s, JUNE, "一是加快推进。")
        issue = briefing_notes.assign_issue(s, JUNE)
    with db.session() as s:
        briefing_pdf.write_briefing(s, JUNE, path, issue=issue, today=TODAY)
    text = re.sub(r"\s+", "", pdf_text(path))
    assert "四、需协调解决的问题" in text and "五、晾晒排名" in text and "六、下步工作" in text
    assert ("截至6月底，问题台账中尚未解决的问题3个，其中超过办结时限的1个；6月解决问题1个。"
            "以下问题涉及2个协调单位，请各单位加快协调解决。") in text
    assert "需协调解决的问题清单（按协调单位）" in text
    # the unit with an overdue problem first, then its problems
    section = text.split("四、需协调解决的问题")[1]
    first = section.index("城关镇人民政府（2个，逾期1个）")
    second = section.index("国网县供电公司（1个）")
    assert first < section.index("征地拆迁未完成") < second < section.index("供电线路未接入")
    assert "待解决，逾期20天" in section
    assert "环评审批未完成" not in section
    # the overdue problem also puts its project on the warning list
    assert "问题“征地拆迁未完成”逾期20天未解决（截至6月底）" in text


@needs_poppler
def test_briefing_without_open_problems_has_no_section(db, tmp_path: Path) -> None:
    with db.transaction() as s:
        projects.create(s, ProjectData(name="某项目", total_investment=Decimal("100")))
        issue = briefing_notes.assign_issue(s, JUNE)
    path = tmp_path / "简报.pdf"
    with db.session() as s:
        briefing_pdf.write_briefing(s, JUNE, path, issue=issue, today=TODAY)
    assert "需协调解决的问题" not in pdf_text(path)
