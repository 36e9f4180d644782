"""Putting reviewed candidates into the register: one transaction, all or nothing.

The window's 导入规划文件 review (``ui/extract/``) hands over the candidates the user
accepted, as edited; each becomes a project (through :func:`portfolio.projects.create`, so it
is validated and audited like any other) with a citation of its line and quote — and of its
further mentions — in the imported document, which is recorded once as a ``Document``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Citation, Document, Project
from db.queries import chunked
from portfolio import projects
from portfolio.extract.model import Candidate
from portfolio.projects import ProjectData, ValidationError, planned_dates

_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号")
_DATE = re.compile(r"(20\d\d)年(\d{1,2})月(\d{1,2})日")


class ImportRefused(ValueError):
    """Candidates that cannot be imported; the message names each one in Chinese."""


@dataclass
class DocumentInfo:
    """The imported document as the user confirms it."""

    file: str
    title: str
    issuer: str = ""
    number: str = ""
    issued_on: dt.date | None = None
    period: str = ""


@dataclass
class Accepted:
    """A candidate the user accepted, with the values as edited."""

    data: ProjectData
    #: (line, quote) of every mention, the first one being the main citation
    citations: list[tuple[int, str]] = field(default_factory=list)


def guess_document_info(file: str, title: str, lines: Iterable[str]) -> DocumentInfo:
    """Number (豫政〔2021〕34号) and date of issue as the first lines of a document state them."""
    number = ""
    issued: dt.date | None = None
    for line in list(lines)[:60]:
        if not number and (match := _NUMBER.search(line)):
            number = match.group()
        if issued is None and (match := _DATE.search(line)):
            try:
                issued = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                issued = None
    return DocumentInfo(file=file, title=title, number=number, issued_on=issued)


def candidate_data(candidate: Candidate) -> ProjectData:
    """The project a candidate proposes (plan status 规划, stage 前期)."""
    planned_start, planned_finish = planned_dates(candidate.start_year, candidate.end_year)
    return ProjectData(
        name=candidate.name,
        kind=candidate.kind,
        category=candidate.category,
        project_type=candidate.project_type,
        township=candidate.location,
        total_investment=candidate.investment,
        quantities=list(candidate.quantities),
        planned_start=planned_start,
        planned_finish=planned_finish,
    )


def candidate_citations(candidate: Candidate) -> list[tuple[int, str]]:
    return [(candidate.line, candidate.quote), *candidate.mentions]


def existing_names(session: Session, names: Iterable[str]) -> set[str]:
    """Which of ``names`` the register already holds (to warn before a duplicate)."""
    wanted = sorted({n.strip() for n in names if n.strip()})
    found: set[str] = set()
    for chunk in chunked(wanted):
        found.update(session.scalars(select(Project.name).where(Project.name.in_(chunk))))
    return found


def import_projects(
    session: Session, document: DocumentInfo, accepted: Sequence[Accepted]
) -> list[int]:
    """Create the accepted projects and their citations; returns their ids in order.

    Every candidate is validated first; any error raises :class:`ImportRefused` naming all the
    wrong ones, before anything is written.
    """
    if not accepted:
        raise ImportRefused("没有已接受的候选项目")
    if not document.title.strip():
        raise ImportRefused("请填写规划文件的标题")
    errors = []
    names: dict[str, int] = {}
    for number, item in enumerate(accepted, 1):
        label = f"第{number}个（{item.data.name or '无名称'}）"
        try:
            projects.validate(item.data)
        except ValidationError as error:
            errors.append(f"{label}：{error}")
        if item.data.name.strip() in names:
            errors.append(f"{label}：与第{names[item.data.name.strip()]}个同名")
        names.setdefault(item.data.name.strip(), number)
        if not item.citations:
            errors.append(f"{label}：缺少出处")
    if errors:
        raise ImportRefused("；".join(errors))
    row = session.scalar(select(Document).where(Document.file == document.file))
    if row is None:
        row = Document(
            file=document.file, title=document.title.strip(), issuer=document.issuer.strip(),
            number=document.number.strip(), issued_on=document.issued_on,
            period=document.period.strip(),
        )
        session.add(row)
        session.flush()
    created = []
    for item in accepted:
        project_id = projects.create(session, item.data)
        for line, quote in item.citations:
            session.add(Citation(project_id=project_id, document_id=row.id, line=line, quote=quote))
        created.append(project_id)
    session.flush()
    return created
