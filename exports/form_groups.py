"""What a form's group rows name: 一、新开工项目（ 个） groups by 建设性质, 二、工业类项目 by
领域, 一、省重点项目 by 级别, 四、其他项目 takes the rest; anything else is matched against 乡镇 or
责任单位 when the report is written. Shared by the detail forms (:mod:`exports.blank_form`) and the
summary forms (:mod:`exports.summary_form`)."""

from __future__ import annotations

import re
import unicodedata

from exports.template import CATCH_ALL
from portfolio.register_import.fields import category_of
from portfolio.vocabulary import CATEGORIES

_NUMBERING = re.compile(r"^([一二三四五六七八九十]+[、.．]?|[（(][一二三四五六七八九十]+[)）]、?"
                        r"|\d+[、.．])")
#: a group's words for "the rest" (四、其他项目)
_CATCH_ALL_WORDS = frozenset({"其他", "其它", "其余"})
#: a group of one 级别: 省重点, 省级重点, 市重点建设 …
_LEVEL = re.compile(r"^([省市县])级?重点")
_STAGE_WORDS = (("新开工", "新开工"), ("续建", "续建"), ("在建", "续建"), ("竣工", "竣工"),
                ("建成", "竣工"), ("投产", "竣工"), ("前期", "前期"), ("储备", "储备"),
                ("谋划", "储备"))


def group_key(label: str) -> str:
    """What a group row names, without numbering, count and 项目: 一、新开工项目（ 个） → 新开工项目
    → 新开工; 二、工业类项目 → 工业."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", label))
    text = _NUMBERING.sub("", re.sub(r"^其中[:：]?", "", text))
    text = re.sub(r"[(][^()]*[)]$", "", text)
    return re.sub(r"(类)?(项目)?(小计)?$", "", text) or text


def canonical(key: str, by: str) -> str | None:
    """The 建设性质, 级别 or 领域 a group key stands for, or None."""
    if by == "stage":
        return next((stage for word, stage in _STAGE_WORDS if word in key), None)
    if by == "level":
        level = _LEVEL.match(key)
        return f"{level.group(1)}重点" if level else None
    if by == "category":
        if key in CATEGORIES:
            return key
        near = next((c for c in CATEGORIES if key and (key in c or c in key)), None)
        # a form's own wording of a 领域 (先进制造业, 现代服务业, 社会民生) as imports read it
        return near or (category_of(key) if key else None)
    return None


def mixed_keys(keys: list[str]) -> list[str] | None:
    """A 汇总表's rows that each name a group of another kind (其中：省重点 / 市重点 / 新开工 /
    续建 under 合计), as "level:省重点", "stage:新开工"…; None unless every row names a 级别,
    建设性质 or 领域 and they are of more than one kind."""
    found = []
    for key in keys:
        kind = next(((by, value) for by in ("level", "stage", "category")
                     if (value := canonical(key, by)) is not None), None)
        if kind is None:
            return None
        found.append(kind)
    if len({by for by, _ in found}) < 2:
        return None
    return [f"{by}:{value}" for by, value in found]


def grouping(labels: list[str]) -> tuple[str | None, list[str]]:
    """What the form groups by and each group's key: 建设性质, 级别 (省重点, 市重点) or 领域 when
    every label is one, else the labels themselves, matched against 乡镇 or 责任单位 when the
    report is written; a group of the rest (其他项目) is :data:`CATCH_ALL` whatever the others."""
    if not labels:
        return None, []
    keys = [CATCH_ALL if group_key(label) in _CATCH_ALL_WORDS else group_key(label)
            for label in labels]
    named = [k for k in keys if k != CATCH_ALL]
    for by in ("stage", "level", "category"):
        found = {k: canonical(k, by) for k in named}
        if named and all(found.values()):
            return by, [found.get(k) or k for k in keys]
    return "township", keys
