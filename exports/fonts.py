"""Chinese faces for PDF reports, every one embedded.

Official documents set body text in 仿宋 (or 宋体) and headings in 黑体. On Windows the
system's own files are used (``simfang.ttf``, ``simsun.ttc``, ``simhei.ttf``); elsewhere, or
when they are missing, the faces shipped under ``resources/fonts`` (AR PL UMing, a Ming/Song
face, and WenQuanYi Micro Hei). reportlab embeds a subset of every TrueType face it draws
with, so the PDF prints the same on any machine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

import resources

BODY = "ReportBody"
HEADING = "ReportHeading"


@dataclass(frozen=True)
class Face:
    path: Path
    subfont: int
    #: what the face is, for messages and the report's own record
    label: str


def windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def _first(candidates: list[Face]) -> Face:
    for face in candidates:
        if face.path.is_file():
            return face
    raise FileNotFoundError("、".join(str(f.path) for f in candidates))


def choose(folder: Path | None = None) -> tuple[Face, Face]:
    """The (body, heading) faces: Windows' 仿宋/宋体 and 黑体 when present, else shipped."""
    folder = folder or windows_fonts()
    body = _first([
        Face(folder / "simfang.ttf", 0, "仿宋"),
        Face(folder / "simsun.ttc", 0, "宋体"),
        Face(resources.path("fonts", "uming.ttc"), 0, "AR PL UMing CN（宋体）"),
    ])
    heading = _first([
        Face(folder / "simhei.ttf", 0, "黑体"),
        Face(resources.path("fonts", "wqy-microhei.ttc"), 0, "文泉驿微米黑（黑体）"),
    ])
    return body, heading


_registered: tuple[Face, Face] | None = None


def register(folder: Path | None = None) -> tuple[Face, Face]:
    """Register :data:`BODY` and :data:`HEADING` with reportlab (once); the faces used."""
    global _registered
    if _registered is None or folder is not None:
        body, heading = choose(folder)
        pdfmetrics.registerFont(TTFont(BODY, str(body.path), subfontIndex=body.subfont))
        pdfmetrics.registerFont(TTFont(HEADING, str(heading.path), subfontIndex=heading.subfont))
        _registered = (body, heading)
    return _registered
