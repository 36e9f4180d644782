"""Which faces a PDF is set in: Windows' own when the office has them, else the shipped ones.

The files here are empty stand-ins: only the choice is tested, nothing is loaded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exports import fonts


@pytest.fixture
def windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake ``%WINDIR%\\Fonts`` (empty) and an empty per-user fonts folder."""
    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    return folder


def _install(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"")


def _labels() -> tuple[str, str, str]:
    body, heading = fonts.choose()
    return body.label, heading.label, fonts.choose_title().label


def test_a_full_windows_install_sets_fangsong_hei_and_xiaobiaosong(windows: Path) -> None:
    _install(windows, "simfang.ttf", "simhei.ttf", "simsun.ttc", "FZXBSJW.TTF", "msyh.ttc")
    assert _labels() == ("仿宋", "黑体", "方正小标宋简体")
    body, heading = fonts.choose()
    assert (body.path, heading.path) == (windows / "simfang.ttf", windows / "simhei.ttf")
    assert fonts.choose_title().path == windows / "FZXBSJW.TTF"


def test_without_xiaobiaosong_the_title_is_songti(windows: Path) -> None:
    _install(windows, "simfang.ttf", "simhei.ttf", "simsun.ttc")
    assert _labels() == ("仿宋", "黑体", "宋体")
    assert fonts.choose_title().path == windows / "simsun.ttc"


def test_names_match_whatever_their_case(windows: Path) -> None:
    _install(windows, "SIMFANG.TTF", "SimHei.ttf", "fzxbsjw.ttf")
    body, heading = fonts.choose()
    assert (body.path.name, heading.path.name) == ("SIMFANG.TTF", "SimHei.ttf")
    assert fonts.choose_title().path.name == "fzxbsjw.ttf"


def test_a_face_installed_for_one_user_is_found(windows: Path, tmp_path: Path) -> None:
    _install(windows, "simfang.ttf", "simhei.ttf", "simsun.ttc")
    _install(tmp_path / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts",
             "方正小标宋简体.ttf")
    assert _labels() == ("仿宋", "黑体", "方正小标宋简体")


def test_without_windows_fonts_the_shipped_faces_are_used(windows: Path) -> None:
    body, heading = fonts.choose()
    title = fonts.choose_title()
    assert body.path.name == title.path.name == "uming.ttc"
    assert heading.path.name == "wqy-microhei.ttc"
    assert all(face.path.is_file() for face in (body, heading, title))


def test_an_unreadable_windows_face_falls_back_to_the_shipped_one(tmp_path: Path) -> None:
    _install(tmp_path, "simfang.ttf", "simhei.ttf", "FZXBSJW.TTF")  # empty: not fonts
    try:
        body, heading = fonts.register(tmp_path)
        assert (body.path.name, heading.path.name) == ("uming.ttc", "wqy-microhei.ttc")
    finally:
        fonts.register(tmp_path / "nowhere")  # leave the shipped faces registered
