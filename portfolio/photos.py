"""现场照片: site photos of a project, read from the user's files and kept in the database.

:func:`read_photo` opens a file with Pillow and refuses, with a Chinese message naming the
file, what is not a usable image: a file over :data:`MAX_FILE_BYTES`, a file Pillow does not
recognise or a format other than :data:`FORMATS`, a truncated or damaged one, and a
decompression bomb (more pixels than Pillow's ``MAX_IMAGE_PIXELS``: a small file that would
decode to gigabytes). It turns the image upright as its EXIF orientation says, reads the day it
was taken from EXIF (``DateTimeOriginal``, else ``DateTime``), and re-encodes it as a JPEG of
at most :data:`IMAGE_SIDE` px on the long side plus a thumbnail of :data:`THUMB_SIDE` px.
Nothing of the original's metadata is kept (a phone's GPS position stays on the phone).

Reading never touches the database; :func:`add`, :func:`update`, :func:`remove` and
:func:`restore` are the writes, each part of the caller's one transaction, and :func:`remove`
hands back everything :func:`restore` needs to put the photo back under its own id (undo).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from db.audit import current_user
from db.models import Project
from db.photo_tables import ProjectPhoto
from portfolio.periods import Period

MAX_FILE_BYTES = 30 * 1024 * 1024
IMAGE_SIDE = 1600
THUMB_SIDE = 240
JPEG_QUALITY = 85
CAPTION_LIMIT = 200
#: Formats accepted, as Pillow names them (MPO is the JPEG some cameras write).
FORMATS: frozenset[str] = frozenset({"JPEG", "MPO", "PNG"})
#: EXIF tags: the IFD holding the camera's own tags, DateTimeOriginal in it, DateTime in IFD0.
_EXIF_IFD, _DATE_ORIGINAL, _DATE_TIME = 0x8769, 36867, 306
_EXIF_DATE = re.compile(r"^\s*(\d{4})[:\-/](\d{2})[:\-/](\d{2})")


class PhotoError(ValueError):
    """A photo refused; the message is Chinese, names the file or field, and nothing changed."""


@dataclass(frozen=True)
class PhotoData:
    """A photo ready to store: the resized JPEG, its thumbnail and what is known about it."""

    image: bytes
    thumbnail: bytes
    width: int
    height: int
    file_name: str
    taken_on: dt.date | None = None
    caption: str = ""

    def with_changes(self, **changes: object) -> PhotoData:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Photo:
    """A stored photo as lists show it: everything but the full image."""

    id: int
    project_id: int
    taken_on: dt.date | None
    caption: str
    thumbnail: bytes
    width: int
    height: int
    file_name: str
    added_at: dt.datetime
    added_by: str


@dataclass(frozen=True)
class SavedPhoto:
    """A removed photo, whole, so that :func:`restore` brings it back as it was."""

    id: int
    project_id: int
    data: PhotoData
    added_at: dt.datetime
    added_by: str


# --- reading a file ----------------------------------------------------------------------------


def _exif_date(image: Image.Image) -> dt.date | None:
    exif = image.getexif()
    for value in (exif.get_ifd(_EXIF_IFD).get(_DATE_ORIGINAL), exif.get(_DATE_TIME)):
        match = _EXIF_DATE.match(str(value)) if value else None
        if match is None:
            continue
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:  # "0000:00:00", as some cameras write when the clock is unset
            continue
    return None


def _jpeg(image: Image.Image, side: int) -> tuple[bytes, int, int]:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)  # shrinks only, keeps the ratio
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue(), copy.width, copy.height


def _rgb(image: Image.Image) -> Image.Image:
    """The image on a white background (a PNG's transparency would turn black in a JPEG)."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _open(content: bytes, name: str) -> Image.Image:
    """The decoded image, or :class:`PhotoError` saying what is wrong with the file."""
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; both are refused here
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(content)) as probe:
                if probe.format not in FORMATS:
                    raise PhotoError(f"“{name}”是{probe.format}格式，只能添加 JPEG 或 PNG 照片")
                probe.verify()
            image = Image.open(io.BytesIO(content))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            limit = (Image.MAX_IMAGE_PIXELS or 0) // 10_000
            raise PhotoError(f"“{name}”的像素数超过{limit}万（可能是恶意构造的图片），"
                             "已拒绝读取") from error
        except UnidentifiedImageError as error:
            raise PhotoError(f"“{name}”不是图片文件，只能添加 JPEG 或 PNG 照片") from error
        except (OSError, SyntaxError, ValueError) as error:
            if isinstance(error, PhotoError):
                raise
            raise PhotoError(f"“{name}”图片不完整或已损坏，无法读取") from error
    return image


