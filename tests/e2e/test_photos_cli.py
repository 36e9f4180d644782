"""``portfolio photos`` end to end, with real JPEG files made by Pillow."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from PIL import Image

from portfolio import photos
from portfolio.projects import ProjectData, create
from tests.helpers import run_portfolio
from tests.photo_files import write_jpeg


def test_add_list_export_remove(db, db_url: str, tmp_path) -> None:
    with db.transaction() as s:
        pid = create(s, ProjectData(name="兰考县第三高级中学"))
    site = write_jpeg(tmp_path / "IMG_0231.JPG", 4000, 3000,
                      taken=dt.datetime(2026, 3, 2, 9, 30), orientation=6)
    gate = write_jpeg(tmp_path / "大门.jpg", 640, 480)
    added = run_portfolio("--db", db_url, "photos", "add", "第三高级中学", str(site), str(gate),
                          "--caption", "主体施工")
    assert added.returncode == 0, added.stderr
    with db.session() as s:
        stored = photos.photos_of(s, pid)
    # the camera's photo is turned upright and dated from EXIF; the other has no date
    assert [(p.taken_on, p.caption, p.width, p.height) for p in stored] == [
        (dt.date(2026, 3, 2), "主体施工", 1200, 1600), (None, "主体施工", 640, 480)]
    assert added.stdout.strip() == f"已添加 2 张照片，编号 {stored[0].id}、{stored[1].id}"

    dated = run_portfolio("--db", db_url, "photos", "add", str(pid), str(gate),
                          "--date", "2026-04-01")
    assert dated.returncode == 0, dated.stderr

    rows = list(csv.DictReader(io.StringIO(run_portfolio(
        "--db", db_url, "photos", "list", str(pid), "--format", "csv").stdout)))
    assert [(r["拍摄日期"], r["尺寸"], r["文件名"]) for r in rows] == [
        ("2026-03-02", "1200×1600", "IMG_0231.JPG"), ("2026-04-01", "640×480", "大门.jpg"),
        ("", "640×480", "大门.jpg")]
    table = run_portfolio("--db", db_url, "photos", "list", str(pid))
    assert table.returncode == 0 and table.stdout.endswith("共 3 张照片\n")

    out = tmp_path / "导出"
    exported = run_portfolio("--db", db_url, "photos", "export", str(pid), "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.strip() == f"已导出 3 张照片到 {out}"
    names = sorted(p.name for p in out.iterdir())
    assert names[0] == f"2026-03-02_{stored[0].id}_主体施工.jpg"
    with Image.open(out / names[0]) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 1600))

    removed = run_portfolio("--db", db_url, "photos", "remove", str(stored[1].id))
    assert removed.stdout.strip() == f"已删除照片 {stored[1].id}（主体施工）"
    left = json.loads(run_portfolio("--db", db_url, "photos", "list", str(pid),
                                    "--format", "json").stdout)
    assert [r["id"] for r in left] == [stored[0].id, stored[0].id + 2]
    missing = run_portfolio("--db", db_url, "photos", "remove", "9999")
    assert (missing.returncode, missing.stderr.strip()) == (1, "错误：没有编号为9999的照片")


def test_one_bad_file_adds_nothing(db, db_url: str, tmp_path) -> None:
    with db.transaction() as s:
        pid = create(s, ProjectData(name="污水处理厂"))
    good = write_jpeg(tmp_path / "好.jpg")
    bad = tmp_path / "坏.jpg"
    bad.write_bytes(write_jpeg(tmp_path / "x.jpg", 800, 600).read_bytes()[:2000])
    result = run_portfolio("--db", db_url, "photos", "add", str(pid), str(good), str(bad))
    assert result.returncode == 1
    assert result.stderr.strip() == "错误：未添加任何照片：“坏.jpg”图片不完整或已损坏，无法读取"
    with db.session() as s:
        assert photos.photos_of(s, pid) == []
