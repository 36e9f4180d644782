"""How fast the program is at county and province scale: ``uv run python -m benchmarks``.

Generates demo portfolios (``portfolio.demo``) of 1,000 and 10,000 projects with five years of
monthly reports (cached in ``benchmarks/results/``, which git ignores), then measures the
operations a user waits for, each as the median of several runs, in a fresh process per size
(so that each size's memory peak is its own), offscreen:

- ``launch``: process start to a painted register (a new Python process: imports, opening the
  database, building the main window, the first paint of the register table), with the
  modules' bytecode cached as in any installed copy (``PYTHONPYCACHEPREFIX`` in
  ``benchmarks/results/pycache``, written by one warm-up launch that is not counted);
  ``launch_uncached``: the same when every module is compiled from source at each start
  (what a checkout run with ``PYTHONDONTWRITEBYTECODE`` pays; for comparison only);
- ``window``: the same inside a running process (no interpreter start or imports);
- ``filter``: a search text set on the register's filter until the register has re-queried and
  repainted (the search box's own 80 ms typing delay is not counted);
- ``month_grid``: the 月度调度 grid reloaded for the latest period and repainted;
- ``overview``: the 总览 page's figures computed again (:func:`portfolio.overview.compute`:
  the 合计, three tables and the warning list) and the page repainted;
- ``gantt_first_paint``: the 甘特图 page built, shown and painted;
- ``gantt_zoom``: a zoom change (year ↔ quarter ↔ month) repainted;
- ``gantt_scroll``: one wheel step (three lines) repainted, scrolling on through several pages
  of figures (the model reads ahead on a worker thread; the median and the worst step are
  reported); ``gantt_jump``: a scroll-bar jump to lines never read (figures read on the spot);
- ``rollups``: the 投资分析 roll-ups of :mod:`portfolio.budget` (by 领域, the S-curve, funding);
- ``peak_mb``: the process's peak resident memory (``ru_maxrss``) at the end of its run.

Prints one table and writes it as JSON to ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
SIZES = (1_000, 10_000)
YEARS = 5
RUNS = 5

#: target per measurement at 10,000 projects (milliseconds; MB for memory)
TARGETS: dict[str, float] = {
    "launch": 1000, "window": 1000, "filter": 50, "month_grid": 250, "overview": 1000,
    "gantt_zoom": 100, "gantt_scroll": 16, "rollups": 100, "peak_mb": 500,
}

#: (key, label) of the table's rows, in order
ROWS: tuple[tuple[str, str], ...] = (
    ("launch", "启动到项目库绘制完成（新进程）"),
    ("launch_uncached", "  同上，无字节码缓存（仅供对比）"),
    ("window", "主窗口到项目库绘制完成（进程内）"),
    ("filter", "文本筛选"),
    ("month_grid", "月度调度表格载入"),
    ("overview", "总览页载入"),
    ("gantt_first_paint", "甘特图首次绘制"),
    ("gantt_zoom", "甘特图缩放"),
    ("gantt_scroll", "甘特图滚动一步（中位数）"),
    ("gantt_scroll_p95", "甘特图滚动一步（95%）"),
    ("gantt_scroll_max", "甘特图滚动一步（最慢）"),
    ("gantt_jump", "甘特图跳到未读区域"),
    ("rollups", "投资分析汇总（合计）"),
    ("rollup_groups", "  其中：按领域"),
    ("rollup_curve", "  其中：S曲线"),
    ("rollup_funding", "  其中：资金来源"),
    ("peak_mb", "内存峰值（MB）"),
)


# --- the databases -----------------------------------------------------------------------


def demo_database(projects: int, today: dt.date) -> Path:
    """A cached demo database of ``projects`` projects over :data:`YEARS` years."""
    from db.session import open_database
    from portfolio import demo

    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"demo-{projects}-{YEARS}y-{today:%Y%m}.sqlite3"
    if path.exists():
        return path
    partial = path.with_suffix(".part")
    for leftover in RESULTS.glob(partial.name + "*"):
        leftover.unlink()
    db = open_database(f"sqlite:///{partial.as_posix()}")
    started = time.perf_counter()
    try:
        demo.generate(db, projects=projects, years=YEARS, seed=1, today=today)
    finally:
        db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(path)
    print(f"生成演示数据库：{projects} 个项目，{YEARS} 年（{time.perf_counter() - started:.1f} 秒）"
          f"：{path}", file=sys.stderr)
    return path


# --- timing helpers ----------------------------------------------------------------------


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def timed(action: Callable[[], object], runs: int, before: Callable[[], object] | None = None,
          ) -> list[float]:
    samples = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def _isolate_settings() -> None:
    """QSettings in a throw-away folder: never the user's window layout or last page."""
    from PySide6.QtCore import QSettings

    folder = tempfile.mkdtemp(prefix="bench-settings-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)


class _PaintWatch:
    """Counts the paint events a widget has handled (to know that it is on screen)."""

    def __init__(self, widget) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            def __init__(self) -> None:
                super().__init__()
                self.count = 0

            def eventFilter(self, _obj, event) -> bool:  # type: ignore[no-untyped-def]
                if event.type() == QEvent.Type.Paint:
                    self.count += 1
                return False

        self.filter = Filter()
        widget.installEventFilter(self.filter)

    @property
    def count(self) -> int:
        return int(self.filter.count)


def _wait_for_paint(app, watch: _PaintWatch, after: int, limit: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + limit
    while watch.count <= after:
        app.processEvents()
        if watch.count > after:
            break
        if time.perf_counter() > deadline:
            raise RuntimeError("the widget was never painted")
        time.sleep(0.0005)  # not a busy loop: each processEvents() costs PySide6 6.12 a None


# --- one size, in its own process ----------------------------------------------------------


def _launch_child(url: str) -> None:
    """Process start → painted register; prints one line when painted."""
    _isolate_settings()
    from PySide6.QtCore import QSize

    from portfolio.startup import open_prepared
    from ui.app import application, build_main_window

    app = application([sys.argv[0]])
    db = open_prepared(url)
    window = build_main_window(db, QSize(1600, 1000))
    register = window.show_page("register")
    watch = _PaintWatch(register.view.viewport())  # type: ignore[attr-defined]
    window.show()
    _wait_for_paint(app, watch, 0)
    print("painted", flush=True)
    os._exit(0)


def measure(url: str, runs: int) -> dict[str, Any]:
    """Everything but ``launch``, in this process."""
    import resource

    _isolate_settings()
    from PySide6.QtCore import QSize

    from db.queries import ProjectFilter
    from portfolio import budget
    from portfolio.startup import open_prepared
    from portfolio.timeline import Zoom
    from ui.app import application, build_main_window

    app = application([sys.argv[0]])
    db = open_prepared(url)
    out: dict[str, Any] = {}

    # main window → painted register, in process
    windows = []

    def open_window() -> None:
        window = build_main_window(db, QSize(1600, 1000))
        register = window.show_page("register")
        watch = _PaintWatch(register.view.viewport())  # type: ignore[attr-defined]
        window.show()
        _wait_for_paint(app, watch, 0)
        windows.append(window)

    samples = timed(open_window, runs)
    out["window"] = median_ms(samples)
    for window in windows[:-1]:
        window.close()
        window.deleteLater()
    app.processEvents()
    window = windows[-1]
    context = window.context
    register = window.page("register")
    watch = _PaintWatch(register.view.viewport())  # type: ignore[attr-defined]

    # text filter → re-queried and repainted
    words = ["学校", "产业园", "道路", "医院", "物流", "光伏", "供水"]
    state = {"i": 0}

    def search() -> None:
        before = watch.count
        context.set_filter(ProjectFilter(text=words[state["i"] % len(words)]))
        _wait_for_paint(app, watch, before)
        state["i"] += 1

    out["filter"] = median_ms(timed(search, runs, before=lambda: (
        context.set_filter(ProjectFilter()), app.processEvents())))
    context.set_filter(ProjectFilter())
    app.processEvents()

    # month grid: reload for the latest period and repaint
    monthly = window.show_page("monthly")
    app.processEvents()
    grid_view = getattr(monthly, "view", None) or getattr(monthly, "grid", None)
    grid_watch = _PaintWatch(grid_view.viewport() if grid_view is not None else monthly)

    def load_grid() -> None:
        before = grid_watch.count
        monthly.reload()  # type: ignore[attr-defined]
        (grid_view.viewport() if grid_view is not None else monthly).repaint()
        _wait_for_paint(app, grid_watch, before)

    out["month_grid"] = median_ms(timed(load_grid, runs))

    # overview: the figures computed again and the page repainted
    overview = window.show_page("overview")
    app.processEvents()
    overview_watch = _PaintWatch(overview)

    def load_overview() -> None:
        before = overview_watch.count
        overview.reload()  # type: ignore[attr-defined]
        overview.repaint()
        _wait_for_paint(app, overview_watch, before)

    out["overview"] = median_ms(timed(load_overview, runs))

    # Gantt: first paint of the page
    from ui.gantt.page import GanttPage

    gantt_pages = []

    def gantt_first_paint() -> None:
        page = GanttPage(context)
        page.resize(1600, 950)
        page_watch = _PaintWatch(page.chart.viewport())
        page.show()
        _wait_for_paint(app, page_watch, 0)
        gantt_pages.append(page)

    out["gantt_first_paint"] = median_ms(timed(gantt_first_paint, runs))
    page = gantt_pages[-1]
    for old in gantt_pages[:-1]:
        old.model.wait_for_read_ahead()
        old.close()
        old.deleteLater()
    chart, model = page.chart, page.model
    model.wait_for_read_ahead()
    app.processEvents()

    zooms = [Zoom.YEAR, Zoom.MONTH, Zoom.QUARTER]
    zstate = {"i": 0}

    def zoom() -> None:
        chart.set_zoom(zooms[zstate["i"] % 3])
        chart.viewport().repaint()
        chart.header.repaint()
        zstate["i"] += 1

    out["gantt_zoom"] = median_ms(timed(zoom, max(runs, 6)))

    # scroll: wheel steps of three lines through several pages, the user's pace (16 ms)
    vbar = chart.verticalScrollBar()
    steps: list[float] = []
    for _ in range(300):
        started = time.perf_counter()
        vbar.setValue(vbar.value() + 3 * 24)
        chart.viewport().repaint()
        steps.append(time.perf_counter() - started)
        time.sleep(0.016)  # the user's pace; the worker thread reads ahead meanwhile
        app.processEvents()
    out["gantt_scroll"] = median_ms(steps)
    out["gantt_scroll_p95"] = round(sorted(steps)[int(len(steps) * 0.95)] * 1000, 2)
    out["gantt_scroll_max"] = round(max(steps) * 1000, 2)
    out["gantt_pages_read_on_screen"] = model.pages_fetched

    jumps = []
    for fraction in (0.5, 0.9, 0.3, 0.7, 0.1)[:max(runs, 1)]:
        model.wait_for_read_ahead()
        app.processEvents()
        target = int(vbar.maximum() * fraction)
        started = time.perf_counter()
        vbar.setValue(target)
        chart.viewport().repaint()
        jumps.append(time.perf_counter() - started)
    out["gantt_jump"] = median_ms(jumps)
    model.wait_for_read_ahead()

    # budget roll-ups (the 投资分析 page's queries)
    period, flt = context.period, context.filter
    with db.session() as session:
        parts = {
            "rollup_groups": timed(lambda: budget.by_group(session, period, flt, "category"), runs),
            "rollup_curve": timed(lambda: budget.monthly_curve(session, period, flt), runs),
            "rollup_funding": timed(lambda: budget.by_funding_source(session, flt), runs),
            "rollups": timed(lambda: budget.report(session, period, flt, "category"), runs),
        }
        out["lines"] = model.line_count()
    for key, samples in parts.items():
        out[key] = median_ms(samples)
    out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    db.dispose()
    return out


# --- the parent: databases, processes, the table -------------------------------------------


def _run_child(args: list[str], timeout: float = 1800) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "benchmarks.run", *args], capture_output=True, text=True,
        encoding="utf-8", env=env, timeout=timeout, cwd=Path(__file__).resolve().parents[1],
    )


