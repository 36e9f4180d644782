"""The demo register's rows: units and leaders, projects in the six 领域 with their townships,
sites, levels, 三个一批 tags, funding sources and quantities, and a few packaged projects
(打包项目) whose parts belong to different units. Rows are plain dicts for bulk inserts."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.models import Leader, Unit
from db.search import search_key
from portfolio import plans
from portfolio.demo.lifecycle import (
    Life,
    campaign_issue,
    day_in,
    money,
    period_of,
    simulate,
)
from portfolio.demo.naming import (
    STREETS,
    SURNAMES,
    TOWNSHIPS,
    UNITS_BY_CATEGORY,
    WORDS,
    Namer,
    local_unit,
)


@dataclass
class Spec:
    """A project to insert, its life and its place in a package."""

    row: dict[str, Any]
    life: Life | None
    levels: list[str]
    quantity: tuple[int, str] | None
    funding: list[tuple[str, Decimal]]
    package: int | None = None  # index of the package among the packages
    project_type: str = ""


def leader_rows(rng: random.Random) -> list[dict[str, str]]:
    """One leader of a distinct name for every title in the word list."""
    names: set[str] = set()
    out = []
    for title in WORDS["leader_titles"]:
        name = rng.choice(SURNAMES) + rng.choice(WORDS["given_names"])
        while name in names:
            name = rng.choice(SURNAMES) + rng.choice(WORDS["given_names"])
        names.add(name)
        out.append({"name": name, "title": title})
    return out


def unit_names() -> list[str]:
    """The county departments of every 领域 and every township's government."""
    return sorted({u for us in UNITS_BY_CATEGORY.values() for u in us}
                  | {local_unit(t) for t in TOWNSHIPS})


def ensure_named(session: Session, model: type[Unit] | type[Leader],
                 rows: list[dict[str, str]]) -> dict[str, int]:
    """Ids of units or leaders by name, inserting those missing (names are unique)."""
    existing: dict[str, int] = {
        name: id_ for name, id_ in session.execute(select(model.name, model.id)).all()}
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


