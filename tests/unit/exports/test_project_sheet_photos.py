"""项目一张表 with 现场照片: the latest four taken by the month's end, each with day and caption,
and the 签约日期 line."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from exports import project_sheet
from portfolio import photos
from portfolio.periods import Period
from portfolio.projects import ProjectData, create
from tests.helpers import needs_poppler, pdf_text
from tests.photo_files import jpeg_bytes

pytestmark = needs_poppler


def test_sheet_prints_the_months_latest_four_photos(db, tmp_path: Path) -> None:
    with db.transaction() as s:
        pid = create(s, ProjectData(name="兰考县第三高级中学", signed_on=dt.date(2025, 11, 8)))
        for month, (w, h) in zip(range(3, 9), [(800, 600), (600, 800), (1600, 1200),
                                                (640, 480), (480, 640), (800, 600)],
                                 strict=True):
            data = photos.read_bytes(jpeg_bytes(w, h), f"{month}.jpg")
            photos.add(s, pid, data.with_changes(taken_on=dt.date(2026, month, 15),
                                                 caption=f"第{month}月现场"))
    path = tmp_path / "一张表.pdf"
    with db.session() as s:
        project_sheet.write_sheets(s, [pid], Period(2026, 7), path)
    text = re.sub(r"\s+", "", pdf_text(path))
    assert "现场照片（截至2026年7月）" in text
    for month in (4, 5, 6, 7):
        assert f"2026-{month:02d}-15第{month}月现场" in text
    assert "第3月现场" not in text and "第8月现场" not in text  # older than four; after July
    assert "签约日期" in text and "2025-11-08" in text and "现场照片6张" in text
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in listing] == [
        ["480", "640"], ["640", "480"], ["1600", "1200"], ["600", "800"]]


def test_sheet_without_photos_has_no_photo_section(db, tmp_path: Path) -> None:
    with db.transaction() as s:
        pid = create(s, ProjectData(name="污水处理厂"))
    path = tmp_path / "一张表.pdf"
    with db.session() as s:
        project_sheet.write_sheets(s, [pid], Period(2026, 7), path)
    text = re.sub(r"\s+", "", pdf_text(path))
    assert "现场照片（截至" not in text and "现场照片0张" in text
