"""The 填报表's layout, its stamp and its row keys, shared by the writer and the reader.

The stamp names the form's month, kind and holder twice: in custom document properties
(which Excel keeps) and in a hidden cell (which every program keeps, including a save as
.xls). Each project row carries a hidden key ``P<编号>-<名称校验>-<锁定列校验>``: the first
checksum covers the 编号, the month and the project's name, so a key moved to another row or
typed over is found; the second holds two hex digits per locked figure (建设性质, 总投资,
截至上年底, 年度计划, 此前各月), so a locked cell changed after the protection was removed is
named. The checksums detect mistakes, not forgery: the form carries no secret.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from portfolio.periods import Period

#: The first field of the stamp cell, and the custom property naming kind and holder.
FORM_MARK = "项目库填报表"
BY_PROPERTY = "项目库填报类型"
HOLDER_PROPERTY = "项目库填报对象"
SHEET = "填报表"
NOTES = "填报说明"
KEY_HEADER = "项目库校验键"
PRIOR_MONTHS = "此前各月完成投资"
TITLE_ROW, HOLDER_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4


@dataclass(frozen=True)
class Column:
    """One column of the form: its header, what fills it, and whether the holder types it."""

    header: str
    key: str
    width: float
    filled_in: bool = False


def columns(period: Period) -> list[Column]:
    """The form's columns in order (the 1—N月 header names the month)."""
    n = period.month
    return [
        Column("序号", "serial", 6),
        Column("项目名称", "name", 34),
        Column("建设性质", "stage", 9),
        Column("总投资", "total_investment", 11),
        Column("截至上年底累计完成投资", "prior_years", 12),
        Column("本年计划投资", "annual_plan", 11),
        Column(PRIOR_MONTHS, "ytd_before", 11),
        Column("本月完成投资", "investment", 11, True),
        Column(f"1—{n}月累计完成投资", "ytd", 12),
        Column("占年度计划%", "rate", 9),
        Column("形象进度", "progress", 30, True),
        Column("存在问题", "problems", 24, True),
        Column("下步计划", "next_steps", 24, True),
        Column("是否开工", "started", 8, True),
        Column("实际开工时间", "started_on", 12, True),
        Column(KEY_HEADER, "key", 18),
    ]


#: the locked figures the key's second checksum covers, in order
LOCKED = ("stage", "total_investment", "prior_years", "annual_plan", "ytd_before")
LOCKED_NAMES = {"stage": "建设性质", "total_investment": "总投资",
                "prior_years": "截至上年底累计完成投资", "annual_plan": "本年计划投资",
                "ytd_before": PRIOR_MONTHS}


@dataclass(frozen=True)
class FormStamp:
    """Whose form this is and for which month."""

    period: Period
    by: str
    holder: str

    def cell_text(self) -> str:
        return f"{FORM_MARK}|{self.period}|{self.by}|{self.holder}"

    @classmethod
    def parse(cls, text: str) -> FormStamp | None:
        parts = text.strip().split("|", 3)
        if len(parts) != 4 or parts[0] != FORM_MARK or parts[2] not in ("unit", "township"):
            return None
        try:
            return cls(Period.parse(parts[1]), parts[2], parts[3])
        except ValueError:
            return None


def _digest(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).hexdigest()


def plain_name(name: str) -> str:
    """The name as the checksum sees it (no whitespace, so a wrapped cell still matches)."""
    return re.sub(r"\s+", "", name)


def locked_text(key: str, value: object) -> str:
    """A locked figure as the checksum sees it (money to the cent, text stripped)."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        return f"{value.quantize(Decimal('0.01'))}"
    return str(value).strip()


def row_key(project_id: int, period: Period, name: str, locked: Mapping[str, object]) -> str:
    """The hidden key of a project's row."""
    name_sum = _digest(project_id, period, plain_name(name))[:8]
    locked_sum = "".join(_digest(project_id, k, locked_text(k, locked.get(k)))[:2]
                         for k in LOCKED)
    return f"P{project_id}-{name_sum}-{locked_sum}"


_KEY = re.compile(r"^P(\d{1,12})-([0-9a-f]{8})-([0-9a-f]{" + str(2 * len(LOCKED)) + "})$")


def check_key(text: str, period: Period, name: str,
              locked: Mapping[str, object]) -> tuple[int | None, str]:
    """(编号, "") when ``text`` is the key of this row; else (编号 or None, the reason)."""
    found = _KEY.match(text.strip())
    if found is None:
        return None, f"隐藏的校验键“{text.strip()[:40]}”格式不对（可能被改动）"
    pid = int(found.group(1))
    if _digest(pid, period, plain_name(name))[:8] != found.group(2):
        return pid, (f"隐藏的校验键（编号{pid}）与本行的项目名称“{name}”不符"
                     "（校验键或项目名称被改动，或行被移动）")
    changed = [LOCKED_NAMES[k] for i, k in enumerate(LOCKED)
               if _digest(pid, k, locked_text(k, locked.get(k)))[:2]
               != found.group(3)[2 * i:2 * i + 2]]
    if changed:
        return pid, f"锁定的列被改动：{'、'.join(changed)}（这些列由系统生成，不应修改）"
    return pid, ""


__all__ = ["FORM_MARK", "FormStamp", "check_key", "columns", "row_key"]
