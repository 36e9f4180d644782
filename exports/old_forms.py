"""A superior's blank form received as .xls (Excel 97-2003, WPS's default) or .ods, made an
.xlsx in memory for openpyxl, which reads neither: LibreOffice converts it headless, with its
own throw-away profile so that an open LibreOffice window or a parallel run does not block it.
Without LibreOffice the user is told, in Chinese, what to install or how to save the form.
The filled report goes back the same way when the user names it ``.xls``
(:func:`xlsx_as_xls`): never an .xlsx under an .xls name, which Excel opens with a warning."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

#: What openpyxl cannot open and LibreOffice converts.
OLD_FORMATS = frozenset({".xls", ".ods", ".et"})
#: Seconds a conversion may take (a cold LibreOffice start on a slow office computer).
TIMEOUT = 180
#: LibreOffice's export filter for each target
_FILTERS = {"xls": "xls:MS Excel 97", "xlsx": "xlsx"}
_NAMES = {".xls": "旧版 Excel（.xls）", ".ods": "OpenDocument（.ods）", ".et": "WPS 表格（.et）"}


class OldFormError(ValueError):
    """A form that cannot be converted; the message is Chinese and names the file."""


def needs_conversion(path: Path) -> bool:
    return path.suffix.lower() in OLD_FORMATS


def soffice() -> str | None:
    """LibreOffice's command, when installed (PATH, or where Windows installs it)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
        candidate = Path(base or "") / "LibreOffice" / "program" / "soffice.exe"
        if base and candidate.is_file():
            return str(candidate)
    return None


def as_xlsx(path: Path) -> bytes:
    """The .xlsx bytes of the form at ``path`` (.xls, .ods or .et)."""
    kind = _NAMES.get(path.suffix.lower(), path.suffix)
    return _converted(path, "xlsx", f"“{path.name}”是{kind}文件，读取它需要 LibreOffice，但本机"
                      "没有安装；请安装 LibreOffice，或在 Excel/WPS 中把它另存为 .xlsx 后再使用")


def xlsx_as_xls(path: Path) -> bytes:
    """The .xls (Excel 97-2003) bytes of the filled report at ``path`` (.xlsx), for a superior
    who wants the form back as the .xls it was sent as; LibreOffice recalculates every formula
    as it saves."""
    return _converted(path, "xls", "保存为旧版 Excel（.xls）需要 LibreOffice，但本机没有安装；"
                      "请安装 LibreOffice，或导出为 .xlsx 后在 Excel/WPS 中另存为 .xls")


def _converted(path: Path, to: str, missing: str) -> bytes:
    """``path`` converted by LibreOffice to ``to``; ``missing`` tells the user without it."""
    command = soffice()
    if command is None:
        raise OldFormError(missing)
    with tempfile.TemporaryDirectory(prefix="xiangmuku-form-") as folder:
        out = Path(folder)
        source = out / f"form{path.suffix.lower()}"  # an ASCII name: no locale surprises
        shutil.copyfile(path, source)
        (out / "converted").mkdir()
        try:
            done = subprocess.run(
                [command, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                 "--convert-to", _FILTERS.get(to, to), "--outdir", str(out / "converted"),
                 str(source)],
                capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise OldFormError(f"用 LibreOffice 转换“{path.name}”超过{TIMEOUT}秒仍未完成；"
                               "请在 Excel/WPS 中另存为所需格式") from None
        except OSError as error:
            raise OldFormError(f"无法启动 LibreOffice 转换“{path.name}”：{error}") from None
        target = out / "converted" / f"form.{to}"
        if done.returncode != 0 or not target.is_file():
            raise OldFormError(f"LibreOffice 无法转换“{path.name}”（文件可能已损坏）；"
                               "请在 Excel/WPS 中打开后另存为所需格式")
        return target.read_bytes()
