"""Helpers several test modules share (fixtures are in ``conftest.py``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: the five planning documents, in ``shared/`` beside the repository
SEEDS = REPO.parent / "shared" / "seeds"

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="poppler-utils not installed",
)


def run_portfolio(
    *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m cli ARGS`` in a child process, as a user runs the command line."""
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True, text=True, encoding="utf-8", cwd=REPO, env=env, timeout=120,
        check=False,
    )


def pdf_text(path: Path, *options: str) -> str:
    """The text of a PDF as ``pdftotext`` reads it (pages separated by form feeds)."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(path), "-"], capture_output=True,
        check=True,
    ).stdout.decode("utf-8")


def assert_fonts_embedded(path: Path) -> list[str]:
    """``pdffonts`` lines of a PDF, each checked to be embedded."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines, "no fonts listed"
    for line in lines:
        # name, type…, encoding, emb, sub, uni, object, id: 'emb' is the 5th field from the end
        assert line.split()[-5] == "yes", f"font not embedded: {line}"
    return lines


def dump_database(url: str) -> dict[str, list[tuple]]:
    """Every row of every table (``alembic_version`` included), in a stable order."""
    from sqlalchemy import MetaData, create_engine, select

    engine = create_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        with engine.connect() as connection:
            return {name: sorted(tuple(connection.execute(select(table)).all()), key=repr)
                    for name, table in sorted(metadata.tables.items())}
    finally:
        engine.dispose()
