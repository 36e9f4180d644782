"""When 和, 及 and 与 join two list items, and when they join two halves of one name.

A list's items are cut at 、 and at these conjunctions, except where a conjunction is part of a
word (参与, 和平), joins two quantities of one product ("年产800万平方米保温板和3000吨界面剂项目"),
or joins two halves of one undertaking:

- inside an item of a 、-list, between a named thing and another kind of thing: "凯旋路南延及
  沙河桥、…", "…遗址保护与国家考古遗址公园、…" (a list of such items says so by its 、), unless
  the second is of a kind with the next item, which it then starts a list with;
- at the list's end, before a half of one or two characters, which no item is ("保护性开发与
  利用", "摩崖大佛及石刻"), or after a named thing, before a half that opens with a verb: the
  thing's further work ("地质灾害综合治理及避险安置项目", "…治理和改建加固").
"""

from __future__ import annotations

import re

from portfolio.extract.lexicon import HEADS
from portfolio.extract.words import words

#: words that hold 和/及/与 without joining two items (jieba's words are no guide here: it
#: reads "谷营镇和堌阳镇" with a word 镇和)
_HOLDING_WORDS = (
    "参与", "给与", "涉及", "普及", "惠及", "波及", "及时", "及早", "和谐", "和平", "平和",
    "祥和", "太和", "温和", "和美", "与会",
)


def inside_word(text: str, at: int) -> bool:
    """Whether the 和/及/与 at ``at`` belongs to a word such as 参与 or 和平."""
    return any(
        text.startswith(word, at - word.index(text[at]))
        for word in _HOLDING_WORDS if text[at] in word and at >= word.index(text[at])
    )


_FIGURE = re.compile(r"\d")
_OUTPUT = re.compile(r"年产|日产|年加工|年处理|年出栏|产能")


def joins_quantities(clause: str, position: int, at: int, end: int) -> bool:
    """Whether the conjunction at ``at``…``end`` joins two quantities of one name: a figure
    follows it and an output word or a figure stands before it."""
    before = clause[position:at]
    return bool(_FIGURE.match(clause, end)) and (
        bool(_OUTPUT.search(before)) or before[-1:].isdigit()
    )


_HEAD_AT_END = re.compile(
    "(?:" + "|".join(re.escape(h) for h in sorted(HEADS, key=len, reverse=True)) + ")$"
)
#: what closes the half after the conjunction: the next item, or the kind the list shares (…等…,
#: …十大地标)
_HALF_END = re.compile(r"[、]|等|[一二三四五六七八九十]大")


def _opens_with_verb(text: str) -> bool:
    """Whether ``text`` opens with a verb of two characters or more (避险安置项目, 改建加固):
    the work of what stands before the conjunction, not a thing of its own."""
    first = words(text)[:1] if text else []
    return bool(first) and len(first[0][0]) >= 2 and first[0][1] == "v"


def joins_one_name(clause: str, position: int, at: int, end: int) -> bool:
    """Whether the conjunction at ``at``…``end`` joins two halves of one name (module doc)."""
    left = clause[position:at].strip()
    close = _HALF_END.search(clause, end)
    right = clause[end:close.start() if close else len(clause)].strip(" 。；;")
    left_head, right_head = _HEAD_AT_END.search(left), _HEAD_AT_END.search(right)
    if close is None or close.group() != "、":
        return len(left) >= 4 and (
            1 <= len(right) <= 2 or _opens_with_verb(right)
        )
    if (
        left_head is None or right_head is None or len(left) < 4
        or right_head.group().endswith(left_head.group())
        or left_head.group().endswith(right_head.group())
    ):
        return False
    # "…送出工程及甲220千伏变、乙220千伏变扩建工程": the half that is of a kind with the next
    # item starts a list of its own
    after = re.compile(r"[、和及与]|等").search(clause, close.end())
    following = _HEAD_AT_END.search(
        clause[close.end():after.start() if after else len(clause)].strip(" 。；;")
    )
    return following is None or HEADS[following.group()] != HEADS[right_head.group()]