class RegisterDraw:
    """Draws the register's projects from one random stream, in a fixed order (the same seed
    gives the same rows)."""

    def __init__(self, rng: random.Random, leader_names: list[str], leader_ids: dict[str, int],
                 unit_ids: dict[str, int]) -> None:
        self.rng = rng
        self.namer = Namer(rng)
        self.leader_names = leader_names
        self.leader_ids = leader_ids
        self.unit_ids = unit_ids

    def _person(self) -> tuple[str, str]:
        rng = self.rng
        return (rng.choice(SURNAMES) + rng.choice(WORDS["given_names"]),
                f"1{rng.choice('35789')}{rng.randint(0, 999999999):09d}")

    def _base_row(self, name: str, category: str, project_type: str, township: str,
                  unit: str, total: int, scale: str) -> dict[str, Any]:
        rng = self.rng
        leader = self.leader_names[rng.choice(WORDS["leader_of_category"][category])]
        location = f"{township}{rng.choice(STREETS)}" if rng.random() < 0.5 else (
            f"{township}{rng.choice(SURNAMES)}{rng.choice(WORDS['site_suffixes'])}村")
        contact, phone = self._person()
        return {
            "name": name, "kind": "project", "category": category,
            "project_type": project_type, "township": township, "location": location,
            "scale": scale, "total_investment": money(total),
            "prior_investment": Decimal("0.00"), "unit_id": self.unit_ids[unit],
            "leader_id": self.leader_ids[leader], "contact_name": contact,
            "contact_phone": phone, "signed_issue": None, "started_issue": None,
            "produced_issue": None,
            "parent_id": None, "notes": "", "origin": "demo",
            "search_key": search_key(name, unit, township, location),
        }

    def _funding(self, total: int, project_type: str) -> list[tuple[str, Decimal]]:
        rng = self.rng
        private = project_type in WORDS["private_types"]
        pool = WORDS["funding_private"] if private else WORDS["funding_public"]
        sources = rng.sample(pool, rng.randint(1, min(3, len(pool))))
        weights = [rng.randint(2, 10) for _ in sources]
        return list(zip(sources, plans.spread(money(total), weights), strict=True))

    def _levels(self, total: int) -> list[str]:
        rng = self.rng
        out = ["县重点"]
        if (total >= 1_000_000 * 100 and rng.random() < 0.6) or rng.random() < 0.2:
            out.append("市重点")
        if (total >= 3_000_000 * 100 and rng.random() < 0.5) or rng.random() < 0.03:
            out.append("省重点")
        return out

    def projects(self, projects: int, first_year: int, years: int, first: int,
                 last: int) -> tuple[list[Spec], list[Spec]]:
        """(packages, the other projects with the packages' parts among them, shuffled)."""
        rng = self.rng
        # a few packages (one per 60 projects, at most 3 + one per thousand), of 2—4 parts
        package_count = min(projects // 60, 3 + projects // 1000) if projects >= 20 else 0
        part_counts = [rng.randint(2, 4) for _ in range(package_count)]
        while package_count and package_count + sum(part_counts) > projects // 3:
            part_counts.pop()
            package_count -= 1
        specs: list[Spec] = []
        packages: list[Spec] = []
        for p, parts in enumerate(part_counts):
            themes = WORDS["package_themes"]
            chosen = themes[p % len(themes)]
            theme, category, project_type = chosen["theme"], chosen["category"], chosen["type"]
            year = first_year + rng.randint(0, years - 1)
            name = self.namer.unique(f"{year}年{theme}打包项目")
            lead_unit = UNITS_BY_CATEGORY[category][0]
            package = Spec(self._base_row(name, category, project_type, "城关镇", lead_unit, 0,
                                          f"分{parts}个子项目实施{theme}"), None, ["县重点"], None,
                           [])
            packages.append(package)
            suffix = WORDS["package_part"].get(project_type, "片区")
            for township in rng.sample(TOWNSHIPS, parts):
                total = _total_cents(rng, category) // 3
                life = simulate(rng, total, first, last)
                part_name = self.namer.unique(f"{year}年{theme}—{township}{suffix}")
                row = self._base_row(part_name, category, project_type, township,
                                     local_unit(township), total, f"{township}范围内实施{theme}")
                specs.append(Spec(row, life, ["县重点"], None, self._funding(total, project_type),
                                  package=p, project_type=project_type))
        for _ in range(projects - len(packages) - len(specs)):
            category = _weighted(rng, WORDS["category_weights"])
            township = rng.choice(TOWNSHIPS)
            name, project_type, scale, quantity = self.namer.make(category, township)
            usual = WORDS["unit_of_type"].get(project_type)
            unit = (local_unit(township) if rng.random() < 0.12
                    else usual or rng.choice(UNITS_BY_CATEGORY[category]))
            total = _total_cents(rng, category)
            life = simulate(rng, total, first, last)
            specs.append(Spec(self._base_row(self.namer.unique(name), category, project_type,
                                             township, unit, total, scale),
                              life, self._levels(total), quantity,
                              self._funding(total, project_type), project_type=project_type))
        for spec in specs:
            self._settle(spec, first, last)
        for p, package in enumerate(packages):
            self._roll_up(package, [s for s in specs if s.package == p])
        rng.shuffle(specs)  # parts among the other projects, as a register grows
        return packages, specs

    def _settle(self, spec: Spec, first: int, last: int) -> None:
        """The dates, stage and 三个一批 tag a project's row carries, from its life."""
        rng = self.rng
        life = spec.life
        assert life is not None
        row = spec.row
        row["planned_start"] = day_in(life.planned_start, rng)
        row["planned_finish"] = period_of(life.planned_finish).last_day
        row["actual_start"] = (None if life.actual_start is None
                               else day_in(life.actual_start, rng))
        row["actual_finish"] = (None if life.finish is None
                                else day_in(life.finish, rng))
        if row["actual_start"] and row["actual_finish"] and (
                row["actual_finish"] < row["actual_start"]):
            row["actual_finish"] = row["actual_start"]
        row["prior_investment"] = money(life.spent_before(first))
        row["stage"] = life.stage(last)
        row["plan_status"] = {"竣工": "done", "新开工": "under_way", "续建": "under_way"}.get(
            row["stage"], "planned")
        if rng.random() < 0.3 and not life.reserve:
            # on each list it has reached, in the 期 of its start and of its finish; one
            # not started yet is filed as signed (its 期 follows its 签约日期, see signing)
            if life.finish is not None:
                row["produced_issue"] = campaign_issue(row["actual_finish"])
            if life.actual_start is not None:
                row["started_issue"] = campaign_issue(row["actual_start"])
            else:
                row["signed_issue"] = campaign_issue(
                    period_of(min(life.planned_start, last)).first_day)

    def _roll_up(self, package: Spec, parts: list[Spec]) -> None:
        """A package's total, dates and stage from its parts', and its funding plan."""
        row = package.row
        row["total_investment"] = sum((s.row["total_investment"] for s in parts),
                                      Decimal("0.00"))
        row["planned_start"] = min(s.row["planned_start"] for s in parts)
        row["planned_finish"] = max(s.row["planned_finish"] for s in parts)
        starts = [s.row["actual_start"] for s in parts if s.row["actual_start"]]
        row["actual_start"] = min(starts) if starts else None
        finishes = [s.row["actual_finish"] for s in parts]
        row["actual_finish"] = max(finishes) if all(finishes) else None
        stages = {s.row["stage"] for s in parts}
        row["stage"] = ("竣工" if stages == {"竣工"} else "续建" if "续建" in stages
                        else "新开工" if "新开工" in stages else "前期")
        row["plan_status"] = {"竣工": "done", "前期": "planned"}.get(row["stage"], "under_way")
        package.funding = self._funding(int(row["total_investment"] * 100), package.project_type)
