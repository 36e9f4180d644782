"""A corpus of hostile and broken inputs, each given to the real command line.

Every case must end the same way: exit status 1, one Chinese sentence on stderr (no
traceback, no English exception class), and every table of the database exactly as before.
The files are built in code (:mod:`tests.e2e.hostile_files`) in the test's own folder.

Not in the corpus: a YAML "billion laughs" — the program reads YAML only from its own shipped
catalogue (``resources/catalog``), never from a user's file.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from tests.e2e import hostile_files as hf
from tests.helpers import dump_database, run_portfolio
from tests.report_db import columns, export, leaf_rows, project_rows, seed

CLASS_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception|Exit|Warning)\b|Traceback")
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Base:
    """What every case starts from: a seeded database file and files written from it."""

    db_file: Path
    workbook: Path
    target: int  # a project whose line the content cases spoil
    target_name: str


@dataclass
class Run:
    """One case in its folder: the database copy to use and the command to run."""

    tmp: Path
    db_file: Path
    base: Base

    @property
    def url(self) -> str:
        return f"sqlite:///{self.db_file.as_posix()}"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    from db.session import open_database

    folder = tmp_path_factory.mktemp("hostile-base")
    path = folder / "base.sqlite3"
    with open_database(f"sqlite:///{path.as_posix()}") as db:
        seed(db, projects_count=20)
        workbook = export(db, folder / "月报.xlsx")
        row = leaf_rows(db)[0]
    shutil.rmtree(folder / "backups", ignore_errors=True)
    return Base(path, workbook, row.project_id, row.name)


def _sheet_edit(run: Run, name: str, change: Callable[..., object]) -> Path:
    wb = openpyxl.load_workbook(run.base.workbook)
    ws = wb["明细表"]
    change(ws, columns(ws), project_rows(ws)[run.base.target])
    path = run.tmp / name
    wb.save(path)
    return path


def _xlsx(run: Run, path: Path) -> list[str]:
    return ["import", "xlsx", str(path)]


def _extract(_run: Run, path: Path) -> list[str]:
    return ["extract", str(path)]


def _mspdi(_run: Run, path: Path) -> list[str]:
    return ["import", "mspdi", str(path)]


def _export(run: Run, output: Path) -> list[str]:
    return ["export", "xlsx", "--period", "2026-10", "-o", str(output)]


def _strings_xml(run: Run) -> str:
    with zipfile.ZipFile(run.base.workbook) as archive:
        names = archive.namelist()
        return "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else "xl/workbook.xml"


Case = Callable[[Run], list[str]]
CASES: dict[str, tuple[str, Case]] = {}


def case(group: str, name: str) -> Callable[[Case], Case]:
    def add(build: Case) -> Case:
        CASES[name] = (group, build)
        return build
    return add


# --- zip bombs ----------------------------------------------------------------------------------
case("zip bomb", "huge member")(lambda r: _xlsx(r, hf.zip_of_zeros(
    r.tmp / "huge.xlsx", "xl/worksheets/sheet1.xml", 120)))
case("zip bomb", "high ratio")(lambda r: _xlsx(r, hf.zip_of_zeros(
    r.tmp / "ratio.xlsx", "xl/worksheets/sheet1.xml", 5)))
case("zip bomb", "many members")(lambda r: _xlsx(r, hf.many_members(r.tmp / "many.xlsx", 20000)))
case("zip bomb", "100,000 empty members")(lambda r: _xlsx(r, hf.empty_members(
    r.tmp / "members.xlsx", 100_000)))
case("zip bomb", "central directory over 4 MB")(lambda r: _xlsx(r, hf.empty_members(
    r.tmp / "names.xlsx", 70, name_length=64_000)))
case("zip bomb", "member count understated")(lambda r: _xlsx(r, hf.understated_count(
    r.tmp / "count.xlsx", 20_000, 3)))
case("zip bomb", "ods 100,000 empty members")(lambda r: _xlsx(r, hf.empty_members(
    r.tmp / "表.ods", 100_000)))
case("zip bomb", "docx 100,000 empty members")(lambda r: _extract(r, hf.empty_members(
    r.tmp / "规划.docx", 100_000)))
case("zip bomb", "nested zip")(lambda r: _xlsx(r, hf.nested_zip(r.tmp / "nested.xlsx")))
case("zip bomb", "docx huge member")(lambda r: _extract(r, hf.zip_of_zeros(
    r.tmp / "规划.docx", "word/document.xml", 120)))
case("zip bomb", "docx high ratio")(lambda r: _extract(r, hf.zip_of_zeros(
    r.tmp / "规划.docx", "word/media/image1.png", 5)))
case("zip bomb", "400 MB shared string")(lambda r: _xlsx(r, hf.zip_of_zeros(
    r.tmp / "strings.xlsx", "xl/sharedStrings.xml", 400)))


# --- XML entities -------------------------------------------------------------------------------
def _xml_case(doctype: str, entity: str, member: str | None = None) -> Case:
    def build(run: Run) -> list[str]:
        name = member or _strings_xml(run)
        path = hf.edit_member(run.base.workbook, run.tmp / "entity.xlsx", name,
                              lambda text: hf.with_doctype(text, doctype, entity))
        return _xlsx(run, path)
    return build


case("XML entities", "laughs in shared strings")(_xml_case(hf.LAUGHS, "&lol9;"))
case("XML entities", "XXE in shared strings")(_xml_case(hf.XXE, "&xxe;"))
case("XML entities", "laughs in workbook.xml")(_xml_case(hf.LAUGHS, "&lol9;", "xl/workbook.xml"))
case("XML entities", "XXE in content types")(_xml_case(hf.XXE, "&xxe;", "[Content_Types].xml"))
case("XML entities", "laughs in docx")(lambda r: _extract(r, hf.minimal_docx(
    r.tmp / "规划.docx", hf.with_doctype(hf.DOCX_BODY, hf.LAUGHS, "&lol9;"))))
case("XML entities", "XXE in docx")(lambda r: _extract(r, hf.minimal_docx(
    r.tmp / "规划.docx", hf.with_doctype(hf.DOCX_BODY, hf.XXE, "&xxe;"))))


def _mspdi_file(run: Run, text: str, name: str = "计划.xml") -> list[str]:
    path = run.tmp / name
    path.write_text(text, encoding="utf-8")
    return _mspdi(run, path)


GOOD_TASK = [(1, "某项目", "2026-03-01T08:00:00", "2026-09-30T17:00:00")]
case("XML entities", "laughs in MSPDI")(lambda r: _mspdi_file(r, hf.with_doctype(
    hf.mspdi(GOOD_TASK), hf.LAUGHS, "&lol9;")))
case("XML entities", "XXE in MSPDI")(lambda r: _mspdi_file(r, hf.with_doctype(
    hf.mspdi(GOOD_TASK), hf.XXE, "&xxe;")))
case("XML entities", "external DTD in MSPDI")(lambda r: _mspdi_file(r, hf.mspdi(GOOD_TASK).replace(
    "?>", '?>\n<!DOCTYPE Project SYSTEM "http://evil.example/p.dtd">', 1)))


# --- encrypted ----------------------------------------------------------------------------------
ENCRYPTED = ("EncryptionInfo", "EncryptedPackage")
case("encrypted", "password workbook")(lambda r: _xlsx(r, hf.ole_file(
    r.tmp / "加密.xlsx", ENCRYPTED)))
case("encrypted", "password docx")(lambda r: _extract(r, hf.ole_file(
    r.tmp / "加密.docx", ENCRYPTED)))


# --- truncated ----------------------------------------------------------------------------------
def _cut(run: Run, source: Path, name: str, keep: float | int) -> Path:
    data = source.read_bytes()
    path = run.tmp / name
    path.write_bytes(data[: keep if isinstance(keep, int) else int(len(data) * keep)])
    return path


case("truncated", "xlsx half")(lambda r: _xlsx(r, _cut(r, r.base.workbook, "半.xlsx", 0.5)))
case("truncated", "xlsx first 100 bytes")(lambda r: _xlsx(r, _cut(r, r.base.workbook,
                                                                   "头.xlsx", 100)))
case("truncated", "xlsx without end of directory")(lambda r: _xlsx(r, _cut(
    r, r.base.workbook, "尾.xlsx", 0.97)))
case("truncated", "docx half")(lambda r: _extract(r, _cut(r, hf.minimal_docx(
    r.tmp / "whole.docx", hf.DOCX_BODY), "规划.docx", 0.5)))
case("truncated", "xls header only")(lambda r: _xlsx(r, hf.ole_file(r.tmp / "旧表.xls", ())))
case("truncated", "ods half")(lambda r: _xlsx(r, _cut(r, hf.zip_with(r.tmp / "whole.ods", {
    "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
    "content.xml": "<office:document-content/>" * 2000}), "表.ods", 0.5)))
case("truncated", "MSPDI half")(lambda r: _mspdi_file(r, hf.mspdi(GOOD_TASK * 20)[:300]))


# --- wrong type ---------------------------------------------------------------------------------
def _bytes(run: Run, name: str, data: bytes | str) -> Path:
    path = run.tmp / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _folder(run: Run, name: str) -> Path:
    path = run.tmp / name
    path.mkdir()
    return path


case("wrong type", "PNG as xlsx")(lambda r: _xlsx(r, _bytes(r, "图.xlsx", hf.PNG)))
case("wrong type", "HTML as xls")(lambda r: _xlsx(r, _bytes(r, "网页.xls", hf.HTML_XLS)))
case("wrong type", "empty xlsx")(lambda r: _xlsx(r, _bytes(r, "空.xlsx", b"")))
case("wrong type", "folder as xlsx")(lambda r: _xlsx(r, _folder(r, "月报.xlsx")))
case("wrong type", "missing xlsx")(lambda r: _xlsx(r, r.tmp / "没有.xlsx"))
case("wrong type", "PNG as docx")(lambda r: _extract(r, _bytes(r, "规划.docx", hf.PNG)))
case("wrong type", "empty docx")(lambda r: _extract(r, _bytes(r, "规划.docx", b"")))
case("wrong type", "folder as document")(lambda r: _extract(r, _folder(r, "规划.txt")))
case("wrong type", "empty MSPDI")(lambda r: _mspdi_file(r, ""))
case("wrong type", "xlsx as MSPDI")(lambda r: _mspdi(r, r.base.workbook))
case("wrong type", "CSV as document")(lambda r: _extract(r, _bytes(
    r, "表.csv", "名称,投资\n甲,1\n")))


# --- huge sheets --------------------------------------------------------------------------------
def _last_row(ws, col, row) -> None:  # type: ignore[no-untyped-def]
    ws.cell(1048576, col["项目名称"]).value = "最后一行"
    ws.cell(1048576, col["本月完成投资"]).value = 1


def _last_column(ws, col, row) -> None:  # type: ignore[no-untyped-def]
    ws.cell(row, 16384).value = "最后一列"
    ws.cell(row, col["本月完成投资"]).value = "很多"


case("huge sheet", "1,048,576th row used")(lambda r: _xlsx(r, _sheet_edit(r, "行.xlsx", _last_row)))
case("huge sheet", "16,384th column used")(lambda r: _xlsx(r, _sheet_edit(
    r, "列.xlsx", _last_column)))


def _declared(run: Run) -> list[str]:
    """Every sheet declares A1:XFD1048576; the data itself is ordinary but for one amount."""
    spoilt = _sheet_edit(run, "约.xlsx", lambda ws, col, row: ws.cell(
        row, col["本月完成投资"], "约50万"))
    path = run.tmp / "声明.xlsx"
    with zipfile.ZipFile(spoilt) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>',
                              data)
            new.writestr(info, data)
    return _xlsx(run, path)


case("huge sheet", "whole sheet declared")(_declared)


# --- content ------------------------------------------------------------------------------------
case("content", "text where money belongs")(lambda r: _xlsx(r, _sheet_edit(
    r, "文字.xlsx", lambda ws, col, row: ws.cell(row, col["本月完成投资"], "五十万元"))))
case("content", "formula as a project name")(lambda r: _xlsx(r, _sheet_edit(
    r, "公式.xlsx", lambda ws, col, row: (
        ws.cell(row, col["编号"], None),
        ws.cell(row, col["项目名称"], '=HYPERLINK("http://evil.example","点我")'),
        ws.cell(row, col["本月完成投资"], 5)))))
case("content", "DDE injection as a name")(lambda r: _xlsx(r, _sheet_edit(
    r, "注入.xlsx", lambda ws, col, row: (
        ws.cell(row, col["编号"], None),
        ws.cell(row, col["项目名称"], "=cmd|' /C calc'!A0"),
        ws.cell(row, col["本月完成投资"], 5)))))
case("content", "an identity that is not a number")(lambda r: _xlsx(r, _sheet_edit(
    r, "编号.xlsx", lambda ws, col, row: ws.cell(row, col["编号"], "+1 开工"))))
case("content", "a negative amount")(lambda r: _xlsx(r, _sheet_edit(
    r, "负数.xlsx", lambda ws, col, row: ws.cell(row, col["本月完成投资"], -5))))
case("content", "a month that does not exist")(lambda r: _mspdi_file(r, hf.mspdi(
    [(r.base.target, r.base.target_name, "2026-13-45T08:00:00", "2026-09-30T17:00:00")])))
case("content", "finish before start")(lambda r: _mspdi_file(r, hf.mspdi(
    [(r.base.target, r.base.target_name, "2026-09-30T08:00:00", "2026-03-01T17:00:00")])))
case("content", "a date that is text")(lambda r: _mspdi_file(r, hf.mspdi(
    [(r.base.target, r.base.target_name, "明年三月", "2026-03-01T17:00:00")])))
case("content", "non-UTF-8 text")(lambda r: _extract(r, _bytes(
    r, "规划.txt", b"\x80\xff\xfa" * 3 + "项目".encode("utf-16-le") + b"\x80\x81")))
case("content", "text with NULs")(lambda r: _extract(r, _bytes(
    r, "规划.txt", "城关镇污水处理厂项目\0\0\0总投资\0".encode() * 50)))
case("content", "non-UTF-8 next-work file")(lambda r: [
    "export", "pdf", "--period", "2026-10", "-o", str(r.tmp / "简报.pdf"),
    "--next-work-file", str(_bytes(r, "下步.txt", "下步工作：加快推进".encode("gb18030")))])


# --- databases and outputs ----------------------------------------------------------------------
def _with_db(url: str) -> Case:
    return lambda r: ["--db", url, "list"]


case("database", "unparsable address")(_with_db("://"))
case("database", "unknown host")(_with_db("postgresql://nohost:1/x"))
case("database", "refused port")(_with_db("postgresql://127.0.0.1:1/x"))
case("database", "unsupported kind")(_with_db("mysql://user@localhost/x"))
case("database", "a folder as the database")(lambda r: ["--db", str(_folder(r, "库")), "list"])
case("database", "a text file as the database")(lambda r: [
    "--db", str(_bytes(r, "库.sqlite3", "这不是数据库\n" * 400)), "list"])


def _newer(run: Run) -> list[str]:
    import sqlite3

    with sqlite3.connect(run.db_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    connection.close()
    return ["list"]


case("database", "a newer schema revision")(_newer)


def _read_only(path: Path) -> None:
    if os.geteuid() == 0:  # root writes through file modes: make it immutable instead
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        path.chmod(0o444 if path.is_file() else 0o555)


def _writable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], check=False)
    else:
        path.chmod(0o644 if path.is_file() else 0o755)


def _read_only_database(run: Run) -> list[str]:
    path = _sheet_edit(run, "改.xlsx", lambda ws, col, row: ws.cell(row, col["本月完成投资"], 7))
    _read_only(run.db_file)
    return _xlsx(run, path)


def _read_only_folder(run: Run) -> list[str]:
    folder = _folder(run, "只读")
    _read_only(folder)
    return _export(run, folder / "月报.xlsx")


case("database", "a read-only database file")(_read_only_database)
case("output", "a read-only output folder")(_read_only_folder)
case("output", "the output is a folder")(lambda r: _export(r, _folder(r, "输出.xlsx")))
case("output", "the output folder does not exist")(lambda r: _export(
    r, r.tmp / "没有" / "月报.xlsx"))
case("output", "a PDF into a folder")(lambda r: [
    "export", "pdf", "--period", "2026-10", "-o", str(_folder(r, "简报.pdf"))])


@pytest.fixture
def run(base: Base, tmp_path: Path) -> Iterator[Run]:
    copy = tmp_path / "db" / "portfolio.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(base.db_file, copy)
    made = Run(tmp_path, copy, base)
    yield made
    for path in (copy, *tmp_path.glob("只读")):
        _writable(path)


@pytest.mark.parametrize("name", list(CASES), ids=[f"{g}: {n}" for n, (g, _b) in CASES.items()])
def test_a_hostile_input_is_refused_in_one_chinese_sentence(run: Run, name: str) -> None:
    _group, build = CASES[name]
    args = build(run)
    before = dump_database(run.url)
    command = args if args[0] == "--db" else ["--db", run.url, *args]
    done = run_portfolio(*command)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1, (done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    assert len(lines) == 1, done.stderr
    assert CJK.search(lines[0]), done.stderr
    assert not CLASS_NAME.search(lines[0]), done.stderr
    _writable(run.db_file)
    assert dump_database(run.url) == before
