"""Projects as the user edits them: plain values and their validation with Chinese messages
(``editable``, ``validation``), creating and saving (``writing``), the stale-edit check
(``staleness``), delete with undo (``deletion``) and what the views list (``lookups``).
Callers import from here; each caller wraps one user action in one transaction."""

from portfolio.projects.deletion import delete_project, restore, snapshot
from portfolio.projects.editable import (
    SCALAR_FIELDS,
    ProjectData,
    ValidationError,
    planned_dates,
    to_data,
)
from portfolio.projects.lookups import (
    count,
    filter_choices,
    filtered_ids,
    leader_names,
    parent_choices,
    quantities_of,
    register_rows,
    townships,
    unit_names,
)
from portfolio.projects.staleness import check_unchanged, stale
from portfolio.projects.validation import normalise_code, validate
from portfolio.projects.writing import create, load, set_field, update

__all__ = [
    "SCALAR_FIELDS", "ProjectData", "ValidationError", "check_unchanged", "count", "create",
    "delete_project", "filter_choices", "filtered_ids", "leader_names", "load", "normalise_code",
    "parent_choices", "planned_dates", "quantities_of", "register_rows", "restore", "set_field",
    "snapshot", "stale", "to_data", "townships", "unit_names", "update", "validate",
]
