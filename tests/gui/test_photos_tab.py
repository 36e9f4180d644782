"""The editor's 现场照片 tab and its 签约日期 field: photos added from real JPEG files, refused
files changing nothing, captions and dates edited in place, everything undoable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from db.session import Database
from portfolio import photos
from portfolio.projects import ProjectData, create, load
from tests.photo_files import write_jpeg
from ui.context import AppContext
from ui.editor.dialog import ProjectEditor
from ui.editor.photos_panel import PhotosPanel


@pytest.fixture
def project(db: Database) -> int:
    with db.transaction() as s:
        return create(s, ProjectData(name="兰考县第三高级中学"))


def _editor(db: Database, pid: int, qtbot) -> tuple[AppContext, ProjectEditor]:  # type: ignore[no-untyped-def]
    context = AppContext(db)
    editor = ProjectEditor(context, pid)
    qtbot.addWidget(editor)
    return context, editor


def _stored(db: Database, pid: int) -> list[tuple[str, dt.date | None]]:
    with db.session() as s:
        return [(p.caption, p.taken_on) for p in photos.photos_of(s, pid)]


def test_photos_are_added_edited_removed_and_undone(db, project, qtbot, qtmodeltester,
                                                    tmp_path: Path) -> None:
    context, editor = _editor(db, project, qtbot)
    panel: PhotosPanel = editor.photos
    assert editor.tabs.tabText(editor.tabs.indexOf(panel)) == "现场照片"
    first = write_jpeg(tmp_path / "IMG_1.jpg", 3200, 2400, taken=dt.datetime(2026, 3, 2, 9, 0))
    second = write_jpeg(tmp_path / "IMG_2.jpg", 800, 600)
    assert panel.add_files([first, second])
    qtmodeltester.check(panel.model)
    model = panel.model
    assert model.rowCount() == 2
    assert editor.tabs.tabText(editor.tabs.indexOf(panel)) == "现场照片（2）"
    assert [model.index(r, 1).data() for r in range(2)] == ["2026-03-02", "（不详）"]
    assert model.index(0, 0).data(1).height() == 120  # the thumbnail, as DecorationRole
    assert not panel.preview.pixmap().isNull()
    assert context.undo_stack.count() == 1

    assert model.setData(model.index(0, 2), "  基础施工 ")
    assert model.setData(model.index(1, 1), "2026-04-20")
    assert _stored(db, project) == [("基础施工", dt.date(2026, 3, 2)), ("", dt.date(2026, 4, 20))]
    messages: list[str] = []
    context.statusMessage.connect(messages.append)
    assert not model.setData(model.index(1, 1), "2026/4/20")
    assert messages[-1] == "第2张照片的拍摄日期应写作 YYYY-MM-DD：“2026/4/20”"
    assert not model.setData(model.index(1, 2), "字" * 201)
    assert messages[-1] == "未保存：照片说明不能超过200字（现有201字）"

    panel.view.selectRow(0)
    assert panel.remove_selected()
    assert _stored(db, project) == [("", dt.date(2026, 4, 20))]
    stack = context.undo_stack
    stack.undo()  # the removal: back whole
    assert _stored(db, project)[0] == ("基础施工", dt.date(2026, 3, 2))
    stack.undo()  # the date
    stack.undo()  # the caption
    assert _stored(db, project) == [("", dt.date(2026, 3, 2)), ("", None)]
    stack.undo()  # the addition
    assert model.rowCount() == 0 and _stored(db, project) == []
    stack.redo()  # the same photos back under the same ids
    assert model.rowCount() == 2


def test_one_bad_file_adds_nothing_and_names_it(db, project, qtbot, tmp_path: Path) -> None:
    context, editor = _editor(db, project, qtbot)
    good = write_jpeg(tmp_path / "好.jpg")
    bad = tmp_path / "报表.jpg"
    bad.write_bytes(b"PK\x03\x04 not a photo")
    assert not editor.photos.add_files([good, bad])
    assert editor.photos.notice.text() == (
        "未添加任何照片：“报表.jpg”不是图片文件，只能添加 JPEG 或 PNG 照片")
    assert _stored(db, project) == [] and context.undo_stack.count() == 0


def test_export_button_writes_the_photos(db, project, qtbot, tmp_path: Path) -> None:
    _context, editor = _editor(db, project, qtbot)
    editor.photos.add_files([write_jpeg(tmp_path / "a.jpg", taken=dt.datetime(2026, 1, 5))])
    written = editor.photos.export_to(tmp_path / "out")
    assert [p.name for p in written] == [p.name for p in (tmp_path / "out").iterdir()]
    assert written[0].name.startswith("2026-01-05_")


def test_signed_on_is_saved_from_the_form_and_checked(db, project, qtbot) -> None:
    _context, editor = _editor(db, project, qtbot)
    editor.fields["signed_on"].set_value(dt.date.today() + dt.timedelta(days=1))  # type: ignore[attr-defined]
    assert not editor.save()
    assert editor.errors["signed_on"].text() == "签约日期不能晚于今天"
    editor.fields["signed_on"].set_value(dt.date(2026, 2, 8))  # type: ignore[attr-defined]
    assert editor.save()
    with db.session() as s:
        assert load(s, project).signed_on == dt.date(2026, 2, 8)


def test_photo_tab_renders_at_1366_by_768(db, project, qtbot, tmp_path: Path) -> None:
    _context, editor = _editor(db, project, qtbot)
    editor.photos.add_files([write_jpeg(tmp_path / "a.jpg", 1600, 1200)])
    editor.resize(1366, 768)
    editor.show()
    editor.tabs.setCurrentWidget(editor.photos)
    qtbot.wait(20)
    image = editor.grab()
    assert (image.width(), image.height()) == (1366, 768)
    assert image.save(str(tmp_path / "photos.png"))
