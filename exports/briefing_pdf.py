"""The PDF briefing for county leaders (重点项目建设工作简报), A4 portrait.

A red-headed title with 第N期 (numbered per year), the issuing office and the date; then
一、总体情况 as sentences carrying the period's figures, 二、分领域进展 (table and bar chart),
三、滞后项目 (the warning list), 需协调解决的问题 when the 问题台账 has open problems
(:mod:`exports.briefing_problems`), 晾晒排名 (红榜 and 黑榜, :mod:`exports.briefing_ranking`) and
下步工作 (text the user types for the period). Body text
in 仿宋/宋体, headings in 黑体, every face embedded (:mod:`exports.fonts`).

The issue number and the 下步工作 text live in ``period_notes`` (keys :data:`ISSUE_KEY` and
:data:`NEXT_WORK_KEY`): a period keeps its number when the briefing is written again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import PeriodNote
from db.queries import ProjectFilter
from exports import briefing_problems, briefing_ranking, fonts
from exports.output import ProgressFn, atomic_output, tick
from exports.pdf_text import ChineseParagraph
from exports.report_data import ReportData, chinese_numeral, collect, date_label, group_label
from portfolio import ranking, scope
from portfolio.alerts import RULE_LABELS, RULES, reasons
from portfolio.concurrency import StaleEdit, last_record_change, lock_rows, stale_message
from portfolio.money import format_money, format_percent, to_yi
from portfolio.overview import gap_words
from portfolio.periods import Period
from portfolio.ranking import Ranking

ISSUE_KEY = "briefing.issue"
NEXT_WORK_KEY = "briefing.next_work"
TITLE = "重点项目建设工作简报"
RED = colors.HexColor("#C00000")
PLAN_COLOUR = colors.HexColor("#9DB4D6")
DONE_COLOUR = colors.HexColor("#C0392B")
_ALL = ProjectFilter()


# ---------------------------------------------------------------------------------------------
# notes kept per period


def _note(session: Session, period: Period, key: str) -> PeriodNote | None:
    return session.get(PeriodNote, (period.year, period.month, key))


def _set_note(session: Session, period: Period, key: str, text: str) -> None:
    note = _note(session, period, key)
    if note is None:
        session.add(PeriodNote(year=period.year, month=period.month, key=key, text=text))
    elif note.text != text:
        note.text = text
    session.flush()


def issue_number(session: Session, period: Period) -> int | None:
    """The briefing's number for ``period``, if it has one."""
    note = _note(session, period, ISSUE_KEY)
    if note is None or not note.text.strip().isdigit():
        return None
    return int(note.text)


def assign_issue(session: Session, period: Period, number: int | None = None) -> int:
    """The period's number: kept when it has one, else the next in its year (or ``number``)."""
    if number is not None:
        if number < 1:
            raise ValueError("期号应为正整数")
        _set_note(session, period, ISSUE_KEY, str(number))
        return number
    current = issue_number(session, period)
    if current is not None:
        return current
    used = [
        int(text) for text in session.scalars(
            select(PeriodNote.text).where(PeriodNote.key == ISSUE_KEY,
                                          PeriodNote.year == period.year))
        if text.strip().isdigit()
    ]
    number = max(used, default=0) + 1
    _set_note(session, period, ISSUE_KEY, str(number))
    return number


def next_work(session: Session, period: Period) -> str:
    note = _note(session, period, NEXT_WORK_KEY)
    return note.text if note is not None else ""


def save_next_work(session: Session, period: Period, text: str,
                   expected: str | None = None) -> None:
    """Keep the 下步工作 text of ``period`` (audited like every change). ``expected`` is the
    text the user's editor loaded: when another user saved another since,
    :class:`~portfolio.concurrency.StaleEdit` says who and when, and nothing is written."""
    if expected is not None:
        where = (PeriodNote.year == period.year, PeriodNote.month == period.month,
                 PeriodNote.key == NEXT_WORK_KEY)
        lock_rows(session, select(PeriodNote.key).where(*where))
        if next_work(session, period) != expected:
            change = last_record_change(
                session, "period_notes", [f"{period.year},{period.month},{NEXT_WORK_KEY}"])
            raise StaleEdit(stale_message(f"{period.label}工作简报", ["下步工作"], change))
    _set_note(session, period, NEXT_WORK_KEY, text.strip())


