"""Hostile files are refused before a library reads them: zip bombs, encrypted Office files,
XML entity tricks — each with its own Chinese sentence, quickly and in little memory."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from exports import mspdi
from exports.sheets.grid import SheetError, read_grid
from portfolio import safe_files
from portfolio.extract.reading import ExtractError, read_source
from tests.helpers import REPO

BOMB_MB = 400


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "明细表"
    wb.active.append(["编号", "项目名称", "本月完成投资"])
    wb.active.append([1, "城东污水处理厂", 12.5])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real workbook whose shared-strings part is one 400 MB string (~0.4 MB compressed)."""
    folder = tmp_path_factory.mktemp("bomb")
    plain = _workbook(folder / "plain.xlsx")
    path = folder / "月报.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(
        path, "w", zipfile.ZIP_DEFLATED, compresslevel=9
    ) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        with out.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            chunk = b"A" * (1024 * 1024)
            for _ in range(BOMB_MB):
                member.write(chunk)
    return path


def test_a_zip_bomb_is_refused_quickly_in_little_memory(bomb: Path) -> None:
    assert bomb.stat().st_size < 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(SheetError) as refused:
        read_grid(bomb)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0 and peak < 200 * 1024 * 1024
    message = str(refused.value)
    assert message.startswith("文件 月报.xlsx：文件过大或压缩比异常（可能是恶意构造的文件）")
    assert "xl/sharedStrings.xml 解压后 400 MB" in message
    print(f"bomb refused in {elapsed * 1000:.1f} ms, traced peak {peak / 1024:.0f} KB")


def test_a_zip_bomb_import_stays_under_200_mb_in_a_real_process(bomb: Path, db_url: str) -> None:
    script = (
        "import resource, sys, time\n"
        "from cli.main import main\n"
        "t = time.perf_counter()\n"
        f"code = main(['--db', {db_url!r}, 'import', 'xlsx', {str(bomb)!r}, '--dry-run'])\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:  # ru_maxrss can include the forking parent's memory; VmHWM is ours alone\n"
        "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "    peak = int(status.split()[0])\n"
        "except (OSError, IndexError):\n"
        "    pass\n"
        "sys.stderr.write(f'\\nRESULT {code} {time.perf_counter() - t:.3f} {peak}\\n')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          encoding="utf-8", cwd=REPO, timeout=120, check=False)
    code, _seconds, max_rss_kb = done.stderr.rsplit("RESULT ", 1)[1].split()
    assert code == "1" and "Traceback" not in done.stderr
    assert "文件过大或压缩比异常" in done.stdout
    assert int(max_rss_kb) < 200 * 1024  # the whole process: Python, SQLAlchemy, openpyxl
    print(f"command line refused the bomb in {_seconds} s, max RSS {int(max_rss_kb) // 1024} MB")


def test_the_limits_leave_ordinary_files_alone(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "ok.xlsx")
    safe_files.check_office_file(path)
    big = tmp_path / "big.xlsx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as out:  # 5 MB that compress 1000:1
        out.writestr("xl/sharedStrings.xml", b"0" * (5 * 1024 * 1024))
    with pytest.raises(safe_files.UnsafeFile, match="压缩比 1"):
        safe_files.check_zip(big)


def _ole_encrypted(path: Path) -> Path:
    """The shape of a password-protected .xlsx: an OLE compound file whose directory names the
    EncryptionInfo and EncryptedPackage streams."""
    header = safe_files.OLE_MAGIC + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    header += b"\x00" * (512 - len(header))
    entries = b""
    for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"):
        encoded = (name + "\x00").encode("utf-16-le")
        entry = encoded + b"\x00" * (64 - len(encoded)) + len(encoded).to_bytes(2, "little")
        entries += entry + b"\x00" * (128 - len(entry))
    path.write_bytes(header + entries + b"\x00" * 4096)
    return path


def test_an_encrypted_workbook_asks_for_the_password_to_be_removed(tmp_path: Path) -> None:
    path = _ole_encrypted(tmp_path / "加密.xlsx")
    with pytest.raises(SheetError) as refused:
        read_grid(path)
    assert "文件已加密，请先取消密码后再导入" in str(refused.value)
    old = tmp_path / "旧版.xls"
    old.write_bytes(safe_files.OLE_MAGIC + b"\x00" * 2048)
    assert not safe_files.is_encrypted_office(old)


def test_an_encrypted_word_file_is_named_as_such(tmp_path: Path) -> None:
    path = _ole_encrypted(tmp_path / "规划.docx")
    with pytest.raises(ExtractError, match="文件已加密，请先取消密码后再导入"):
        read_source(path)


def test_a_word_bomb_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("城东污水处理厂")
    document.save(plain)
    path = tmp_path / "规划.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            out.writestr(info, data + b" " * (150 * 1024 * 1024)
                         if info.filename == "word/document.xml" else data)
    with pytest.raises(ExtractError, match="文件过大或压缩比异常"):
        read_source(path)


LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n')


def test_an_entity_bomb_in_a_worksheet_is_refused(tmp_path: Path) -> None:
    plain = _workbook(tmp_path / "plain.xlsx")
    path = tmp_path / "实体.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = data.split(b"?>", 1)[-1].replace(b"<v>1</v>", b"<v>&lol3;</v>")
                data = LAUGHS + body
            out.writestr(info, data)
    with pytest.raises(SheetError) as refused:
        read_grid(path)
    assert safe_files.XML_TRICK in str(refused.value)


@pytest.mark.parametrize("body", [
    LAUGHS + b'<Project xmlns="http://schemas.microsoft.com/project"><Name>&lol3;</Name></Project>',
    b'<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    b'<Project xmlns="http://schemas.microsoft.com/project"><Name>&x;</Name></Project>',
])
def test_an_entity_bomb_or_xxe_in_a_schedule_is_refused(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "计划.xml"
    path.write_bytes(body)
    tasks, problems = mspdi.read_tasks(path)
    assert tasks == [] and [(p.file, p.message) for p in problems] == [
        ("计划.xml", safe_files.XML_TRICK)]


def test_a_zip_of_100000_empty_members_is_refused_from_its_end_record(tmp_path: Path) -> None:
    from tests.e2e import hostile_files as hf

    path = hf.empty_members(tmp_path / "月报.xlsx", 100_000)
    assert len(zipfile.ZipFile(path).infolist()) == 100_000  # a valid zip, zip64 records
    started = time.perf_counter()
    with pytest.raises(SheetError) as refused:
        read_grid(path)
    elapsed = time.perf_counter() - started
    assert str(refused.value) == (
        "文件 月报.xlsx：文件包含的压缩成员过多（100000 个，上限 10000 个），"
        "可能是恶意构造的文件，已拒绝读取")
    # listing the members alone takes zipfile about a second
    assert elapsed < 0.1, elapsed


@pytest.mark.parametrize(("build", "reason"), [
    (lambda hf, p: hf.empty_members(p, 10_001), "压缩成员过多（10001 个"),
    (lambda hf, p: hf.empty_members(p, 70, name_length=64_000),
     "压缩目录过大（4.3 MB，上限 4 MB）"),
    (lambda hf, p: hf.understated_count(p, 20_000, 3), "压缩成员过多（20000 个"),
])
def test_member_count_and_directory_limits(tmp_path: Path, build, reason: str) -> None:  # type: ignore[no-untyped-def]
    from tests.e2e import hostile_files as hf

    path = build(hf, tmp_path / "规划.docx")
    with pytest.raises(safe_files.UnsafeFile, match=re.escape(reason)):
        safe_files.check_office_file(path)
    with pytest.raises(ExtractError, match=re.escape(reason)):
        read_source(path)


def test_ten_thousand_members_are_still_read(tmp_path: Path) -> None:
    from tests.e2e import hostile_files as hf

    path = hf.empty_members(tmp_path / "many.zip", 10_000)
    assert safe_files.directory_extent(path) == (10_000, 10_000 * 46 + sum(
        len(f"xl/media/p{i}.bin") for i in range(10_000)))
    safe_files.check_zip(path)  # at the limit: not refused
