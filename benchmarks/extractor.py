"""Precision, recall and F1 of the extractor against the reviewed catalogue.

Run: ``uv run python -m benchmarks.extractor [DOCUMENTS_DIR] [--misses N] [--real DIR]``. The
planning documents are read from ``resources/documents`` (the five the catalogue was reviewed
against, shipped with the program) unless a folder is given. ``--real DIR`` also scores, per
text, the real published texts kept outside the repository (see ``benchmarks/extract_corpus``).

The labelled corpus is those five documents alone, split once: the rules are tuned on the
TUNING documents (000, 002, 004) and only scored on the HELD-BACK ones (001, traditional script
with conversion noise, and 003, a development zone's plan). ``--misses`` lists misses and
false proposals of the tuning documents only: looking at held-back errors while tuning would
make the held-back figures a second tuning score.

Labels are the catalogue's projects and programmes. Its directions and goals (industry
clusters, 争创 titles, "一批…") are what the extractor should reject: a proposal matching one
counts as a false proposal. The extractor's rejected candidates (those with a ``reason``) are
not proposals and are not scored.

Matching. A candidate matches a catalogue entry when both

- name the same thing: their names are equal after normalisation (NFKC, simplified script,
  quotes, brackets' shape and spaces ignored) or one contains the other; and
- are at the same place: the candidate's line is the entry's line, or one of its
  ``also_cited`` lines, or a line next to one of those (±1).

Precision = proposals that match some tracked entry / proposals. Recall = tracked entries
matched by some proposal / tracked entries. F1 is their harmonic mean. Names too short to
mean anything (fewer than three characters after normalisation) never match by containment.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import resources
from benchmarks import extract_corpus
from portfolio import catalog
from portfolio.extract import Candidate, extract_file
from portfolio.extract.normalise import to_simplified
from portfolio.vocabulary import UNTRACKED_KINDS

#: the five planning documents, as shipped for the source panel
DEFAULT_DOCUMENTS = resources.path("documents")
#: the documents the rules are tuned on, and those only scored (by the start of the file name)
TUNING = ("000", "002", "004")
HELD_BACK = ("001", "003")

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

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_document(doc: catalog.CatalogDocument, candidates: Sequence[Candidate]) -> Score:
    """Proposals of one document against its tracked entries (see the module docstring)."""
    by_line: dict[int, list[catalog.CatalogProject]] = {}
    for entry in doc.projects:
        for line in entry_lines(entry):
            for near in (line - 1, line, line + 1):
                by_line.setdefault(near, []).append(entry)
    tracked = [e for e in doc.projects if e.kind not in UNTRACKED_KINDS]
    matched_entries: set[str] = set()
    matched_candidates = 0
    spurious: list[Candidate] = []
    for candidate in candidates:
        nearby = {id(e): e for line in candidate.lines for e in by_line.get(line, [])}
        hits = [e for e in nearby.values() if matches(candidate, e)]
        if hits and any(e.kind not in UNTRACKED_KINDS for e in hits):
            matched_candidates += 1
            matched_entries.update(e.name for e in hits if e.kind not in UNTRACKED_KINDS)
        else:
            spurious.append(candidate)
    missed = [e for e in tracked if e.name not in matched_entries]
    return Score(
        doc.file, len(tracked), len(candidates), len(matched_entries), matched_candidates,
        missed, spurious,
    )


def run(documents: Path = DEFAULT_DOCUMENTS) -> list[Score]:
    """Scores per catalogue document, of the candidates the extractor proposes."""
    scores = []
    for doc in catalog.read_catalog():
        candidates = extract_file(documents / doc.file).candidates
        scores.append(score_document(doc, [c for c in candidates if not c.reason]))
    return scores


def part(scores: Sequence[Score], prefixes: Sequence[str]) -> list[Score]:
    """The scores of the documents whose file names start with one of ``prefixes``."""
    return [s for s in scores if s.file.startswith(tuple(prefixes))]


def total(scores: Sequence[Score], label: str = "合计") -> Score:
    return Score(
        label,
        sum(s.entries for s in scores),
        sum(s.candidates for s in scores),
        sum(s.matched_entries for s in scores),
        sum(s.matched_candidates for s in scores),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="提取器对照目录的准确率和召回率")
    parser.add_argument("documents", nargs="?", type=Path, default=DEFAULT_DOCUMENTS)
    parser.add_argument("--misses", type=int, default=0, help="每个文件列出若干漏提和误提")
    parser.add_argument("--real", type=extract_corpus.real_folder, default=None, metavar="DIR",
                        help="真实发布文本语料所在目录（real_tuning.yaml、real_held_back.yaml）")
    args = parser.parse_args(argv)
    if not args.documents.is_dir():
        print(f"找不到规划文件目录：{args.documents}", file=sys.stderr)
        return 1
    scores = run(args.documents)
    print(f"{'文件':<28}{'目录条目':>6}{'候选':>6}{'命中条目':>6}{'准确率':>7}{'召回率':>7}{'F1':>8}")
    for label, prefixes in (("调优", TUNING), ("留出", HELD_BACK)):
        chosen = part(scores, prefixes)
        for s in [*chosen, total(chosen, f"{label}合计")]:
            print(f"{s.file:<30}{s.entries:>8}{s.candidates:>8}{s.matched_entries:>8}"
                  f"{s.precision:>9.1%}{s.recall:>9.1%}{s.f1:>9.1%}")
    overall = total(scores, "全部合计")
    print(f"{overall.file:<30}{overall.entries:>8}{overall.candidates:>8}"
          f"{overall.matched_entries:>8}{overall.precision:>9.1%}{overall.recall:>9.1%}"
          f"{overall.f1:>9.1%}")
    real = extract_corpus.run_real(args.real) if args.real is not None else {}
    if real:
        print("\n真实发布文本（按文本；调优与留出分开）")
        print(extract_corpus.per_text(real))
    else:
        print("\n" + extract_corpus.REAL_HINT)
    if args.misses:
        if real:
            print(extract_corpus.misses(real["real_tuning"], args.misses))
        for s in part(scores, TUNING):
            print(f"\n== {s.file} 漏提（前 {args.misses} 个）")
            for e in s.missed[: args.misses]:
                print(f"  {e.line}: {e.name} | {e.quote[:60]}")
            print(f"== {s.file} 误提（前 {args.misses} 个）")
            for c in s.spurious[: args.misses]:
                print(f"  {c.line}: {c.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
