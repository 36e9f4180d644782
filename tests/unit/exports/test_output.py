"""Writing a report file: beside the target, synced, renamed into place; stale temporary
files of a killed writer are removed by the next export to that folder."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from exports import output
from exports.output import ExportError, atomic_output


def test_the_report_appears_whole_and_only_on_success(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(output.os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    target = tmp_path / "月报.xlsx"
    target.write_bytes(b"old")
    with atomic_output(target) as part:
        assert part.parent == tmp_path and part.name.endswith(".xlsx.part")
        part.write_bytes(b"new report")
        assert target.read_bytes() == b"old"
    assert target.read_bytes() == b"new report"
    assert len(synced) == 2  # the file, then the folder
    with pytest.raises(RuntimeError), atomic_output(target) as part:
        part.write_bytes(b"half")
        raise RuntimeError("cancelled")
    assert target.read_bytes() == b"new report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["月报.xlsx"]


def test_stale_parts_are_removed_by_the_next_export(tmp_path: Path) -> None:
    old = tmp_path / ".月报-ab12cd_9.xlsx.part"
    young = tmp_path / ".简报-zz99yy00.pdf.part"
    someone_elses = tmp_path / ".notes.part"
    for path in (old, young, someone_elses):
        path.write_bytes(b"x")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    os.utime(someone_elses, (two_hours_ago, two_hours_ago))
    with atomic_output(tmp_path / "月报.xlsx") as part:
        part.write_bytes(b"report")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [young.name, someone_elses.name, "月报.xlsx"])


def test_a_missing_folder_is_a_chinese_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="不存在"), atomic_output(tmp_path / "无" / "a.xlsx"):
        pass
