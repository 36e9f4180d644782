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
class Column:
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


COLUMNS: tuple[Column, ...] = (
    Column("id", "编号", 3.6, "id"),
    Column("name", "项目名称", 16, "name", Editor.TEXT),
    Column("category", "领域", 4.6, "category", Editor.CHOICE),
    Column("project_type", "类型", 4.6, "project_type"),
    Column("stage", "建设性质", 5, "stage", Editor.CHOICE),
    # open problems of the 问题台账 (overdue ones in brackets)
    Column("problems", "问题", 4.4, None),
    Column("levels", "级别", 7.6, None),
    Column("township", "乡镇/街道", 5.6, "township", Editor.TEXT),
    Column("location", "建设地点", 8, "location", Editor.TEXT),
    Column("total_investment", "总投资（万元）", 8, "total_investment", Editor.MONEY),
    Column("planned_start", "计划开工", 6, "planned_start", Editor.DATE),
    Column("planned_finish", "计划竣工", 6, "planned_finish", Editor.DATE),
    Column("unit", "责任单位", 12.4, "unit", Editor.NAME),
    Column("leader", "责任领导", 5, "leader", Editor.NAME),
    Column("document", "来源文件", 10, None),
    # the source line is in the 来源文件 tool tip; the column is for sorting out a document
    Column("line", "来源行", 4, None, visible=False),
)

COLUMN_INDEX: dict[str, int] = {c.key: i for i, c in enumerate(COLUMNS)}
