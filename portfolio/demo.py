"""A plausible synthetic county portfolio, so that a newcomer sees every page populated and the
benchmarks have something realistic to chew on.

What it makes, for the ``years`` years ending with ``today``'s year:

- units (县直部门、乡镇政府), leaders with titles, projects in the six 领域 with Chinese names by
  type, townships and sites, levels, 三个一批 tags, funding sources, physical quantities, and a
  few packaged projects (打包项目) whose parts belong to different units;
- an annual plan for every year a project is active, set from what was left to do at the start
  of that year (even, typical or custom monthly spread);
- monthly reports (本月完成投资, 形象进度, 存在问题, 下步计划, 开工) for every month up to and
  **including the month before** ``today``: that month is the one being reported (月调度 is
  collected in the first days of the next month), and it is what the window opens on; the
  current month is left empty for the user to try entering. Every month before it is locked
  (submitted), the last one is open;
- realistic lags: late starts, projects that never started, slow projects, idle spells, and
  projects running past their planned finish, so every warning rule fires for a few projects;
- a 问题台账 made from the reports' 存在问题 (:mod:`portfolio.demo_problems`): problems raised and
  solved over the months, some still open past their 办结时限.

Everything is inserted with a handful of Core bulk statements in one transaction (no ORM objects,
so no per-row audit entries; one audit event records the generation): 10,000 projects over five
years take seconds. The same seed and ``today`` give the same portfolio.

The words (townships, units, leaders' titles, report phrases) and the recipes that name a
project of each 领域 are data, in ``resources/demo/words.yaml``; this module only draws from
them, in the order the file gives.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml
from sqlalchemy import insert, select

import resources
from db import audit
from db.models import (
    FundingSource,
    Leader,
    MonthlyReport,
    PeriodLock,
    Problem,
    Project,
    ProjectLevel,
    ProjectQuantity,
    Unit,
)
from db.queries import any_project
from db.search import search_key
from db.session import Database
from portfolio import demo_progress, plans
from portfolio.demo_problems import problem_rows
from portfolio.money import CENT
from portfolio.periods import Period
from portfolio.plans import TYPICAL_WEIGHTS, PlanData


class DemoError(ValueError):
    """The demo portfolio cannot be made; the message is Chinese and user-facing."""


# -- words ------------------------------------------------------------------------------------


def _load_words() -> dict[str, Any]:
    """The word lists and name recipes of ``resources/demo/words.yaml`` (the file says how)."""
    with resources.path("demo", "words.yaml").open(encoding="utf-8") as stream:
        words: dict[str, Any] = yaml.safe_load(stream)
    return words


WORDS = _load_words()
TOWNSHIPS: list[str] = WORDS["townships"]
STREETS: list[str] = WORDS["streets"]
SURNAMES: list[str] = WORDS["surnames"]
UNITS_BY_CATEGORY: dict[str, list[str]] = WORDS["units_by_category"]
#: Chinese numerals for 第一期, 第二期 … and 县第一高级中学 …
NUMBERS = "一二三四五六七八九十"


def _campaign_issue(day: dt.date) -> int:
    """三个一批 期数: four a year, the first in the first quarter of 2021."""
    return max(1, (day.year - 2021) * 4 + (day.month - 1) // 3 + 1)


def _index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _period(index: int) -> Period:
    year, month = divmod(index, 12)
    return Period(year, month + 1)


def _day(index: int, rng: random.Random) -> dt.date:
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, rng.randint(1, 28))


def _money(cents: int) -> Decimal:
    return (Decimal(cents) * CENT).quantize(CENT)


# -- one project's simulated life --------------------------------------------------------------


@dataclass
class _Life:
    """A leaf project's schedule and its month-by-month spending (integer cents)."""

    total: int
    planned_start: int
    duration: int
    actual_start: int | None
    spend: dict[int, int] = field(default_factory=dict)
    finish: int | None = None
    behind: bool = False
    idle_months: set[int] = field(default_factory=set)
    reserve: bool = False

    @property
    def planned_finish(self) -> int:
        return self.planned_start + self.duration - 1

    def spent_before(self, index: int) -> int:
        return sum(c for i, c in self.spend.items() if i < index)


