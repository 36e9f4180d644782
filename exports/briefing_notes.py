"""What the PDF briefing keeps per period in ``period_notes``: its issue number (第N期, numbered
per year; a period keeps its number when the briefing is written again) and the 下步工作 text the
user types for the period."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import PeriodNote
from portfolio.concurrency import StaleEdit, last_record_change, lock_rows, stale_message
from portfolio.periods import Period

ISSUE_KEY = "briefing.issue"
NEXT_WORK_KEY = "briefing.next_work"


def _note(session: Session, period: Period, key: str) -> PeriodNote | None:
    return session.get(PeriodNote, (period.year, period.month, key))


def _set_note(session: Session, period: Period, key: str, text: str) -> None:
    note = _note(session, period, key)
    if note is None:
        session.add(PeriodNote(year=period.year, month=period.month, key=key, text=text))
    elif note.text != text:
        note.text = text
    session.flush()


def issue_number(session: Session, period: Period) -> int | None:
    """The briefing's number for ``period``, if it has one."""
    note = _note(session, period, ISSUE_KEY)
    if note is None or not note.text.strip().isdigit():
        return None
    return int(note.text)


def assign_issue(session: Session, period: Period, number: int | None = None) -> int:
    """The period's number: kept when it has one, else the next in its year (or ``number``)."""
    if number is not None:
        if number < 1:
            raise ValueError("期号应为正整数")
        _set_note(session, period, ISSUE_KEY, str(number))
        return number
    current = issue_number(session, period)
    if current is not None:
        return current
    used = [
        int(text) for text in session.scalars(
            select(PeriodNote.text).where(PeriodNote.key == ISSUE_KEY,
                                          PeriodNote.year == period.year))
        if text.strip().isdigit()
    ]
    number = max(used, default=0) + 1
    _set_note(session, period, ISSUE_KEY, str(number))
    return number


def next_work(session: Session, period: Period) -> str:
    note = _note(session, period, NEXT_WORK_KEY)
    return note.text if note is not None else ""


def save_next_work(session: Session, period: Period, text: str,
                   expected: str | None = None) -> None:
    """Keep the 下步工作 text of ``period`` (audited like every change). ``expected`` is the
    text the user's editor loaded: when another user saved another since,
    :class:`~portfolio.concurrency.StaleEdit` says who and when, and nothing is written."""
    if expected is not None:
        where = (PeriodNote.year == period.year, PeriodNote.month == period.month,
                 PeriodNote.key == NEXT_WORK_KEY)
        lock_rows(session, select(PeriodNote.key).where(*where))
        if next_work(session, period) != expected:
            change = last_record_change(
                session, "period_notes", [f"{period.year},{period.month},{NEXT_WORK_KEY}"])
            raise StaleEdit(stale_message(f"{period.label}工作简报", ["下步工作"], change))
    _set_note(session, period, NEXT_WORK_KEY, text.strip())
