"""Column mappings a user saves by name: which column of an office's file is which field.

A profile is a small JSON file::

    {"name": "城建局清单", "sheet": "Sheet1",
     "columns": {"工程名": "name", "总投资 / 合计": "total_investment", "序": "ignore"},
     "units": {"投资额": "亿元"}}

Column texts are as the preview shows them; field keys are those of
:data:`portfolio.register_import.fields.IMPORTED`, or ``"ignore"``. Named profiles live in
the data folder beside the database, one file each, so that the GUI's mapping dialog and the
command line (``--mapping FILE``, ``--save-mapping NAME``) share them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portfolio.register_import.fields import IGNORE, IMPORTED

MONEY_UNITS = ("元", "万元", "亿元")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class ProfileError(ValueError):
    """A mapping that cannot be read or used; the message is Chinese."""


@dataclass
class MappingProfile:
    name: str
    columns: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None

    def overrides(self) -> dict[str, str | None]:
        """Header text → field key, ``None`` for a column to ignore."""
        return {text: (None if key == IGNORE else key) for text, key in self.columns.items()}

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"name": self.name}
        if self.sheet:
            result["sheet"] = self.sheet
        result["columns"] = dict(self.columns)
        if self.units:
            result["units"] = dict(self.units)
        return result


def from_json(data: Any, origin: str = "") -> MappingProfile:
    """A profile from parsed JSON; :class:`ProfileError` naming every wrong entry."""
    where = f"映射 {origin}：" if origin else "映射："
    if not isinstance(data, dict):
        raise ProfileError(f"{where}应为 JSON 对象（{{\"columns\": {{…}}}}）")
    columns = data.get("columns", {})
    units = data.get("units", {})
    if not isinstance(columns, dict) or not isinstance(units, dict):
        raise ProfileError(f"{where}“columns”和“units”应为“列名: 值”的对象")
    wrong = [f"「{text}」→「{key}」" for text, key in columns.items()
             if key != IGNORE and key not in IMPORTED]
    if wrong:
        keys = "、".join(f"{k}（{label}）" for k, label in IMPORTED.items())
        raise ProfileError(f"{where}无法识别的字段 {'，'.join(wrong)}；可用的字段：{keys}、"
                           f"{IGNORE}（忽略该列）")
    bad_units = [f"「{text}」→「{unit}」" for text, unit in units.items()
                 if unit not in MONEY_UNITS]
    if bad_units:
        raise ProfileError(f"{where}金额单位 {'，'.join(bad_units)} 无效，应为"
                           f"{'、'.join(MONEY_UNITS)}")
    sheet = data.get("sheet")
    return MappingProfile(str(data.get("name") or ""), {str(k): str(v) for k, v in columns.items()},
                          {str(k): str(v) for k, v in units.items()},
                          str(sheet) if sheet not in (None, "") else None)


def read_file(path: Path) -> MappingProfile:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ProfileError(f"找不到映射文件 {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ProfileError(f"映射文件 {path.name} 无法读取：{error}") from None
    profile = from_json(data, path.name)
    if not profile.name:
        profile.name = path.stem
    return profile


def default_folder() -> Path:
    """``导入映射`` beside the default database in the user's data folder."""
    from db.session import default_path

    return default_path().parent / "import-mappings"


def _file(name: str, folder: Path | None) -> Path:
    safe = _UNSAFE.sub("_", name.strip()).strip(". ")
    if not safe:
        raise ProfileError("映射名称不能为空")
    return (folder or default_folder()) / f"{safe}.json"


def save(profile: MappingProfile, folder: Path | None = None) -> Path:
    """Save (or replace) a named profile; returns its file."""
    path = _file(profile.name, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(profile.to_json(), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
    return path


def load(name: str, folder: Path | None = None) -> MappingProfile:
    path = _file(name, folder)
    if not path.exists():
        listed = "、".join(names(folder)) or "无"
        raise ProfileError(f"没有名为「{name}」的映射（已保存的：{listed}）")
    return read_file(path)


def names(folder: Path | None = None) -> list[str]:
    """The saved profiles' names, sorted."""
    base = folder or default_folder()
    if not base.is_dir():
        return []
    return sorted(read_file(p).name for p in base.glob("*.json"))
