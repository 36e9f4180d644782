"""The one error of the monthly entry: edits that cannot be saved."""

from __future__ import annotations


class EntryError(ValueError):
    """Edits that cannot be saved; the message is Chinese and user-facing.

    ``project_id`` and ``column`` say which cell is wrong when one is (for pointing at it).
    """

    def __init__(self, message: str, project_id: int | None = None,
                 column: str | None = None) -> None:
        super().__init__(message)
        self.project_id = project_id
        self.column = column
