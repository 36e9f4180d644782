"""The register's columns: what each shows, how it sorts and how it is edited."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Editor(Enum):
    """How a cell is edited in place (``NONE``: read-only in the register)."""

    NONE = "none"
    TEXT = "text"
    CHOICE = "choice"
    NAME = "name"  # a unit or leader: editable list fed from the database
    MONEY = "money"
    DATE = "date"


@dataclass(frozen=True)
class RegisterColumn:
    """One column of the register (not a database column, nor a monthly-grid column)."""

    #: attribute of RegisterRow (and, when editable, field of ProjectData)
    key: str
    title: str
    #: default width in ems (the width of one Chinese character), so it suits every font
    width: float
    #: key of db.queries.SORT_KEYS, or None when the column cannot be sorted in SQL
    sort_key: str | None
    editor: Editor = Editor.NONE
    #: shown when the user has not chosen columns yet
    visible: bool = True


COLUMNS: tuple[RegisterColumn, ...] = (
    RegisterColumn("id", "编号", 3.6, "id"),
    RegisterColumn("name", "项目名称", 16, "name", Editor.TEXT),
    RegisterColumn("category", "领域", 4.6, "category", Editor.CHOICE),
    RegisterColumn("project_type", "类型", 4.6, "project_type"),
    RegisterColumn("stage", "建设性质", 5, "stage", Editor.CHOICE),
    # open problems of the 问题台账 (overdue ones in brackets)
    RegisterColumn("problems", "问题", 4.4, None),
    RegisterColumn("levels", "级别", 7.6, None),
    RegisterColumn("township", "乡镇/街道", 5.6, "township", Editor.TEXT),
    RegisterColumn("location", "建设地点", 8, "location", Editor.TEXT),
    RegisterColumn("total_investment", "总投资（万元）", 8, "total_investment", Editor.MONEY),
    RegisterColumn("planned_start", "计划开工", 6, "planned_start", Editor.DATE),
    RegisterColumn("planned_finish", "计划竣工", 6, "planned_finish", Editor.DATE),
    RegisterColumn("unit", "责任单位", 12.4, "unit", Editor.NAME),
    RegisterColumn("leader", "责任领导", 5, "leader", Editor.NAME),
    RegisterColumn("document", "来源文件", 10, None),
    # the source line is in the 来源文件 tool tip; the column is for sorting out a document
    RegisterColumn("line", "来源行", 4, None, visible=False),
)

COLUMN_INDEX: dict[str, int] = {c.key: i for i, c in enumerate(COLUMNS)}
