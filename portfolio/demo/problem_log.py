"""The demo portfolio's 问题台账, made from its monthly 存在问题 texts.

A 存在问题 text that a project reports becomes, about half the time, a logged problem raised in
the first month it was reported, due one to three months later. It is solved (rarely: could
not be) in the first three weeks of the month after it was last reported — a third of the
time one or two months later still, the office chasing it after the reports stopped naming
it; one not settled by the last reported month is open (待解决 or 解决中), and overdue once its
办结时限 has passed — so the page, the counts and the ``problem_overdue`` rule all have
something to show, and some problems are closed after their deadline.

It draws from its own random generator, so the rest of the demo portfolio is the same for the
same seed with or without it. Rows are plain dicts for one bulk insert, like the rest of the
demo (no per-row audit entries).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from portfolio.demo.naming import local_unit
from portfolio.periods import Period
from portfolio.problems import guess_kind


def _months_later(period: Period, months: int) -> Period:
    for _ in range(months):
        period = period.next()
    return period


def problem_rows(
    rng: random.Random,
    projects: Sequence[tuple[int, dict[str, Any], Sequence[dict[str, Any]]]],
    unit_ids: dict[str, int],
    last: Period,
    words: dict[str, Any],
) -> list[dict[str, Any]]:
    """The problems of ``projects`` — (id, project row, its monthly reports in month order) —
    whose reports end at ``last``; units are looked up by name in ``unit_ids``."""
    out: list[dict[str, Any]] = []
    for project_id, row, reports in projects:
        # a text reported again in a later month is the same problem, not solved yet
        runs: dict[str, tuple[Period, Period]] = {}  # text → first and last month reported
        for report in reports:
            text = report["problems"]
            if text:
                month = Period(report["year"], report["month"])
                runs[text] = (runs[text][0] if text in runs else month, month)
        for text, (first, end) in sorted(runs.items(), key=lambda item: item[1]):
            if rng.random() >= 0.5:
                continue
            kind = guess_kind(text)
            unit_name = str(words["problem_units"].get(kind, "")).format(
                township=local_unit(row["township"]))
            unit_id = unit_ids.get(unit_name) or row["unit_id"]
            deadline = _months_later(first, rng.choice((1, 1, 2, 3))).last_day
            person = rng.choice(words["surnames"]) + rng.choice(words["given_names"])
            problem: dict[str, Any] = {
                "project_id": project_id, "raised_year": first.year,
                "raised_month": first.month, "description": text, "kind": kind,
                "unit_id": unit_id, "person": person, "deadline": deadline,
                "state": "解决中" if rng.random() < 0.6 else "待解决", "resolution": "",
                "resolved_on": None,
            }
            # most are settled the month after they drop out of the reports, some take longer
            solved_in = _months_later(end, rng.choice((1, 1, 1, 1, 2, 3)))
            if solved_in <= last:
                day = dt.date(solved_in.year, solved_in.month, rng.randint(1, 20))
                if rng.random() < 0.06:
                    problem.update(state="无法解决",
                                   resolution=rng.choice(words["problem_unsolvable"]))
                else:
                    resolutions = words["problem_resolutions"]
                    problem.update(state="已解决", resolution=rng.choice(
                        resolutions.get(kind, resolutions["其他"])))
                problem["resolved_on"] = day
            out.append(problem)
    return out
