"""Annual plans (年度计划): planned investment, start and finish months, and how the year's
amount is spread over its months.

A plan's monthly spread is ``even`` (equal shares over the planned months), ``typical`` (the
usual rhythm of county construction: little around the Spring Festival, most from spring to
autumn, see :data:`TYPICAL_WEIGHTS`) or ``custom`` (the amounts typed per month, held in
``plan_months``). Every spread is exact to the cent and adds up to the planned amount.

``spreading`` computes spreads, ``annual`` holds one project's plan (checks, load, save),
``year_grid`` every project's plan for a year as the 计划 grid, and ``planned_curve`` the
amounts planned to date, summed in SQL. Callers import from here.
"""

from portfolio.plans.annual import (
    PlanData,
    PlanError,
    insert_bulk,
    load,
    plans_of,
    remove,
    save,
    validate,
)
from portfolio.plans.planned_curve import planned_start_count, planned_to_date
from portfolio.plans.spreading import (
    DISTRIBUTIONS,
    TYPICAL_WEIGHTS,
    cumulative,
    month_weights,
    monthly_amounts,
    spread,
)
from portfolio.plans.year_grid import (
    MONTH_COLUMNS,
    PLAN_COLUMNS,
    PlanRow,
    parse_plan_cell,
    plan_rows,
    save_cells,
)

__all__ = [
    "DISTRIBUTIONS",
    "MONTH_COLUMNS",
    "PLAN_COLUMNS",
    "TYPICAL_WEIGHTS",
    "PlanData",
    "PlanError",
    "PlanRow",
    "cumulative",
    "insert_bulk",
    "load",
    "month_weights",
    "monthly_amounts",
    "parse_plan_cell",
    "plan_rows",
    "planned_start_count",
    "planned_to_date",
    "plans_of",
    "remove",
    "save",
    "save_cells",
    "spread",
    "validate",
]
