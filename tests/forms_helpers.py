"""Helpers of the 填报表 tests: filling a form as a township would (only unlocked cells) and
recalculating one with LibreOffice."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl

from exports.forms import layout as L
from portfolio.periods import Period

#: the 填报表's column letters by key
LETTERS = {c.key: openpyxl.utils.get_column_letter(i)
           for i, c in enumerate(L.columns(Period(2026, 11)), start=1)}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def form_rows(path: Path) -> dict[int, int]:
    """Project id (from the hidden key) → its row in the form."""
    ws = openpyxl.load_workbook(path)[L.SHEET]
    col = LETTERS["key"]
    return {int(str(ws[f"{col}{r}"].value).split("-")[0][1:]): r
            for r in range(L.FIRST_ROW, ws.max_row + 1) if ws[f"{col}{r}"].value}


def fill(path: Path, target: Path, values: dict[int, dict[str, object]]) -> None:
    """Type ``values`` (project id → column key → value) into the form at ``path`` and save
    it as ``target``; every cell typed must be unlocked, as Excel would insist."""
    wb = openpyxl.load_workbook(path)
    ws = wb[L.SHEET]
    rows = form_rows(path)
    for pid, cells in values.items():
        for key, value in cells.items():
            cell = ws[f"{LETTERS[key]}{rows[pid]}"]
            assert cell.protection.locked is False, f"{key} of {pid} is locked"
            cell.value = value
    wb.save(target)


def recalculate(path: Path, folder: Path, to: str = "csv") -> Path:
    """``path`` converted by LibreOffice (which recalculates the formulas) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "lo-profile"
    kind = "csv:Text - txt - csv (StarCalc):44,34,76,1" if to == "csv" else to
    subprocess.run([soffice() or "soffice", f"-env:UserInstallation={profile.as_uri()}",
                    "--headless", "--convert-to", kind, "--outdir", str(folder), str(path)],
                   check=True, capture_output=True, timeout=180)
    return folder / f"{path.stem}.{to}"


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.reader(handle))


def money(text: str) -> Decimal:
    return Decimal(text.replace(",", "")).quantize(Decimal("0.01"))