#: Bytecode of every module, as an installed copy has it (see ``launch`` above).
PYCACHE = RESULTS / "pycache"


def _launch_env(cached: bool) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if cached:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="bench-nocache-")
    return env


def measure_launch(url: str, runs: int, cached: bool = True) -> float:
    env = _launch_env(cached)
    try:
        return _measure_launch(url, runs, cached, env)
    finally:
        if not cached:  # the empty folder that hid the cached bytecode
            shutil.rmtree(env["PYTHONPYCACHEPREFIX"], ignore_errors=True)


def _measure_launch(url: str, runs: int, cached: bool, env: dict[str, str]) -> float:
    samples = []
    for run in range(runs + (1 if cached else 0)):
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.run", "--launch-child", url],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
            cwd=Path(__file__).resolve().parents[1],
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - started
        child.wait(timeout=60)
        if line.strip() != "painted":
            raise RuntimeError("启动测量失败：子进程没有绘制项目库")
        if not (cached and run == 0):  # the warm-up launch writes the bytecode
            samples.append(elapsed)
    return median_ms(samples)


def _cell(value: Any, key: str) -> str:
    if value is None:
        return "—"
    unit = " MB" if key == "peak_mb" else " ms"
    return f"{value:,.1f}{unit}"


def table(results: dict[str, dict[str, Any]]) -> str:
    sizes = list(results)
    headers = ["测量项", *[f"{int(s):,} 个项目" for s in sizes], "目标（10,000）"]
    rows = []
    for key, label in ROWS:
        target = TARGETS.get(key)
        target_text = "" if target is None else (f"< {target:g} MB" if key == "peak_mb"
                                                 else f"< {target:g} ms")
        rows.append([label, *[_cell(results[s].get(key), key) for s in sizes], target_text])
    from cli.text import display_width, pad

    widths = [max(display_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = []
    for r in [headers, *rows]:
        cells = [pad(r[0], widths[0])]
        cells += [pad(c, widths[i], right=True) for i, c in enumerate(r[1:], start=1)]
        lines.append("  ".join(cells))
    lines.insert(1, "-" * (sum(widths) + 2 * (len(widths) - 1)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description="项目库性能基准（1,000 与 10,000 个项目）")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=RUNS, help="每项测量的次数（取中位数）")
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--child", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--launch-child", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.launch_child:
        _launch_child(args.launch_child)
        return 0
    if args.child:
        result = measure(args.child, args.runs)
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        # PySide6 6.12.0 on Python 3.11 drops a reference to True/None on every Python-side
        # signal emit; tearing down the interpreter after thousands of them can abort. The
        # results are out: leave without the teardown.
        os._exit(0)

    today = dt.date.today()
    load_before = os.getloadavg()
    results: dict[str, dict[str, Any]] = {}
    for size in args.sizes:
        path = demo_database(size, today)
        url = f"sqlite:///{path.as_posix()}"
        child = _run_child(["--child", url, "--runs", str(args.runs)])
        if child.returncode != 0 or not child.stdout.strip():
            sys.stderr.write(child.stderr)
            raise SystemExit(f"{size} 个项目的测量失败")
        measured = json.loads(child.stdout.strip().splitlines()[-1])
        measured["launch"] = measure_launch(url, args.runs)
        measured["launch_uncached"] = measure_launch(url, args.runs, cached=False)
        results[str(size)] = measured
        print(f"{size:,} 个项目：完成", file=sys.stderr)

    text = table(results)
    load = os.getloadavg()
    text += (f"\n（{os.cpu_count()} 核；测量前后系统负载 {load_before[0]:.1f} / {load[0]:.1f}："
             "负载高于核数时各项耗时偏大）")
    print(text)
    report = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "load_before": load_before,
                    "load_after": os.getloadavg()},
        "years": YEARS, "runs": args.runs, "targets": TARGETS, "results": results,
        "table": text,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\n已写入：{args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
