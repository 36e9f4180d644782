"""A project's state for the views (预警, 正常推进, 已竣工, 未开工), and one colour, background
and Chinese name per state, shared by every view (Gantt, grids, charts, exports)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from portfolio.alerts.rules import Alert
from portfolio.metrics import ProjectFigures

#: One colour per project state, shared by every view (Gantt, grids, charts, exports).
STATE_COLOURS: dict[str, str] = {
    "warning": "#d64541",
    "on_track": "#2e8b57",
    "done": "#3a6ea5",
    "not_started": "#9aa0a6",
}

#: Light versions of :data:`STATE_COLOURS`, for the background of table rows.
STATE_BACKGROUNDS: dict[str, str] = {
    "warning": "#fbe3e2",
    "on_track": "#e6f4ea",
    "done": "#e3ecf7",
    "not_started": "#f1f3f4",
}

#: Chinese names of the states, for legends.
STATE_LABELS: dict[str, str] = {
    "warning": "预警",
    "on_track": "正常推进",
    "done": "已竣工",
    "not_started": "未开工",
}



def state_of(figures: ProjectFigures, warnings: Sequence[Alert]) -> str:
    """The state a view colours a project with: one of the keys of :data:`STATE_COLOURS`.

    Complete wins over warned (a finished project never warns anyway), warned over the rest.
    """
    return state_from(figures.stage, figures.actual_start, figures.actual_finish,
                      bool(warnings))


def state_from(stage: str, actual_start: dt.date | None, actual_finish: dt.date | None,
               warned: bool) -> str:
    """:func:`state_of` for views that hold the facts rather than a ProjectFigures."""
    if actual_finish is not None or stage == "竣工":
        return "done"
    if warned:
        return "warning"
    if actual_start is None:
        return "not_started"
    return "on_track"
