"""Real image files for the photo tests, made with Pillow as a phone or camera would write them."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from PIL import Image

#: EXIF tags: Orientation and DateTime in IFD0, DateTimeOriginal in the Exif IFD
ORIENTATION, DATE_TIME, EXIF_IFD, DATE_ORIGINAL = 0x0112, 306, 0x8769, 36867


def jpeg_bytes(width: int = 400, height: int = 300, *, taken: dt.datetime | None = None,
               orientation: int | None = None, colour: str = "#2e7d32") -> bytes:
    """A JPEG of ``width`` × ``height`` whose left half is ``colour`` and right half white, with
    the EXIF a camera writes: DateTimeOriginal and Orientation (6 = turn 90° clockwise)."""
    image = Image.new("RGB", (width, height), "white")
    image.paste(Image.new("RGB", (width // 2, height), colour), (0, 0))
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(EXIF_IFD)[DATE_ORIGINAL] = taken.strftime("%Y:%m:%d %H:%M:%S")
    if orientation is not None:
        exif[ORIENTATION] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def write_jpeg(path: Path, *args: object, **kwargs: object) -> Path:
    path.write_bytes(jpeg_bytes(*args, **kwargs))  # type: ignore[arg-type]
    return path


def png_bytes(width: int = 200, height: int = 100) -> bytes:
    """A PNG with a transparent background and an opaque red square."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    image.paste(Image.new("RGBA", (height // 2, height // 2), (255, 0, 0, 255)), (0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