# ---------------------------------------------------------------------------------------------
# the sentences


def _yi(value: Decimal) -> str:
    return f"{to_yi(value):.2f}亿元"


def _projects(data: ReportData) -> str:
    """How the sentences name the report's projects: the county's, or the ones chosen."""
    if scope.subject(data.scope) == "全县":
        return "全县纳入重点项目管理的项目"
    return "所选项目"


def overall_sentences(data: ReportData) -> list[str]:
    """一、总体情况: the period's figures in sentences (every figure from :mod:`metrics`)."""
    t = data.total
    period = data.period
    plan = (f"{period.year}年计划投资{_yi(t.annual_plan)}" if t.annual_plan
            else f"{period.year}年投资计划尚未编制")
    parts = [
        f"截至{period.year}年{period.month}月底，{_projects(data)}共{t.project_count}个，"
        f"总投资{_yi(t.total_investment)}，{plan}。"
    ]
    if t.ytd or t.annual_plan:
        done = f"{period.range_label}累计完成投资{_yi(t.ytd)}"
        if t.completion_rate is not None and t.gap_points is not None:
            done += (f"，占年度计划的{t.completion_rate:.1f}%，{gap_words(t.gap_points)}"
                     f"（序时进度{t.time_progress:.1f}%）")
        parts.append(done + f"；其中{period.month}月份完成投资{_yi(t.month)}。")
    else:
        parts.append(f"{period.range_label}尚无完成投资的调度数据。")
    if t.planned_starts:
        parts.append(f"计划年内开工项目{t.planned_starts}个，已开工{t.actual_starts}个，"
                     f"开工率{t.start_rate:.1f}%。")
    warned = len(data.warned)
    parts.append(f"列入预警的滞后项目{warned}个。" if warned else "本期没有列入预警的滞后项目。")
    return ["".join(parts)]


def category_sentence(data: ReportData) -> str:
    rows = [r for r in data.summaries("category") if r.completion_rate is not None]
    if len(rows) < 2:
        return ""
    best = max(rows, key=lambda r: r.completion_rate or 0)
    worst = min(rows, key=lambda r: r.completion_rate or 0)
    ahead = [group_label(r.key or "") for r in rows if (r.gap_points or 0) >= 0]
    best_name, worst_name = group_label(best.key or ""), group_label(worst.key or "")
    text = (f"分领域看，{best_name}领域完成率最高（{best.completion_rate:.1f}%），"
            f"{worst_name}领域最低（{worst.completion_rate:.1f}%）")
    if ahead:
        text += f"；{'、'.join(ahead)}{'等' if len(ahead) > 3 else ''}领域达到或超过序时进度"
    else:
        text += "；各领域均低于序时进度"
    return text + "。"


def lagging_sentence(data: ReportData) -> str:
    warned = data.warned
    if not warned:
        return "本期没有列入预警的滞后项目。"
    counts = Counter(w.rule for f in warned for w in data.warnings[f.project_id])
    kinds = "、".join(f"{RULE_LABELS[r]}{counts[r]}个" for r in RULES if counts[r])
    return f"共有{len(warned)}个项目列入预警，其中{kinds}（一个项目可有多项原因）。"


# ---------------------------------------------------------------------------------------------
# layout


