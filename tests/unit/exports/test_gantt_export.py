"""``portfolio export gantt``: a vector PDF with the names as text and every font embedded, and
PNG pages; run as a user would, through the command line."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from db.models import AnnualPlan, MonthlyReport
from db.queries import ProjectFilter
from exports.gantt_export import ExportOptions, Sheet, export_gantt, png_paths
from exports.output import ExportError
from portfolio import projects
from portfolio.periods import Period
from portfolio.projects import ProjectData
from tests.helpers import assert_fonts_embedded, needs_poppler, pdf_text, run_portfolio

NAMES = ("兰考县第三高级中学", "黄河湾风电场二期", "万邦国际物流园", "郑开同城东部供水厂")


@pytest.fixture
def sample(db) -> list[int]:
    ids = []
    with db.transaction() as s:
        for i, name in enumerate(NAMES):
            ids.append(projects.create(s, ProjectData(
                name=name, category=("社会事业", "交通能源", "服务业", "城建")[i],
                unit="县发展和改革委员会", total_investment=Decimal("1000"),
                planned_start=dt.date(2025, 1 + i, 1), planned_finish=dt.date(2027, 6, 30),
                actual_start=dt.date(2025, 2 + i, 10) if i % 2 == 0 else None)))
        for i in range(60):  # enough lines for several A4 pages
            ids.append(projects.create(s, ProjectData(
                name=f"乡村振兴示范村{i + 1:02d}号", category="农业",
                total_investment=Decimal("200"), planned_start=dt.date(2024, 3, 1),
                planned_finish=dt.date(2026, 3, 31))))
        s.add(AnnualPlan(project_id=ids[0], year=2026, planned_investment=Decimal("600")))
        s.add(MonthlyReport(project_id=ids[0], year=2026, month=5, investment=Decimal("300")))
    return ids


def _cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_portfolio("--db", db_url, "export", "gantt", *args)


@needs_poppler
@pytest.mark.slow
def test_pdf_has_names_as_text_and_embedded_fonts(db_url: str, sample, tmp_path: Path) -> None:
    out = tmp_path / "甘特图.pdf"
    result = _cli(db_url, "-o", str(out), "--paper", "A4", "--period", "2026-06",
                  "--today", "2026-07-15")
    assert result.returncode == 0, result.stderr
    assert "已导出" in result.stdout
    text = pdf_text(out, "-layout")
    for name in NAMES:
        assert name in text
    assert "乡村振兴示范村60号" in text
    pages = text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    for page in pages:  # labels and the time axis are repeated on every page
        assert "项目名称" in page and "责任单位" in page and "2026年" in page
    assert_fonts_embedded(out)


@needs_poppler
@pytest.mark.slow
def test_filters_and_grouping_as_for_list(db_url: str, sample, tmp_path: Path) -> None:
    out = tmp_path / "filtered.pdf"
    result = _cli(db_url, "-o", str(out), "--search", "风电", "--group", "领域",
                  "--period", "2026-06")
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "黄河湾风电场二期" in text and "交通能源（1个" in text
    assert "万邦国际物流园" not in text

    bad = _cli(db_url, "-o", str(tmp_path / "x.docx"))
    assert bad.returncode == 1 and "只能导出为 .pdf 或 .png" in bad.stderr
    none = _cli(db_url, "-o", str(tmp_path / "none.pdf"), "--search", "没有这个项目")
    assert none.returncode == 1 and "没有项目" in none.stderr
    assert not (tmp_path / "none.pdf").exists()


def test_png_pages_are_drawn(qapp, db, sample, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    options = ExportOptions(period=Period(2026, 6), paper="A4", today=dt.date(2026, 7, 15))
    written = export_gantt(db, tmp_path / "gantt.png", ProjectFilter(), options)
    sheet = Sheet.for_paper("A4")
    assert len(written) == -(-len(sample) // sheet.rows_per_page)
    assert written == png_paths(tmp_path / "gantt.png", len(written))
    image = QImage(str(written[0]))
    assert image.width() > 1600 and image.height() > 1100
    white = QColor("white").rgb()
    coloured = sum(
        1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
        if image.pixel(x, y) != white
    )
    assert coloured > 2_000  # bars, text and grid, not an empty page
    one = export_gantt(db, tmp_path / "one.png", ProjectFilter(text="风电"), options)
    assert one == [tmp_path / "one.png"]
    with pytest.raises(ExportError):
        export_gantt(db, tmp_path / "x.pdf", ProjectFilter(),
                     ExportOptions(period=Period(2026, 6), paper="B5"))
