"""The office's 前期手续 checklists: a default list of approvals for each 建设性质.

A project of 建设性质 储备, 前期, 新开工, 续建 or 竣工 gets, when the checklist is applied to it,
the approvals of its own 建设性质's list (:class:`Checklists`, one name a line per 建设性质;
a 续建 or 竣工 project usually needs none). Applying adds the steps the project lacks, after
its own, and never touches the ones it has, so applying twice changes nothing.

The lists are settings (:mod:`portfolio.settings`, keys ``approvals.checklist.<field>``),
audited like every setting and saved against what the editing dialog loaded, so two users
never silently overwrite each other. A database from before the lists were per 建设性质 holds
one list and the 建设性质 it applied to (``approvals.approvals``, ``approvals.stages``): until
the office saves per-建设性质 lists, that list is read as the list of each of those 建设性质
and the others have none — exactly what the old setting did.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import ApprovalStep, Project, Setting
from portfolio import settings

#: The nine approvals of a county project, in the order they are usually obtained.
APPROVALS: tuple[str, ...] = (
    "立项（审批/核准/备案）", "用地预审与选址", "建设用地规划许可", "建设工程规划许可",
    "土地使用权", "环评", "能评/节能审查", "施工图审查", "施工许可",
)
#: The field of :class:`Checklists` holding each 建设性质's list.
NATURE_FIELDS: dict[str, str] = {
    "储备": "reserve", "前期": "preliminary", "新开工": "new_start", "续建": "continuing",
    "竣工": "completed",
}
#: Chinese names of the lists, for messages and a refused save.
LABELS: dict[str, str] = {field: f"{nature}项目手续清单"
                          for nature, field in NATURE_FIELDS.items()}
NAME_LIMIT = 100
_PREFIX = "approvals.checklist."
#: the single list of earlier versions and the 建设性质 it applied to
_OLD_KEYS = ("approvals.approvals", "approvals.stages")
_TITLE = "前期手续清单"


def _lines(text: str) -> list[str]:
    return [n.strip() for n in text.splitlines() if n.strip()]


@dataclass
class Checklists:
    """The default approvals of each 建设性质, one name a line (an empty text: none)."""

    #: 储备: a project being prepared settles its 立项 and site first
    reserve: str = "\n".join(APPROVALS[:2])
    preliminary: str = "\n".join(APPROVALS)
    new_start: str = "\n".join(APPROVALS)
    continuing: str = ""
    completed: str = ""

    def names(self, nature: str) -> list[str]:
        """The approvals of 建设性质 ``nature`` in order (none for an unknown one)."""
        field = NATURE_FIELDS.get(nature)
        return _lines(getattr(self, field)) if field else []

    def with_names(self, nature: str, names: list[str]) -> Checklists:
        """A copy with ``nature``'s list replaced."""
        return dataclasses.replace(self, **{NATURE_FIELDS[nature]: "\n".join(names)})

    def validate(self) -> None:
        """Refuse (ValueError, in Chinese naming the list) a repeated or too long name."""
        for field in NATURE_FIELDS.values():
            names = _lines(getattr(self, field))
            repeated = sorted({n for n in names if names.count(n) > 1})
            if repeated:
                raise ValueError(f"{LABELS[field]}中有重复的名称：{'、'.join(repeated)}")
            long = [n for n in names if len(n) > NAME_LIMIT]
            if long:
                raise ValueError(f"{LABELS[field]}中的手续名称不能超过{NAME_LIMIT}字："
                                 f"{long[0][:20]}…")


@dataclass
class _SingleList:
    """The one list of earlier versions (read for compatibility only)."""

    approvals: str = "\n".join(APPROVALS)
    stages: str = "前期、新开工"


def _from_single_list(session: Session) -> Checklists | None:
    """The per-建设性质 lists an earlier version's single list means; None when it has none."""
    stored = session.scalar(select(func.count()).select_from(Setting)
                            .where(Setting.key.in_(_OLD_KEYS)))
    if not stored:
        return None
    old = settings.load(session, _SingleList, "approvals.")
    names = _lines(old.approvals)
    stages = {s.strip() for s in old.stages.replace(",", "、").split("、") if s.strip()}
    if not names or len(set(names)) != len(names):
        return None  # a broken old list: the defaults, as the old code read it
    return Checklists(**{field: "\n".join(names) if nature in stages else ""
                         for nature, field in NATURE_FIELDS.items()})


def load(session: Session) -> Checklists:
    """The office's lists; an earlier version's single list when no lists were saved yet;
    the shipped defaults when neither (or a broken one) is stored."""
    saved = session.scalar(select(func.count()).select_from(Setting)
                           .where(Setting.key.like(f"{_PREFIX}%")))
    if not saved:
        old = _from_single_list(session)
        if old is not None:
            return old
    return settings.load(session, Checklists, _PREFIX)


def save(session: Session, lists: Checklists, expected: Checklists | None = None) -> None:
    """Store the lists (validated first; audited like every setting). ``expected`` is what
    the user's dialog loaded: when another user saved other lists since,
    :class:`~portfolio.concurrency.StaleEdit` names the list, who and when, and nothing is
    written."""
    lists.validate()
    if expected is not None:
        settings.check_unchanged(session, _PREFIX, expected, load, _TITLE, LABELS)
    settings.save(session, lists, _PREFIX)


def reset(session: Session, nature: str | None = None,
          expected: Checklists | None = None) -> Checklists:
    """Put back the shipped list of ``nature`` (of every 建设性质 when None); the lists now
    stored. ``expected`` as for :func:`save`."""
    current = expected if expected is not None else load(session)
    shipped = Checklists()
    lists = shipped if nature is None else current.with_names(nature, shipped.names(nature))
    save(session, lists, expected)
    return lists


def apply(session: Session, project_id: int, lists: Checklists | None = None, *,
          nature: str | None = None) -> int:
    """Add the approvals of the list of ``nature`` (the project's own 建设性质 when None) that
    the project lacks, after its own steps; how many were added. Applying twice adds nothing."""
    project = session.get(Project, project_id)
    if project is None:
        raise KeyError(project_id)
    lists = lists or load(session)
    names = lists.names(nature or project.stage)
    have = {name: pos for name, pos in session.execute(
        select(ApprovalStep.name, ApprovalStep.position)
        .where(ApprovalStep.project_id == project_id))}
    position = max(have.values(), default=-1) + 1
    added = 0
    for name in names:
        if name in have:
            continue
        session.add(ApprovalStep(project_id=project_id, kind="approval", name=name,
                                 position=position))
        position += 1
        added += 1
    session.flush()
    return added


def of_project(session: Session, project_id: int) -> tuple[str, list[str]]:
    """The project's 建设性质 and its list's approvals ("" and none for an unknown project)."""
    nature = session.scalar(select(Project.stage).where(Project.id == project_id)) or ""
    return nature, load(session).names(nature)


__all__ = ["APPROVALS", "LABELS", "NATURE_FIELDS", "Checklists", "apply", "load", "of_project",
           "reset", "save"]
