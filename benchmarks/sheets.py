"""How fast an office's own workbook is read: ``uv run python -m benchmarks.sheets``.

Builds once (cached in the temporary directory) a 重点项目清单 of 10,000 projects laid out as
offices lay them out: merged title, 单位 line, a two-row merged header, a group row with a SUM
per 50 projects, 起止年限, levels and leaders with titles. Then prints the medians of

- ``raw``: python-calamine alone opening the file and reading the sheet's values, and
- ``read_table``: our whole path (:func:`exports.sheets.table.read_table`: the grid with its
  merged ranges, hidden rows and SUM rows, the header found and recognised, the rows sorted
  and every recognised cell parsed to its type, money to Decimal),

and their ratio, with ``read + recognise`` (the same without parsing cells) between them.
The aim is ``read_table`` within about twice ``raw``.

Then the monthly-return import (``import xlsx``) against a database holding these projects:
the preview of the same 10,000-project workbook (its 1—4月完成 and 形象进度 read, matched and
compared), and of 30 township returns of 10 projects each (aim: under 1 s).

``--register`` adds the register import's preview (``portfolio import register --dry-run``
without printing): the file read into records (:mod:`exports.register_source`) and compared
with a database, empty (every project new) and holding the same 10,000 (every project
unchanged; that database is built once with the import itself and cached).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import openpyxl
import python_calamine

from exports import xlsx_import
from exports.sheets.grid import read_grid
from exports.sheets.headers import find_header
from exports.sheets.rows import classify_rows
from exports.sheets.table import read_table

HEADER = ("序号", "项目名称", "项目代码", "建设性质", "级别", "建设地点", "建设规模及主要内容",
          "建设起止年限", "总投资", None, "2026年", None, "形象进度", "责任单位", "包联领导",
          "备注")


def build(path: Path, projects: int) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "重点项目清单"
    ws.append(["XX县2026年重点项目清单"])
    ws.append([None] * 14 + ["单位：万元"])
    ws.append(list(HEADER))
    ws.append([None] * 8 + ["合计", "其中：中央预算内", "计划投资", "1—4月完成"])
    ws.merge_cells("A1:P1")
    for col in "ABCDEFGHMNOP":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("I3:J3")
    ws.merge_cells("K3:L3")
    row = 5
    for n in range(projects):
        if n % 50 == 0:
            ws.append([f"{n // 50 + 1}、第{n // 50 + 1}组项目（50个）", None, None, None,
                       None, None, None, None, f"=SUM(I{row + 1}:I{row + 50})"])
            row += 1
        ws.append([n + 1, f"第{n + 1}号重点建设项目", f"2503-411425-04-01-{n:06d}",
                   ("新开工", "续建", "前期")[n % 3], "省重点、市重点", "产业集聚区",
                   "建设标准化厂房3万平方米及配套设施", "2025.03-2027.12",
                   52000 + n + 0.25, "—" if n % 4 else 3000, 20000.5, 8650.75 + n,
                   "主体结构施工", "县工信局", "赵永强（县委常委、组织部长）", None])
        row += 1
    wb.save(path)
    return path


def median_seconds(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--register", action="store_true",
                        help="also time the register import's preview")
    args = parser.parse_args(argv)
    path = Path(tempfile.gettempdir()) / f"xiangmuku-bench-sheets-{args.projects}.xlsx"
    if not path.exists():
        build(path, args.projects)

    def raw() -> None:
        with open(path, "rb") as fh:
            book = python_calamine.CalamineWorkbook.from_filelike(fh)
        book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        book.close()

    table = read_table(path)
    assert len(table.projects) == args.projects, len(table.projects)
    assert not table.problems, table.problems[:3]
    raw_s = median_seconds(raw, args.repeat)
    def recognise() -> None:
        grid = read_grid(path)
        classify_rows(grid, find_header(grid))

    recognise_s = median_seconds(recognise, args.repeat)
    ours_s = median_seconds(lambda: read_table(path), args.repeat)
    print(f"{path.name}: {args.projects} projects, median of {args.repeat}")
    print(f"raw calamine read     {raw_s * 1000:8.1f} ms")
    print(f"read + recognise      {recognise_s * 1000:8.1f} ms  ({recognise_s / raw_s:.2f}× raw)")
    print(f"read_table (+ parse)  {ours_s * 1000:8.1f} ms  ({ours_s / raw_s:.2f}× raw)")
    returns(path, args.projects, args.repeat, raw_s)
    if args.register:
        register_preview(path, args.projects, args.repeat, raw_s)
    return 0


def township_return(path: Path, first: int) -> Path:
    """A township's 调度表 for April: its own wording, only 今年以来累计, 10 projects."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某镇2026年4月份重点项目进展情况"])
    ws.append(["序号", "项目名称", "今年以来累计完成（万元）", "工程进展情况", "存在困难"])
    for n in range(first, first + 10):
        ws.append([n - first + 1, f"第{n + 1}号重点建设项目", 8650.75 + n, "主体结构施工", "无"])
    wb.save(path)
    return path


