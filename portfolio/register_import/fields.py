"""The column keys a register import reads, and the words offices use for 建设性质 and 领域.

Keys are those of the header recogniser (:data:`exports.sheets.headers.RULES`) plus ``id``
(our own 编号, only through a mapping), so that one vocabulary names columns everywhere, in
mapping profiles too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

from portfolio.funds import source_of
from portfolio.money import format_money
from portfolio.vocabulary import CATEGORIES, FIELD_LABELS

#: 省重点 / 市重点 / 县重点 columns of ticks, and the level each ticks
LEVEL_FLAGS: dict[str, str] = {
    "level_province": "省重点", "level_city": "市重点", "level_county": "县重点"}
#: Keys this import reads, with the label a user sees in a mapping or a preview.
IMPORTED: dict[str, str] = {
    "id": "编号（本系统）",
    "name": "项目名称",
    "code": "项目代码",
    "stage": "建设性质",
    "level": "级别",
    **{key: f"{level}（勾选列）" for key, level in LEVEL_FLAGS.items()},
    "category": "领域",
    "township": "乡镇/街道",
    "location": "建设地点",
    "scale": "建设规模及主要内容",
    "years": "建设起止年限",
    "total_investment": "总投资",
    "prior_cumulative": "截至上年底累计完成投资",
    "annual_plan": "年度计划投资",
    "q1_plan": "一季度计划",
    "q2_plan": "二季度计划",
    "q3_plan": "三季度计划",
    "q4_plan": "四季度计划",
    **{f"m{n}_plan": f"{n}月计划" for n in range(1, 13)},
    "h1_plan": "上半年计划",
    "h2_plan": "下半年计划",
    "annual_goal": "年度建设目标",
    "planned_start": "计划开工时间",
    "planned_finish": "计划竣工时间",
    "actual_start": "实际开工时间",
    "started": "是否开工",
    "signed_on": "签约日期",
    "signed_issue": "签约期（三个一批期数或签约日期）",
    "started_issue": "开工期（三个一批期数或计划开工时间）",
    "produced_issue": "投产期（三个一批期数或计划投产时间）",
    "status": "项目状态",
    "unit": "责任单位",
    "leader": "责任领导",
    "contact": "联系人",
    "phone": "联系电话",
    "remarks": "备注",
    "serial": "序号",
}
#: 资金来源 columns (总投资 over 其中：中央预算内 / 其中：专项债券 …) → the source a project's
#: 资金来源 stores them under (:data:`portfolio.funds.SOURCES`, what 资金到位 counts by)
FUNDING_COLUMNS: dict[str, str] = {
    "investment_central": "中央预算内投资", "investment_bonds": "地方政府专项债券",
    "investment_fiscal": "省市县财政", "investment_loans": "银行贷款",
    "investment_self": "企业自筹", "investment_other": "其他",
}
IMPORTED.update({key: f"资金来源：{source}" for key, source in FUNDING_COLUMNS.items()})
Funding = list[tuple[str, Decimal | None]]


def merged_funding(held: Funding, read: Funding) -> Funding:
    """A project's 资金来源 after a line giving the amounts ``read``: its lines of other
    sources (a blank cell, or typed by hand: 省级专项资金 …) kept, those of the sources read as
    the line says; ``held`` itself when that is the same in any order."""
    spoken = {source for source, _ in read}
    merged = [(s, a) for s, a in held if source_of(s) not in spoken] + read
    return held if sorted(merged, key=_funding_order) == sorted(held, key=_funding_order) \
        else merged


def _funding_order(line: tuple[str, Decimal | None]) -> tuple[str, bool, Decimal]:
    return line[0], line[1] is None, line[1] or Decimal(0)
QUARTERS = ("q1_plan", "q2_plan", "q3_plan", "q4_plan")
#: a plan year's months, when a register gives them (1月 … 12月 under 2026年计划投资)
MONTH_PLANS = tuple(f"m{n}_plan" for n in range(1, 13))
#: its halves (上半年 / 下半年), read only when the register gives both and no year
HALF_PLANS = ("h1_plan", "h2_plan")
PLAN_PARTS = (*QUARTERS, *MONTH_PLANS, *HALF_PLANS)
#: The value a mapping gives a column to leave it out.
IGNORE = "ignore"

#: Labels of what a preview compares: project fields, then the year's plan.
CHANGE_LABELS: dict[str, str] = {
    **{k: v for k, v in FIELD_LABELS.items()},
    "total_investment": "总投资",
    "prior_investment": "截至上年底累计完成",
    "parent_id": "所属打包项目",
    "plan.planned_investment": "年度计划投资",
    "plan.months": "分季度计划",
    "plan.goal": "年度建设目标",
    "plan.planned_start_month": "年度计划开工月份",
    "plan.planned_finish_month": "年度计划竣工月份",
}

#: 建设性质 words → the stage stored (first word found in the text wins).
STAGE_WORDS: tuple[tuple[str, str], ...] = (
    ("新开工", "新开工"), ("新建", "新开工"), ("续建", "续建"), ("在建", "续建"),
    ("竣工", "竣工"), ("建成", "竣工"), ("完工", "竣工"), ("投产", "竣工"),
    ("前期", "前期"), ("储备", "储备"), ("谋划", "储备"),
)
#: 领域 words → our 领域 (first word found wins); the provincial five map to the nearest.
CATEGORY_WORDS: tuple[tuple[str, str], ...] = (
    *((c, c) for c in CATEGORIES),
    ("社会民生", "社会事业"), ("民生", "社会事业"), ("教育", "社会事业"), ("卫生", "社会事业"),
    ("医疗", "社会事业"), ("文化", "社会事业"), ("体育", "社会事业"), ("养老", "社会事业"),
    ("交通", "交通能源"), ("能源", "交通能源"), ("电力", "交通能源"), ("新能源", "交通能源"),
    ("城市", "城建"), ("城镇", "城建"), ("市政", "城建"), ("基础设施", "城建"),
    ("住房", "城建"), ("制造", "工业"), ("产业转型", "工业"), ("产业", "工业"),
    ("商贸", "服务业"), ("物流", "服务业"), ("旅游", "服务业"), ("服务", "服务业"),
    ("乡村", "农业"), ("农村", "农业"), ("水利", "农业"),
)


@cache  # a register repeats a handful of wordings thousands of times
def stage_of(text: str) -> str | None:
    """The stage an office's wording means ("新开工项目" → 新开工), or ``None``."""
    return next((stage for word, stage in STAGE_WORDS if word in text), None)


@cache
def category_of(text: str) -> str | None:
    """The 领域 an office's wording means ("一、工业项目" → 工业), or ``None``."""
    return next((cat for word, cat in CATEGORY_WORDS if word in text), None)


def value_text(value: Any) -> str:
    """A previewed value as a user reads it: money in 万元 with two decimals, dates in ISO
    form, levels joined with 、, a monthly spread as "1月…，2月…", blank as （空）."""
    if value is None or value == "" or value == [] or value == {}:
        return "（空）"
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list) and all(isinstance(v, tuple) for v in value):  # 资金来源
        return "、".join(f"{s}{'' if a is None else ' ' + format_money(a)}" for s, a in value)
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return "，".join(f"{m}月{format_money(a)}" for m, a in sorted(value.items()))
    return str(value)