def _simulate(rng: random.Random, total: int, first: int, last: int) -> _Life:
    """Plan a project and play its spending up to month ``last`` (the last reported month);
    months before ``first`` (the window's January) end up in ``prior_investment``."""
    duration = max(8, min(60, int(rng.lognormvariate(3.15, 0.4))))
    roll = rng.random()
    if roll < 0.03:
        start = last + rng.randint(6, 24)
        return _Life(total, start, duration, None, reserve=True)
    if roll < 0.23:  # under way before the window opens
        start = rng.randint(first - duration + 6, first - 1)
    else:
        start = rng.randint(first, last + 8)
    lag_roll = rng.random()
    if lag_roll < 0.6:
        lag: int | None = 0
    elif lag_roll < 0.88:
        lag = rng.randint(1, 2)
    elif lag_roll < 0.96 or start < last - 9:
        lag = rng.randint(3, 5)
    else:
        lag = None  # has not started yet, months after it should have
    actual = None if lag is None or start + lag > last else start + lag
    life = _Life(total, start, duration, actual)
    if actual is None:
        return life
    life.behind = rng.random() < 0.1
    pace = rng.uniform(0.5, 0.8) if life.behind else rng.uniform(1.0, 1.3)
    if rng.random() < 0.1 and last - actual >= 3:
        life.idle_months = set(range(last - rng.randint(1, 2), last + 1))
    base = total / duration
    spent = 0
    for index in range(actual, last + 1):
        season = TYPICAL_WEIGHTS[index % 12] * 12 / 100
        if index in life.idle_months or rng.random() < 0.03:
            cents = 0
        else:
            cents = int(base * pace * season * rng.uniform(0.8, 1.2))
            if index == actual:
                cents //= 2
        if spent + cents >= total or (index >= life.planned_finish + 2 and not life.behind
                                      and rng.random() < 0.5):
            cents = total - spent
        life.spend[index] = cents
        spent += cents
        if spent >= total:
            life.finish = index
            break
    return life


# -- names and texts ---------------------------------------------------------------------------


class _Namer:
    """Chinese project names by 领域, from the recipes in ``words.yaml``, unique within the
    portfolio."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        #: projects named so far by each {ordinal: …} counter
        self.counters: Counter[str] = Counter()

    def unique(self, name: str) -> str:
        candidate, phase = name, 1
        while candidate in self.used:
            phase += 1
            number = NUMBERS[phase - 1] if phase <= 10 else str(phase)
            candidate = f"{name}（{number}期）"
        self.used.add(candidate)
        return candidate

    def make(self, category: str, township: str) -> tuple[str, str, str, tuple[int, str] | None]:
        """(name, project type, 建设规模及主要内容, quantity)."""
        rng = self.rng
        hamlet = rng.choice(SURNAMES) + rng.choice(WORDS["village_suffixes"])
        values: dict[str, Any] = {
            "township": township, "town": township[:2], "hamlet": hamlet,
            "village": f"{hamlet}村", "street": rng.choice(STREETS),
        }
        roll = rng.random()
        recipe = next(r for r in WORDS["recipes"][category] if roll < r.get("below", 1))
        for key, spec in recipe.get("draw", {}).items():
            drawn = self._draw(spec, values)
            if isinstance(drawn, dict):  # a product with its capacity range and unit
                values.update(drawn)
            values[key] = drawn
        quantity = recipe.get("quantity")
        return (
            _fill(recipe["name"], values), _fill(recipe["type"], values),
            _fill(recipe["scale"], values),
            (values[quantity[0]], quantity[1]) if quantity else None,
        )

    def _draw(self, spec: Any, values: dict[str, Any]) -> Any:
        """One value of a recipe's ``draw`` (the kinds are listed in ``words.yaml``)."""
        rng = self.rng
        if isinstance(spec, list):
            return _fill(rng.choice(spec), values)
        if "pick" in spec:
            table = WORDS[spec["pick"]]
            return _fill(rng.choice(table[values[spec["at"]]] if "at" in spec else table), values)
        if "key_of" in spec:
            return rng.choice(list(WORDS[spec["key_of"]]))
        if "int" in spec:
            low, high = (values[b] if isinstance(b, str) else b for b in spec["int"])
            return rng.randint(low, high) * spec.get("times", 1)
        if "of" in spec:
            return values[spec["of"]] * spec["times"]
        if "coin" in spec:
            return _fill(spec["heads"] if rng.random() < spec["coin"] else spec["tails"], values)
        if "ordinal" in spec:
            self.counters[spec["ordinal"]] += 1
            return NUMBERS[(self.counters[spec["ordinal"]] - 1) % 10]
        raise ValueError(f"words.yaml: unknown draw {spec!r}")


