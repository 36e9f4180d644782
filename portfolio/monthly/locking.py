"""Submitting (报送锁定) a month and reopening it: a locked month takes no edits.

Two users at once never get a figure into a locked month. Submitting holds every project's
row (:func:`~portfolio.concurrency.lock_projects`) before it checks and writes the lock, and a
save of figures (:func:`portfolio.monthly.saving.save_cells`) holds the rows of the projects
it writes before it checks the lock (:func:`check_open`): whichever comes second waits for the
first to commit and then sees what it did, so a save either lands before the month is locked
or is refused after. Reopening holds the month's lock row the same way. On SQLite the
immediate transaction the window and the import use already holds the database's write lock.

Each refusal says who submitted or reopened the month and when (:class:`PeriodLocked`), and
is a :class:`~portfolio.concurrency.StaleEdit`, so the window reloads what it shows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from db import audit
from db.models import AuditEntry, PeriodLock, Project
from portfolio.concurrency import RELOAD_HINT, StaleEdit, lock_projects, lock_rows
from portfolio.monthly.errors import EntryError
from portfolio.monthly.stages import StageMove, advance_stages
from portfolio.periods import Period


class PeriodLocked(EntryError, StaleEdit):
    """A save, submit or reopen refused because another user submitted or reopened the month
    meanwhile; the message names who and when. An :class:`EntryError` for the callers that
    report entry errors, a :class:`StaleEdit` for those that reload on one."""

    def __init__(self, message: str) -> None:
        ValueError.__init__(self, message)
        self.project_id = None
        self.column = None
        self.fields = ()


def _stamp(at: dt.datetime | None) -> str:
    return f"{at:%Y-%m-%d %H:%M}" if at is not None else "此前"


def is_locked(session: Session, period: Period) -> bool:
    return lock_info(session, period) is not None


def lock_info(session: Session, period: Period) -> PeriodLock | None:
    """The month's lock as the database holds it now (never a copy cached by the session)."""
    return session.scalar(
        select(PeriodLock)
        .where(PeriodLock.year == period.year, PeriodLock.month == period.month)
        .execution_options(populate_existing=True))


def locked_message(period: Period, info: PeriodLock, doing: str = "修改") -> str:
    """「2026年10月已报送锁定（张三 于 2026-12-05 09:01 提交），不能修改；…」"""
    return (f"{period.label}已报送锁定（{info.locked_by or '他人'} 于 {_stamp(info.locked_at)}"
            f" 提交），不能{doing}；如需更正请先“重新打开”本月")


def check_open(session: Session, period: Period) -> None:
    """Raise :class:`PeriodLocked` when ``period`` is locked. Call it after holding the rows
    of the projects to be written, so that a submit cannot slip in between."""
    info = lock_info(session, period)
    if info is not None:
        raise PeriodLocked(locked_message(period, info))


def last_event(session: Session, period: Period) -> AuditEntry | None:
    """The newest lock or reopen of ``period``."""
    events = lock_events(session, period)
    return events[-1] if events else None


def lock(session: Session, period: Period) -> list[StageMove]:
    """Submit (lock) ``period``: no edits until it is reopened. Moves every project's 建设性质
    to what its dates say (:func:`advance_stages`); returns those moves. Recorded in
    the audit log. Refused with :class:`PeriodLocked`, naming who and when, when the month was
    submitted meanwhile."""
    lock_projects(session, session.scalars(select(Project.id)))
    info = lock_info(session, period)
    if info is not None:
        raise PeriodLocked(locked_message(period, info, "再次提交") + f"。{RELOAD_HINT}")
    user = session.info.get("user") or audit.current_user()
    session.execute(insert(PeriodLock.__table__), [{
        "year": period.year, "month": period.month,
        "locked_at": dt.datetime.now().replace(microsecond=0), "locked_by": user,
    }])
    moved = advance_stages(session, period)
    audit.record(session, "lock", "period_locks", str(period), f"报送锁定{period.label}")
    return moved


def reopen(session: Session, period: Period, reason: str = "",
           seen: dt.datetime | None = None) -> None:
    """Reopen a submitted month for corrections; the reason goes into the audit log.

    ``seen`` is when the submission the user saw was made (:attr:`PeriodLock.locked_at`):
    a month reopened and submitted again since is not reopened behind the user's back, and
    one reopened since is reported with who reopened it and when (:class:`PeriodLocked`)."""
    lock_rows(session, select(PeriodLock.year).where(
        PeriodLock.year == period.year, PeriodLock.month == period.month))
    info = lock_info(session, period)
    if info is None:
        event = last_event(session, period)
        if event is not None and event.action == "reopen":
            raise PeriodLocked(f"{period.label}已被 {event.user} 于 {_stamp(event.at)} 重新打开"
                               f"（尚未报送），无需再次打开")
        raise EntryError(f"{period.label}尚未报送，无需重新打开")
    if seen is not None and info.locked_at != seen:
        raise PeriodLocked(f"{period.label}已被重新打开并再次报送（{info.locked_by or '他人'} 于 "
                           f"{_stamp(info.locked_at)} 提交），未重新打开；{RELOAD_HINT}")
    session.execute(delete(PeriodLock.__table__).where(
        PeriodLock.year == period.year, PeriodLock.month == period.month))
    note = f"重新打开{period.label}" + (f"：{reason.strip()}" if reason.strip() else "")
    audit.record(session, "reopen", "period_locks", str(period), note)


def lock_events(session: Session, period: Period) -> list[AuditEntry]:
    """Every lock and reopen of ``period``, oldest first."""
    return list(session.scalars(
        select(AuditEntry)
        .where(AuditEntry.table_name == "period_locks", AuditEntry.record_id == str(period))
        .order_by(AuditEntry.id)
    ))
