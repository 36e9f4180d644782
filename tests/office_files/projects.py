"""The projects an office's files describe, and the figures a correct import must show.

Amounts are whole 万元 (or 万元 with two decimals) so that a file writing them in 亿元 states
them exactly; every expected figure is summed from these records, never typed by hand.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

D = Decimal


@dataclass(frozen=True)
class Project:
    name: str
    stage: str
    category: str
    unit: str
    leader: str
    years: str
    total: Decimal
    fiscal: Decimal
    plan: Decimal
    quarters: tuple[Decimal, Decimal, Decimal, Decimal]
    ytd: Decimal
    planned_start: dt.date | None = None
    actual_start: dt.date | None = None
    code: str = ""
    township: str = ""

    @property
    def social(self) -> Decimal:
        return self.total - self.fiscal


def _q(plan: int, shares: tuple[int, int, int]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    a, b, c = shares
    return D(a), D(b), D(c), D(plan - a - b - c)


BASE: tuple[Project, ...] = (
    Project("年产10万吨高端铝板带项目", "新开工", "工业", "县工信局",
            "赵永强（县委常委、组织部长）",
            "2026.3-2027.12", D(86500), D(0), D(32000), _q(32000, (3000, 9000, 10000)),
            D(8650), dt.date(2026, 3, 1), dt.date(2026, 3, 18), "2601-411425-04-01-556677"),
    Project("兰考县智能家居产业园二期", "续建", "工业", "县发改委", "李明（副县长）",
            "2025.3-2027.12", D(152000), D(12000), D(45000), _q(45000, (9000, 12000, 12000)),
            D(16230), dt.date(2025, 3, 1), None, "2503-411425-04-01-123456"),
    Project("绿色食品产业园冷链仓储项目", "新开工", "工业", "县商务局", "王刚（副县长）",
            "2026.6—2027.12", D(23800), D(3800), D(12000), _q(12000, (0, 4000, 4000)),
            D(0), dt.date(2026, 6, 1), None, "2605-411425-04-01-998877"),
    Project("黄河滩区高标准农田建设项目", "续建", "农业", "县农业农村局", "孙伟（副县长）",
            "2025-2026年", D(15600), D(15600), D(9800), _q(9800, (2000, 3000, 3000)),
            D(4120), dt.date(2025, 10, 1), None, "", "谷营镇"),
    Project("乡村振兴示范区基础设施项目", "新开工", "农业", "县乡村振兴局", "孙伟（副县长）",
            "2026.4-2026.12", D(6800), D(6800), D(6800), _q(6800, (0, 2000, 2800)),
            D(1200), dt.date(2026, 4, 1), dt.date(2026, 4, 20), "", "东坝头镇"),
    Project("县人民医院新院区建设项目", "续建", "社会事业", "县卫健委", "周敏（副县长）",
            "2024.9-2027.6", D(125000), D(45000), D(30000), _q(30000, (6000, 8000, 8000)),
            D(10500), dt.date(2024, 9, 1), None),
    Project("第三高级中学新建项目", "新开工", "社会事业", "县教体局", "周敏（副县长）",
            "2026年3月至2027年", D(38000), D(38000), D(15000), _q(15000, (2000, 5000, 5000)),
            D(2600), dt.date(2026, 3, 1), dt.date(2026, 3, 28)),
    Project("城区老旧小区改造项目", "续建", "城建", "县住建局", "王刚（副县长）",
            "2025-2026年", D(18650), D(9650), D(8000), _q(8000, (1500, 2500, 2000)),
            D(3350), dt.date(2025, 4, 1), None, "", "城关镇"),
    Project("220千伏输变电工程", "新开工", "交通能源", "国网兰考县供电公司", "李明（副县长）",
            "2026.5-2027.6", D(21000), D(0), D(9000), _q(9000, (0, 3000, 3000)),
            D(0), dt.date(2026, 5, 1), None),
    Project("兰考—民权高速连接线改建工程", "前期", "交通能源", "县交通运输局",
            "赵永强（县委常委、组织部长）",
            "2026.10-2028.12", D(54300.5), D(20000), D(2000), _q(2000, (0, 0, 500)),
            D(0), dt.date(2026, 10, 1), None),
)


@dataclass(frozen=True)
class Expected:
    """What ``portfolio status --period 2026-04`` must say once a file is imported."""

    project_count: int
    total_investment: Decimal
    annual_plan: Decimal
    ytd: Decimal = Decimal(0)
    planned_starts: int = 0
    actual_starts: int = 0
    #: 本月完成, when the file states it
    month: Decimal | None = None


def expected(projects: tuple[Project, ...], *, ytd: bool = False, actual: bool = False,
             dated: bool = True) -> Expected:
    """The figures a file of ``projects`` states: 1—4月 when it has them, actual starts when
    it says which projects started (else none of the year's planned starts has started);
    a file without dates (``dated=False``) plans no start."""
    planned = [p for p in projects if dated and p.planned_start
               and p.planned_start.year == 2026]
    started = [p for p in planned if actual and p.actual_start
               and p.actual_start <= dt.date(2026, 4, 30)]
    return Expected(
        len(projects), sum((p.total for p in projects), D(0)),
        sum((p.plan for p in projects), D(0)),
        sum((p.ytd for p in projects), D(0)) if ytd else D(0),
        len(planned), len(started))


def varied(projects: tuple[Project, ...], salt: int) -> tuple[Project, ...]:
    """The same projects with other amounts, so that each layout states its own figures."""
    out = []
    for i, p in enumerate(projects):
        extra = D((salt * 37 + i * 11) % 90 + 10)
        quarters = (*p.quarters[:3], p.quarters[3] + extra)
        out.append(replace(p, total=p.total + extra * 3, fiscal=p.fiscal,
                           plan=p.plan + extra, quarters=quarters))
    return tuple(out)


def yi(amount: Decimal) -> Decimal:
    """万元 in 亿元 (exact: four to six decimals)."""
    return (amount / D(10000)).normalize()


def thousands(amount: Decimal) -> str:
    """"1,234,567.50": how a figure pasted from a report sits in a text cell."""
    return f"{amount:,.2f}"


FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def full_width(text: str) -> str:
    return text.translate(FULL_WIDTH)


def convert(path: Path, fmt: str) -> Path:
    """``path`` saved by LibreOffice as ``fmt`` (xls or ods) beside it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    target = path.with_suffix("." + fmt)
    for attempt in range(3):  # a busy machine's soffice now and then dies on start-up
        with tempfile.TemporaryDirectory() as profile:  # own profile: parallel runs don't lock
            done = subprocess.run(
                [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                 "--convert-to", fmt, "--outdir", str(path.parent), str(path)],
                capture_output=True, timeout=180, env=os.environ, check=False)
        if done.returncode == 0 and target.exists():
            return target
        if attempt == 2:
            raise RuntimeError(f"soffice could not convert {path.name}: {done.stderr!r}")
    return target
