"""How fast an office's own workbooks are read and previewed: ``python -m benchmarks.sheets``.

For each size (default 300 and 3,000 projects) it builds once (cached in the temporary
directory) a 重点项目清单 laid out as offices lay them out: merged title, 单位 line, a two-row
merged header, a group row with a SUM per 50 projects, 起止年限, levels, leaders with titles
and a 1—4月完成 column. Every measurement is the median of ``--repeat`` runs, on the wall
clock or (``--clock cpu``, steadier on a shared machine) on this process's CPU time, and is
printed beside ``raw``, python-calamine alone opening the same file(s) and reading the sheet's
values, as a ratio. The aim of issue #9 is every preview within about twice ``raw``. Before
each run the program's function caches are emptied (:func:`forget_remembered`): a run costs
what a user's first import of the file costs, not what a repeat of it would.

- ``read_table``: our whole reading path (:func:`exports.sheets.table.read_table`: the grid
  with merged ranges, hidden rows and SUM rows, the header recognised, every cell parsed);
- ``monthly``: ``import xlsx``'s preview (:func:`exports.xlsx_import.preview`) of that
  workbook against a database holding its projects (1—4月 and 形象进度 read, matched, compared);
- ``register (empty)`` / ``register (same held)``: ``import register``'s preview, the file read
  into records (:mod:`exports.register_source`) and compared with an empty database (every
  project new) and with one holding the same projects (every one unchanged; built once by the
  import itself and cached);
- ``30 township returns``: 30 调度表 of 10 projects each in a township's own wording;
- ``30 填报表``: our own fill-in forms (:mod:`exports.forms`) for 30 责任单位 of 10 projects each,
  written, filled in and previewed together.

Results are printed and written to ``benchmarks/results/sheets.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import python_calamine

RESULTS = Path(__file__).resolve().parent / "results"
HEADER = ("序号", "项目名称", "项目代码", "建设性质", "级别", "建设地点", "建设规模及主要内容",
          "建设起止年限", "总投资", None, "2026年", None, "形象进度", "责任单位", "包联领导",
          "备注")
CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}
#: the packages whose function caches :func:`forget_remembered` empties
PROGRAM_PACKAGES = frozenset({"db", "exports", "portfolio"})


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


def forget_remembered() -> None:
    """Empty every function cache of the program (normalised names, parsed amounts, header
    words, a file's safety check …), so that each run costs what a user's first import of a
    file costs, not a repeat of the same file's."""
    for name, module in list(sys.modules.items()):
        if module is None or name.partition(".")[0] not in PROGRAM_PACKAGES:
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(
                    value, "__module__", None) == name:
                value.cache_clear()


class Bench:
    """The clock, the number of runs and the results table."""

    def __init__(self, clock: str, repeat: int) -> None:
        self.clock_name, self.clock, self.repeat = clock, CLOCKS[clock], repeat
        self.rows: list[dict[str, object]] = []

    def median(self, func: Callable[[], object]) -> float:
        times = []
        for _ in range(self.repeat):
            forget_remembered()
            start = self.clock()
            func()
            times.append(self.clock() - start)
        return statistics.median(times)

    def raw(self, paths: list[Path]) -> float:
        """python-calamine alone reading the first sheet of every file."""
        def read() -> None:
            for path in paths:
                with open(path, "rb") as fh:
                    book = python_calamine.CalamineWorkbook.from_filelike(fh)
                book.get_sheet_by_index(0).to_python(skip_empty_area=False)
                book.close()
        return self.median(read)

    def record(self, label: str, size: int, seconds: float, raw: float) -> None:
        self.rows.append({"measure": label, "projects": size, "ms": round(seconds * 1000, 1),
                          "raw_ms": round(raw * 1000, 1), "ratio": round(seconds / raw, 2)})
        print(f"{label:<24} {size:>6,}  {seconds * 1000:9.1f} ms  raw {raw * 1000:7.1f} ms"
              f"  {seconds / raw:6.2f}× raw", flush=True)


def sized(bench: Bench, size: int) -> None:
    from sqlalchemy import insert

    from db.models import Project
    from db.session import open_database
    from exports import xlsx_import
    from exports.sheets.table import read_table

    path = Path(tempfile.gettempdir()) / f"xiangmuku-bench-sheets-{size}.xlsx"
    if not path.exists():
        build(path, size)
    table = read_table(path)
    assert len(table.projects) == size and not table.problems, table.problems[:3]
    raw = bench.raw([path])
    bench.record("read_table", size, bench.median(lambda: read_table(path)), raw)
    folder = Path(tempfile.mkdtemp(prefix="xiangmuku-bench-monthly-"))
    with open_database(f"sqlite:///{(folder / 'bench.sqlite3').as_posix()}") as db:
        with db.transaction() as s:
            s.execute(insert(Project), [{"name": f"第{n + 1}号重点建设项目", "category": "工业"}
                                        for n in range(size)])
        with db.session() as s:
            result = xlsx_import.preview(s, [path])
            assert len(result.new) == size and not result.errors, result.summary()
            bench.record("monthly", size, bench.median(lambda: xlsx_import.preview(s, [path])),
                         raw)
    register_preview(bench, path, size, raw)


def register_preview(bench: Bench, path: Path, size: int, raw: float) -> None:
    from db.session import open_database
    from exports.register_source import read_register
    from portfolio import register_import

    folder = Path(tempfile.gettempdir())
    empty = folder / f"xiangmuku-bench-register-empty-{size}.sqlite3"
    full = folder / f"xiangmuku-bench-register-full-{size}.sqlite3"
    empty.unlink(missing_ok=True)
    for label, db_path in (("register (empty)", empty), ("register (same held)", full)):
        fresh = not db_path.exists()
        with open_database(str(db_path)) as db:
            if fresh and db_path == full:
                with db.session() as session:
                    done = register_import.preview(session, read_register(path))
                register_import.apply(db, done)

            def whole() -> register_import.RegisterPreview:
                source = read_register(path)
                with db.session() as session:
                    return register_import.preview(session, source)

            result = whole()
            assert not result.errors, result.errors[:3]
            bench.record(label, size, bench.median(whole), raw)


def returns(bench: Bench) -> None:
    from sqlalchemy import insert

    from db.models import Project
    from db.session import open_database
    from exports import xlsx_import

    folder = Path(tempfile.mkdtemp(prefix="xiangmuku-bench-returns-"))
    forms = [township_return(folder / f"镇{i:02d}.xlsx", i * 10) for i in range(30)]
    with open_database(f"sqlite:///{(folder / 'bench.sqlite3').as_posix()}") as db:
        with db.transaction() as s:
            s.execute(insert(Project), [{"name": f"第{n + 1}号重点建设项目", "category": "工业"}
                                        for n in range(300)])
        with db.session() as s:
            result = xlsx_import.preview(s, forms)
            assert len(result.new) == 300 and not result.errors, result.summary()
            seconds = bench.median(lambda: xlsx_import.preview(s, forms))
    bench.record("30 township returns", 300, seconds, bench.raw(forms))


def fill_in_forms(bench: Bench) -> None:
    """30 of our 填报表 (10 projects of one 责任单位 each), every 本月 and 形象进度 filled."""
    from db.models import AnnualPlan
    from db.session import open_database
    from exports import xlsx_import
    from exports.forms import layout as L
    from exports.forms import write_forms
    from portfolio import projects
    from portfolio.periods import Period

    period = Period(2026, 4)
    folder = Path(tempfile.mkdtemp(prefix="xiangmuku-bench-forms-"))
    with open_database(f"sqlite:///{(folder / 'bench.sqlite3').as_posix()}") as db:
        with db.transaction() as s:
            for n in range(300):
                pid = projects.create(s, projects.ProjectData(
                    name=f"第{n + 1}号重点建设项目", category="工业", unit=f"县第{n // 10 + 1}局",
                    total_investment=Decimal("52000"), planned_start=dt.date(2025, 3, 1)))
                s.add(AnnualPlan(project_id=pid, year=2026, planned_investment=Decimal("20000")))
        with db.transaction() as s:
            written = write_forms(s, period, "unit", folder)
        columns = {c.key: i for i, c in enumerate(L.columns(period), start=1)}
        filled = []
        for path in written.files:
            wb = openpyxl.load_workbook(path)
            ws = wb[L.SHEET]
            for r in range(L.FIRST_ROW, ws.max_row + 1):
                if ws.cell(r, columns["key"]).value:
                    ws.cell(r, columns["investment"]).value = 125.5
                    ws.cell(r, columns["progress"]).value = "主体结构施工"
            target = folder / f"报回_{path.name}"
            wb.save(target)
            filled.append(target)
        with db.session() as s:
            result = xlsx_import.preview(s, filled)
            assert len(result.new) == 300 and not result.errors, result.summary()
            seconds = bench.median(lambda: xlsx_import.preview(s, filled))
    bench.record("30 填报表", 300, seconds, bench.raw(filled))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall",
                        help="wall: elapsed time; cpu: this process's CPU time (steadier "
                             "when other programs share the machine)")
    parser.add_argument("--json", type=Path, default=RESULTS / "sheets.json")
    args = parser.parse_args(argv)
    bench = Bench(args.clock, args.repeat)
    print(f"median of {args.repeat}, {args.clock} clock")
    for size in args.sizes:
        sized(bench, size)
    returns(bench)
    fill_in_forms(bench)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({
        "when": dt.datetime.now().isoformat(timespec="seconds"), "clock": args.clock,
        "repeat": args.repeat, "results": bench.rows}, ensure_ascii=False, indent=1),
        encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
