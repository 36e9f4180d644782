"""The look of the PDF briefing and the project sheet: A4 portrait, paragraph styles (仿宋/宋体
body, 黑体 headings, every face embedded by :mod:`exports.fonts`), the masthead with its red
double rule, the page number, the document that reports progress, and the ruled table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Table,
    TableStyle,
)

from exports import fonts
from exports.output import ProgressFn, tick

RED = colors.HexColor("#C00000")


class Styles:
    """The briefing's paragraph styles (the project sheet uses them too)."""

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


class Masthead(Flowable):
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


def page_number(canvas: Any, doc: Any) -> None:
    canvas.saveState()
    canvas.setFont(fonts.BODY, 12)
    canvas.drawCentredString(A4[0] / 2, 1.4 * cm, f"— {doc.page} —")
    canvas.restoreState()


class BriefingDocument(BaseDocTemplate):
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


def make_document(path: Path, progress: ProgressFn | None, total: int, title: str,
         author: str) -> BriefingDocument:
    doc = BriefingDocument(
        str(path), progress, total, pagesize=A4, leftMargin=2.6 * cm, rightMargin=2.4 * cm,
        topMargin=2.4 * cm, bottomMargin=2.6 * cm, title=title, author=author,
        subject=title, creator="项目库", initialFontName=fonts.BODY,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=page_number)])
    return doc


def grid_table(rows: list[list[Any]], widths: list[float], *, header_rows: int = 1,
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