def read_bytes(content: bytes, name: str) -> PhotoData:
    """A photo from a file's bytes (``name`` is what messages call it and what is stored)."""
    if len(content) > MAX_FILE_BYTES:
        raise PhotoError(f"“{name}”有{len(content) / 1024 / 1024:.1f} MB，超过30 MB，"
                         "请压缩后再添加")
    if not content:
        raise PhotoError(f"“{name}”是空文件")
    image = _open(content, name)
    taken_on = _exif_date(image)
    if taken_on is not None and taken_on > dt.date.today():  # a camera whose clock was wrong
        taken_on = None
    upright = _rgb(ImageOps.exif_transpose(image))
    full, width, height = _jpeg(upright, IMAGE_SIDE)
    thumb, _, _ = _jpeg(upright, THUMB_SIDE)
    return PhotoData(full, thumb, width, height, name, taken_on)


def read_photo(path: Path | str) -> PhotoData:
    """A photo from a file; :class:`PhotoError` (naming the file) when it cannot be one."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused before a byte is read
            raise PhotoError(f"“{path.name}”有{size / 1024 / 1024:.1f} MB，超过30 MB，"
                             "请压缩后再添加")
        content = path.read_bytes()
    except OSError as error:
        raise PhotoError(f"无法读取“{path.name}”：{error.strerror or error}") from error
    return read_bytes(content, path.name)


# --- storing -----------------------------------------------------------------------------------


def _check(data: PhotoData) -> PhotoData:
    caption = data.caption.strip()
    if len(caption) > CAPTION_LIMIT:
        raise PhotoError(f"照片说明不能超过{CAPTION_LIMIT}字（现有{len(caption)}字）")
    if data.taken_on is not None and data.taken_on > dt.date.today():
        raise PhotoError(f"拍摄日期{data.taken_on.isoformat()}晚于今天")
    return data.with_changes(caption=caption)


def add(session: Session, project_id: int, data: PhotoData) -> int:
    """Store ``data`` as a photo of ``project_id``; the new photo's id."""
    if session.get(Project, project_id) is None:
        raise KeyError(project_id)
    data = _check(data)
    row = ProjectPhoto(project_id=project_id, taken_on=data.taken_on, caption=data.caption,
                       image=data.image, thumbnail=data.thumbnail, width=data.width,
                       height=data.height, file_name=data.file_name[:300],
                       added_at=dt.datetime.now().replace(microsecond=0),
                       added_by=session.info.get("user") or current_user())
    session.add(row)
    session.flush()
    return row.id


def _summary(row: ProjectPhoto) -> Photo:
    return Photo(row.id, row.project_id, row.taken_on, row.caption, row.thumbnail, row.width,
                 row.height, row.file_name, row.added_at, row.added_by)


_LISTED = (ProjectPhoto.id, ProjectPhoto.project_id, ProjectPhoto.taken_on,
           ProjectPhoto.caption, ProjectPhoto.thumbnail, ProjectPhoto.width,
           ProjectPhoto.height, ProjectPhoto.file_name, ProjectPhoto.added_at,
           ProjectPhoto.added_by)


def _day(taken_on: dt.date | None, added_at: dt.datetime) -> dt.date:
    return taken_on or added_at.date()


def photos_of(session: Session, project_id: int) -> list[Photo]:
    """A project's photos, oldest first (by the day taken, else the day added), without the
    full images."""
    rows = session.execute(select(*_LISTED).where(ProjectPhoto.project_id == project_id))
    photos = [Photo(**row._asdict()) for row in rows]
    return sorted(photos, key=lambda p: (_day(p.taken_on, p.added_at), p.id))


def get(session: Session, photo_id: int) -> Photo:
    row = session.get(ProjectPhoto, photo_id)
    if row is None:
        raise KeyError(photo_id)
    return _summary(row)


def image_of(session: Session, photo_id: int) -> bytes:
    """The stored JPEG of a photo."""
    image = session.scalar(select(ProjectPhoto.image).where(ProjectPhoto.id == photo_id))
    if image is None:
        raise KeyError(photo_id)
    return image


