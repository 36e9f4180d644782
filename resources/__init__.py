"""Locate files shipped under ``resources/``.

Everything that reads a shipped file (catalogue, fonts, templates, icons) goes through
:func:`path`, which works from a source checkout, from an installed wheel and from the frozen
PyInstaller build, and never depends on the current working folder.
"""

from __future__ import annotations

import sys
from pathlib import Path


def root() -> Path:
    """The folder that holds the shipped resources."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base is not None:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """The path of a shipped resource, e.g. ``path("fonts", "wqy-microhei.ttc")``."""
    return root().joinpath(*parts)
