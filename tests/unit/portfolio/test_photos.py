"""现场照片: reading files (refusals, EXIF date and orientation, resizing), storing, listing,
removing and restoring, the photos a report month shows, exporting to a folder."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from PIL import Image
from sqlalchemy import select

from db.models import AuditEntry
from portfolio import photos
from portfolio.periods import Period
from portfolio.photos import PhotoError
from portfolio.projects import ProjectData, create, delete_project
from portfolio.projects import restore as restore_project
from tests.photo_files import jpeg_bytes, png_bytes, write_jpeg


def _size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        return image.size


def test_a_large_camera_photo_is_turned_upright_dated_and_resized(tmp_path) -> None:
    path = write_jpeg(tmp_path / "IMG_0231.JPG", 4000, 3000,
                      taken=dt.datetime(2026, 3, 2, 10, 11, 12), orientation=6)
    photo = photos.read_photo(path)
    assert photo.taken_on == dt.date(2026, 3, 2)
    assert photo.file_name == "IMG_0231.JPG"
    # orientation 6: the 4000 × 3000 sensor image is shown 3000 wide, 4000 high
    assert (photo.width, photo.height) == (1200, 1600)
    assert _size(photo.image) == (1200, 1600)
    assert _size(photo.thumbnail) == (180, 240)
    with Image.open(io.BytesIO(photo.image)) as image:
        # the green half (left on the sensor) is on top once turned clockwise
        top, bottom = image.getpixel((600, 100)), image.getpixel((600, 1500))
        assert top[1] > 100 and top[0] < 100  # type: ignore[index]
        assert min(bottom) > 230  # type: ignore[type-var]
        assert not image.getexif()  # nothing of the original's metadata is kept


def test_a_small_photo_keeps_its_size_and_no_exif_gives_no_date() -> None:
    photo = photos.read_bytes(jpeg_bytes(400, 300), "a.jpg")
    assert (photo.width, photo.height, photo.taken_on) == (400, 300, None)
    assert _size(photo.thumbnail) == (240, 180)


def test_a_transparent_png_is_stored_on_white() -> None:
    photo = photos.read_bytes(png_bytes(200, 100), "图.png")
    with Image.open(io.BytesIO(photo.image)) as image:
        assert min(image.getpixel((150, 80))) > 240  # type: ignore[type-var]
        red = image.getpixel((10, 10))
        assert red[0] > 200 and red[1] < 60  # type: ignore[index]


def test_a_future_exif_date_is_ignored() -> None:
    photo = photos.read_bytes(jpeg_bytes(taken=dt.datetime(2099, 1, 1)), "x.jpg")
    assert photo.taken_on is None


@pytest.mark.parametrize(("content", "message"), [
    (b"", "“坏.jpg”是空文件"),
    ("这不是图片".encode(), "“坏.jpg”不是图片文件，只能添加 JPEG 或 PNG 照片"),
    (jpeg_bytes(800, 600)[:3000], "“坏.jpg”图片不完整或已损坏，无法读取"),
    (png_bytes()[:-30], "“坏.jpg”图片不完整或已损坏，无法读取"),
])
def test_bad_files_are_refused_naming_the_file(content: bytes, message: str) -> None:
    with pytest.raises(PhotoError) as info:
        photos.read_bytes(content, "坏.jpg")
    assert str(info.value) == message


def test_other_formats_are_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, "GIF")
    with pytest.raises(PhotoError, match=re.escape("“a.gif”是GIF格式，只能添加 JPEG 或 PNG 照片")):
        photos.read_bytes(out.getvalue(), "a.gif")


def test_a_file_over_30_mb_is_refused_before_reading(tmp_path) -> None:
    path = tmp_path / "大.jpg"
    with path.open("wb") as file:
        file.truncate(31 * 1024 * 1024)  # sparse: no 31 MB written
    with pytest.raises(PhotoError, match=re.escape("“大.jpg”有31.0 MB，超过30 MB")):
        photos.read_photo(path)


@pytest.mark.parametrize("side", [40, 100])  # Pillow's warning range and its error range
def test_a_decompression_bomb_is_refused(monkeypatch, side: int) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(PhotoError, match=re.escape("“炸弹.png”的像素数超过0万")):
        photos.read_bytes(png_bytes(side, side), "炸弹.png")


@pytest.fixture
def project(any_db) -> int:
    with any_db.transaction() as s:
        return create(s, ProjectData(name="兰考县第三高级中学"))


def test_add_list_update_remove_restore(any_db, project: int) -> None:
    first = photos.read_bytes(jpeg_bytes(taken=dt.datetime(2026, 5, 1)), "b.jpg")
    second = photos.read_bytes(jpeg_bytes(), "a.jpg").with_changes(
        taken_on=dt.date(2026, 3, 2), caption="  基础施工 ")
    with any_db.transaction() as s:
        b = photos.add(s, project, first)
        a = photos.add(s, project, second)
    with any_db.session() as s:
        listed = photos.photos_of(s, project)
        assert [(p.id, p.taken_on, p.caption) for p in listed] == [
            (a, dt.date(2026, 3, 2), "基础施工"), (b, dt.date(2026, 5, 1), "")]
        assert photos.image_of(s, a) == second.image
        audit = s.scalars(select(AuditEntry.new_value).where(
            AuditEntry.table_name == "project_photos", AuditEntry.field == "image")).all()
        assert audit == [f"（{len(first.image)}字节）", f"（{len(second.image)}字节）"]
    with any_db.transaction() as s:
        photos.update(s, b, caption="主体封顶", taken_on=dt.date(2026, 5, 3),
                      expected=listed[1])
    with any_db.transaction() as s, pytest.raises(PhotoError, match="已被他人修改"):
        photos.update(s, b, caption="又改", taken_on=None, expected=listed[1])
    with any_db.transaction() as s, pytest.raises(PhotoError, match="不能超过200字"):
        photos.update(s, b, caption="字" * 201, taken_on=None)
    with any_db.transaction() as s:
        saved = photos.remove(s, b)
    with any_db.session() as s:
        assert [p.id for p in photos.photos_of(s, project)] == [a]
    with any_db.transaction() as s:
        photos.restore(s, saved)
    with any_db.session() as s:
        back = photos.get(s, b)
        assert (back.caption, back.taken_on, back.added_at) == (
            "主体封顶", dt.date(2026, 5, 3), saved.added_at)
        assert photos.image_of(s, b) == first.image


def test_adding_to_a_missing_project_is_refused(any_db) -> None:
    with any_db.transaction() as s, pytest.raises(KeyError):
        photos.add(s, 999, photos.read_bytes(jpeg_bytes(), "a.jpg"))


def test_photos_go_with_their_project_and_come_back_with_it(any_db, project: int) -> None:
    data = photos.read_bytes(jpeg_bytes(), "a.jpg")
    with any_db.transaction() as s:
        pid = photos.add(s, project, data.with_changes(caption="开工仪式"))
    with any_db.transaction() as s:
        saved = delete_project(s, project)
    with any_db.session() as s:
        assert photos.photos_of(s, project) == []
    with any_db.transaction() as s:
        restore_project(s, saved)  # undo of the delete
    with any_db.session() as s:
        assert [(p.id, p.caption) for p in photos.photos_of(s, project)] == [(pid, "开工仪式")]
        assert photos.image_of(s, pid) == data.image


def test_a_report_month_shows_the_latest_four_taken_by_its_end(any_db, project: int) -> None:
    days = [dt.date(2026, m, 10) for m in (1, 2, 3, 4, 5, 6)]
    with any_db.transaction() as s:
        ids = [photos.add(s, project, photos.read_bytes(jpeg_bytes(), f"{d}.jpg")
                          .with_changes(taken_on=d, caption=f"{d.month}月")) for d in days]
        undated = photos.add(s, project, photos.read_bytes(jpeg_bytes(), "无日期.jpg"))
    with any_db.session() as s:
        may = photos.for_period(s, project, Period(2026, 5))
        assert [p.caption for p, _ in may] == ["5月", "4月", "3月", "2月"]
        assert may[0][1] == photos.image_of(s, ids[4])
        # an undated photo counts on the day it was added: today, after May 2026's end
        assert undated not in [p.id for p, _ in may]
        now = [p.id for p, _ in photos.for_period(s, project, Period.current(), limit=10)]
        assert now[0] == undated


def test_export_writes_every_photo_with_a_safe_name(any_db, project: int, tmp_path) -> None:
    data = photos.read_bytes(jpeg_bytes(), "a.jpg")
    with any_db.transaction() as s:
        a = photos.add(s, project, data.with_changes(taken_on=dt.date(2026, 3, 2),
                                                     caption='主体/封顶: "东区"'))
        b = photos.add(s, project, data)
    with any_db.session() as s:
        written = photos.export(s, project, tmp_path / "照片")
    assert [p.name for p in written] == [f"2026-03-02_{a}_主体_封顶_ _东区.jpg",
                                         f"日期不详_{b}.jpg"]
    assert written[0].read_bytes() == data.image
