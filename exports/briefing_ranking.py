"""The briefing's 晾晒 section: the 红榜 and 黑榜 of 乡镇/街道 and of 责任单位, one table each,
from :func:`portfolio.ranking.rankings` (the overview's figures)."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from exports import fonts
from portfolio.money import format_money, format_percent
from portfolio.ranking import RankedGroup, Ranking

RED_BACK = colors.HexColor("#E6F4EA")
BLACK_BACK = colors.HexColor("#FBE3E2")


def sentence(rankings: list[Ranking]) -> str:
    """One sentence per grouping naming its 红榜 and 黑榜."""
    parts = []
    for r in rankings:
        red = "、".join(g.label for g in r.red) or "无"
        black = "、".join(g.label for g in r.black) or "无"
        parts.append(f"{r.title}按完成年度计划投资比例排名，红榜为{red}，黑榜为{black}")
    return "；".join(parts) + "。" if parts else ""


def _rows(ranking: Ranking, cell: ParagraphStyle, head: ParagraphStyle) -> list[list[Any]]:
    headings = ["榜单", "名次", ranking.title, "年度计划\n（万元）",
                f"{ranking.period.range_label}完成\n（万元）", "完成率", "较序时进度\n（百分点）",
                "开工率", "滞后\n项目", "逾期\n问题"]
    rows: list[list[Any]] = [[Paragraph(escape(h).replace("\n", "<br/>"), head)
                              for h in headings]]

    def line(label: str, g: RankedGroup) -> list[Any]:
        s = g.summary
        return [label, str(g.rank or ""), Paragraph(escape(g.label), cell),
                format_money(s.annual_plan, grouped=True), format_money(s.ytd, grouped=True),
                format_percent(g.completion_rate, suffix="%"),
                format_percent(g.gap_points, signed=True),
                format_percent(g.start_rate, suffix="%"), str(g.lagging),
                str(g.overdue_problems)]

    rows += [line("红榜", g) for g in ranking.red]
    rows += [line("黑榜", g) for g in ranking.black]
    return rows


def ranking_table(ranking: Ranking, cell: ParagraphStyle, head: ParagraphStyle,
                  width: float) -> Table:
    rows = _rows(ranking, cell, head)
    fractions = [0.07, 0.07, 0.18, 0.13, 0.13, 0.09, 0.10, 0.08, 0.07, 0.08]
    table = Table(rows, colWidths=[f * width for f in fractions], repeatRows=1)
    reds = len(ranking.red)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.BODY),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
        ("ALIGN", (0, 1), (1, -1), "CENTER"),
        ("ALIGN", (3, 1), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if reds:
        style.append(("BACKGROUND", (0, 1), (-1, reds), RED_BACK))
    if len(rows) > reds + 1:
        style.append(("BACKGROUND", (0, reds + 1), (-1, -1), BLACK_BACK))
    table.setStyle(TableStyle(style))
    return table


def section(rankings: list[Ranking], body: ParagraphStyle, caption: ParagraphStyle,
            cell: ParagraphStyle, head: ParagraphStyle, width: float,
            first_table: int) -> list[Flowable]:
    """The section's paragraphs and tables (numbered from ``first_table``), heading excluded."""
    flow: list[Flowable] = []
    text = sentence(rankings)
    if text:
        flow.append(Paragraph(escape(text), body))
    for number, r in enumerate(rankings, start=first_table):
        if not r.red and not r.black:
            continue
        flow.append(Spacer(1, 2))
        flow.append(KeepTogether([
            Paragraph(f"表{number}　{escape(r.title)}晾晒红黑榜", caption),
            ranking_table(r, cell, head, width),
        ]))
    return flow


__all__ = ["ranking_table", "section", "sentence"]
