"""The Gantt chart on paper: a multi-page vector PDF (A3 or A4 landscape) and PNG images.

The pages are laid out and drawn by :mod:`exports.gantt_page`; this module puts them on
paper through ReportLab (PDF: vector, the hei face embedded as a subset) or through a
QPainter on a QImage (PNG: one image per page, in the same face, via
:mod:`exports.gantt_qt`). Geometry is :mod:`portfolio.timeline`'s, as on screen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from db.queries import ProjectFilter
from db.session import Database
from exports import fonts, report_settings
from exports.gantt_drawing import TEXT_COLOUR
from exports.gantt_page import ExportOptions, Sheet, chart_title, draw_page, register_font
from exports.output import ExportError, atomic_output
from portfolio import timeline
from portfolio.timeline import GanttData

#: the resolution of PNG pages
PNG_DPI = 150


# --- ReportLab -----------------------------------------------------------------------------


class PdfCanvas:
    """:class:`Canvas` over a ReportLab canvas (whose y grows upwards)."""

    def __init__(self, pdf, height: float) -> None:  # type: ignore[no-untyped-def]
        from reportlab.lib.colors import HexColor

        self._pdf = pdf
        self._height = height
        self._colour = HexColor
        self._font = register_font()
        self._clipped = False

    def _y(self, y: float) -> float:
        return self._height - y

    def rect(self, x: float, y: float, w: float, h: float, *, fill: str | None = None,
             stroke: str | None = None, width: float = 0.5) -> None:
        pdf = self._pdf
        if fill:
            pdf.setFillColor(self._colour(fill))
        if stroke:
            pdf.setStrokeColor(self._colour(stroke))
            pdf.setLineWidth(width)
        pdf.rect(x, self._y(y + h), w, h, stroke=1 if stroke else 0, fill=1 if fill else 0)

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str, *,
             width: float = 0.5, dashed: bool = False) -> None:
        pdf = self._pdf
        pdf.setStrokeColor(self._colour(colour))
        pdf.setLineWidth(width)
        pdf.setDash(3, 2) if dashed else pdf.setDash()
        pdf.line(x1, self._y(y1), x2, self._y(y2))
        if dashed:
            pdf.setDash()

    def polygon(self, points: Sequence[tuple[float, float]], *, fill: str | None,
                stroke: str | None, width: float = 0.6) -> None:
        pdf = self._pdf
        path = pdf.beginPath()
        path.moveTo(points[0][0], self._y(points[0][1]))
        for x, y in points[1:]:
            path.lineTo(x, self._y(y))
        path.close()
        if fill:
            pdf.setFillColor(self._colour(fill))
        if stroke:
            pdf.setStrokeColor(self._colour(stroke))
            pdf.setLineWidth(width)
        pdf.drawPath(path, stroke=1 if stroke else 0, fill=1 if fill else 0)

    def text(self, x: float, y: float, w: float, h: float, text: str, size: float, *,
             colour: str = TEXT_COLOUR, align: str = "left") -> None:
        if not text:
            return
        pdf = self._pdf
        pdf.setFillColor(self._colour(colour))
        pdf.setFont(self._font, size)
        baseline = self._y(y + h / 2 + size * 0.36)
        if align == "center":
            pdf.drawCentredString(x + w / 2, baseline, text)
        elif align == "right":
            pdf.drawRightString(x + w, baseline, text)
        else:
            pdf.drawString(x, baseline, text)

    def clip(self, x: float, y: float, w: float, h: float) -> None:
        pdf = self._pdf
        pdf.saveState()
        path = pdf.beginPath()
        path.rect(x, self._y(y + h), w, h)
        pdf.clipPath(path, stroke=0, fill=0)
        self._clipped = True

    def unclip(self) -> None:
        if self._clipped:
            self._pdf.restoreState()
            self._pdf.setFont(self._font, 8)
            self._clipped = False


def write_pdf(data: GanttData, path: Path, options: ExportOptions, region: str = "") -> Path:
    """The chart as a vector PDF, one page per :attr:`Sheet.rows_per_page` lines."""
    from reportlab.pdfgen.canvas import Canvas as ReportlabCanvas

    sheet = Sheet.for_paper(options.paper)
    pages = max(1, math.ceil(len(data.lines) / sheet.rows_per_page))
    with atomic_output(path) as temporary:
        # the initial font too: otherwise every page names an unembedded Helvetica
        pdf = ReportlabCanvas(str(temporary), pagesize=(sheet.width, sheet.height),
                              initialFontName=register_font(), initialFontSize=sheet.font_size)
        pdf.setTitle(chart_title(data, options, region))
        pdf.setAuthor(region or "项目库")
        pdf.setCreator("项目库")
        canvas = PdfCanvas(pdf, sheet.height)
        for page in range(pages):
            draw_page(canvas, sheet, data, options, region, page, pages)
            pdf.showPage()
        pdf.save()
    return path


# --- Qt (PNG) ----------------------------------------------------------------------------


_family: str | None = None


def _qt_family() -> str:
    """Load the PDF's hei face into Qt (needs a QGuiApplication) and return its family."""
    global _family
    if _family is None:
        from PySide6.QtGui import QFontDatabase

        _body, heading = fonts.register()
        font_id = QFontDatabase.addApplicationFont(str(heading.path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _family = families[0] if families else "WenQuanYi Micro Hei"
    return _family


def _ensure_gui() -> None:
    """PNG drawing needs a QGuiApplication; the command line has none, so make an offscreen one."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _ensure_gui.app = QGuiApplication(["portfolio", "-platform", "offscreen"])  # type: ignore[attr-defined]


def png_paths(path: Path, pages: int) -> list[Path]:
    """``gantt.png`` for one page; ``gantt-1.png`` … ``gantt-N.png`` for several."""
    if pages == 1:
        return [path]
    digits = len(str(pages))
    return [path.with_name(f"{path.stem}-{i + 1:0{digits}d}{path.suffix}") for i in range(pages)]


def write_png(data: GanttData, path: Path, options: ExportOptions, region: str = "",
              dpi: int = PNG_DPI) -> list[Path]:
    """The chart as PNG images, one per page of the PDF layout; returns the files written."""
    _ensure_gui()
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    from exports.gantt_qt import QtCanvas

    sheet = Sheet.for_paper(options.paper)
    pages = max(1, math.ceil(len(data.lines) / sheet.rows_per_page))
    factor = dpi / 72
    targets = png_paths(path, pages)
    for page, target in enumerate(targets):
        image = QImage(round(sheet.width * factor), round(sheet.height * factor),
                       QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(round(72 / 0.0254))  # one point is one pixel before scaling
        image.setDotsPerMeterY(round(72 / 0.0254))
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.scale(factor, factor)
        draw_page(QtCanvas(painter, QFont(_qt_family())), sheet, data, options, region, page, pages)
        painter.end()
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        with atomic_output(target) as temporary:
            if not image.save(str(temporary), "PNG"):  # type: ignore[call-overload]
                raise ExportError(f"无法写入图片“{target}”")
    return targets


# --- entry point -------------------------------------------------------------------------


def export_gantt(db: Database, path: Path | str, flt: ProjectFilter,
                 options: ExportOptions) -> list[Path]:
    """Write the Gantt of ``flt`` to ``path`` (``.pdf`` or ``.png``); the files written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".png"):
        raise ExportError(f"甘特图只能导出为 .pdf 或 .png 文件，不能是“{path.name}”")
    Sheet.for_paper(options.paper)  # refuse a wrong paper before reading anything
    with db.session() as session:
        data = timeline.load_chart(
            session, options.period, flt, sort=options.sort, descending=options.descending,
            by=options.by, today=options.today,
        )
        region = report_settings.load(session).region
    if not data.lines:
        raise ExportError("筛选后没有项目，未导出甘特图")
    if suffix == ".pdf":
        return [write_pdf(data, path, options, region)]
    return write_png(data, path, options, region)


__all__ = ["PNG_DPI", "ExportOptions", "PdfCanvas", "Sheet", "export_gantt", "png_paths",
           "write_pdf", "write_png"]
