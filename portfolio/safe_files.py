"""Checking a user's file before a library opens it: zip bombs, encrypted Office files, XML
entity tricks.

openpyxl, python-docx and calamine decompress whatever a zip declares. :func:`check_zip`
first reads the zip's end record (its last 64 KB at most) and refuses a directory of more than
:data:`MAX_MEMBERS` members or :data:`MAX_DIRECTORY` bytes before anything else is parsed, so
a zip of 100,000 empty members costs a few milliseconds, not the second zipfile takes to
list it. It then reads the central directory (a few kilobytes for an office file) and refuses
a file whose members would decompress to too much, before anything is decompressed. Python's
zipfile stops every member at its declared size, so the declared sizes are the real bound.

An Office file saved with a password is not a zip but an OLE compound file holding
``EncryptionInfo`` and ``EncryptedPackage`` streams; :func:`check_office_file` names that
case instead of letting a library call it corrupt. XML is parsed with defusedxml, whose
refusals (:func:`xml_problem`) become a Chinese sentence.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

#: Limits on what a zip-based document may decompress to.
MAX_TOTAL = 200 * 1024 * 1024
MAX_MEMBER = 100 * 1024 * 1024
MAX_RATIO = 100
#: Members smaller than this are not held to the ratio (tiny XML compresses very well).
RATIO_FROM = 1024 * 1024
#: Limits on a zip's central directory: an office file has a few dozen members and a directory
#: of a few kilobytes; the biggest workbooks with pictures stay far below these.
MAX_MEMBERS = 10_000
MAX_DIRECTORY = 4 * 1024 * 1024
#: Plain XML files (MS Project schedules) are read whole.
MAX_XML = 200 * 1024 * 1024
#: How much of each XML part is looked at for a document type declaration.
XML_PROLOG = 64 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TOO_BIG = "文件过大或压缩比异常（可能是恶意构造的文件），已拒绝读取"
ENCRYPTED = "文件已加密，请先取消密码后再导入"
TOO_MANY = "文件包含的压缩成员过多（{count} 个，上限 10000 个），可能是恶意构造的文件，已拒绝读取"
DIRECTORY_TOO_BIG = ("文件的压缩目录过大（{size:.1f} MB，上限 4 MB），可能是恶意构造的文件，"
                     "已拒绝读取")
XML_TRICK = "文件含有不允许的 XML 实体或文档类型定义（可能是恶意构造的文件），已拒绝读取"


class UnsafeFile(Exception):
    """A file refused before reading; ``str()`` names the file, ``reason`` does not."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}：{reason}")
        self.reason = reason


_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64 = struct.Struct("<4sQ2H2L4Q")


def directory_extent(path: Path) -> tuple[int, int] | None:
    """(member count, central directory size in bytes) as the zip's end record declares
    them, read from the file's last 64 KB (and the zip64 record it points to); None when the
    file has no end record (not a zip)."""
    with Path(path).open("rb") as handle:
        size = handle.seek(0, 2)
        start = max(0, size - (_END.size + 0xFFFF))
        handle.seek(start)
        tail = handle.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < _END.size:
            return None
        end = _END.unpack_from(tail, at)
        count, directory = end[4], end[5]
        if (count != 0xFFFF and directory != 0xFFFFFFFF) or at < _END64_LOCATOR.size:
            return count, directory
        locator = _END64_LOCATOR.unpack_from(tail, at - _END64_LOCATOR.size)
        if locator[0] != b"PK\x06\x07":
            return count, directory
        handle.seek(locator[2])
        record = handle.read(_END64.size)
        if len(record) < _END64.size or record[:4] != b"PK\x06\x06":
            return count, directory
        end64 = _END64.unpack(record)
        return end64[7], end64[8]


def _check_extent(name: str, count: int, directory: int) -> None:
    if count > MAX_MEMBERS:
        raise UnsafeFile(name, TOO_MANY.format(count=count))
    if directory > MAX_DIRECTORY:
        raise UnsafeFile(name, DIRECTORY_TOO_BIG.format(size=directory / 1024 / 1024))


def check_zip(path: Path) -> None:
    """Refuse a zip whose directory is too big (reading its end record only), then one whose
    declared sizes exceed the limits (reading the directory only), then one whose XML parts
    declare a document type: Office never writes one, and a library that does not use
    defusedxml would resolve its entities (external files, "billion laughs")."""
    path = Path(path)
    try:
        extent = directory_extent(path)
    except (OSError, struct.error):
        return  # unreadable: the reader says so in its own words
    if extent is None:
        return  # not a zip: the reader says so in its own words
    _check_extent(path.name, *extent)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError):
        return  # not a zip (or unreadable): the reader says so in its own words
    # zipfile reads the directory by its size, whatever count the end record gives
    _check_extent(path.name, len(members), 0)
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if (info.file_size > MAX_MEMBER or total > MAX_TOTAL
                or (info.file_size >= RATIO_FROM and ratio > MAX_RATIO)):
            raise UnsafeFile(path.name, f"{TOO_BIG}（成员 {info.filename} 解压后 "
                             f"{info.file_size / 1024 / 1024:.0f} MB，压缩比 {ratio:.0f}:1）")
    try:
        with zipfile.ZipFile(path) as archive:
            for info in members:
                if info.filename.endswith((".xml", ".rels")) and _declares_doctype(archive, info):
                    raise UnsafeFile(path.name, XML_TRICK)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError, zlib.error):
        return  # a damaged or encrypted member: the reader says so in its own words


def _declares_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether an XML part has a ``<!DOCTYPE`` in its prolog (its first kilobytes)."""
    with archive.open(info) as stream:
        head = stream.read(XML_PROLOG)
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    text = head.decode("utf-16" if utf16 else "utf-8", errors="ignore").upper()
    return "<!DOCTYPE" in text or "<!ENTITY" in text



def is_encrypted_office(path: Path) -> bool:
    """Whether ``path`` is a password-protected Office file (OLE with an encrypted package)."""
    wanted = {name.encode("utf-16-le") for name in ("EncryptionInfo", "EncryptedPackage")}
    try:
        with Path(path).open("rb") as handle:
            if handle.read(8) != OLE_MAGIC:
                return False
            tail = b""
            while wanted and (chunk := handle.read(1024 * 1024)):
                window = tail + chunk  # a name may straddle two chunks
                wanted = {name for name in wanted if name not in window}
                tail = chunk[-64:]
    except OSError:
        return False
    return not wanted


def check_office_file(path: Path) -> None:
    """Everything to check before opening an xlsx/xlsm/docx/ods: encryption, then sizes and
    document type declarations."""
    if is_encrypted_office(path):
        raise UnsafeFile(Path(path).name, ENCRYPTED)
    check_zip(path)


def check_xml_file(path: Path) -> None:
    """Refuse an XML file too large to read whole."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return
    if size > MAX_XML:
        raise UnsafeFile(Path(path).name, f"{TOO_BIG}（{size / 1024 / 1024:.0f} MB）")


def xml_problem(error: BaseException) -> str | None:
    """The Chinese sentence for a defusedxml refusal (also when a library re-raised it as
    another error), None for any other error."""
    from defusedxml import DefusedXmlException

    seen: BaseException | None = error
    for _ in range(10):
        if seen is None:
            return None
        if isinstance(seen, DefusedXmlException):
            return XML_TRICK
        seen = seen.__cause__ or seen.__context__
    return None
