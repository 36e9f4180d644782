"""Report settings shared by everyone using the database: who issues the reports, for which
county, and which template the monthly Excel report follows."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Setting

_PREFIX = "report."
DEFAULT_OFFICE = "县发展和改革委员会"


@dataclass
class ReportSettings:
    #: 填报单位 / issuing office, e.g. 兰考县发展和改革委员会
    office: str = DEFAULT_OFFICE
    #: the county or district the titles name, e.g. 兰考县 (may be empty)
    region: str = ""
    #: path of the monthly report template; empty for the shipped default
    template: str = ""


def load(session: Session) -> ReportSettings:
    stored = dict(
        session.execute(select(Setting.key, Setting.value).where(Setting.key.like(f"{_PREFIX}%")))
        .all()
    )
    settings = ReportSettings()
    for f in fields(ReportSettings):
        value = stored.get(_PREFIX + f.name)
        if value is not None:
            setattr(settings, f.name, value)
    if not settings.office.strip():
        settings.office = DEFAULT_OFFICE
    return settings


def save(session: Session, settings: ReportSettings) -> None:
    """Store ``settings`` (each change is audited like any other)."""
    for f in fields(ReportSettings):
        key = _PREFIX + f.name
        value = str(getattr(settings, f.name)).strip()
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        elif row.value != value:
            row.value = value
    session.flush()


def template_path(session: Session, explicit: str | None = None) -> str | None:
    """The template to use: ``explicit`` (e.g. ``--template``), else the one chosen in the
    settings, else None for the shipped default."""
    if explicit:
        return explicit
    chosen = load(session).template.strip()
    return chosen or None
