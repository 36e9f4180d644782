"""A project's history: every recorded change of its figures (who, when, old → new)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AnnualPlan, AuditEntry, MonthlyReport, Project
from portfolio.monthly.carried import CARRIED_MONTH, month_label

_TABLE_LABELS = {"projects": "项目信息", "monthly_reports": "月度调度", "annual_plans": "年度计划",
                 "plan_months": "年度计划", "project_levels": "级别", "funding_sources": "资金来源",
                 "project_quantities": "建设规模指标", "citations": "来源"}
_REPORT_FIELDS = {"investment": "本月完成投资", "progress": "形象进度", "problems": "存在问题",
                  "next_steps": "下步计划", "started": "是否开工", "started_on": "开工日期"}
_PLAN_FIELDS = {"planned_investment": "年度计划投资", "planned_start_month": "计划开工月份",
                "planned_finish_month": "计划竣工月份", "distribution": "月度分配"}
_ACTIONS = {"insert": "新增", "update": "修改", "delete": "删除", "restore": "恢复"}


@dataclass
class HistoryEntry:
    at: dt.datetime
    user: str
    action: str
    #: what changed, e.g. "2026年10月 本月完成投资"
    what: str
    old: str
    new: str


def project_name(session: Session, project_id: int) -> str:
    """The project's name, or its 编号 when it no longer exists (its history outlives it)."""
    return session.scalar(select(Project.name).where(Project.id == project_id)) or str(
        project_id)


def history(session: Session, project_id: int, limit: int | None = None) -> list[HistoryEntry]:
    """Every recorded change of one project, newest first: its own fields, its monthly
    reports (named by their month) and its annual plans (by their year)."""
    from portfolio.vocabulary import FIELD_LABELS

    entries = list(session.scalars(
        select(AuditEntry).where(AuditEntry.project_id == project_id)
        .order_by(AuditEntry.id.desc()).limit(limit)
    ))
    record_of = {e.id: e.record_id for e in entries}
    report_ids = {int(record_of[e.id]) for e in entries
                  if e.table_name == "monthly_reports" and record_of[e.id].isdigit()}
    plan_ids = {int(record_of[e.id]) for e in entries
                if e.table_name == "annual_plans" and record_of[e.id].isdigit()}
    months = dict(
        (rid, (y, m)) for rid, y, m in session.execute(
            select(MonthlyReport.id, MonthlyReport.year, MonthlyReport.month)
            .where(MonthlyReport.id.in_(report_ids)))
    ) if report_ids else {}
    years = dict(session.execute(
        select(AnnualPlan.id, AnnualPlan.year).where(AnnualPlan.id.in_(plan_ids))).all()
    ) if plan_ids else {}
    missing = [str(rid) for rid in report_ids if rid not in months]
    if missing:  # a deleted report: its month is in the rows that logged its insert or delete
        parts: dict[int, dict[str, int]] = {}
        for rid, name, old, new in session.execute(
            select(AuditEntry.record_id, AuditEntry.field, AuditEntry.old_value,
                   AuditEntry.new_value)
            .where(AuditEntry.table_name == "monthly_reports",
                   AuditEntry.record_id.in_(missing), AuditEntry.field.in_(("year", "month")))
        ):
            text = new if new is not None else old
            if text and text.isdigit():
                parts.setdefault(int(rid), {})[name] = int(text)
        for report_id, found in parts.items():
            if "year" in found and "month" in found:
                months[report_id] = (found["year"], found["month"])
    out = []
    for e in entries:
        if e.table_name == "monthly_reports":
            if e.field in ("id", "project_id", "year", "month"):
                continue
            where = months.get(int(record_of[e.id])) if record_of[e.id].isdigit() else None
            if where is not None and where[1] == CARRIED_MONTH:
                if e.field not in ("investment", ""):
                    continue  # the carried row holds an amount only
                what = month_label(*where)
            else:
                what = (f"{month_label(*where)} " if where else "月度调度 ") + _REPORT_FIELDS.get(
                    e.field, e.field)
        elif e.table_name == "annual_plans":
            if e.field in ("id", "project_id", "year"):
                continue
            year = years.get(int(record_of[e.id])) if record_of[e.id].isdigit() else None
            what = (f"{year}年" if year else "") + _PLAN_FIELDS.get(e.field, e.field)
        elif e.table_name == "projects":
            if e.field in ("id", "origin", "catalog_key"):
                continue
            what = FIELD_LABELS.get(e.field, e.field) if e.field else "项目"
        else:
            if e.field in ("id", "project_id", "plan_id"):
                continue
            what = _TABLE_LABELS.get(e.table_name, e.table_name)
        out.append(HistoryEntry(e.at, e.user, _ACTIONS.get(e.action, e.action), what,
                                e.old_value or "", e.new_value or ""))
    return out
