"""How long the report artefacts take for large portfolios.

For demo portfolios of 1,000 and 10,000 projects (3 years of monthly reports), the median of
three runs of: the monthly Excel report (styled, from the template, with formulas and their
stored results), an unstyled openpyxl write of exactly the same cells (the floor that
openpyxl itself sets), the PDF briefing, the MS Project schedule, and reading the Excel
report back for an import preview.

    uv run python benchmarks/reports.py [--sizes 1000 10000] [--runs 3]

Results are printed as a table and saved to benchmarks/results/reports.json.
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
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db.session import open_database  # noqa: E402
from exports import briefing_notes, briefing_pdf, mspdi, xlsx_import  # noqa: E402
from exports.xlsx import write_report  # noqa: E402
from portfolio import demo  # noqa: E402
from portfolio.periods import Period  # noqa: E402

TODAY = dt.date(2026, 11, 5)
PERIOD = Period(2026, 10)


def median_time(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def same_cells(path: Path) -> list[tuple[str, list[list[object]]]]:
    """Every sheet's cell values (formulas as text) of a written report."""
    wb = openpyxl.load_workbook(path)
    return [(ws.title, [[c.value for c in row] for row in ws.iter_rows()]) for ws in wb.worksheets]


def unstyled_write(sheets: list[tuple[str, list[list[object]]]], path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)


def measure(size: int, runs: int, folder: Path) -> dict[str, float]:
    db = open_database(f"sqlite:///{(folder / f'demo{size}.sqlite3').as_posix()}")
    started = time.perf_counter()
    demo.generate(db, projects=size, years=3, seed=1, today=TODAY)
    generated = time.perf_counter() - started
    xlsx, plain, pdf, xml = (folder / f"{size}{suffix}" for suffix in
                             ("-report.xlsx", "-plain.xlsx", "-briefing.pdf", "-schedule.xml"))
    with db.transaction() as session:
        issue = briefing_notes.assign_issue(session, PERIOD)
    with db.session() as session:
        result = {
            "projects": size,
            "demo_generation_s": generated,
            "xlsx_report_s": median_time(
                lambda: write_report(session, PERIOD, xlsx, today=TODAY), runs),
        }
        cells = same_cells(xlsx)
        result["cells"] = sum(len(row) for _, rows in cells for row in rows)
        result["xlsx_unstyled_same_cells_s"] = median_time(lambda: unstyled_write(cells, plain),
                                                           runs)
        result["pdf_briefing_s"] = median_time(
            lambda: briefing_pdf.write_briefing(session, PERIOD, pdf, issue=issue, today=TODAY),
            runs)
        result["mspdi_s"] = median_time(lambda: mspdi.write_schedule(session, xml, PERIOD), runs)
        result["xlsx_import_preview_s"] = median_time(
            lambda: xlsx_import.preview(session, [xlsx]), runs)
    result["xlsx_bytes"] = xlsx.stat().st_size
    result["pdf_bytes"] = pdf.stat().st_size
    db.dispose()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            results.append(measure(size, args.runs, Path(tmp)))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    print()
    print("| 项目数 | 月报Excel（样式、模板、公式） | 同样单元格无样式写出 | 简报PDF "
          "| MS Project XML | 导入预览 |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['projects']:,} | {r['xlsx_report_s']:.2f} s | "
              f"{r['xlsx_unstyled_same_cells_s']:.2f} s | {r['pdf_briefing_s']:.2f} s | "
              f"{r['mspdi_s']:.2f} s | {r['xlsx_import_preview_s']:.2f} s |")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "reports.json").write_text(json.dumps(results, ensure_ascii=False, indent=1),
                                      encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
