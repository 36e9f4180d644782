"""Chinese line breaking in every PDF: no line starts with closing punctuation, none ends
with an opening bracket, numbers stay whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from sqlalchemy import select

from db.models import Project
from db.session import open_database
from exports import briefing_pdf, fonts, project_sheet
from exports.pdf_text import CANNOT_END, CANNOT_START, ChineseParagraph, break_before
from portfolio import demo
from portfolio.periods import Period
from tests.helpers import needs_poppler, pdf_text

CLOSING = "，。、；：？！）》」』】〕…”"


def _lines(text: str, width: float) -> list[str]:
    fonts.register()
    style = ParagraphStyle("body", fontName=fonts.BODY, fontSize=10, leading=14,
                           wordWrap="CJK")
    paragraph = ChineseParagraph(text, style)
    paragraph.wrap(width, 1000)
    return ["".join(word.text for word in line.words) for line in paragraph.blPara.lines]


@pytest.mark.parametrize("chars", range(6, 15))
def test_no_line_starts_with_closing_punctuation_at_any_width(chars: int) -> None:
    text = ("截至11月底，全县完成投资113.12亿元，占年度计划的89.7%；"
            "开工率（83.8%）达到《方案》要求。")
    lines = _lines(text, chars * 10 + 0.5)
    assert "".join(lines) == text
    for line in lines[1:]:
        assert line[0] not in CANNOT_START, lines
    for line in lines[:-1]:
        assert line[-1] not in CANNOT_END, lines
    for number in ("113.12", "89.7%", "83.8%"):
        assert any(number in line for line in lines), lines  # numbers are not cut


def test_a_break_moves_back_before_the_character_that_cannot_start() -> None:
    text = "重点项目共290个，总投资"
    assert break_before(text, 0, text.index("，")) == text.index("，") - 1
    assert break_before(text, 0, text.index("总")) == text.index("总")
    assert break_before("（（（（", 0, 2) == 2  # nothing better: break where it overflowed


@needs_poppler
@pytest.mark.parametrize("writer", ["briefing", "project_sheet"])
def test_the_pdfs_follow_the_rules(tmp_path: Path, writer: str) -> None:
    out = tmp_path / f"{writer}.pdf"
    with open_database(f"sqlite:///{(tmp_path / 'demo.sqlite3').as_posix()}") as db:
        demo.generate(db, projects=300, years=3, seed=1)
        with db.session() as session:
            if writer == "briefing":
                briefing_pdf.write_briefing(session, Period(2026, 11), out, issue=1)
            else:
                ids = list(session.scalars(select(Project.id).order_by(Project.id).limit(40)))
                project_sheet.write_sheets(session, ids, Period(2026, 11), out)
    segments = [segment for line in pdf_text(out, "-layout").splitlines()
                for segment in re.split(r"\s{2,}", line.strip()) if segment]
    assert segments
    starting = [s for s in segments if s[0] in CLOSING]
    assert starting == []
