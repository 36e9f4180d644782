"""Precision and recall of the extractor against the reviewed catalogue, per document.

Run: ``uv run python -m benchmarks.extractor [DOCUMENTS_DIR] [--misses N]``. The planning
documents are read from ``resources/documents`` (the five the catalogue was reviewed against,
shipped with the program) unless a folder is given.

Matching. A candidate matches a catalogue entry when both

- name the same thing: their names are equal after normalisation (NFKC, simplified script,
  quotes, brackets' shape and spaces ignored) or one contains the other; and
- are at the same place: the candidate's line is the entry's line, or one of its
  ``also_cited`` lines, or a line next to one of those (±1).

Precision = candidates that match some entry / candidates. Recall = entries matched by some
candidate / entries. Names too short to mean anything (fewer than three characters after
normalisation) never match by containment.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import resources
from portfolio import catalog
from portfolio.extract import Candidate, extract_file
from portfolio.extract.normalise import to_simplified

#: the five planning documents, as shipped for the source panel
DEFAULT_DOCUMENTS = resources.path("documents")

_DROP = str.maketrans("", "", "“”\"'‘’《》「」 \u3000·")


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).translate(_DROP)
    return to_simplified(text)


def names_match(a: str, b: str) -> bool:
    a, b = normalise_name(a), normalise_name(b)
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter) >= 3 and shorter in longer


def entry_lines(entry: catalog.CatalogProject) -> set[int]:
    return {c.line for c in entry.citations}


def matches(candidate: Candidate, entry: catalog.CatalogProject) -> bool:
    near = any(
        abs(mine - line) <= 1 for mine in candidate.lines for line in entry_lines(entry)
    )
    return near and names_match(candidate.name, entry.name)


@dataclass
class Score:
    file: str
    entries: int
    candidates: int
    matched_entries: int
    matched_candidates: int
    missed: list[catalog.CatalogProject] = field(default_factory=list)
    spurious: list[Candidate] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_candidates / self.candidates if self.candidates else 0.0

    @property
    def recall(self) -> float:
        return self.matched_entries / self.entries if self.entries else 0.0


def score_document(doc: catalog.CatalogDocument, candidates: Sequence[Candidate]) -> Score:
    by_line: dict[int, list[catalog.CatalogProject]] = {}
    for entry in doc.projects:
        for line in entry_lines(entry):
            for near in (line - 1, line, line + 1):
                by_line.setdefault(near, []).append(entry)
    matched_entries: set[str] = set()
    matched_candidates = 0
    spurious: list[Candidate] = []
    for candidate in candidates:
        nearby = {id(e): e for line in candidate.lines for e in by_line.get(line, [])}
        hits = [e for e in nearby.values() if matches(candidate, e)]
        if hits:
            matched_candidates += 1
            matched_entries.update(e.name for e in hits)
        else:
            spurious.append(candidate)
    missed = [e for e in doc.projects if e.name not in matched_entries]
    return Score(
        doc.file, len(doc.projects), len(candidates), len(matched_entries), matched_candidates,
        missed, spurious,
    )


def run(documents: Path = DEFAULT_DOCUMENTS, *, specific_only: bool = False) -> list[Score]:
    """Scores per catalogue document; ``specific_only`` leaves out generic candidates."""
    scores = []
    for doc in catalog.read_catalog():
        candidates = extract_file(documents / doc.file).candidates
        if specific_only:
            candidates = [c for c in candidates if not c.generic]
        scores.append(score_document(doc, candidates))
    return scores


def total(scores: Sequence[Score]) -> Score:
    return Score(
        "合计",
        sum(s.entries for s in scores),
        sum(s.candidates for s in scores),
        sum(s.matched_entries for s in scores),
        sum(s.matched_candidates for s in scores),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="提取器对照目录的准确率和召回率")
    parser.add_argument("documents", nargs="?", type=Path, default=DEFAULT_DOCUMENTS)
    parser.add_argument("--misses", type=int, default=0, help="每个文件列出若干漏提和误提")
    args = parser.parse_args(argv)
    if not args.documents.is_dir():
        print(f"找不到规划文件目录：{args.documents}", file=sys.stderr)
        return 1
    scores = run(args.documents)
    specific = run(args.documents, specific_only=True)
    print("全部候选 / 去掉泛称（只说是哪类设施的名称，如“区域展示平台”）后的候选\n")
    print(f"{'文件':<26}{'目录条目':>8}{'候选':>8}{'命中条目':>8}{'准确率':>8}{'召回率':>8}"
          f"{'｜去泛称候选':>10}{'准确率':>8}{'召回率':>8}")
    for s, t in zip([*scores, total(scores)], [*specific, total(specific)], strict=True):
        print(f"{s.file:<28}{s.entries:>10}{s.candidates:>10}{s.matched_entries:>10}"
              f"{s.precision:>10.1%}{s.recall:>10.1%}{t.candidates:>14}{t.precision:>10.1%}"
              f"{t.recall:>10.1%}")
    if args.misses:
        for s in scores:
            print(f"\n== {s.file} 漏提（前 {args.misses} 个）")
            for e in s.missed[: args.misses]:
                print(f"  {e.line}: {e.name} | {e.quote[:60]}")
            print(f"== {s.file} 误提（前 {args.misses} 个）")
            for c in s.spurious[: args.misses]:
                print(f"  {c.line}: {c.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
