"""填报 and 催报: which projects each 责任单位 or 乡镇 is sent to fill for a month, which forms
came back, and who has not reported yet.

:func:`form_projects` decides what goes on each form (the projects of the month's list, as
the monthly grid shows them: scheduled this year, packages by their parts); the forms are
written by :mod:`exports.forms`. :func:`record_sent` keeps, per project, the form it went
out on; :func:`record_returns` keeps each returned form that an import applied (called by
:func:`portfolio.monthly.importing.apply` in its transaction). :func:`collection_status` is
the month's view: per unit or township, sent, returned or not, when, projects filled of the
total, and the leaders and contacts to chase (催报).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.collection_tables import FormReturn, FormSent
from db.models import Leader, Project
from db.queries import chunked
from portfolio.monthly.rows import EntryRow, load_rows
from portfolio.periods import Period

#: How forms are split, with the Chinese word for a holder of each kind.
BY: dict[str, str] = {"unit": "责任单位", "township": "乡镇"}


@dataclass
class ReturnedForm:
    """A returned 填报表 as an import read it: whose, for which month, how many rows filled."""

    period: Period
    by: str
    holder: str
    file: str = ""
    #: rows of the form that carry our key
    total: int = 0
    #: rows with anything filled in
    filled: int = 0


@dataclass
class HolderStatus:
    """One unit's or township's form for the month: sent, and returned or not."""

    by: str
    holder: str
    sent: int
    sent_at: dt.datetime
    returned_at: dt.datetime | None = None
    filled: int = 0
    total: int = 0
    file: str = ""
    #: 包联领导 of its projects ("姓名（职务）"), and contacts ("姓名 电话")
    leaders: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)

    @property
    def returned(self) -> bool:
        return self.returned_at is not None

    @property
    def by_label(self) -> str:
        return BY.get(self.by, self.by)


def _townships(session: Session, ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk in chunked(list(ids)):
        for pid, township in session.execute(
                select(Project.id, Project.township).where(Project.id.in_(chunk))):
            found[pid] = township
    return found


def form_projects(session: Session, period: Period,
                  by: str) -> tuple[dict[str, list[EntryRow]], list[EntryRow]]:
    """Holder → its projects' rows for ``period`` (ordered by holder), and the projects that
    name no holder (they go on no form). Only projects that carry money are sent: a package's
    parts, not the package."""
    if by not in BY:
        raise ValueError(by)
    rows = [r for r in load_rows(session, period, active_only=True) if r.is_leaf]
    names = ({r.project_id: r.unit for r in rows} if by == "unit"
             else _townships(session, [r.project_id for r in rows]))
    groups: dict[str, list[EntryRow]] = defaultdict(list)
    nobody: list[EntryRow] = []
    for row in rows:
        holder = (names.get(row.project_id) or "").strip()
        (groups[holder] if holder else nobody).append(row)
    return {h: groups[h] for h in sorted(groups)}, nobody


def record_sent(session: Session, period: Period, by: str,
                sent: Mapping[str, Iterable[int]], at: dt.datetime | None = None) -> None:
    """Record that each holder's form of ``period`` lists these projects (a form generated
    again replaces its projects' earlier record)."""
    at = at or dt.datetime.now().replace(microsecond=0)
    ids = {pid: holder for holder, pids in sent.items() for pid in pids}
    for chunk in chunked(list(ids)):
        session.execute(delete(FormSent).where(
            FormSent.year == period.year, FormSent.month == period.month, FormSent.by == by,
            FormSent.project_id.in_(chunk)))
    session.add_all(FormSent(year=period.year, month=period.month, by=by, project_id=pid,
                             holder=holder, sent_at=at) for pid, holder in ids.items())
    session.flush()


def record_returns(session: Session, returned: Iterable[ReturnedForm],
                   at: dt.datetime | None = None) -> None:
    """Record forms that came back and were applied."""
    at = at or dt.datetime.now().replace(microsecond=0)
    session.add_all(FormReturn(
        year=f.period.year, month=f.period.month, by=f.by, holder=f.holder, returned_at=at,
        filled=f.filled, total=f.total, file=f.file[:300]) for f in returned)
    session.flush()


def collection_status(session: Session, period: Period,
                      by: str | None = None) -> list[HolderStatus]:
    """Every form sent for ``period`` (of one kind when ``by`` is given), by kind then holder,
    with its latest return."""
    sent = select(FormSent.by, FormSent.holder, FormSent.project_id, FormSent.sent_at,
                  Project.contact_name, Project.contact_phone, Leader.name, Leader.title) \
        .join(Project, Project.id == FormSent.project_id) \
        .outerjoin(Leader, Leader.id == Project.leader_id) \
        .where(FormSent.year == period.year, FormSent.month == period.month)
    if by is not None:
        sent = sent.where(FormSent.by == by)
    found: dict[tuple[str, str], HolderStatus] = {}
    for kind, holder, _pid, at, contact, phone, leader, title in session.execute(
            sent.order_by(FormSent.by, FormSent.holder, FormSent.project_id)):
        status = found.get((kind, holder))
        if status is None:
            status = found[kind, holder] = HolderStatus(kind, holder, 0, at)
        status.sent += 1
        status.sent_at = max(status.sent_at, at)
        if leader:
            _add(status.leaders, f"{leader}（{title}）" if title else leader)
        if contact or phone:
            _add(status.contacts, " ".join(t for t in (contact, phone) if t))
    returns = select(FormReturn).where(
        FormReturn.year == period.year, FormReturn.month == period.month
    ).order_by(FormReturn.returned_at, FormReturn.id)
    for back in session.scalars(returns):
        status = found.get((back.by, back.holder))
        if status is not None:  # the latest return counts
            status.returned_at, status.filled, status.total, status.file = (
                back.returned_at, back.filled, back.total, back.file)
    return sorted(found.values(), key=lambda s: (s.by != "unit", s.holder))


def _add(items: list[str], text: str) -> None:
    if text not in items:
        items.append(text)


def not_returned(statuses: Iterable[HolderStatus]) -> list[HolderStatus]:
    """催报名单: the holders whose form has not come back."""
    return [s for s in statuses if not s.returned]


__all__ = ["BY", "HolderStatus", "ReturnedForm", "collection_status", "form_projects",
           "not_returned", "record_returns", "record_sent"]
