"""Word boundaries from jieba's part-of-speech tagger, loaded on first use.

A project name starts at a word boundary after the verb that introduces it ("瞄准绿色建筑…" is
no name; "统筹推进湿地…" starts after 推进). The rules in :mod:`.candidates` strip the verbs they
know; this module strips the ones they do not, by jieba's tags. Loading jieba and its
dictionary costs a few seconds the first time (it builds a cache in the temporary folder, from
the dictionary shipped inside the package — nothing is downloaded), so it is imported only
when a document is first read. Its logger is silenced: it reports loading on stderr.
"""

from __future__ import annotations

import logging
import warnings
from functools import cache
from typing import Any

#: tags of words that introduce a name and are never its start (verb, adverb, preposition,
#: conjunction)
_LEAD_TAGS = ("v", "d", "p", "c")


@cache
def _tagger() -> Any:
    with warnings.catch_warnings():
        # jieba's modules hold invalid escapes in plain strings ("\." in a regex)
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        import jieba
        import jieba.posseg
    jieba.setLogLevel(logging.ERROR)
    logging.getLogger("jieba").setLevel(logging.ERROR)
    return jieba.posseg


def words(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (word, tag) pairs."""
    return [(pair.word, pair.flag) for pair in _tagger().cut(text)]


def lead_length(name: str) -> int:
    """How many characters of verbs and adverbs open ``name`` ("统筹推进湿地" → 4); words of one
    character are kept, as jieba tags the first character of place names as verbs (考城镇)."""
    length = 0
    for word, tag in words(name):
        if len(word) < 2 or not tag.startswith(_LEAD_TAGS) or tag == "vn":
            break  # a verbal noun qualifies the name (循环经济产业园, 出口家居产业园)
        length += len(word)
    return length if length < len(name) else 0
