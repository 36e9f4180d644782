"""Checking a project's values before they are saved: every wrong field named in Chinese, and
a 项目代码 that belongs to one project only."""

from __future__ import annotations

import datetime as dt
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Project
from portfolio.projects.editable import ProjectData, ValidationError
from portfolio.vocabulary import CAMPAIGN_BATCHES, CATEGORIES, FIELD_LABELS, KINDS, LEVELS, STAGES


def validate(data: ProjectData) -> None:
    """Raise :class:`ValidationError` naming every wrong field in Chinese."""
    errors: dict[str, str] = {}
    label = FIELD_LABELS
    if not data.name.strip():
        errors["name"] = f"{label['name']}不能为空"
    elif len(data.name) > 300:
        errors["name"] = f"{label['name']}过长（最多300字）"
    if len(data.project_code.strip()) > 50:
        errors["project_code"] = f"{label['project_code']}过长（最多50个字符）"
    if data.kind not in KINDS:
        errors["kind"] = f"{label['kind']}无效：{data.kind}"
    if data.category and data.category not in CATEGORIES:
        errors["category"] = f"{label['category']}应为：{'、'.join(CATEGORIES)}"
    if data.stage not in STAGES:
        errors["stage"] = f"{label['stage']}应为：{'、'.join(STAGES)}"
    bad_levels = [lv for lv in data.levels if lv not in LEVELS]
    if bad_levels:
        errors["levels"] = f"{label['levels']}无效：{'、'.join(bad_levels)}"
    for money_field in ("total_investment", "prior_investment"):
        value = getattr(data, money_field)
        if value is not None and value < 0:
            errors[money_field] = f"{label[money_field]}不能为负数"
    if (data.total_investment is not None and data.prior_investment
            and data.prior_investment > data.total_investment):
        errors["prior_investment"] = f"{label['prior_investment']}不能超过总投资"
    for start, finish in (("planned_start", "planned_finish"), ("actual_start", "actual_finish")):
        a, b = getattr(data, start), getattr(data, finish)
        if a and b and b < a:
            errors[finish] = f"{label[finish]}日期不能早于{label[start]}日期"
    if data.campaign_batch and data.campaign_batch not in CAMPAIGN_BATCHES:
        errors["campaign_batch"] = f"{label['campaign_batch']}应为：{'、'.join(CAMPAIGN_BATCHES)}"
    if data.campaign_issue is not None and data.campaign_issue < 1:
        errors["campaign_issue"] = f"{label['campaign_issue']}应为正整数"
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


def normalise_code(code: str) -> str:
    """A 项目代码 as stored and compared: NFKC (full-width digits and dashes made ASCII),
    no spaces, upper case."""
    return "".join(unicodedata.normalize("NFKC", code).split()).upper()


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
