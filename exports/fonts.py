"""Chinese faces for PDF reports, every one embedded.

Official documents set body text in 仿宋 (or 宋体), headings in 黑体 and the title in
小标宋. On Windows the system's own files are used (``simfang.ttf``, ``simhei.ttf``,
``simsun.ttc``, and 方正小标宋简体 when the office has installed it); elsewhere, or
when they are missing, the faces shipped under ``resources/fonts`` (AR PL UMing, a Ming/Song
face, and WenQuanYi Micro Hei). reportlab embeds a subset of every TrueType face it draws
with, so the PDF prints the same on any machine.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

import resources

log = logging.getLogger(__name__)

BODY = "ReportBody"
HEADING = "ReportHeading"
TITLE = "ReportTitle"


@dataclass(frozen=True)
class Face:
    path: Path
    subfont: int
    #: what the face is, for messages and the report's own record
    label: str


#: (file name, label) of system faces, best first; matched without regard to case, as
#: Windows does (方正 fonts often arrive as ``FZXBSJW.TTF``).
BODY_FILES: tuple[tuple[str, str], ...] = (("simfang.ttf", "仿宋"), ("simsun.ttc", "宋体"))
HEADING_FILES: tuple[tuple[str, str], ...] = (("simhei.ttf", "黑体"),)
#: 小标宋 for red-headed titles when the office has installed it (it is not part of Windows).
TITLE_FILES: tuple[tuple[str, str], ...] = (
    ("FZXBSJW.TTF", "方正小标宋简体"),
    ("FZXBSJW--GB1-0.ttf", "方正小标宋简体"),
    ("方正小标宋简体.ttf", "方正小标宋简体"),
    ("FZXiaoBiaoSong-B05S.ttf", "方正小标宋"),
    ("FZXiaoBiaoSong-B05.ttf", "方正小标宋"),
    ("simsun.ttc", "宋体"),
)


def windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def font_folders() -> list[Path]:
    """Where Windows keeps fonts: the system folder, then the user's own (fonts installed
    "for me only", as a 方正 face often is, land there)."""
    folders = [windows_fonts()]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return folders


def _find(folders: list[Path], wanted: tuple[tuple[str, str], ...]) -> list[Face]:
    """The faces of ``wanted`` present in ``folders``, in the order of ``wanted``."""
    present: dict[str, Path] = {}
    for folder in reversed(folders):  # the first folder wins
        try:
            present.update({p.name.lower(): p for p in folder.iterdir() if p.is_file()})
        except OSError:
            continue
    return [Face(present[name.lower()], 0, label)
            for name, label in wanted if name.lower() in present]


def _shipped_song() -> Face:
    return Face(resources.path("fonts", "uming.ttc"), 0, "AR PL UMing CN（宋体）")


def _shipped_hei() -> Face:
    return Face(resources.path("fonts", "wqy-microhei.ttc"), 0, "文泉驿微米黑（黑体）")


def _first(candidates: list[Face]) -> Face:
    for face in candidates:
        if face.path.is_file():
            return face
    raise FileNotFoundError("、".join(str(f.path) for f in candidates))


def _folders(folder: Path | None) -> list[Path]:
    return [folder] if folder is not None else font_folders()


def choose(folder: Path | None = None) -> tuple[Face, Face]:
    """The (body, heading) faces: Windows' 仿宋 (else 宋体) and 黑体, else the shipped ones."""
    folders = _folders(folder)
    body = _first([*_find(folders, BODY_FILES), _shipped_song()])
    heading = _first([*_find(folders, HEADING_FILES), _shipped_hei()])
    return body, heading


def choose_title(folder: Path | None = None) -> Face:
    """The face of a document's title: 小标宋 when installed, else 宋体, else shipped."""
    return _first([*_find(_folders(folder), TITLE_FILES), _shipped_song()])


_registered: tuple[Face, Face] | None = None


def _register_face(name: str, face: Face, fallback: Face) -> Face:
    """Register ``face`` as ``name``; the shipped ``fallback`` when reportlab cannot read it
    (a PostScript-flavoured or damaged file in the office's Fonts folder)."""
    try:
        font = TTFont(name, str(face.path), subfontIndex=face.subfont)
    except Exception:  # reportlab raises TTFError, struct.error, IndexError… for odd files
        log.warning("cannot use %s (%s); using %s", face.label, face.path, fallback.label)
        font, face = TTFont(name, str(fallback.path), subfontIndex=fallback.subfont), fallback
    pdfmetrics.registerFont(font)
    return face


def register(folder: Path | None = None) -> tuple[Face, Face]:
    """Register :data:`BODY`, :data:`HEADING` and :data:`TITLE` with reportlab (once); the
    body and heading faces used."""
    global _registered
    if _registered is None or folder is not None:
        body, heading = choose(folder)
        chosen = ((BODY, body, _shipped_song()), (HEADING, heading, _shipped_hei()),
                  (TITLE, choose_title(folder), _shipped_song()))
        used = [_register_face(name, face, fallback) for name, face, fallback in chosen]
        _registered = (used[0], used[1])
    return _registered