class _Styles:
    def __init__(self) -> None:
        body, heading = fonts.BODY, fonts.HEADING
        self.title = ParagraphStyle("title", fontName=heading, fontSize=30, leading=40,
                                    alignment=TA_CENTER, textColor=RED)
        self.issue = ParagraphStyle("issue", fontName=body, fontSize=15, leading=22,
                                    alignment=TA_CENTER)
        self.masthead = ParagraphStyle("masthead", fontName=body, fontSize=13, leading=20)
        self.heading = ParagraphStyle("heading", fontName=heading, fontSize=15, leading=26,
                                      spaceBefore=8, spaceAfter=4)
        self.body = ParagraphStyle("body", fontName=body, fontSize=13.5, leading=24,
                                   firstLineIndent=27, alignment=TA_JUSTIFY, wordWrap="CJK")
        self.cell = ParagraphStyle("cell", fontName=body, fontSize=9.5, leading=12.5,
                                   wordWrap="CJK", alignment=TA_LEFT)
        self.cell_head = ParagraphStyle("cell_head", fontName=heading, fontSize=9.5,
                                        leading=12.5, alignment=TA_CENTER, wordWrap="CJK")
        self.caption = ParagraphStyle("caption", fontName=body, fontSize=10, leading=14,
                                      alignment=TA_CENTER)


class _Masthead(Flowable):
    """Office on the left, date on the right, a red double rule below."""

    def __init__(self, office: str, day: str, width: float) -> None:
        super().__init__()
        self.office, self.day, self.width = office, day, width
        self.height = 10 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFont(fonts.BODY, 13)
        c.drawString(0, 4 * mm, self.office)
        c.drawRightString(self.width, 4 * mm, self.day)
        c.setStrokeColor(RED)
        c.setLineWidth(2.2)
        c.line(0, 1.2 * mm, self.width, 1.2 * mm)
        c.setLineWidth(0.6)
        c.line(0, 0, self.width, 0)


def _page_number(canvas: Any, doc: Any) -> None:
    canvas.saveState()
    canvas.setFont(fonts.BODY, 12)
    canvas.drawCentredString(A4[0] / 2, 1.4 * cm, f"— {doc.page} —")
    canvas.restoreState()


class _Document(BaseDocTemplate):
    """A document that reports progress after each flowable (and so can be cancelled)."""

    def __init__(self, filename: str, progress: ProgressFn | None, total: int,
                 **kwargs: Any) -> None:
        super().__init__(filename, **kwargs)
        self._progress = progress
        self._total = total
        self._done = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        self._done += 1
        if self._done % 5 == 0:
            tick(self._progress, min(self._done, self._total), self._total)


def _doc(path: Path, progress: ProgressFn | None, total: int, title: str,
         author: str) -> _Document:
    doc = _Document(
        str(path), progress, total, pagesize=A4, leftMargin=2.6 * cm, rightMargin=2.4 * cm,
        topMargin=2.4 * cm, bottomMargin=2.6 * cm, title=title, author=author,
        subject=title, creator="项目库", initialFontName=fonts.BODY,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_page_number)])
    return doc


