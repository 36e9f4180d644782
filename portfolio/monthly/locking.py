"""Submitting (报送锁定) a month and reopening it: a locked month takes no edits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from db import audit
from db.models import AuditEntry, PeriodLock
from portfolio.monthly.errors import EntryError
from portfolio.monthly.stages import StageMove, advance_stages
from portfolio.periods import Period


def is_locked(session: Session, period: Period) -> bool:
    return session.get(PeriodLock, (period.year, period.month)) is not None


def lock_info(session: Session, period: Period) -> PeriodLock | None:
    return session.get(PeriodLock, (period.year, period.month))


def lock(session: Session, period: Period) -> list[StageMove]:
    """Submit (lock) ``period``: no edits until it is reopened. Moves every project's 建设性质
    to what its dates say (:func:`advance_stages`); returns those moves. Recorded in
    the audit log."""
    if is_locked(session, period):
        raise EntryError(f"{period.label}已经报送锁定")
    user = session.info.get("user") or audit.current_user()
    session.execute(insert(PeriodLock.__table__), [{
        "year": period.year, "month": period.month,
        "locked_at": dt.datetime.now().replace(microsecond=0), "locked_by": user,
    }])
    moved = advance_stages(session, period)
    audit.record(session, "lock", "period_locks", str(period), f"报送锁定{period.label}")
    return moved


def reopen(session: Session, period: Period, reason: str = "") -> None:
    """Reopen a submitted month for corrections; the reason goes into the audit log."""
    if not is_locked(session, period):
        raise EntryError(f"{period.label}尚未报送，无需重新打开")
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