def _fill(value: Any, values: dict[str, Any]) -> Any:
    """A text with the values drawn so far filled in; anything else as it is."""
    return value.format(**values) if isinstance(value, str) else value


def _progress(project_type: str, share: float) -> str:
    """形象进度 for a project that has done ``share`` (0…1) of its work."""
    table = WORDS["progress"]
    if share >= 0.999:
        return str(table["finished"])
    pct = max(1, min(99, int(share * 100)))
    kinds = table["kinds"]
    stages = next((k["stages"] for k in kinds if project_type in k["types"]), kinds[-1]["stages"])
    text = next(s["text"] for s in stages if share < s.get("below", 1))
    return str(text).format(pct=pct, pct2=pct * 2, pct4=min(99, pct * 4),
                            floor=max(2, int(share * 20)))


# -- the generator -----------------------------------------------------------------------------


def _leaders(rng: random.Random) -> list[dict[str, str]]:
    names: set[str] = set()
    out = []
    for title in WORDS["leader_titles"]:
        name = rng.choice(SURNAMES) + rng.choice(WORDS["given_names"])
        while name in names:
            name = rng.choice(SURNAMES) + rng.choice(WORDS["given_names"])
        names.add(name)
        out.append({"name": name, "title": title})
    return out


def _ensure_named(session: Any, model: type[Unit] | type[Leader],
                  rows: list[dict[str, str]]) -> dict[str, int]:
    """Ids of units or leaders by name, inserting those missing (names are unique)."""
    existing = dict(session.execute(select(model.name, model.id)).all())
    missing = [r for r in rows if r["name"] not in existing]
    if missing:
        table = model.__table__
        ids = session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), missing
        ).scalars().all()
        existing.update({r["name"]: i for r, i in zip(missing, ids, strict=True)})
    return existing


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _total_cents(rng: random.Random, category: str) -> int:
    scale = WORDS["investment_scale"][category]
    wan = max(300, min(600000, int(rng.lognormvariate(scale, 0.9))))
    wan = wan // 10 * 10 if wan > 1000 else wan
    cents = wan * 100
    if rng.random() < 0.3:
        cents += rng.randint(1, 99)
    return cents


@dataclass
class _Spec:
    """A project to insert, its life and its place in a package."""

    row: dict[str, Any]
    life: _Life | None
    levels: list[str]
    quantity: tuple[int, str] | None
    funding: list[tuple[str, Decimal]]
    package: int | None = None  # index of the package among the packages
    project_type: str = ""


def _stage(life: _Life, last: int) -> str:
    """建设性质 as of month index ``last``."""
    if life.reserve:
        return "储备"
    if life.finish is not None:
        return "竣工"
    if life.actual_start is None:
        return "前期"
    return "新开工" if life.actual_start // 12 == last // 12 else "续建"


