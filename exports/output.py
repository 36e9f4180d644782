"""Writing report files safely: atomically, cancellably, with progress.

Every writer renders into a temporary file in the target's own folder and moves it over the
target only when it is complete, so a failure or a cancel never leaves a partial file (and an
existing report is replaced in one step, or not at all).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: ``progress(done, total)``; may raise :class:`Cancelled` to stop the writer.
ProgressFn = Callable[[int, int], None]


class ExportError(Exception):
    """A report that cannot be written; the message is Chinese and user-facing."""


class Cancelled(Exception):
    """The user cancelled; nothing was written."""


def tick(progress: ProgressFn | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


@contextmanager
def atomic_output(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"文件夹“{folder}”不存在")
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.stem}-", suffix=f"{target.suffix}.part", dir=folder
        )
    except OSError as error:
        raise ExportError(f"无法在“{folder}”中写入文件：{error.strerror or error}") from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        try:
            os.replace(temporary, target)
        except PermissionError:
            raise ExportError(
                f"无法写入“{target.name}”：文件可能正在被其他程序（如 Excel、WPS）打开，"
                "请关闭后重试"
            ) from None
        except OSError as error:
            raise ExportError(f"无法写入“{target}”：{error.strerror or error}") from None
    finally:
        if temporary.exists():
            temporary.unlink()