def _table(rows: list[list[Any]], widths: list[float], *, header_rows: int = 1,
           total_row: bool = False, align_right_from: int | None = None) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.BODY),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#E8E8E8")),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if align_right_from is not None:
        style.append(("ALIGN", (align_right_from, header_rows), (-1, -1), "RIGHT"))
    if total_row:
        style += [("FONTNAME", (0, -1), (-1, -1), fonts.HEADING),
                  ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#FBEAEA"))]
    table.setStyle(TableStyle(style))
    return table


def category_table(data: ReportData, styles: _Styles, width: float) -> Table:
    head = ["领域", "项目个数", "年度计划投资\n（万元）",
            f"{data.period.range_label}完成投资\n（万元）",
            "完成率", "较序时进度\n（百分点）", "开工率"]
    rows: list[list[Any]] = [[ChineseParagraph(escape(h).replace("\n", "<br/>"), styles.cell_head)
                              for h in head]]
    summaries = data.summaries("category")
    for s in [*summaries, data.total]:
        rows.append([
            "合计" if s.key is None else group_label(s.key), str(s.project_count),
            format_money(s.annual_plan, grouped=True), format_money(s.ytd, grouped=True),
            format_percent(s.completion_rate, suffix="%"),
            format_percent(s.gap_points, signed=True), format_percent(s.start_rate, suffix="%"),
        ])
    fractions = [0.16, 0.11, 0.18, 0.18, 0.12, 0.13, 0.12]
    return _table(rows, [f * width for f in fractions], total_row=True, align_right_from=1)


def category_chart(data: ReportData, width: float) -> Drawing:
    """Bars of annual plan and completed investment (亿元) by 领域."""
    summaries = [s for s in data.summaries("category")]
    height = 62 * mm
    drawing = Drawing(width, height, initialFontName=fonts.BODY)
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 14 * mm
    chart.width, chart.height = width - 20 * mm, height - 26 * mm
    chart.data = [
        [float(to_yi(s.annual_plan)) for s in summaries],  # drawing only: floats are fine here
        [float(to_yi(s.ytd)) for s in summaries],
    ]
    chart.categoryAxis.categoryNames = [group_label(s.key or "") for s in summaries]
    chart.categoryAxis.labels.fontName = fonts.BODY
    chart.categoryAxis.labels.fontSize = 9
    chart.valueAxis.labels.fontName = fonts.BODY
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.bars[0].fillColor = PLAN_COLOUR
    chart.bars[1].fillColor = DONE_COLOUR
    chart.bars.strokeColor = None
    chart.barSpacing = 1.5
    chart.groupSpacing = 8
    chart.barLabels.fontName = fonts.BODY
    chart.barLabels.fontSize = 6.5
    chart.barLabelFormat = "%.2f"
    chart.barLabels.nudge = 5
    drawing.add(chart)
    legend = Legend()
    legend.fontName = fonts.BODY
    legend.fontSize = 9
    legend.x, legend.y = width - 60 * mm, height - 4 * mm
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 60
    legend.colorNamePairs = [(PLAN_COLOUR, "年度计划投资"),
                             (DONE_COLOUR, f"{data.period.range_label}完成投资")]
    drawing.add(legend)
    drawing.add(String(14 * mm, height - 6 * mm, "单位：亿元", fontName=fonts.BODY, fontSize=8))
    return drawing


def lagging_table(data: ReportData, styles: _Styles, width: float) -> Table | None:
    warned = data.warned
    if not warned:
        return None
    head = ["序号", "项目名称", "责任单位", "责任领导", "滞后原因", "存在问题"]
    rows: list[list[Any]] = [[ChineseParagraph(h, styles.cell_head) for h in head]]
    for number, f in enumerate(warned, start=1):
        rows.append([
            str(number), ChineseParagraph(escape(f.name), styles.cell),
            ChineseParagraph(escape(f.unit), styles.cell),
            ChineseParagraph(escape(f.leader), styles.cell),
            ChineseParagraph(escape(reasons(data.warnings[f.project_id])), styles.cell),
            ChineseParagraph(escape(f.problems), styles.cell),
        ])
    fractions = [0.07, 0.24, 0.15, 0.09, 0.28, 0.17]
    table = _table(rows, [f * width for f in fractions])
    table.setStyle(TableStyle([("ALIGN", (0, 1), (0, -1), "CENTER")]))
    return table


def _paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    return [ChineseParagraph(escape(line.strip()), style)
            for line in text.splitlines() if line.strip()]


def story(data: ReportData, issue: int, next_work_text: str, width: float,
          rankings: list[Ranking] | None = None) -> list[Flowable]:
    styles = _Styles()
    period = data.period
    flow: list[Flowable] = [
        Spacer(1, 4 * mm),
        ChineseParagraph(TITLE, styles.title),
        Spacer(1, 3 * mm),
        ChineseParagraph(f"{period.year}年第{issue}期", styles.issue),
        Spacer(1, 5 * mm),
        _Masthead(data.office, date_label(data.issued_on), width),
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
        doc = _doc(temporary, progress, len(data.warned) + 20,
                   f"{TITLE}（{period.year}年第{issue}期）{data.scope_note}", data.office)
        doc.build(story(data, issue, text, doc.width,
                        list(ranking.rankings(session, period, flt).values())))
    return data

