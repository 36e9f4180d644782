"""A user's column mapping: which header means which field, when recognition guesses wrong.

The file is JSON, shared by every import that reads an office's sheet (``import xlsx``,
``import register``)::

    {"columns": {"今年以来累计完成（万元）": "ytd_investment",
                 "备用列": "ignore"}}

A key is a header text as the sheet shows it (a header of two rows may be written
"2026年 / 1—4月完成" or run together); a value is a field key of
:mod:`exports.sheets.headers` or ``"ignore"`` to leave the column alone. :func:`load_mapping`
checks the file and returns the table :func:`exports.sheets.headers.find_header` takes as
``known``; every error is a :class:`MappingError` with a Chinese message naming the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from exports.sheets.headers import IGNORE, RULES, known_key


class MappingError(ValueError):
    """A mapping file that cannot be used; the message is Chinese and names the file."""


#: Field keys a mapping may name beyond :data:`~exports.sheets.headers.RULES` (a caller's own).
EXTRA_FIELDS: frozenset[str] = frozenset({"project_id"})


def field_keys(extra: Iterable[str] = ()) -> frozenset[str]:
    """Every field key a mapping may use."""
    return frozenset(name for name, _ in RULES) | EXTRA_FIELDS | frozenset(extra)


def load_mapping(path: str | Path, extra: Iterable[str] = ()) -> dict[str, str]:
    """``known_key(header text) → field key`` from the JSON file at ``path``."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise MappingError(f"找不到列映射文件 {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(f"无法读取列映射文件 {path.name}：{exc}") from None
    except json.JSONDecodeError as exc:
        raise MappingError(f"列映射文件 {path.name} 不是有效的 JSON（第{exc.lineno}行第"
                           f"{exc.colno}列：{exc.msg}）") from None
    columns = data.get("columns") if isinstance(data, dict) else None
    if not isinstance(columns, dict):
        raise MappingError(f"列映射文件 {path.name} 应为 "
                           '{"columns": {"表头文字": "字段"}} 的形式')
    allowed = field_keys(extra)
    result: dict[str, str] = {}
    for text, key in columns.items():
        if not isinstance(key, str) or (key != IGNORE and key not in allowed):
            raise MappingError(
                f"列映射文件 {path.name} 中“{text}”对应的字段“{key}”不存在；可用的字段："
                f"{'、'.join(sorted(allowed))}，或 \"{IGNORE}\"（忽略该列）")
        normalised = known_key(str(text))
        if not normalised:
            raise MappingError(f"列映射文件 {path.name} 中有空的表头文字")
        result[normalised] = key
    return result


__all__ = ["EXTRA_FIELDS", "MappingError", "field_keys", "load_mapping"]
