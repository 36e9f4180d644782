"""The demo's words and the Chinese texts drawn from them: project names by 领域, 形象进度.

The words (townships, units, leaders' titles, report phrases) and the recipes that name a
project of each 领域 are data, in ``resources/demo/words.yaml``; this module only draws from
them, in the order the file gives (the same seed draws the same texts).
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import yaml

import resources


def _load_words() -> dict[str, Any]:
    """The word lists and name recipes of ``resources/demo/words.yaml`` (the file says how)."""
    with resources.path("demo", "words.yaml").open(encoding="utf-8") as stream:
        words: dict[str, Any] = yaml.safe_load(stream)
    return words


WORDS = _load_words()
TOWNSHIPS: list[str] = WORDS["townships"]
STREETS: list[str] = WORDS["streets"]
SURNAMES: list[str] = WORDS["surnames"]
UNITS_BY_CATEGORY: dict[str, list[str]] = WORDS["units_by_category"]
#: Chinese numerals for 第一期, 第二期 … and 县第一高级中学 …
NUMBERS = "一二三四五六七八九十"


def local_unit(township: str) -> str:
    """The township's own government (a 街道's 办事处), as a unit name."""
    return f"{township}办事处" if township.endswith("街道") else f"{township}人民政府"


class Namer:
    """Chinese project names by 领域, from the recipes in ``words.yaml``, unique within the
    portfolio."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        #: projects named so far by each {ordinal: …} counter
        self.counters: Counter[str] = Counter()

    def unique(self, name: str) -> str:
        candidate, phase = name, 1
        while candidate in self.used:
            phase += 1
            number = NUMBERS[phase - 1] if phase <= 10 else str(phase)
            candidate = f"{name}（{number}期）"
        self.used.add(candidate)
        return candidate

    def make(self, category: str, township: str) -> tuple[str, str, str, tuple[int, str] | None]:
        """(name, project type, 建设规模及主要内容, quantity)."""
        rng = self.rng
        hamlet = rng.choice(SURNAMES) + rng.choice(WORDS["village_suffixes"])
        values: dict[str, Any] = {
            "township": township, "town": township[:2], "hamlet": hamlet,
            "village": f"{hamlet}村", "street": rng.choice(STREETS),
        }
        roll = rng.random()
        recipe = next(r for r in WORDS["recipes"][category] if roll < r.get("below", 1))
        for key, spec in recipe.get("draw", {}).items():
            drawn = self._draw(spec, values)
            if isinstance(drawn, dict):  # a product with its capacity range and unit
                values.update(drawn)
            values[key] = drawn
        quantity = recipe.get("quantity")
        return (
            _fill(recipe["name"], values), _fill(recipe["type"], values),
            _fill(recipe["scale"], values),
            (values[quantity[0]], quantity[1]) if quantity else None,
        )

    def _draw(self, spec: Any, values: dict[str, Any]) -> Any:
        """One value of a recipe's ``draw`` (the kinds are listed in ``words.yaml``)."""
        rng = self.rng
        if isinstance(spec, list):
            return _fill(rng.choice(spec), values)
        if "pick" in spec:
            table = WORDS[spec["pick"]]
            return _fill(rng.choice(table[values[spec["at"]]] if "at" in spec else table), values)
        if "key_of" in spec:
            return rng.choice(list(WORDS[spec["key_of"]]))
        if "int" in spec:
            low, high = (values[b] if isinstance(b, str) else b for b in spec["int"])
            return rng.randint(low, high) * spec.get("times", 1)
        if "of" in spec:
            return values[spec["of"]] * spec["times"]
        if "coin" in spec:
            return _fill(spec["heads"] if rng.random() < spec["coin"] else spec["tails"], values)
        if "ordinal" in spec:
            self.counters[spec["ordinal"]] += 1
            return NUMBERS[(self.counters[spec["ordinal"]] - 1) % 10]
        raise ValueError(f"words.yaml: unknown draw {spec!r}")


def _fill(value: Any, values: dict[str, Any]) -> Any:
    """A text with the values drawn so far filled in; anything else as it is."""
    return value.format(**values) if isinstance(value, str) else value


def progress_text(project_type: str, share: float) -> str:
    """形象进度 for a project that has done ``share`` (0…1) of its work."""
    table = WORDS["progress"]
    if share >= 0.999:
        return str(table["finished"])
    pct = max(1, min(99, int(share * 100)))
    kinds = table["kinds"]
    stages = next((k["stages"] for k in kinds if project_type in k["types"]), kinds[-1]["stages"])
    text = next(s["text"] for s in stages if share < s.get("below", 1))
    return str(text).format(pct=pct, pct2=pct * 2, pct4=min(99, pct * 4),
                            floor=max(2, int(share * 20)))
