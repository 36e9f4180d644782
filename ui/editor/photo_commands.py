"""Undoable changes to a project's 现场照片, each one database transaction
(:class:`ui.operations.DatabaseCommand`).

Undoing an addition removes the photos and keeps them whole, so that redoing it puts the very
same photos back under their ids (:func:`portfolio.photos.restore`), as undoing a removal does.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from portfolio import photos
from portfolio.photos import Photo, PhotoData, PhotoError, SavedPhoto
from ui.context import AppContext
from ui.operations import DatabaseCommand


class _Command(DatabaseCommand):
    refusals = (PhotoError, KeyError)

    def refused(self, error: Exception) -> None:
        if isinstance(error, KeyError):
            self._context.show_message("该照片或项目已不存在（可能已被删除）")
        else:
            self._context.show_message(f"未保存：{error}")


class AddPhotosCommand(_Command):
    """Photos read from files added to a project; ``ids`` are theirs once written."""

    def __init__(self, context: AppContext, project_id: int,
                 data: Sequence[PhotoData]) -> None:
        super().__init__(context, f"添加现场照片（{len(data)}张）")
        self.project_id = project_id
        self._data = list(data)
        self.ids: list[int] = []
        self._saved: list[SavedPhoto] = []

    def redo(self) -> None:
        def step(session: Session) -> None:
            if self._saved:
                for saved in self._saved:
                    photos.restore(session, saved)
            else:
                self.ids = [photos.add(session, self.project_id, d) for d in self._data]

        self.run(step)

    def undo(self) -> None:
        def step(session: Session) -> None:
            self._saved = [photos.remove(session, pid) for pid in self.ids]

        self.run(step)


class RemovePhotoCommand(_Command):
    """A photo removed; undo puts it back as it was."""

    def __init__(self, context: AppContext, photo: Photo) -> None:
        super().__init__(context, f"删除现场照片：{photo.caption or photo.file_name}")
        self.photo_id = photo.id
        self._saved: SavedPhoto | None = None

    def redo(self) -> None:
        def step(session: Session) -> None:
            self._saved = photos.remove(session, self.photo_id)

        self.run(step)

    def undo(self) -> None:
        saved = self._saved
        if saved is not None:
            self.run(lambda s: photos.restore(s, saved))


class EditPhotoCommand(_Command):
    """A photo's caption and day taken, old → new (refused when changed meanwhile)."""

    def __init__(self, context: AppContext, old: Photo, new: Photo) -> None:
        super().__init__(context, f"修改现场照片：{new.caption or new.file_name}")
        self._old, self._new = old, new

    def _set(self, to: Photo, expected: Photo) -> None:
        self.run(lambda s: photos.update(s, to.id, caption=to.caption, taken_on=to.taken_on,
                                         expected=expected))

    def redo(self) -> None:
        self._set(self._new, self._old)

    def undo(self) -> None:
        self._set(self._old, self._new)


__all__ = ["AddPhotosCommand", "EditPhotoCommand", "RemovePhotoCommand"]
