"""The PDF briefing for county leaders (重点项目建设工作简报), A4 portrait.

A red-headed title with 第N期 (numbered per year), the issuing office and the date; then
一、总体情况 as sentences carrying the period's figures, 二、分领域进展 (table and bar chart),
三、滞后项目 (the warning list), 需协调解决的问题 when the 问题台账 has open problems
(:mod:`exports.briefing_problems`), 晾晒排名 (红榜 and 黑榜, :mod:`exports.briefing_ranking`) and
下步工作 (text the user types for the period). Body text
in 仿宋/宋体, headings in 黑体, every face embedded (:mod:`exports.fonts`).

The issue number and the 下步工作 text live in ``period_notes`` (:mod:`exports.briefing_notes`);
the styles, masthead and page template are :mod:`exports.briefing_layout`, the first three
sections :mod:`exports.briefing_sections`; this module puts them in order and writes the file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer
from sqlalchemy.orm import Session

from db.queries import ProjectFilter
from exports import briefing_problems, briefing_ranking, fonts
from exports.briefing_layout import Masthead, Styles, make_document
from exports.briefing_notes import next_work
from exports.briefing_sections import (
    category_chart,
    category_sentence,
    category_table,
    lagging_sentence,
    lagging_table,
    overall_sentences,
)
from exports.output import ProgressFn, atomic_output
from exports.pdf_text import ChineseParagraph
from exports.report_data import ReportData, chinese_numeral, collect, date_label
from portfolio import ranking
from portfolio.periods import Period
from portfolio.ranking import Ranking

TITLE = "重点项目建设工作简报"
_ALL = ProjectFilter()


def _paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    return [ChineseParagraph(escape(line.strip()), style)
            for line in text.splitlines() if line.strip()]


def story(data: ReportData, issue: int, next_work_text: str, width: float,
          rankings: list[Ranking] | None = None) -> list[Flowable]:
    styles = Styles()
    period = data.period
    flow: list[Flowable] = [
        Spacer(1, 4 * mm),
        ChineseParagraph(TITLE, styles.title),
        Spacer(1, 3 * mm),
        ChineseParagraph(f"{period.year}年第{issue}期", styles.issue),
        Spacer(1, 5 * mm),
        Masthead(data.office, date_label(data.issued_on), width),
        Spacer(1, 6 * mm),
    ]
    sections = ["总体情况", "分领域进展", "滞后项目"]
    problem_section = bool(briefing_problems.open_problems(data))
    if problem_section:
        sections.append(briefing_problems.HEADING)
    if rankings:
        sections.append("晾晒排名")
    if next_work_text.strip():
        sections.append("下步工作")
    sections[0] += data.scope_note  # a partial report says so where its figures start
    headings = [ChineseParagraph(f"{chinese_numeral(i)}、{name}", styles.heading)
                for i, name in enumerate(sections, start=1)]
    flow.append(headings[0])
    flow += [ChineseParagraph(escape(s), styles.body) for s in overall_sentences(data)]
    flow.append(headings[1])
    sentence = category_sentence(data)
    if sentence:
        flow.append(ChineseParagraph(escape(sentence), styles.body))
    flow.append(Spacer(1, 2 * mm))
    flow.append(ChineseParagraph(f"表1　分领域{escape(period.range_label)}重点项目进展情况",
                          styles.caption))
    flow.append(category_table(data, styles, width))
    if any(s.annual_plan or s.ytd for s in data.summaries("category")):
        flow.append(Spacer(1, 3 * mm))
        flow.append(KeepTogether([
            ChineseParagraph(f"图1　分领域年度计划投资与{escape(period.range_label)}完成投资",
                      styles.caption),
            category_chart(data, width),
        ]))
    flow.append(headings[2])
    flow.append(ChineseParagraph(escape(lagging_sentence(data)), styles.body))
    table = lagging_table(data, styles, width)
    if table is not None:
        flow.append(Spacer(1, 2 * mm))
        flow.append(ChineseParagraph("表2　滞后项目预警清单", styles.caption))
        flow.append(table)
    tables = 3 if table is not None else 2  # the next table's number
    if problem_section:
        flow.append(headings[3])
        flow.append(Paragraph(escape(briefing_problems.sentence(data)), styles.body))
        flow.append(Spacer(1, 2 * mm))
        flow.append(Paragraph(f"表{tables}　需协调解决的问题清单（按协调单位）", styles.caption))
        flow.append(briefing_problems.table(data, styles, width))
        tables += 1
    if rankings:  # 晾晒排名: exports/briefing_ranking.py
        flow.append(headings[4 if problem_section else 3])
        flow += briefing_ranking.section(rankings, styles.body, styles.caption, styles.cell,
                                         styles.cell_head, width, tables)
    if next_work_text.strip():
        flow.append(headings[-1])
        flow += _paragraphs(next_work_text, styles.body)
    return flow


def write_briefing(
    session: Session,
    period: Period,
    path: Path | str,
    flt: ProjectFilter = _ALL,
    *,
    issue: int,
    today: dt.date | None = None,
    progress: ProgressFn | None = None,
) -> ReportData:
    """Write the briefing of ``period`` for ``flt`` to ``path`` (``issue`` from
    :func:`assign_issue`). Returns the data it shows."""
    fonts.register()
    data = collect(session, period, flt, today=today)
    text = next_work(session, period)
    path = Path(path)
    with atomic_output(path) as temporary:
        doc = make_document(temporary, progress, len(data.warned) + 20,
                   f"{TITLE}（{period.year}年第{issue}期）{data.scope_note}", data.office)
        doc.build(story(data, issue, text, doc.width,
                        list(ranking.rankings(session, period, flt).values())))
    return data

