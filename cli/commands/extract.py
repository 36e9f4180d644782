"""``portfolio extract FILE``: candidate named projects proposed from a planning document.

Every candidate is listed, those the rules set aside too: ``--format json`` gives each one's
verdict (建议导入 / 建议不导入), the reason when set aside, and the evidence — the verbatim words
behind its name, investment, scale, years, site and reason; the table marks set-aside ones.

Nothing is written to the database: the candidates are for review (in the window:
导入规划文件, where each one is accepted, edited or rejected before it enters the register).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from cli.main import CommandError
from cli.text import display_width, pad


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "extract", help="从规划文件（txt/docx/pdf）中提取候选项目，供审核后导入"
    )
    parser.add_argument(
        "file", metavar="FILE", help="规划文件：UTF-8 或 GB18030 文本、.docx、文字版 PDF"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(func=run)


def _record(candidate: Any) -> dict[str, Any]:
    return {
        "name": candidate.name,
        "kind": candidate.kind,
        "category": candidate.category,
        "type": candidate.project_type,
        "location": candidate.location,
        "investment": None if candidate.investment is None else str(candidate.investment),
        "investment_text": candidate.investment_text,
        "quantities": [{"value": str(v), "unit": u} for v, u in candidate.quantities],
        "start_year": candidate.start_year,
        "end_year": candidate.end_year,
        "line": candidate.line,
        "quote": candidate.quote,
        "verdict": candidate.verdict,
        "reason": candidate.reason,
        "evidence": [
            {"what": item.what, "text": item.text, "line": item.line}
            for item in candidate.evidence
        ],
        "mentions": [{"line": line, "quote": quote} for line, quote in candidate.mentions],
    }


def run(args: argparse.Namespace) -> int:
    from portfolio.extract import ExtractError, extract_file

    try:
        result = extract_file(Path(args.file))
    except ExtractError as error:
        raise CommandError(str(error)) from None
    out = sys.stdout
    if args.format == "json":
        payload = {
            "file": result.source.name,
            "encoding": result.source.encoding,
            "title": result.title,
            "candidates": [_record(c) for c in result.candidates],
        }
        json.dump(payload, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    header = ("行", "候选项目", "领域", "类型", "投资（万元）", "规模", "建议", "原文")
    rows = [header]
    for c in result.candidates:
        rows.append((
            str(c.line),
            c.name,
            c.category,
            c.project_type,
            "" if c.investment is None else str(c.investment),
            "、".join(f"{v}{u}" for v, u in c.quantities),
            f"不导入：{c.reason}" if c.reason else "导入",
            c.quote if display_width(c.quote) <= 60 else c.quote[:29] + "…",
        ))
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(header) - 1)]
    for r in rows:
        out.write("  ".join(pad(cell, widths[i]) for i, cell in enumerate(r[:-1])))
        out.write("  " + r[-1] + "\n")
    source = result.source
    out.write(f"共 {len(result.candidates)} 个候选项目（{source.name}，{source.encoding}）\n")
    return 0
