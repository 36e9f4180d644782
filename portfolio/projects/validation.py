"""Checking a project's values before they are saved: every wrong field named in Chinese, and
a 项目代码 that belongs to one project only."""

from __future__ import annotations

import datetime as dt
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Project
from portfolio.campaign import issue_text
from portfolio.dashes import unify_dashes
from portfolio.projects.editable import ProjectData, ValidationError
from portfolio.vocabulary import CATEGORIES, FIELD_LABELS, KINDS, LEVELS, STAGES

#: 三个一批's lists in the order a project goes through them: 签约 ≤ 开工 ≤ 投产.
CAMPAIGN_FIELDS = ("signed_issue", "started_issue", "produced_issue")
_LEVELS = frozenset(LEVELS)


def validate(data: ProjectData) -> None:
    """Raise :class:`ValidationError` naming every wrong field in Chinese."""
    errors: dict[str, str] = {}
    label = FIELD_LABELS
    name, code, category, levels = data.name, data.project_code, data.category, data.levels
    if not name.strip():
        errors["name"] = f"{label['name']}不能为空"
    elif len(name) > 300:
        errors["name"] = f"{label['name']}过长（最多300字）"
    if len(code) > 50 and len(code.strip()) > 50:
        errors["project_code"] = f"{label['project_code']}过长（最多50个字符）"
    if data.kind not in KINDS:
        errors["kind"] = f"{label['kind']}无效：{data.kind}"
    if category and category not in CATEGORIES:
        errors["category"] = f"{label['category']}应为：{'、'.join(CATEGORIES)}"
    if data.stage not in STAGES:
        errors["stage"] = f"{label['stage']}应为：{'、'.join(STAGES)}"
    if levels and not _LEVELS.issuperset(levels):
        bad_levels = [lv for lv in levels if lv not in _LEVELS]
        errors["levels"] = f"{label['levels']}无效：{'、'.join(bad_levels)}"
    total, prior = data.total_investment, data.prior_investment
    if total is not None and total < 0:
        errors["total_investment"] = f"{label['total_investment']}不能为负数"
    if prior is not None and prior < 0:
        errors["prior_investment"] = f"{label['prior_investment']}不能为负数"
    if total is not None and prior and prior > total:
        errors["prior_investment"] = f"{label['prior_investment']}不能超过总投资"
    start, finish = data.planned_start, data.planned_finish
    if start and finish and finish < start:
        _before(errors, "planned_start", "planned_finish")
    start, finish = data.actual_start, data.actual_finish
    if start and finish and finish < start:
        _before(errors, "actual_start", "actual_finish")
    if not (data.signed_issue is None and data.started_issue is None
            and data.produced_issue is None):
        errors.update(_campaign_errors(data))
    if data.signed_on is not None and data.signed_on > dt.date.today():
        errors["signed_on"] = f"{label['signed_on']}不能晚于今天"
    for value, unit in data.quantities:
        if value < 0 or not unit.strip():
            errors["quantities"] = f"{label['quantities']}应为非负数并注明单位"
    for source, amount in data.funding:
        if not source.strip() or (amount is not None and amount < 0):
            errors["funding"] = f"{label['funding']}应写明来源，金额不能为负数"
    if errors:
        raise ValidationError(errors)


def _before(errors: dict[str, str], start: str, finish: str) -> None:
    errors[finish] = f"{FIELD_LABELS[finish]}日期不能早于{FIELD_LABELS[start]}日期"


def _campaign_errors(data: ProjectData) -> dict[str, str]:
    """Each 期 a positive number, and a project signed before it starts, started before it
    produces: a later list's 期 may equal an earlier one's but not precede it."""
    errors: dict[str, str] = {}
    label = FIELD_LABELS
    earlier: str | None = None
    for name in CAMPAIGN_FIELDS:
        issue = getattr(data, name)
        if issue is None:
            continue
        if issue < 1:
            errors[name] = f"{label[name]}应为正整数"
            continue
        before = getattr(data, earlier) if earlier else None
        if earlier and before is not None and issue < before:
            errors[name] = (f"{label[name]}（{issue_text(issue)}）不能早于"
                            f"{label[earlier]}（{issue_text(before)}）")
        earlier = name
    return errors


def normalise_code(code: str) -> str:
    """A 项目代码 as stored and compared: NFKC (full-width digits made ASCII), every dash
    ("—", "－", "–" …: :mod:`portfolio.dashes`) made "-", no spaces, upper case. A code
    already in ASCII (nearly every one) is left to NFKC, and its only dash to unify is a run
    of "-"."""
    if code.isascii():
        text = "".join(code.split())
        return (unify_dashes(text) if "--" in text else text).upper()
    return unify_dashes("".join(unicodedata.normalize("NFKC", code).split())).upper()


def check_code(session: Session, data: ProjectData, project_id: int | None) -> None:
    """A 项目代码 belongs to one project only."""
    code = normalise_code(data.project_code)
    if not code:
        return
    other = session.execute(
        select(Project.id, Project.name).where(Project.project_code == code)).first()
    if other is not None and other.id != project_id:
        raise ValidationError({"project_code": f"{FIELD_LABELS['project_code']}「{code}」"
                                               f"已属于项目“{other.name}”（编号{other.id}）"})
