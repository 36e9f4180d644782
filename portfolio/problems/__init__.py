"""问题台账: the problems holding projects back, each with who must solve it and by when,
chased at the 调度会 until it is closed (督办).

A problem is raised in a month (提出时间), belongs to one project, has a 类别 (:data:`KINDS`),
a 协调单位, a 责任人 and a 办结时限, and moves through :data:`STATES`: 待解决 → 解决中 →
已解决 or 无法解决. Closing one needs a 解决情况 and a date; a closed problem can only be
reopened (back to an open state), never moved to the other closed state directly, so that an
undo of any step is itself an allowed step.

A problem is **overdue** on a day when it is open that day and its 办结时限 is before it; "open
on a day" means not closed, or closed after that day (so a past month's figures stay what they
were). The alert rule, the overview counts and the reports all use :func:`is_overdue` and the
SQL of :func:`~portfolio.problems.rules.open_on_sql`, so they cannot disagree.

Functions take a session and never commit: each caller wraps one user action in one
transaction; the audit listener records every field change.
"""

from portfolio.problems.editing import add, close, delete, from_monthly_text, load, update
from portfolio.problems.ledger import (
    PeriodProblems,
    ProblemCounts,
    ProblemQuery,
    ProjectProblems,
    counts,
    get_row,
    list_problems,
    overdue_problems,
    project_choices,
    project_summaries,
    project_summary,
    unit_names,
)
from portfolio.problems.rules import (
    CLOSED_STATES,
    FIELD_LABELS,
    KIND_WORDS,
    KINDS,
    OPEN_STATES,
    STATES,
    ProblemData,
    ProblemError,
    ProblemRow,
    check_transition,
    days_overdue,
    guess_kind,
    is_open_on,
    is_overdue,
    validate,
)

__all__ = [
    "CLOSED_STATES",
    "FIELD_LABELS",
    "KINDS",
    "KIND_WORDS",
    "OPEN_STATES",
    "STATES",
    "PeriodProblems",
    "ProblemCounts",
    "ProblemData",
    "ProblemError",
    "ProblemQuery",
    "ProblemRow",
    "ProjectProblems",
    "add",
    "check_transition",
    "close",
    "counts",
    "days_overdue",
    "delete",
    "from_monthly_text",
    "get_row",
    "guess_kind",
    "is_open_on",
    "is_overdue",
    "list_problems",
    "load",
    "overdue_problems",
    "project_choices",
    "project_summaries",
    "project_summary",
    "unit_names",
    "update",
    "validate",
]
