"""项目一张表: one A4 page per project with every field, where the project is cited from, the
year's monthly figures (planned, completed, cumulative, 形象进度), and up to four 现场照片 of the
month (:func:`portfolio.photos.for_period`: the latest taken by the month's end), each with its
day and caption."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    Image,
    KeepInFrame,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import MonthlyReport, Project
from exports import fonts
from exports.briefing_layout import make_document
from exports.output import ExportError, ProgressFn, atomic_output, tick
from exports.pdf_text import ChineseParagraph
from portfolio import alerts, metrics, photos, plans, projects
from portfolio.campaign import campaign_text
from portfolio.money import format_money, format_percent
from portfolio.monthly.carried import CARRIED_MONTH
from portfolio.monthly.carried import LABEL as CARRIED_LABEL
from portfolio.periods import Period
from portfolio.vocabulary import FIELD_LABELS, KINDS, PLAN_STATUSES

TITLE = "项目一张表"
ZERO = Decimal("0.00")
PHOTOS = 4
#: the tallest a photo is printed (points; 4.2 cm), so that four fit under the month table
PHOTO_HEIGHT = 119.0


class _Styles:
    def __init__(self) -> None:
        self.title = ParagraphStyle("t", fontName=fonts.HEADING, fontSize=18, leading=24,
                                    alignment=TA_CENTER)
        self.name = ParagraphStyle("n", fontName=fonts.HEADING, fontSize=13, leading=18,
                                   alignment=TA_CENTER, spaceBefore=2, spaceAfter=6)
        self.label = ParagraphStyle("l", fontName=fonts.HEADING, fontSize=9, leading=11.5,
                                    wordWrap="CJK")
        self.cell = ParagraphStyle("c", fontName=fonts.BODY, fontSize=9, leading=11.5,
                                   wordWrap="CJK")
        self.section = ParagraphStyle("s", fontName=fonts.HEADING, fontSize=11, leading=16,
                                      spaceBefore=6, spaceAfter=3)
        self.small = ParagraphStyle("sm", fontName=fonts.BODY, fontSize=8.5, leading=11,
                                    wordWrap="CJK")


def _date(value: object) -> str:
    return value.isoformat() if value is not None else ""  # type: ignore[attr-defined]


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{format_money(value, grouped=True)}万元"


def _grid(rows: list[list[Any]], widths: list[float], *, head: bool = False) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if head else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), fonts.BODY),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if head:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")))
    table.setStyle(TableStyle(style))
    return table


def sheet(session: Session, project_id: int, period: Period, width: float,
          height: float) -> list[Flowable]:
    """The flowables of one project's page."""
    styles = _Styles()
    project = session.get(Project, project_id)
    if project is None:
        raise ExportError(f"编号为{project_id}的项目不存在")
    data = projects.to_data(project)
    figures = metrics.project_figures(session, period, ids=[project_id])[0]
    warned = alerts.evaluate(session, period, ids=[project_id]).get(project_id, [])
    parent = session.get(Project, data.parent_id) if data.parent_id else None

    def p(text: object, style: ParagraphStyle = styles.cell) -> Paragraph:
        shown = escape("" if text is None else str(text)).replace("\n", "<br/>")
        return ChineseParagraph(shown, style)

    label = FIELD_LABELS
    pairs: list[tuple[str, object]] = [
        ("编号", project.id), (label["kind"], KINDS.get(data.kind, data.kind)),
        (label["category"], data.category), (label["project_type"], data.project_type),
        (label["stage"], data.stage), (label["levels"], "、".join(data.levels)),
        (label["plan_status"], PLAN_STATUSES.get(data.plan_status, data.plan_status)),
        (label["township"], data.township),
        (label["planned_start"], _date(data.planned_start)),
        (label["planned_finish"], _date(data.planned_finish)),
        (label["actual_start"], _date(data.actual_start)),
        (label["actual_finish"], _date(data.actual_finish)),
        ("总投资", _money(data.total_investment)),
        ("截至上年底累计完成投资", _money(figures.prior_years)),
        (f"{period.year}年计划投资", _money(figures.annual_plan)),
        (f"{period.range_label}完成投资", _money(figures.ytd)),
        ("占年度计划", format_percent(figures.plan_rate, suffix="%")),
        ("截至本月累计完成投资", _money(figures.cumulative)),
        (label["unit"], data.unit), (label["leader"], data.leader),
        (label["contact_name"], data.contact_name), (label["contact_phone"], data.contact_phone),
        ("三个一批", campaign_text(data.signed_issue, data.started_issue, data.produced_issue)),
        (label["parent"], f"{parent.name}（编号{parent.id}）" if parent else ""),
        (label["signed_on"], _date(data.signed_on)),
        ("现场照片", f"{len(photos.photos_of(session, project_id))}张"),
    ]
    quarter = width / 4
    rows = []
    for i in range(0, len(pairs), 2):
        (l1, v1), (l2, v2) = pairs[i], pairs[i + 1]
        rows.append([p(l1, styles.label), p(v1), p(l2, styles.label), p(v2)])
    wide: list[tuple[str, str]] = [
        (label["location"], data.location),
        (label["scale"], data.scale),
        (label["quantities"], "、".join(f"{v.normalize():f}{u}" for v, u in data.quantities)),
        (label["funding"], "、".join(
            f"{s}{'' if a is None else format_money(a) + '万元'}" for s, a in data.funding)),
        ("预警", alerts.reasons(warned) or "无"),
        (label["notes"], data.notes),
    ]
    for name, value in wide:
        rows.append([p(name, styles.label), p(value), "", ""])
    table = _grid(rows, [quarter * 0.8, quarter * 1.2, quarter * 0.8, quarter * 1.2])
    spans = [("SPAN", (1, r), (3, r)) for r in range(len(pairs) // 2, len(rows))]
    table.setStyle(TableStyle([*spans,
                               ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2")),
                               ("BACKGROUND", (2, 0), (2, len(pairs) // 2 - 1),
                                colors.HexColor("#F2F2F2"))]))

    flow: list[Flowable] = [ChineseParagraph(TITLE, styles.title), p(project.name, styles.name),
                            table]

    flow.append(ChineseParagraph("来源", styles.section))
    if project.citations:
        cites = [[p("文件", styles.label), p("行", styles.label), p("原文", styles.label)]]
        for citation in project.citations:
            doc = citation.document
            title = doc.title + (f"（{doc.number}）" if doc.number else "")
            cites.append([p(title, styles.small), p(citation.line, styles.small),
                          p(citation.quote, styles.small)])
        flow.append(_grid(cites, [width * 0.34, width * 0.08, width * 0.58], head=True))
    else:
        flow.append(p("用户录入，无规划文件出处。", styles.small))

    flow.append(ChineseParagraph(f"{period.year}年逐月情况（万元）", styles.section))
    plan = plans.load(session, project_id, period.year)
    planned = plan.amounts() if plan is not None else [ZERO] * 12
    reports = {
        r.month: r for r in session.scalars(select(MonthlyReport).where(
            MonthlyReport.project_id == project_id, MonthlyReport.year == period.year))
    }
    months = [[p(h, styles.label) for h in ("月份", "计划投资", "完成投资", "1—N月累计",
                                             "形象进度", "存在问题")]]
    running = ZERO
    carried_row = reports.get(CARRIED_MONTH)
    first: int | None = None
    if carried_row is not None:  # 此前各月累计（未分月）: a line before 1月
        running = carried_row.investment
        first = min((m for m in reports if m != CARRIED_MONTH), default=None)
        since = f"，{first}月起按月填报" if first else ""
        months.append(["此前", "", format_money(running, grouped=True),
                       format_money(running, grouped=True),
                       p(f"{CARRIED_LABEL}{since}", styles.small), ""])
    for month in range(1, 13):
        report = reports.get(month)
        amount = report.investment if report is not None else None
        if amount is not None:
            running += amount
        # the months inside the carried amount have no 1—N月 of their own: 此前 holds them
        shown = (month <= period.month or report is not None) and not (
            first is not None and month < first)
        months.append([
            f"{month}月", format_money(planned[month - 1], grouped=True) if plan else "",
            format_money(amount, grouped=True),
            format_money(running, grouped=True) if shown else "",
            p(report.progress if report else "", styles.small),
            p(report.problems if report else "", styles.small),
        ])
    month_table = _grid(months, [width * f for f in (0.08, 0.13, 0.13, 0.13, 0.32, 0.21)],
                        head=True)
    month_table.setStyle(TableStyle([("ALIGN", (1, 1), (3, -1), "RIGHT"),
                                     ("ALIGN", (0, 1), (0, -1), "CENTER")]))
    flow.append(month_table)
    flow += _photos(session, project_id, period, width, styles)
    flow.append(Spacer(1, 4))
    flow.append(p(f"数据截至{period.label}。", styles.small))
    # one page, whatever the length of the texts
    return [KeepInFrame(width, height, flow, mode="shrink")]


def _photos(session: Session, project_id: int, period: Period, width: float,
            styles: _Styles) -> list[Flowable]:
    """The 现场照片 section: up to :data:`PHOTOS` photos side by side, each scaled into its
    cell (never above :data:`PHOTO_HEIGHT`), its day and caption under it; nothing when the
    project has no photo by the month's end."""
    shown = photos.for_period(session, project_id, period, limit=PHOTOS)
    if not shown:
        return []
    cell = width / PHOTOS
    room = cell - 8
    images: list[Any] = []
    captions: list[Any] = []
    for photo, image in shown:
        scale = min(room / photo.width, PHOTO_HEIGHT / photo.height)
        images.append(Image(io.BytesIO(image), photo.width * scale, photo.height * scale))
        day = photo.taken_on.isoformat() if photo.taken_on else "日期不详"
        words = escape(f"{day} {photo.caption}".strip())
        captions.append(ChineseParagraph(words, styles.small))
    blank = PHOTOS - len(shown)
    table = Table([images + [""] * blank, captions + [""] * blank], colWidths=[cell] * PHOTOS)
    table.setStyle(TableStyle([("ALIGN", (0, 0), (-1, 0), "CENTER"),
                               ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                               ("TOPPADDING", (0, 0), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return [ChineseParagraph(f"现场照片（截至{period.label}）", styles.section), table]


def write_sheets(session: Session, project_ids: Sequence[int], period: Period,
                 path: Path | str, *, progress: ProgressFn | None = None) -> int:
    """Write one page per project of ``project_ids`` to ``path``; the number of pages."""
    if not project_ids:
        raise ExportError("没有要导出的项目")
    fonts.register()
    path = Path(path)
    with atomic_output(path) as temporary:
        doc = make_document(temporary, progress, len(project_ids) + 1, TITLE, "项目库")
        flow: list[Flowable] = []
        for index, project_id in enumerate(project_ids):
            tick(progress, index, len(project_ids))
            if index:
                flow.append(PageBreak())
            flow += sheet(session, project_id, period, doc.width, doc.height - 2)
        doc.build(flow)
    return len(project_ids)


__all__ = ["TITLE", "sheet", "write_sheets"]