def returns(path: Path, projects: int, repeat: int, raw_s: float) -> None:
    from sqlalchemy import insert

    from db.models import Project
    from db.session import open_database

    folder = Path(tempfile.mkdtemp(prefix="xiangmuku-bench-returns-"))
    forms = [township_return(folder / f"镇{i:02d}.xlsx", i * 10) for i in range(30)]
    with open_database(f"sqlite:///{(folder / 'bench.sqlite3').as_posix()}") as db:
        with db.transaction() as s:
            s.execute(insert(Project), [{"name": f"第{n + 1}号重点建设项目", "category": "工业"}
                                        for n in range(projects)])
        with db.session() as s:
            result = xlsx_import.preview(s, forms)
            assert len(result.new) == 300 and not result.errors, result.summary()
            forms_s = median_seconds(lambda: xlsx_import.preview(s, forms), repeat)
            big = xlsx_import.preview(s, [path])
            assert len(big.new) == projects and not big.errors, big.summary()
            big_s = median_seconds(lambda: xlsx_import.preview(s, [path]), repeat)
    print(f"import preview, 30 returns × 10 projects {forms_s * 1000:8.1f} ms")
    print(f"import preview, {projects} projects  {big_s * 1000:8.1f} ms  "
          f"({big_s / raw_s:.2f}× raw)")


def register_preview(path: Path, projects: int, repeat: int, raw_s: float) -> None:
    from db.session import open_database
    from exports.register_source import read_register
    from portfolio import register_import

    folder = Path(tempfile.gettempdir())
    empty = folder / f"xiangmuku-bench-register-empty-{projects}.sqlite3"
    full = folder / f"xiangmuku-bench-register-full-{projects}.sqlite3"
    empty.unlink(missing_ok=True)
    records_s = median_seconds(lambda: read_register(path), repeat)
    source = read_register(path)
    for label, db_path in (("empty database", empty), ("same 10,000 held", full)):
        fresh = not db_path.exists()
        with open_database(str(db_path)) as db:
            if fresh and db_path == full:
                    start = time.perf_counter()
                    with db.session() as session:
                        done = register_import.preview(session, source)
                    register_import.apply(db, done)
                    print(f"(built {db_path.name} by importing: "
                          f"{time.perf_counter() - start:.1f} s)")

            def compare() -> register_import.RegisterPreview:
                with db.session() as session:
                    return register_import.preview(session, source)

            result = compare()
            assert not result.errors, result.errors[:3]
            compare_s = median_seconds(compare, repeat)
            total = records_s + compare_s
            print(f"register preview, {label}: read into records {records_s * 1000:.1f} ms"
                  f" + compare {compare_s * 1000:.1f} ms = {total * 1000:.1f} ms"
                  f"  ({total / raw_s:.2f}× raw)  {result.summary()[:40]}")


if __name__ == "__main__":
    raise SystemExit(main())
