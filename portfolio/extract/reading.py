"""Reading a planning document into numbered lines: plain text, .docx or a text PDF.

Line numbers are what a user can check against the file: for plain text they are the file's
own lines (1-based, split on line feeds); for .docx one line per paragraph and one per table
row; for PDFs one line per reflowed paragraph, since a PDF's visual lines break words apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from portfolio import safe_files


class ExtractError(ValueError):
    """A document that cannot be read; the message is one Chinese sentence naming the file."""


@dataclass(frozen=True)
class SourceText:
    """A document as numbered lines of its original text (line ``n`` is ``lines[n - 1]``)."""

    name: str
    lines: tuple[str, ...]
    #: how it was read: UTF-8, GB18030, UTF-16, Word, PDF
    encoding: str
    #: the title the file itself declares (Word/PDF properties), "" when none
    declared_title: str = ""

    def line(self, number: int) -> str:
        return self.lines[number - 1]


TEXT_SUFFIXES = (".txt", ".text", ".md", "")
SUPPORTED = ".txt、.docx、.pdf"

_CJK = re.compile(r"[\u3400-\u9fff]")


def split_lines(text: str) -> tuple[str, ...]:
    """Lines as a text editor numbers them (only line feeds break lines)."""
    return tuple(line.removesuffix("\r") for line in text.split("\n"))


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a plain-text file in UTF-8 (with or without BOM), UTF-16 or
    GB18030 (which includes GBK and GB2312, the usual encodings of Chinese Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ExtractError("无法识别文件编码：文本文件应为 UTF-8 或 GB18030（GBK）编码") from None
    return text, "GB18030"


def _read_docx(path: Path) -> SourceText:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ExtractError("缺少 python-docx，无法读取 .docx 文件") from None
    try:
        safe_files.check_office_file(path)
        document = docx.Document(str(path))
    except safe_files.UnsafeFile as error:
        raise ExtractError(str(error)) from None
    except Exception as error:  # python-docx raises several kinds for a broken file
        raise ExtractError(f"无法打开 Word 文件 {path.name}：{error}") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:  # merged cells come back once per grid column
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(p.text for p in cell.paragraphs).strip())
                lines.append("\t".join(cells))
    title = document.core_properties.title or ""
    return SourceText(path.name, tuple(lines), "Word", title)


_SENTENCE_END = re.compile(r"[。；;！!？?：:）)”]$")
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|"
    r"\d+[.、．]|第[一二三四五六七八九十]+[章节条]|专栏)"
)


#: a space a PDF puts inside a figure ("11 0千伏") or between two Chinese characters
_SPLIT_FIGURE = re.compile(r"(?<=\d)\s+(?=[\d.]*\d[\u3400-\u9fff%])")
_SPLIT_NAME = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000]+(?=[\u3400-\u9fff])")


def repair(line: str) -> str:
    """``line`` without the spaces a PDF puts inside figures and names ("11 0千伏变电站" →
    110千伏变电站, "兰考 县" → 兰考县)."""
    return _SPLIT_NAME.sub("", _SPLIT_FIGURE.sub("", line))


def reflow(page_lines: list[str]) -> list[str]:
    """Join a PDF's visual lines into paragraphs.

    A line continues into the next one unless it ends a sentence, is clearly shorter than a
    full line (a title, the last line of a paragraph), or the next one starts a heading. A
    figure or name broken across two lines is joined without a space.
    """
    stripped = [repair(raw.strip()) for raw in page_lines]
    full = max((len(line) for line in stripped), default=0)
    paragraphs: list[str] = []
    current = ""
    previous = ""
    for line in stripped:
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if current and (
            _SENTENCE_END.search(current) or _HEADING.match(line) or len(previous) < 0.7 * full
        ):
            paragraphs.append(current)
            current = ""
        if current and current[-1].isascii() and line[0].isascii() and not (
            current[-1].isdigit() and line[0].isdigit()
        ):
            current += " "
        current += line
        previous = line
    if current:
        paragraphs.append(current)
    return paragraphs


def _read_pdf(path: Path) -> SourceText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            reader.decrypt("")
        raw: list[str] = []
        for page in reader.pages:
            raw += (page.extract_text() or "").splitlines()
            raw.append("")
    except (PdfReadError, OSError, ValueError, KeyError) as error:
        raise ExtractError(f"无法读取 PDF 文件 {path.name}：{error}") from None
    lines = reflow(raw)
    if sum(len(_CJK.findall(line)) for line in lines) < 20:
        raise ExtractError(
            f"PDF 文件 {path.name} 没有可提取的中文文字（可能是扫描件），请先进行文字识别（OCR）"
        )
    title = ""
    try:
        metadata = reader.metadata
        title = "" if metadata is None else str(metadata.get("/Title") or "")
    except Exception:  # broken metadata does not matter
        title = ""
    return SourceText(path.name, tuple(lines), "PDF", title)


def read_source(path: Path) -> SourceText:
    """The numbered lines of the document at ``path``."""
    if not path.is_file():
        raise ExtractError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _read_docx(path)
    if suffix == ".pdf":
        return _read_pdf(path)
    if suffix == ".doc":
        raise ExtractError("不支持旧版 .doc 文件，请在 Word/WPS 中另存为 .docx 后再导入")
    if suffix not in TEXT_SUFFIXES:
        raise ExtractError(f"不支持的文件类型“{path.suffix}”：可导入 {SUPPORTED}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExtractError(f"无法读取文件 {path.name}：{error.strerror or error}") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractError(f"{path.name} 不是文本文件：可导入 {SUPPORTED}")
    text, encoding = decode_text(data)
    return SourceText(path.name, split_lines(text), encoding)
