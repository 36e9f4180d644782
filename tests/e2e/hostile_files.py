"""Hostile and broken files for :mod:`tests.e2e.test_hostile_inputs`, each built in code.

Every builder writes into a folder it is given and returns the path it made. Sizes are chosen
so that each file is refused by a limit of :mod:`portfolio.safe_files` (or read and rejected
for what it holds), never by running out of memory in the test.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

ZEROS = b"\0" * (1024 * 1024)

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
              for i in range(1, 10))
    + "]>\n"
)
XXE = '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def zip_with(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def zip_of_zeros(path: Path, name: str, megabytes: int, *, extra: dict[str, str] | None = None,
                 ) -> Path:
    """A zip holding ``megabytes`` MB of zeros in one member (deflated to about 1/1000)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, text in (extra or {}).items():
            archive.writestr(member, text)
        with archive.open(name, "w", force_zip64=True) as stream:
            for _ in range(megabytes):
                stream.write(ZEROS)
    return path


def many_members(path: Path, count: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for i in range(count):
            archive.writestr(f"xl/media/p{i}.bin", b"")
    return path


def empty_members(path: Path, count: int, name_length: int = 0) -> Path:
    """A zip of ``count`` empty stored members, written byte by byte (zipfile takes seconds
    for 100,000): names ``xl/media/p<i>.bin``, padded to ``name_length`` characters. zip64
    end records when ``count`` needs them, as zipfile writes them."""
    local = struct.Struct("<4s5H3L2H")
    central = struct.Struct("<4s6H3L5H2L")
    heads: list[bytes] = []
    entries: list[bytes] = []
    offset = 0
    for i in range(count):
        name = f"xl/media/p{i}.bin".ljust(name_length, "x").encode()
        head = local.pack(b"PK\x03\x04", 20, 0, 0, 0, 0x21, 0, 0, 0, len(name), 0) + name
        entries.append(central.pack(b"PK\x01\x02", 20, 20, 0, 0, 0, 0x21, 0, 0, 0, len(name),
                                    0, 0, 0, 0, 0, offset) + name)
        heads.append(head)
        offset += len(head)
    directory = b"".join(entries)
    tail = b""
    shown = count
    if count >= 0xFFFF:
        tail = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count,
                           len(directory), offset)
        tail += struct.pack("<4sLQL", b"PK\x06\x07", 0, offset + len(directory), 1)
        shown = 0xFFFF
    tail += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, shown, shown, len(directory), offset,
                        0)
    path.write_bytes(b"".join(heads) + directory + tail)
    return path


def understated_count(path: Path, count: int, declared: int) -> Path:
    """:func:`empty_members` whose end record declares only ``declared`` members (zipfile
    lists them all anyway: it reads the directory by its size)."""
    data = bytearray(empty_members(path, count).read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<2H", data, end + 8, declared, declared)
    path.write_bytes(bytes(data))
    return path


def nested_zip(path: Path) -> Path:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(10):
            archive.writestr(f"layer{i}.bin", ZEROS * 10)
    return zip_with(path, {"inner.zip": inner.getvalue()})


def replace_member(source: Path, target: Path, name: str, data: bytes | str) -> Path:
    """A copy of the zip ``source`` with member ``name`` replaced (or added)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w",
                                                          zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != name:
                new.writestr(info, old.read(info))
        new.writestr(name, data)
    return target


def edit_member(source: Path, target: Path, name: str, edit) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(source) as old:
        text = old.read(name).decode("utf-8")
    return replace_member(source, target, name, edit(text))


def with_doctype(xml: str, doctype: str, body_entity: str) -> str:
    """``xml`` with its declaration replaced by ``doctype`` and ``body_entity`` placed in the
    text of its first ``<t>`` / ``<w:t>`` element (or right after the root tag)."""
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    for tag in ("<t>", "<w:t>", "<t xml:space=\"preserve\">"):
        if tag in body:
            return doctype + body.replace(tag, tag + body_entity, 1)
    close = body.index(">")
    return doctype + body[: close + 1] + f"<x>{body_entity}</x>" + body[close + 1:]


def ole_file(path: Path, streams: tuple[str, ...]) -> Path:
    """An OLE compound file header followed by a directory naming ``streams`` (UTF-16), as
    Office writes a password-protected workbook; or, with no streams, a bare truncated one."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HH", 0x3E, 3)
    header += b"\xfe\xff\x09\x00" + b"\0" * (512 - len(header) - 4)
    names = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + b"\0" * 64 for name in streams)
    path.write_bytes(header + names + b"\0" * 1024 * bool(streams))
    return path


def minimal_docx(path: Path, document_xml: str) -> Path:
    return zip_with(path, {
        "[Content_Types].xml": (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType="'
            'application/xml"/><Override PartName="/word/document.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
            '/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'),
        "word/document.xml": document_xml,
    })


DOCX_BODY = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>一、城关镇污水处理厂扩建项目，总投资5000万元。</w:t></w:r></w:p>"
    "</w:body></w:document>"
)

MSPDI_HEAD = '<Project xmlns="http://schemas.microsoft.com/project"><Name>计划</Name><Tasks>'


def mspdi(tasks: list[tuple[int, str, str, str]]) -> str:
    """An MSPDI document with tasks (uid, name, start, finish)."""
    body = "".join(f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name><Start>{start}"
                   f"</Start><Finish>{finish}</Finish></Task>"
                   for uid, name, start, finish in tasks)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{MSPDI_HEAD}{body}</Tasks></Project>'


PNG = (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89"
       b"\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82")
HTML_XLS = ("<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head>"
            "<meta charset=\"utf-8\"></head><body><table>"
            "<tr><td>项目名称</td><td>本月完成投资</td></tr>"
            "<tr><td>城关镇污水处理厂</td><td>50</td></tr></table></body></html>")