def _plans_for(rng: random.Random, life: _Life, first_year: int, last_year: int,
               project_id: int) -> Iterator[PlanData]:
    """An annual plan for every year in which the project is planned or under way."""
    if life.reserve:
        return
    for year in range(first_year, last_year + 1):
        year_start, year_end = _index(year, 1), _index(year, 12)
        if life.finish is not None and life.finish < year_start:
            continue
        started_before = life.actual_start is not None and life.actual_start < year_start
        if not started_before and life.planned_start > year_end:
            continue
        remaining = life.total - life.spent_before(year_start)
        if remaining <= 0:
            continue
        if started_before:
            start = year_start
            start_month = None
        elif life.planned_start >= year_start:
            start = life.planned_start
            start_month = start % 12 + 1
        else:  # should have started in an earlier year: re-planned for this spring
            start = year_start + rng.randint(1, 4)
            start_month = start % 12 + 1
        end = max(life.planned_finish, year_end if life.planned_finish < year_start else 0)
        end = max(end, start)
        months_left = end - start + 1
        months_in_year = min(end, year_end) - start + 1
        wan = remaining * months_in_year // months_left // 100
        wan = max(10, wan // 10 * 10) if wan >= 100 else max(1, wan)
        amount = _money(min(remaining, wan * 100))
        finish_month = life.planned_finish % 12 + 1 if year_start <= life.planned_finish <= (
            year_end) else None
        if finish_month is not None and start_month is not None and finish_month < start_month:
            finish_month = None
        roll = rng.random()
        distribution = "even" if roll < 0.7 else ("typical" if roll < 0.95 else "custom")
        months: dict[int, Decimal] = {}
        if distribution == "custom":
            weights = [w * rng.randint(5, 15) for w in plans.month_weights(
                "typical", start_month, finish_month)]
            months = {m + 1: a for m, a in enumerate(plans.spread(amount, weights)) if a}
        yield PlanData(project_id, year, amount, start_month, finish_month, distribution, months)


def generate(
    db: Database,
    *,
    projects: int = 300,
    years: int = 3,
    seed: int = 1,
    today: dt.date | None = None,
) -> int:
    """Fill the empty database ``db`` with a demo portfolio; returns the projects created
    (packages and their parts included). Refuses, changing nothing, when ``db`` holds any
    project."""
    if projects < 1:
        raise DemoError("项目个数应为正整数")
    if not 1 <= years <= 10:
        raise DemoError("年数应在 1—10 之间")
    today = today or dt.date.today()
    rng = random.Random(seed)
    last_period = Period.of(today).previous()
    last = _index(last_period.year, last_period.month)
    first_year = today.year - years + 1
    first = _index(first_year, 1)
    namer = _Namer(rng)

    with db.transaction() as session:
        if any_project(session):
            raise DemoError("数据库中已有项目，演示数据只能写入空数据库；未做任何修改")
        session.info["user"] = "演示数据"

        leader_rows = _leaders(rng)
        leader_ids = _ensure_named(session, Leader, leader_rows)
        leader_names = [r["name"] for r in leader_rows]
        unit_names = sorted({u for us in UNITS_BY_CATEGORY.values() for u in us} | {
            f"{t}人民政府" if not t.endswith("街道") else f"{t}办事处" for t in TOWNSHIPS})
        unit_ids = _ensure_named(session, Unit, [{"name": n} for n in unit_names])

        def local_unit(township: str) -> str:
            return f"{township}办事处" if township.endswith("街道") else f"{township}人民政府"

        def person() -> tuple[str, str]:
            return (rng.choice(SURNAMES) + rng.choice(WORDS["given_names"]),
                    f"1{rng.choice('35789')}{rng.randint(0, 999999999):09d}")

        def base_row(name: str, category: str, project_type: str, township: str,
                     unit: str, total: int, scale: str) -> dict[str, Any]:
            leader = leader_names[rng.choice(WORDS["leader_of_category"][category])]
            location = f"{township}{rng.choice(STREETS)}" if rng.random() < 0.5 else (
                f"{township}{rng.choice(SURNAMES)}{rng.choice(WORDS['site_suffixes'])}村")
            contact, phone = person()
            return {
                "name": name, "kind": "project", "category": category,
                "project_type": project_type, "township": township, "location": location,
                "scale": scale, "total_investment": _money(total),
                "prior_investment": Decimal("0.00"), "unit_id": unit_ids[unit],
                "leader_id": leader_ids[leader], "contact_name": contact,
                "contact_phone": phone, "campaign_batch": "", "campaign_issue": None,
                "parent_id": None, "notes": "", "origin": "demo",
                "search_key": search_key(name, unit, township, location),
            }

        def funding(total: int, project_type: str) -> list[tuple[str, Decimal]]:
            private = project_type in WORDS["private_types"]
            pool = WORDS["funding_private"] if private else WORDS["funding_public"]
            sources = rng.sample(pool, rng.randint(1, min(3, len(pool))))
            weights = [rng.randint(2, 10) for _ in sources]
            return list(zip(sources, plans.spread(_money(total), weights), strict=True))

        def levels(total: int) -> list[str]:
            out = ["县重点"]
            if (total >= 1_000_000 * 100 and rng.random() < 0.6) or rng.random() < 0.2:
                out.append("市重点")
            if (total >= 3_000_000 * 100 and rng.random() < 0.5) or rng.random() < 0.03:
                out.append("省重点")
            return out

        # a few packages (one per 60 projects, at most 3 + one per thousand), of 2—4 parts
        package_count = min(projects // 60, 3 + projects // 1000) if projects >= 20 else 0
        part_counts = [rng.randint(2, 4) for _ in range(package_count)]
        while package_count and package_count + sum(part_counts) > projects // 3:
            part_counts.pop()
            package_count -= 1
        specs: list[_Spec] = []
        packages: list[_Spec] = []
        for p, parts in enumerate(part_counts):
            themes = WORDS["package_themes"]
            chosen = themes[p % len(themes)]
            theme, category, project_type = chosen["theme"], chosen["category"], chosen["type"]
            year = first_year + rng.randint(0, years - 1)
            name = namer.unique(f"{year}年{theme}打包项目")
            lead_unit = UNITS_BY_CATEGORY[category][0]
            package = _Spec(base_row(name, category, project_type, "城关镇", lead_unit, 0,
                                     f"分{parts}个子项目实施{theme}"), None, ["县重点"], None, [])
            packages.append(package)
            suffix = WORDS["package_part"].get(project_type, "片区")
            for township in rng.sample(TOWNSHIPS, parts):
                total = _total_cents(rng, category) // 3
                life = _simulate(rng, total, first, last)
                part_name = namer.unique(f"{year}年{theme}—{township}{suffix}")
                row = base_row(part_name, category, project_type, township,
                               local_unit(township), total, f"{township}范围内实施{theme}")
                specs.append(_Spec(row, life, ["县重点"], None, funding(total, project_type),
                                   package=p, project_type=project_type))
        for _ in range(projects - len(packages) - len(specs)):
            category = _weighted(rng, WORDS["category_weights"])
            township = rng.choice(TOWNSHIPS)
            name, project_type, scale, quantity = namer.make(category, township)
            usual = WORDS["unit_of_type"].get(project_type)
            unit = (local_unit(township) if rng.random() < 0.12
                    else usual or rng.choice(UNITS_BY_CATEGORY[category]))
            total = _total_cents(rng, category)
            life = _simulate(rng, total, first, last)
            specs.append(_Spec(base_row(namer.unique(name), category, project_type, township,
                                        unit, total, scale), life, levels(total), quantity,
                               funding(total, project_type), project_type=project_type))

        # the facts each project row carries
        for spec in specs:
            life = spec.life
            assert life is not None
            row = spec.row
            row["planned_start"] = _day(life.planned_start, rng)
            row["planned_finish"] = _period(life.planned_finish).last_day
            row["actual_start"] = (None if life.actual_start is None
                                   else _day(life.actual_start, rng))
            row["actual_finish"] = (None if life.finish is None
                                    else _day(life.finish, rng))
            if row["actual_start"] and row["actual_finish"] and (
                    row["actual_finish"] < row["actual_start"]):
                row["actual_finish"] = row["actual_start"]
            row["prior_investment"] = _money(life.spent_before(first))
            row["stage"] = _stage(life, last)
            row["plan_status"] = {"竣工": "done", "新开工": "under_way", "续建": "under_way"}.get(
                row["stage"], "planned")
            if rng.random() < 0.3 and not life.reserve:
                if life.finish is not None:
                    row["campaign_batch"] = "投产"
                    row["campaign_issue"] = _campaign_issue(row["actual_finish"])
                elif life.actual_start is not None:
                    row["campaign_batch"] = "开工"
                    row["campaign_issue"] = _campaign_issue(row["actual_start"])
                else:
                    row["campaign_batch"] = "签约"
                    row["campaign_issue"] = _campaign_issue(
                        _period(min(life.planned_start, last)).first_day)
        for p, package in enumerate(packages):
            parts = [s for s in specs if s.package == p]
            row = package.row
            row["total_investment"] = sum((s.row["total_investment"] for s in parts),
                                          Decimal("0.00"))
            row["planned_start"] = min(s.row["planned_start"] for s in parts)
            row["planned_finish"] = max(s.row["planned_finish"] for s in parts)
            starts = [s.row["actual_start"] for s in parts if s.row["actual_start"]]
            row["actual_start"] = min(starts) if starts else None
            finishes = [s.row["actual_finish"] for s in parts]
            row["actual_finish"] = max(finishes) if all(finishes) else None  # type: ignore[type-var]
            stages = {s.row["stage"] for s in parts}
            row["stage"] = ("竣工" if stages == {"竣工"} else "续建" if "续建" in stages
                            else "新开工" if "新开工" in stages else "前期")
            row["plan_status"] = {"竣工": "done", "前期": "planned"}.get(row["stage"],
                                                                        "under_way")
            package.funding = funding(int(row["total_investment"] * 100), package.project_type)

        rng.shuffle(specs)  # parts among the other projects, as a register grows
        # insert: packages first (their ids become the parts' parent_id)
        table = Project.__table__
        returning = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        package_ids = session.execute(returning, [p.row for p in packages]).scalars().all() if (
            packages) else []
        for spec in specs:
            if spec.package is not None:
                spec.row["parent_id"] = package_ids[spec.package]
        ids = session.execute(returning, [s.row for s in specs]).scalars().all()
        every = list(zip(package_ids, packages, strict=True)) + list(zip(ids, specs, strict=True))

        session.execute(insert(ProjectLevel.__table__), [
            {"project_id": i, "level": level} for i, s in every for level in s.levels])
        quantities = [{"project_id": i, "value": Decimal(s.quantity[0]), "unit": s.quantity[1]}
                      for i, s in every if s.quantity]
        if quantities:
            session.execute(insert(ProjectQuantity.__table__), quantities)
        session.execute(insert(FundingSource.__table__), [
            {"project_id": i, "source": source, "amount": amount}
            for i, s in every for source, amount in s.funding])

        annual: list[PlanData] = []
        reports: list[dict[str, Any]] = []
        reported: list[tuple[int, dict[str, Any], list[dict[str, Any]]]] = []
        for project_id, spec in zip(ids, specs, strict=True):
            life = spec.life
            assert life is not None
            project_plans = list(_plans_for(rng, life, first_year, today.year, project_id))
            annual += project_plans
            project_reports = _reports(rng, life, spec, project_id, project_plans, first, last)
            reports += project_reports
            reported.append((project_id, spec.row, project_reports))
        plans.insert_bulk(session, annual)
        for start in range(0, len(reports), 50_000):
            session.execute(insert(MonthlyReport.__table__), reports[start:start + 50_000])
        # its own generator: the portfolio above is the same with or without the problems
        logged = problem_rows(random.Random(f"problems-{seed}"), reported, unit_ids,
                              last_period, WORDS)
        if logged:
            session.execute(insert(Problem.__table__), logged)

        locks = [
            {"year": p.year, "month": p.month,
             "locked_at": dt.datetime.combine(p.next().first_day, dt.time(9)) + dt.timedelta(
                 days=4),
             "locked_by": "演示数据"}
            for p in (_period(i) for i in range(first, last))
        ]
        if locks:
            session.execute(insert(PeriodLock.__table__), locks)
        demo_progress.fill(session, seed, today)
        audit.record(session, "demo", "projects", "",
                     f"生成演示数据：{len(every)}个项目，{years}年，随机种子{seed}")
    return len(every)


def _reports(rng: random.Random, life: _Life, spec: _Spec, project_id: int,
             project_plans: list[PlanData], first: int, last: int) -> list[dict[str, Any]]:
    """The monthly reports of one project: every month of a planned year up to ``last``,
    from the year's January (前期 months report nothing spent) until it finished."""
    if not project_plans:
        return []
    out: list[dict[str, Any]] = []
    planned_years = {p.year for p in project_plans}
    end = min(last, life.finish if life.finish is not None else last)
    started_on = spec.row["actual_start"]
    done = life.spent_before(first)
    total = life.total
    for index in range(first, end + 1):
        if index // 12 not in planned_years:
            continue
        year, month = divmod(index, 12)
        cents = life.spend.get(index, 0)
        done += cents
        started = life.actual_start is not None and index >= life.actual_start
        if not started:
            progress = rng.choice(WORDS["preliminary_progress"])
            problems = rng.choice(WORDS["problems"]) if index >= life.planned_start else ""
            next_steps = rng.choice(WORDS["next_steps_preliminary"])
        else:
            progress = _progress(spec.project_type, done / total if total else 1.0)
            troubled = life.behind or index in life.idle_months or cents == 0
            problems = rng.choice(WORDS["problems"]) if troubled and rng.random() < 0.8 else ""
            next_steps = ("" if done >= total else rng.choice(WORDS["next_steps_running"]))
        out.append({
            "project_id": project_id, "year": year, "month": month + 1,
            "investment": _money(cents), "progress": progress, "problems": problems,
            "next_steps": next_steps, "started": started,
            "started_on": started_on if started else None,
        })
    return out
