"""The demo's optional 现场照片 (``portfolio demo --photos``): a few small drawn site pictures
per started project, read through :mod:`portfolio.photos` like a photo a user adds (the same
resizing, JPEG and thumbnail) and inserted in one bulk statement like the rest of the demo (no
per-row audit entries; the generation is audited once).

A picture is drawn with Pillow, no network and no stock images: sky, ground, a building as high
as the project's share of work done that month (with a crane while it is going up) and a band
with the project's name and the day. Each started project gets two to four, taken in months
it reported (the latest among them), captioned with that month's 形象进度 and added a few days
after it was taken — so the 现场照片 tab and the 项目一张表 have something to show.

It draws from its own random stream after everything else is written: the rest of the demo is
the same with or without photos. Off by default because it takes seconds, not a fraction.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections import defaultdict
from decimal import Decimal
from functools import cache

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.models import MonthlyReport, Project
from db.photo_tables import ProjectPhoto
from portfolio import photos
from portfolio.metrics import IS_LEAF
from resources import path as resource_path

WIDTH, HEIGHT = 480, 320
GROUND = 250


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", "wqy-microhei.ttc")), size)


def draw(name: str, day: dt.date, share: float, rng: random.Random) -> bytes:
    """A JPEG of a site ``share`` (0…1) built, captioned with ``name`` and ``day``."""
    image = Image.new("RGB", (WIDTH, HEIGHT))
    pen = ImageDraw.Draw(image)
    haze = rng.randint(0, 40)
    for y in range(GROUND):  # sky, lighter towards the horizon
        tone = y * 90 // GROUND
        pen.line([(0, y), (WIDTH, y)], fill=(110 + tone + haze // 2, 160 + tone // 2 + haze // 3,
                                             220 - haze // 2))
    pen.rectangle([0, GROUND, WIDTH, HEIGHT], fill=(150 + haze, 125 + haze // 2, 90))
    left = rng.randint(60, 200)
    width = rng.randint(140, 220)
    floors = max(1, round(12 * share))
    top = GROUND - floors * 15
    pen.rectangle([left, top, left + width, GROUND], fill=(205, 200, 190), outline=(90, 90, 90))
    for floor in range(floors):
        y = GROUND - (floor + 1) * 15
        for x in range(left + 10, left + width - 14, 22):
            pen.rectangle([x, y + 4, x + 12, y + 11], fill=(70, 90, 120))
    if share < 0.98:  # still going up: a tower crane and scaffolding
        mast = left + width + 25
        pen.line([(mast, GROUND), (mast, top - 40)], fill=(230, 170, 20), width=5)
        pen.line([(mast - 110, top - 40), (mast + 50, top - 40)], fill=(230, 170, 20), width=4)
        pen.line([(mast - 80, top - 40), (mast - 80, top - 5)], fill=(60, 60, 60), width=1)
        pen.rectangle([left - 4, top - 6, left + width + 4, GROUND], outline=(120, 110, 90))
    pen.rectangle([0, HEIGHT - 46, WIDTH, HEIGHT], fill=(30, 40, 55))
    title = name if len(name) <= 22 else name[:21] + "…"
    pen.text((12, HEIGHT - 42), title, font=_font(18), fill="white")
    pen.text((12, HEIGHT - 19), f"{day.year}年{day.month}月{day.day}日  现场照片",
             font=_font(13), fill=(210, 215, 225))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def add_photos(session: Session, seed: int, today: dt.date) -> int:
    """Add the site photos of the demo portfolio just written in ``session``; how many."""
    rng = random.Random(f"demo-photos-{seed}")
    reports: dict[int, list[tuple[int, int, Decimal, str]]] = defaultdict(list)
    for pid, year, month, amount, progress in session.execute(
            select(MonthlyReport.project_id, MonthlyReport.year, MonthlyReport.month,
                   MonthlyReport.investment, MonthlyReport.progress)
            .where(MonthlyReport.started.is_(True))
            .order_by(MonthlyReport.project_id, MonthlyReport.year, MonthlyReport.month)):
        reports[pid].append((year, month, amount, progress))
    rows: list[dict[str, object]] = []
    latest = min(today, dt.date.today())  # a photo is never taken after the real today
    for pid, name, total, prior in session.execute(
            select(Project.id, Project.name, Project.total_investment, Project.prior_investment)
            .where(IS_LEAF, Project.actual_start.is_not(None)).order_by(Project.id)):
        months = reports.get(pid)
        if not months or not total:
            continue
        done = [prior]
        for _, _, amount, _ in months:
            done.append(done[-1] + amount)
        picks = sorted(rng.sample(range(len(months) - 1), min(len(months) - 1,
                                                              rng.randint(1, 3))))
        for index in [*picks, len(months) - 1]:
            year, month, _, progress = months[index]
            taken = min(dt.date(year, month, rng.randint(1, 28)), latest)
            share = float(done[index + 1] / total)
            data = photos.read_bytes(draw(name, taken, share, rng),
                                     f"IMG_{taken:%Y%m%d}_{pid:04d}{index:02d}.jpg")
            # added a few days after it was taken, as the office would, not when the demo ran
            added_on = min(taken + dt.timedelta(days=rng.randint(1, 6)), latest)
            rows.append({
                "project_id": pid, "taken_on": taken,
                "caption": progress[:photos.CAPTION_LIMIT], "image": data.image,
                "thumbnail": data.thumbnail, "width": data.width, "height": data.height,
                "file_name": data.file_name,
                "added_at": dt.datetime.combine(added_on, dt.time(10, 30)),
                "added_by": "演示数据"})
    if rows:
        session.execute(insert(ProjectPhoto.__table__), rows)
    return len(rows)
