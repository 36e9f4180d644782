"""The table of 现场照片 (:mod:`portfolio.photos`): site photos of a project, stored in the
database itself so that the shared PostgreSQL mode carries them to every desk.

The image is kept already resized (long side at most 1600 px, JPEG) with a thumbnail (at most
240 px) beside it, so a list of photos never decodes a full image.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class ProjectPhoto(Base):
    """One site photo of a project: when it was taken (from EXIF when the camera wrote it),
    its caption, the stored JPEG and thumbnail, and who added it when."""

    __tablename__ = "project_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    taken_on: Mapped[dt.date | None] = mapped_column(Date)
    caption: Mapped[str] = mapped_column(Text, default="")
    #: the JPEG, long side ≤ 1600 px
    image: Mapped[bytes] = mapped_column(LargeBinary)
    #: the JPEG thumbnail, long side ≤ 240 px
    thumbnail: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    #: the file name it was added from ("IMG_0231.JPG")
    file_name: Mapped[str] = mapped_column(String(300), default="")
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(100), default="")


__all__ = ["ProjectPhoto"]
