"""The monthly entry (月度调度), one module per job:

- :mod:`.columns`: the entry grid's columns and which of them are typed;
- :mod:`.rows`: each project's row for a period (typed figures next to computed ones), 合计;
- :mod:`.cells`: parsing what the user types into a cell, and showing a value;
- :mod:`.saving`: validating and saving a batch of edits as one change;
- :mod:`.paste`: pasting blocks copied from Excel, filling down, undo values;
- :mod:`.locking`: submitting (locking) and reopening a month;
- :mod:`.stages`: 建设性质 from a project's dates;
- :mod:`.history`: a project's history of figure changes;
- :mod:`.years`: which years hold monthly data;
- :mod:`.importing`: figures read from returned workbooks, compared and applied.

Only 本月完成投资, 形象进度, 存在问题, 下步计划, 开工 (with its date) and 竣工
are typed; 截至上年底, 1—N月 and 占年度计划% are computed from the reports,
never stored. A batch of edits is validated whole and saved in the caller's one
transaction: one bad cell refuses the batch, with a Chinese message naming the
project and the column.

The names below are re-exported so that ``from portfolio import monthly`` reaches them all.
"""

from __future__ import annotations

from portfolio.monthly.cells import display, parse_cell, parse_date
from portfolio.monthly.columns import EDITABLE, TEXT_LIMIT, EntryColumn, columns
from portfolio.monthly.errors import EntryError
from portfolio.monthly.history import HistoryEntry, history, project_name
from portfolio.monthly.locking import (
    PeriodLocked,
    check_open,
    is_locked,
    lock,
    lock_events,
    lock_info,
    reopen,
)
from portfolio.monthly.paste import (
    PastePlan,
    fill_down,
    guarded,
    old_values,
    parse_block,
    plan_paste,
)
from portfolio.monthly.rows import ALL, ZERO, EntryRow, Totals, load_rows, totals
from portfolio.monthly.saving import CellEdit, check_values, save_cells
from portfolio.monthly.stages import StageMove, advance_stages, stage_for
from portfolio.monthly.years import year_range

__all__ = [
    "ALL",
    "EDITABLE",
    "TEXT_LIMIT",
    "ZERO",
    "CellEdit",
    "EntryColumn",
    "EntryError",
    "EntryRow",
    "HistoryEntry",
    "PastePlan",
    "PeriodLocked",
    "StageMove",
    "Totals",
    "advance_stages",
    "check_open",
    "check_values",
    "columns",
    "display",
    "fill_down",
    "guarded",
    "history",
    "is_locked",
    "load_rows",
    "lock",
    "lock_events",
    "lock_info",
    "old_values",
    "parse_block",
    "parse_cell",
    "parse_date",
    "plan_paste",
    "project_name",
    "reopen",
    "save_cells",
    "stage_for",
    "totals",
    "year_range",
]
