"""The placeholders a report template may use, and what each one stands for.

A template cell holds ``{{名称}}`` tokens (see :mod:`exports.template`). A cell that is one
token alone receives a typed value (a number, a date, a formula); a token inside longer text
is replaced by its text. The same registry tells the Excel import which column holds which
figure, so a superior's layout is matched in both directions without code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    TEXT = "text"
    MONEY = "money"
    COUNT = "count"
    #: a share, written as a ratio with a percent format (0.453 → 45.3%)
    RATE = "rate"
    #: percentage points (超或低于序时进度)
    POINTS = "points"
    DATE = "date"
    INTEGER = "integer"


#: Default number formats; a template cell with its own format keeps it.
NUMBER_FORMATS: dict[Kind, str] = {
    Kind.MONEY: "#,##0.00",
    Kind.COUNT: "0",
    Kind.RATE: "0.0%",
    Kind.POINTS: "+0.0;-0.0;0.0",
    Kind.DATE: "yyyy-mm-dd",
    Kind.INTEGER: "0",
}


@dataclass(frozen=True)
class Field:
    """One placeholder: its token, its kind and, for imports, what it writes back."""

    token: str
    kind: Kind
    #: summed in subtotal and total rows
    summable: bool = False
    #: the monthly-report attribute an import writes (``investment``, ``progress`` …)
    imports_to: str = ""
    #: a project identity column an import matches by (``id`` or ``name``)
    identifies: str = ""


def _fields(*items: Field) -> dict[str, Field]:
    return {item.token: item for item in items}


#: Tokens of a project line (明细表, 滞后项目表) and of the group / total lines around it.
FIELDS: dict[str, Field] = _fields(
    Field("序号", Kind.INTEGER),
    Field("编号", Kind.INTEGER, identifies="id"),
    Field("项目名称", Kind.TEXT, identifies="name"),
    Field("项目代码", Kind.TEXT),
    Field("领域", Kind.TEXT),
    Field("乡镇", Kind.TEXT),
    Field("类型", Kind.TEXT),
    Field("级别", Kind.TEXT),
    Field("建设性质", Kind.TEXT),
    Field("建设地点", Kind.TEXT),
    Field("建设规模及主要内容", Kind.TEXT),
    Field("建设起止年限", Kind.TEXT),
    Field("计划开工", Kind.DATE),
    Field("计划竣工", Kind.DATE),
    Field("实际开工", Kind.DATE),
    Field("实际竣工", Kind.DATE),
    Field("开工情况", Kind.TEXT),
    Field("年度建设目标", Kind.TEXT),
    Field("总投资", Kind.MONEY, summable=True),
    Field("截至上年底累计完成投资", Kind.MONEY, summable=True),
    Field("本年计划投资", Kind.MONEY, summable=True),
    Field("1—N月完成投资", Kind.MONEY, summable=True, imports_to="ytd"),
    Field("占年度计划", Kind.RATE),
    Field("本月完成投资", Kind.MONEY, summable=True, imports_to="investment"),
    Field("截至本月累计完成投资", Kind.MONEY, summable=True),
    # a project's 资金来源 by the source 资金到位 counts it under (portfolio.funds.SOURCES)
    Field("中央预算内投资", Kind.MONEY, summable=True),
    Field("地方政府专项债券", Kind.MONEY, summable=True),
    Field("省市县财政", Kind.MONEY, summable=True),
    Field("银行贷款", Kind.MONEY, summable=True),
    Field("企业自筹", Kind.MONEY, summable=True),
    Field("形象进度", Kind.TEXT, imports_to="progress"),
    Field("存在问题", Kind.TEXT, imports_to="problems"),
    Field("下步计划", Kind.TEXT, imports_to="next_steps"),
    Field("责任单位", Kind.TEXT),
    Field("责任领导", Kind.TEXT),
    Field("联系人", Kind.TEXT),
    Field("联系电话", Kind.TEXT),
    Field("备注", Kind.TEXT),
    Field("滞后原因", Kind.TEXT),
    Field("预警类型", Kind.TEXT),
    # group and summary lines
    Field("领域序号", Kind.TEXT),
    Field("项目个数", Kind.COUNT, summable=True),
    Field("年度计划投资", Kind.MONEY, summable=True),
    Field("完成率", Kind.RATE),
    Field("序时进度", Kind.RATE),
    Field("超序时进度", Kind.POINTS),
    Field("计划开工个数", Kind.COUNT, summable=True),
    Field("实际开工个数", Kind.COUNT, summable=True),
    Field("开工率", Kind.RATE),
    Field("合计", Kind.TEXT),
)

#: Tokens that only make sense on a project line; a row holding one is a project row.
ITEM_TOKENS = frozenset({"序号", "编号", "项目名称"})
#: Tokens that name the group of a group line, and the grouping they select.
GROUP_TOKENS: dict[str, str] = {"领域": "category", "乡镇": "township", "责任单位": "unit",
                                "建设性质": "stage"}
#: The token that marks the grand total line.
TOTAL_TOKEN = "合计"

#: Text placeholders for title, header and footer cells (filled from the report's context).
TEXT_TOKENS = frozenset({"地区", "年度", "月份", "报告期", "1—N月", "填报单位", "填报日期",
                         "范围"})

_DASHES = re.compile(r"(?<=[0-9０-９N])\s*[-－—–~～至]\s*(?=[0-9０-９N])")


def normalise_token(name: str) -> str:
    """``1-N月完成投资`` and ``1—N月完成投资`` are the same token; so are 年度计划 synonyms."""
    name = _DASHES.sub("—", name.strip())
    return {"年度计划": "本年计划投资", "本年度计划投资": "本年计划投资",
            "占年度计划%": "占年度计划", "完成率%": "完成率"}.get(name, name)


TOKEN = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")


def tokens_in(text: str) -> list[str]:
    """The normalised tokens written in ``text``."""
    return [normalise_token(m) for m in TOKEN.findall(text)]


def is_known(token: str) -> bool:
    return token in FIELDS or token in TEXT_TOKENS
