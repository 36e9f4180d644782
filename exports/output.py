"""Writing report files safely: atomically, cancellably, with progress.

Every writer renders into a temporary file in the target's own folder and moves it over the
target only when it is complete, so a failure or a cancel never leaves a partial file (and an
existing report is replaced in one step, or not at all).
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: ``progress(done, total)``; may raise :class:`Cancelled` to stop the writer.
ProgressFn = Callable[[int, int], None]


#: Our temporary files (``tempfile.mkstemp`` names: ``.<stem>-<8 characters><suffix>.part``).
_PART = re.compile(r"^\..+-[a-z0-9_]{8}\.[A-Za-z0-9]+\.part$")
#: A temporary file older than this was left by a writer that was killed: it is removed.
STALE_AFTER_S = 3600


class ExportError(Exception):
    """A report that cannot be written; the message is Chinese and user-facing."""


class Cancelled(Exception):
    """The user cancelled; nothing was written."""


def tick(progress: ProgressFn | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def check_target(target: Path | str) -> None:
    """Refuse, before any work, a target that cannot be written: a missing or read-only folder,
    or a folder where the file should be (for writers that change the database first)."""
    target = Path(target)
    if target.is_dir():
        raise ExportError(f"“{target}”是文件夹，请给出要写入的文件名")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"文件夹“{folder}”不存在")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".part", dir=folder)
    except OSError as error:
        raise ExportError(f"无法在“{folder}”中写入文件：{error.strerror or error}") from None
    os.close(handle)
    os.unlink(name)


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
    remove_stale_parts(folder, keep=temporary)
    try:
        yield temporary
        try:
            _fsync(temporary)
            os.replace(temporary, target)
            _fsync_folder(folder)
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


def _fsync(path: Path) -> None:
    """Make the written bytes durable before the rename makes them the report."""
    with path.open("rb+") as handle:
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); Windows cannot open a folder, nor needs to."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems (network shares) do not sync folders
    finally:
        os.close(descriptor)


def remove_stale_parts(folder: Path, *, keep: Path | None = None,
                       now: float | None = None) -> list[Path]:
    """Remove our temporary files in ``folder`` older than an hour (left by a writer that was
    killed or crashed); another export still writing is younger and is left alone."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _PART.match(entry.name) or (keep is not None and entry.path == str(keep)):
            continue
        try:
            if entry.is_file() and now - entry.stat().st_mtime > STALE_AFTER_S:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # locked or already gone: the next export tries again
    return removed
