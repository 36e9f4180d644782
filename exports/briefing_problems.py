"""需协调解决的问题 of the PDF briefing: the problems of the 问题台账 still open at the end of
the period, grouped by 协调单位 (the units with overdue problems first), as a sentence and a
table in the briefing's own styles (:mod:`exports.briefing_layout`).

Open and overdue are as of the period's last day, as the alert rule and the overview count
them (:mod:`portfolio.problems`).
"""

from __future__ import annotations

from typing import Any, Protocol
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from exports import fonts
from exports.report_data import ReportData
from portfolio.problems import ProblemRow

HEADING = "需协调解决的问题"
NO_UNIT = "未明确协调单位"
_GROUP_FILL = colors.HexColor("#F3F3F3")
_OVERDUE = colors.HexColor("#C00000")


class _Styles(Protocol):
    cell: ParagraphStyle
    cell_head: ParagraphStyle


def open_problems(data: ReportData) -> list[ProblemRow]:
    """The problems still open at the end of the period."""
    end = data.period.last_day
    return [p for p in data.problems if p.is_open or (
        p.resolved_on is not None and p.resolved_on > end)]


def grouped(data: ReportData) -> list[tuple[str, list[ProblemRow]]]:
    """The open problems by 协调单位: units with the most overdue first, then the most open;
    problems without a unit last."""
    end = data.period.last_day
    groups: dict[str, list[ProblemRow]] = {}
    for problem in open_problems(data):
        groups.setdefault(problem.unit, []).append(problem)

    def order(item: tuple[str, list[ProblemRow]]) -> tuple[bool, int, int, str]:
        unit, rows = item
        return (unit == "", -sum(1 for r in rows if r.overdue_days(end)), -len(rows), unit)

    return sorted(groups.items(), key=order)


def sentence(data: ReportData) -> str:
    rows = open_problems(data)
    month = data.period.month
    late = sum(1 for r in rows if r.overdue_days(data.period.last_day))
    solved = data.problem_counts.total.solved if data.problem_counts else 0
    units = len(grouped(data))
    text = f"截至{month}月底，问题台账中尚未解决的问题{len(rows)}个"
    text += f"，其中超过办结时限的{late}个" if late else ""
    text += f"；{month}月解决问题{solved}个。" if solved else "。"
    return text + f"以下问题涉及{units}个协调单位，请各单位加快协调解决。"


def table(data: ReportData, styles: _Styles, width: float) -> Table:
    """One header line per 协调单位, then its problems."""
    end = data.period.last_day
    head = ["序号", "项目名称", "问题描述", "责任人", "办结时限", "状态"]
    rows: list[list[Any]] = [[Paragraph(h, styles.cell_head) for h in head]]
    style: list[Any] = []
    number = 0
    for unit, problems in grouped(data):
        late = sum(1 for p in problems if p.overdue_days(end))
        label = f"{unit or NO_UNIT}（{len(problems)}个" + (f"，逾期{late}个）" if late else "）")
        rows.append([Paragraph(escape(label), styles.cell_head), "", "", "", "", ""])
        r = len(rows) - 1
        style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), _GROUP_FILL)]
        for p in problems:
            number += 1
            days = p.overdue_days(end)
            state = "解决中" if not p.is_open else p.state
            rows.append([
                str(number), Paragraph(escape(p.project_name), styles.cell),
                Paragraph(escape(p.description), styles.cell),
                Paragraph(escape(p.person), styles.cell),
                p.deadline.isoformat() if p.deadline else "",
                Paragraph(escape(f"{state}，逾期{days}天" if days else state), styles.cell),
            ])
            if days:
                style.append(("TEXTCOLOR", (4, len(rows) - 1), (4, len(rows) - 1), _OVERDUE))
    fractions = [0.07, 0.25, 0.33, 0.09, 0.12, 0.14]
    result = Table(rows, colWidths=[f * width for f in fractions], repeatRows=1)
    result.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.BODY),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (4, 1), (4, -1), "CENTER"),
        *style,
    ]))
    return result
