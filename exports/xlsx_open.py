"""Opening a workbook someone sent, with a Chinese reason for every way that can fail (an
old .xls, a file that is not a workbook, a truncated download …)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl

from portfolio import safe_files
from portfolio.provenance import Problem


def open_workbook(path: Path, problems: list[Problem], *, values: bool = False) -> Any:
    """The workbook at ``path`` (cached values instead of formulas when ``values``), or None
    with the reason added to ``problems``."""
    name = path.name
    if not path.is_file():
        problems.append(Problem(name, "文件不存在"))
        return None
    try:
        safe_files.check_office_file(path)
    except safe_files.UnsafeFile as error:
        problems.append(Problem(name, error.reason))
        return None
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        problems.append(Problem(name, "这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为"
                                      " .xlsx 格式后再导入"))
        return None
    if not head.startswith(b"PK"):
        problems.append(Problem(name, "不是 Excel 工作簿（.xlsx），无法读取"))
        return None
    try:
        with path.open("rb") as handle:
            return openpyxl.load_workbook(handle, data_only=values)
    except (zipfile.BadZipFile, EOFError):
        problems.append(Problem(name, "文件不完整或已损坏（可能未下载或复制完整），无法作为 Excel"
                                      " 工作簿打开"))
    except KeyError:
        problems.append(Problem(name, "工作簿缺少必要的组成部分，文件可能已损坏"))
    except Exception as error:  # openpyxl raises many kinds for malformed parts
        problems.append(Problem(name, safe_files.xml_problem(error)
                                or f"无法读取工作簿（文件可能已损坏）：{error}"))
    return None


__all__ = ["open_workbook"]
