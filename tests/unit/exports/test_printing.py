"""Every sheet we write prints A4 landscape, one page wide, titles repeated, page numbers below."""

from __future__ import annotations

import io

import openpyxl

from exports.xlsx.printing import PAGE_FOOTER, landscape_a4


def _round_trip(**options: object) -> openpyxl.worksheet.worksheet.Worksheet:
    wb = openpyxl.Workbook()
    landscape_a4(wb.active, **options)
    buffer = io.BytesIO()
    wb.save(buffer)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active


def test_landscape_a4_one_page_wide_with_titles_and_numbers() -> None:
    ws = _round_trip(title_rows="1:3", page_numbers=True)
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$1:$3"
    assert ws.oddFooter.center.text == PAGE_FOOTER == "第 &P 页，共 &N 页"


def test_titles_and_numbers_only_when_asked() -> None:
    ws = _round_trip()
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows is None
    assert not ws.oddFooter.center.text
