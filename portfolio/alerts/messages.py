"""The Chinese wording of each warning reason, with its figures (the 滞后项目 list, the report
and the briefing show these texts as they are)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from portfolio.money import format_percent
from portfolio.periods import Period
from portfolio.problems import ProblemRow


def month_text(index: int, period: Period) -> str:
    """The month ``index`` (``year * 12 + month - 1``): "3月" in ``period``'s year, else with
    its year."""
    year, month = divmod(index, 12)
    return f"{month + 1}月" if year == period.year else f"{year}年{month + 1}月"


def behind(rate: Decimal, gap: Decimal, due: Decimal) -> str:
    return (f"完成率{format_percent(rate)}%，低于序时进度{format_percent(gap)}个百分点"
            f"（序时进度{format_percent(due)}%）")


def idle(months: int, span: str) -> str:
    return f"连续{months}个月（{span}）无新增投资"


def not_started(start_index: int, period: Period) -> str:
    return f"计划{month_text(start_index, period)}开工，截至{period.month}月底仍未开工"


def overdue(finish_index: int, now: int, period: Period) -> str:
    late = now - finish_index
    return (f"计划{month_text(finish_index, period)}竣工，"
            + (f"已逾期{late}个月，" if late else "")
            + f"截至{period.month}月底仍未竣工")


def problems_overdue(rows: Sequence[ProblemRow], last_day: dt.date, period: Period) -> str:
    """One project's overdue problems, each clipped, with its days overdue."""
    parts = [f"“{clip(r.description)}”逾期{r.overdue_days(last_day)}天" for r in rows]
    head = "问题" if len(rows) == 1 else f"{len(rows)}个问题逾期未解决："
    tail = "未解决" if len(rows) == 1 else ""
    return head + "；".join(parts) + tail + f"（截至{period.month}月底）"


def clip(text: str, limit: int = 24) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
