"""A project listed twice in one register file: the same 项目代码, or the same normalised
name (under the same package), on two rows. Offices do this (a project under both 省重点 and
市重点 sections, a row copied while reorganising the list); the import must neither make two
projects nor pick one row's figures without a word.

What a county office can trust:

- the second row states an amount (总投资, 截至上年底, 年度计划, a quarter …) other than the
  first's, or one the first leaves blank: refused, naming both rows and each amount —
  whichever figure is right, the office must say so in its file;
- they agree on money: the project is imported once, from the first row, and the preview
  names both rows and every value of the second row that was not used (a blank cell of the
  second row says nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from portfolio.matching import normalise_name
from portfolio.register_import.changes import RegisterPreview, RowChange
from portfolio.register_import.fields import CHANGE_LABELS, value_text
from portfolio.register_import.records import RegisterSource, SourceRow

#: a line's package (its id, ``None`` for none) and its :func:`normalise_name`'d name: rows
#: of one key under one package are one project
NameKey = tuple[int | None, str]
#: what a row's values hold besides what it says of the project ("actual_start?" is a guess)
_NOT_SAID = frozenset({"distribution", "parent_id", "actual_start?"})


def said(changes: dict[str, Any], plan: dict[str, Any]) -> dict[str, Any]:
    """What a row says, as read from the file (before it is compared with the database):
    project fields by name, plan figures as ``plan.<key>``; blanks left out."""
    values = {k: v for k, v in changes.items() if k not in _NOT_SAID}
    values.update((f"plan.{k}", v) for k, v in plan.items() if k not in _NOT_SAID)
    return {k: v for k, v in values.items() if v not in (None, "", [], {}, ())}


def name_key(parent: RowChange | None, name: str) -> NameKey:
    return (id(parent) if parent else None, normalise_name(name))


def _money(value: Any) -> bool:
    return isinstance(value, Decimal) or (
        isinstance(value, dict) and any(isinstance(v, Decimal) for v in value.values()))


@dataclass
class _Seen:
    change: RowChange
    stated: tuple[dict[str, Any], dict[str, Any]]  #: the row's fields and plan, as read
    code: str

    @property
    def values(self) -> dict[str, Any]:
        return said(*self.stated)


class Twins:
    """The rows seen so far of one file, to tell when a row lists a project again."""

    def __init__(self, source: RegisterSource, result: RegisterPreview) -> None:
        self.source = source
        self.result = result
        self._by_code: dict[str, _Seen] = {}
        self._by_name: dict[NameKey, _Seen] = {}

    def earlier(self, key: NameKey, code: str) -> tuple[_Seen, str] | None:
        """The earlier row of the same project, and why it is the same ("项目代码相同",
        "名称相同"); two rows of one name but different codes are two projects (or an error
        reported elsewhere), never twins."""
        if code and code in self._by_code:
            return self._by_code[code], f"项目代码「{code}」相同"
        seen = self._by_name.get(key)
        if seen is not None and (not code or not seen.code or seen.code == code):
            return seen, "名称相同"
        return None

    def remember(self, change: RowChange, key: NameKey,
                 stated: tuple[dict[str, Any], dict[str, Any]], code: str) -> None:
        seen = _Seen(change, stated, code)
        if code:
            self._by_code.setdefault(code, seen)
        self._by_name.setdefault(key, seen)

    def report(self, row: SourceRow, name: str, twin: _Seen, why: str,
               values: dict[str, Any]) -> None:
        """Refuse the second row when it disagrees on money, else say it is imported once."""
        held = twin.values
        first, second = twin.change.row + 1, row.row + 1
        where = self.source.where(row.row)
        keys = [k for k in (*held, *(k for k in values if k not in held))
                if held.get(k) != values.get(k)]
        stated = [k for k in keys if k in values]  # a blank cell of this row says nothing
        money = [k for k in stated if _money(values[k])]
        if money:
            listed = "；".join(
                f"{CHANGE_LABELS.get(k, k)}第{first}行为{value_text(held.get(k))}、"
                f"第{second}行为{value_text(values.get(k))}" for k in money)
            self.result.errors.append(
                f"{where}：与第{first}行是同一个项目“{name}”（{why}），但金额不同（{listed}）；"
                "请核对后在文件中只保留一行再导入")
            return
        if not stated:
            detail = "两行内容相同" if not keys else "本行其余各列为空"
        else:
            detail = "本行的" + "、".join(
                f"{CHANGE_LABELS.get(k, k)}「{value_text(values.get(k))}」"
                f"（第{first}行为「{value_text(held.get(k))}」）" for k in stated) + "未采用"
        self.result.warnings.append(
            f"{where}：与第{first}行是同一个项目“{name}”（{why}），只导入一次，"
            f"按第{first}行的数据；{detail}")


__all__ = ["NameKey", "Twins", "name_key", "said"]
