"""The demo's monthly reports (本月完成投资, 形象进度, 存在问题, 下步计划, 开工), one row a month
for every month of a planned year up to the last reported month."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from portfolio.demo.lifecycle import Life, money
from portfolio.demo.naming import WORDS, progress_text
from portfolio.plans import PlanData


def reports_for(rng: random.Random, life: Life, project_type: str, started_on: dt.date | None,
                project_id: int, project_plans: list[PlanData], first: int,
                last: int) -> list[dict[str, Any]]:
    """The monthly reports of one project: every month of a planned year up to ``last``,
    from the year's January (前期 months report nothing spent) until it finished."""
    if not project_plans:
        return []
    out: list[dict[str, Any]] = []
    planned_years = {p.year for p in project_plans}
    end = min(last, life.finish if life.finish is not None else last)
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
            progress = progress_text(project_type, done / total if total else 1.0)
            troubled = life.behind or index in life.idle_months or cents == 0
            problems = rng.choice(WORDS["problems"]) if troubled and rng.random() < 0.8 else ""
            next_steps = ("" if done >= total else rng.choice(WORDS["next_steps_running"]))
        out.append({
            "project_id": project_id, "year": year, "month": month + 1,
            "investment": money(cents), "progress": progress, "problems": problems,
            "next_steps": next_steps, "started": started,
            "started_on": started_on if started else None,
        })
    return out
