"""Early warning (预警): which projects are lagging in a period, and why.

Six rules, the first four each with its threshold in :class:`Thresholds` (stored in the
``settings`` table):

- ``behind_schedule`` (进度滞后): a started project's completion rate of the year's plan
  (1—N月 ÷ 年度计划) is ``behind_points`` or more below its 序时进度: N/12 for a plan that spans
  the year, the share of the planned months gone for a plan with a start (finish) month within
  the year (:func:`project_time_progress`). Both figures are taken at one decimal, as every
  table shows them, so a project shown "低于序时进度10.0个百分点" is warned at a threshold of
  10. A project that has not started is left to ``not_started``.
- ``no_investment`` (连续无投资): a started, unfinished project reported no new investment in
  each of the last ``idle_months`` months up to the period (a month with no report counts as
  none), and it had already started in the first of those months.
- ``not_started`` (未按期开工): the planned start month (the year's plan, else the project's
  planned start date), plus ``start_grace_months``, is at or before the period's month and the
  project had not started by the period's last day.
- ``overdue`` (逾期未竣工): the planned finish month (the project's planned finish date, else
  the year's plan), plus ``finish_grace_months``, is at or before the period's month and the
  project is not complete by the period's last day.
- ``problem_overdue`` (问题逾期未解决): a problem of the 问题台账 raised by the period's end is
  still open on its last day and its 办结时限 is before that day (:mod:`portfolio.problems`);
  one reason per project, naming each such problem and its days overdue. The 办结时限 itself is
  the threshold.
- ``approval_overdue`` (手续逾期): a 前期手续 or milestone step was planned before the period's
  last day and not done by then (:func:`portfolio.approvals.overdue_steps`, a second query).

Only projects that carry money are judged: a package with parts is judged through its parts.
Reserve projects (储备) and completed ones (竣工, or finished by the period's end) never warn.

The package: ``rules`` (the query and the rules, :func:`evaluate`), ``thresholds`` (stored
settings), ``messages`` (the Chinese wording of each reason), ``states`` (the state and colour a
view shows a project in). The names below are its interface; callers import them from here.
"""

from portfolio.alerts.rules import (
    RULE_LABELS,
    RULES,
    Alert,
    evaluate,
    is_complete,
    project_time_progress,
    reasons,
)
from portfolio.alerts.states import (
    STATE_BACKGROUNDS,
    STATE_COLOURS,
    STATE_LABELS,
    state_from,
    state_of,
)
from portfolio.alerts.thresholds import Thresholds, load_thresholds, save_thresholds

__all__ = [
    "RULES",
    "RULE_LABELS",
    "STATE_BACKGROUNDS",
    "STATE_COLOURS",
    "STATE_LABELS",
    "Alert",
    "Thresholds",
    "evaluate",
    "is_complete",
    "load_thresholds",
    "project_time_progress",
    "reasons",
    "save_thresholds",
    "state_from",
    "state_of",
]
