"""PostgreSQL backups through the server's own tools, when they are installed.

``pg_dump --format=custom`` writes the whole database (schema, rows, sequences) in one
consistent snapshot; ``pg_restore --clean --if-exists --single-transaction`` puts it back all
or nothing. Both are looked for on ``PATH`` only: an office that installed PostgreSQL has
them there, and one that has not gets the portable dump of :mod:`db.backup_dump` instead
(:mod:`db.backup` decides, and says which it used). The password never appears on a command
line (another user could read it in the process list): it goes in ``PGPASSWORD``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from db.backup_dump import fsync_file

#: The suffix of a backup written by pg_dump (custom format).
SUFFIX = ".pgdump"
#: How long a dump or restore may take before it is given up.
TIMEOUT = 3600


class PgToolError(Exception):
    """pg_dump or pg_restore is missing or failed; the message is Chinese."""


def tool(name: str) -> str | None:
    """The path of ``pg_dump`` or ``pg_restore`` on ``PATH``, None when not installed."""
    return shutil.which(name)


def _connection(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and the environment that carries it."""
    sa_url = make_url(url)
    env = dict(os.environ)
    if sa_url.password:
        env["PGPASSWORD"] = str(sa_url.password)
    plain = sa_url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(name: str, arguments: list[str], url: str) -> None:
    program = tool(name)
    if program is None:
        raise PgToolError(f"未找到 {name}")
    uri, env = _connection(url)
    try:
        done = subprocess.run([program, *arguments, f"--dbname={uri}"], env=env,
                              capture_output=True, text=True, errors="replace",
                              timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PgToolError(f"{name} 无法运行（{error}）") from error
    if done.returncode != 0:
        detail = " ".join(done.stderr.split())[:300] or f"退出码 {done.returncode}"
        raise PgToolError(f"{name} 失败：{detail}")


def dump(url: str, target: Path) -> None:
    """Write the database at ``url`` to ``target`` with pg_dump (through a ``.part`` file,
    fsynced, then renamed); :class:`PgToolError` when pg_dump is missing or fails."""
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        _run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges",
                         f"--file={part}"], url)
        fsync_file(part)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def restore(url: str, source: Path) -> None:
    """Replace the database at ``url`` with the pg_dump archive ``source``, in one
    transaction: on any error nothing changes."""
    _run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges",
                        "--single-transaction", "--exit-on-error", str(source)], url)
