"""Report settings shared by everyone using the database: who issues the reports, for which
county, and which template the monthly Excel report follows (stored through
:mod:`portfolio.settings`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from portfolio import settings as store

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
    """The stored report settings; an empty office reads as :data:`DEFAULT_OFFICE`."""
    settings = store.load(session, ReportSettings, _PREFIX)
    if not settings.office.strip():
        settings.office = DEFAULT_OFFICE
    return settings


#: the fields' names in a refusal
LABELS = {"office": "填报单位", "region": "地区", "template": "月报模板"}


def save(session: Session, settings: ReportSettings,
         expected: ReportSettings | None = None) -> None:
    """Store ``settings`` (each change is audited like any other). ``expected`` is what the
    dialog loaded: when another user saved other settings since,
    :class:`~portfolio.concurrency.StaleEdit` names them, who and when, and nothing is
    written."""
    if expected is not None:
        store.check_unchanged(session, _PREFIX, expected, load, "报表设置", LABELS)
    store.save(session, settings, _PREFIX)


def template_path(session: Session, explicit: str | None = None) -> str | None:
    """The template to use: ``explicit`` (e.g. ``--template``), else the one chosen in the
    settings, else None for the shipped default."""
    if explicit:
        return explicit
    chosen = load(session).template.strip()
    return chosen or None
