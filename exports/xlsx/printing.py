"""How the sheets we write print: A4 landscape, one page wide and as many pages tall as the
lines need, with the header rows on every page and, where asked, 第 N 页，共 M 页 below."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

PAGE_FOOTER = "第 &P 页，共 &N 页"


def landscape_a4(ws: Worksheet, *, title_rows: str | None = None,
                 page_numbers: bool = False) -> None:
    """Set ``ws`` to print landscape on A4, fitted to the page's width; ``title_rows`` (such
    as ``"1:3"``) repeat on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows is not None:
        ws.print_title_rows = title_rows
    if page_numbers:
        ws.oddFooter.center.text = PAGE_FOOTER