def update(session: Session, photo_id: int, *, caption: str, taken_on: dt.date | None,
           expected: Photo | None = None) -> None:
    """Set a photo's caption and day taken; refused (nothing written) when ``expected`` — what
    the user saw — no longer matches the stored values."""
    row = session.get(ProjectPhoto, photo_id)
    if row is None:
        raise KeyError(photo_id)
    if expected is not None and (row.caption, row.taken_on) != (expected.caption,
                                                                expected.taken_on):
        raise PhotoError("这张照片已被他人修改，请刷新后再改")
    probe = _check(PhotoData(b"", b"", 0, 0, "", taken_on, caption))
    if row.caption != probe.caption:
        row.caption = probe.caption
    if row.taken_on != probe.taken_on:
        row.taken_on = probe.taken_on
    session.flush()


def remove(session: Session, photo_id: int) -> SavedPhoto:
    """Delete a photo; all of it, for :func:`restore`."""
    row = session.get(ProjectPhoto, photo_id)
    if row is None:
        raise KeyError(photo_id)
    saved = SavedPhoto(row.id, row.project_id,
                       PhotoData(row.image, row.thumbnail, row.width, row.height, row.file_name,
                                 row.taken_on, row.caption),
                       row.added_at, row.added_by)
    session.execute(delete(ProjectPhoto).where(ProjectPhoto.id == photo_id))
    return saved


def restore(session: Session, saved: SavedPhoto) -> None:
    """Put a removed photo back under its own id."""
    if session.get(Project, saved.project_id) is None:
        raise KeyError(saved.project_id)
    d = saved.data
    session.add(ProjectPhoto(id=saved.id, project_id=saved.project_id, taken_on=d.taken_on,
                             caption=d.caption, image=d.image, thumbnail=d.thumbnail,
                             width=d.width, height=d.height, file_name=d.file_name,
                             added_at=saved.added_at, added_by=saved.added_by))
    session.flush()


# --- reading out -------------------------------------------------------------------------------


def for_period(session: Session, project_id: int, period: Period,
               limit: int = 4) -> list[tuple[Photo, bytes]]:
    """Up to ``limit`` photos for a report of ``period``: the latest taken by the month's end
    (a photo without a date counts on the day it was added), newest first, with their images."""
    end = period.last_day
    added_day = func.date(ProjectPhoto.added_at)
    query = (select(ProjectPhoto).where(
        ProjectPhoto.project_id == project_id,
        or_(ProjectPhoto.taken_on <= end,
            ProjectPhoto.taken_on.is_(None)
            & (ProjectPhoto.added_at < dt.datetime.combine(end + dt.timedelta(days=1),
                                                           dt.time.min))))
        .order_by(func.coalesce(ProjectPhoto.taken_on, added_day).desc(),
                  ProjectPhoto.id.desc())
        .limit(limit))
    return [(_summary(row), row.image) for row in session.scalars(query)]


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name_for(photo: Photo) -> str:
    """"2026-03-02_12_主体封顶.jpg": day, id (unique), caption made safe for Windows."""
    day = photo.taken_on.isoformat() if photo.taken_on else "日期不详"
    words = _UNSAFE.sub("_", photo.caption).strip(" ._")[:40]
    return f"{day}_{photo.id}" + (f"_{words}" if words else "") + ".jpg"


def export(session: Session, project_id: int, folder: Path | str) -> list[Path]:
    """Write every photo of a project into ``folder`` (created when missing); the files
    written, oldest photo first."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PhotoError(f"无法创建文件夹“{folder}”：{error.strerror or error}") from error
    written = []
    for photo in photos_of(session, project_id):
        path = folder / file_name_for(photo)
        try:
            path.write_bytes(image_of(session, photo.id))
        except OSError as error:
            raise PhotoError(f"无法写入“{path.name}”：{error.strerror or error}") from error
        written.append(path)
    return written


__all__ = [
    "FORMATS", "IMAGE_SIDE", "MAX_FILE_BYTES", "THUMB_SIDE", "Photo", "PhotoData", "PhotoError",
    "SavedPhoto", "add", "export", "file_name_for", "for_period", "get",
    "image_of", "photos_of", "read_bytes", "read_photo", "remove", "restore", "update",
]
