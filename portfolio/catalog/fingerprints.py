"""What a project's catalogue-derived values hash to, computed from an entry or from the register.

Both sides must produce the same text for the same values (a Decimal ``5.50`` and ``5.5``, a
date and its ISO form), so both go through :func:`fingerprint`. A project whose register
values still hash to the ``catalog_hash`` stored when it was loaded has not been edited since.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Citation, Document, Project
from db.queries import chunked
from portfolio.projects import quantities_of

#: The project columns a catalogue entry sets (``stage`` is the user's, so it is not here).
VALUE_COLUMNS = (
    "name", "kind", "category", "project_type", "plan_status", "township", "location",
    "total_investment", "planned_start", "planned_finish",
)


def _canonical(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def fingerprint(
    values: dict[str, Any],
    quantities: Iterable[tuple[Decimal, str]],
    citations: Iterable[tuple[str, int, str]],
) -> str:
    """SHA-256 of a project's catalogue-derived values, in a form both sides agree on."""
    payload = {
        "values": {key: _canonical(values[key]) for key in sorted(values)},
        "quantities": [[_canonical(v), u] for v, u in quantities],
        "citations": sorted([f, int(line), q] for f, line, q in citations),
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def current_fingerprints(session: Session, project_ids: Sequence[int]) -> dict[int, str]:
    """What the catalogue-derived values of these projects hash to now."""
    if not project_ids:
        return {}
    columns = [getattr(Project, name) for name in VALUE_COLUMNS]
    values: dict[int, dict[str, Any]] = {}
    quantities = quantities_of(session, project_ids)
    citations: dict[int, list[tuple[str, int, str]]] = {i: [] for i in project_ids}
    for chunk in chunked(project_ids):
        for row in session.execute(select(Project.id, *columns).where(Project.id.in_(chunk))):
            values[row[0]] = dict(zip(VALUE_COLUMNS, row[1:], strict=True))
        for pid, file, line, quote in session.execute(
            select(Citation.project_id, Document.file, Citation.line, Citation.quote)
            .join(Document, Document.id == Citation.document_id)
            .where(Citation.project_id.in_(chunk))
        ):
            citations[pid].append((file, line, quote))
    return {
        pid: fingerprint(values[pid], quantities[pid], citations[pid]) for pid in values
    }
