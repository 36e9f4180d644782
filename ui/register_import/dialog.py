"""The preview of an imported project list, before anything is written.

A summary line of counts, then tabs: 新增 (each new project with its main fields), 修改 (each
changed field, 原值 → 新值), 跳过的行 (group, subtotal, total and note rows, with why),
新建单位和领导, 错误, 提示 and 列识别 (each column of the file and what it was read as).
导入 is enabled only without errors, and the reason is shown when it is not; 列对应… asks for
the columns again.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QTableView,
    QWidget,
)

from exports.register_source import FileColumn
from portfolio.register_import import RegisterPreview
from portfolio.register_import.preview import CHANGED, NEW, UNCHANGED
from ui.register_import import models
from ui.reports.preview_dialog import WIDEST_COLUMN, RowsModel, TabbedPreview, wrap_messages

ERROR_STYLE = "color: #b3261e"
#: columns named one by one under the summary; past this many, how many more there are
LEFT_OUT_SHOWN = 5


def summary_line(preview: RegisterPreview) -> str:
    """新增 N / 修改 N / 无变化 N / 跳过 N 行 / 错误 N / 提示 N."""
    return (f"新增 {len(preview.of(NEW))} / 修改 {len(preview.of(CHANGED))} / "
            f"无变化 {len(preview.of(UNCHANGED))} / 跳过 {len(preview.skipped)} 行 / "
            f"错误 {len(preview.errors)} / 提示 {len(preview.warnings)}")


def left_out_text(lines: Sequence[str]) -> str:
    """未导入的列（及原因）, one a line, the first :data:`LEFT_OUT_SHOWN` of them."""
    if not lines:
        return ""
    shown = list(lines[:LEFT_OUT_SHOWN])
    if len(lines) > LEFT_OUT_SHOWN:
        shown.append(f"另有{len(lines) - LEFT_OUT_SHOWN}列，见“列识别”")
    return "未导入的列（及原因）：\n" + "\n".join(f"　{line}" for line in shown)


class RegisterPreviewDialog(TabbedPreview):
    """Shows a :class:`~portfolio.register_import.RegisterPreview`; accepted means 导入."""

    mappingRequested = Signal()

    def __init__(self, preview: RegisterPreview, columns: Sequence[FileColumn],
                 parent: QWidget | None = None) -> None:
        super().__init__("导入项目清单 — 预览", 1100, 640, parent)
        self.preview = preview
        source = preview.source
        layout = self.box
        where = QLabel(f"文件 {source.file}，工作表「{source.sheet}」；计划年度 {preview.year}年"
                       f"（{preview.year_source}）", self)
        where.setWordWrap(True)
        layout.addWidget(where)
        self.summary = QLabel(summary_line(preview), self)
        self.summary.setObjectName("importSummary")
        font = self.summary.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.summary.setFont(font)
        layout.addWidget(self.summary)
        # the tab shown first is 新增: a plan column left out must not need a look at 列识别
        self.left_out = QLabel(left_out_text(models.not_imported(columns, preview)), self)
        self.left_out.setObjectName("leftOutColumns")
        self.left_out.setWordWrap(True)
        self.left_out.setVisible(bool(self.left_out.text()))
        layout.addWidget(self.left_out)

        self._add("新增", models.new_model(preview, self), len(preview.of(NEW)))
        self._add("修改", models.changed_model(preview, self), len(preview.of(CHANGED)))
        self._add("跳过的行", models.skipped_model(preview, self))
        self._add("新建单位和领导", models.created_model(preview, self))
        for title, messages in (("错误", preview.errors), ("提示", preview.warnings)):
            wrap_messages(self._add(title, models.messages_model(messages, self)))
        self._add("列识别", models.columns_model(columns, preview, self))
        first = "错误" if preview.errors else "新增" if preview.of(NEW) else \
            "修改" if preview.of(CHANGED) else "列识别"
        self.tabs.setCurrentWidget(self.views[first])
        layout.addWidget(self.tabs, 1)

        self.blocked = QLabel(self)
        self.blocked.setObjectName("importBlocked")
        self.blocked.setWordWrap(True)
        self.blocked.setStyleSheet(ERROR_STYLE)
        if preview.errors:
            self.blocked.setText(f"有 {len(preview.errors)} 处错误（见“错误”页），不能导入："
                                 "请在文件中改正后重新导入，或用“列对应…”改正列的识别。"
                                 "未写入任何数据。")
        elif not preview.of(NEW) and not preview.of(CHANGED):
            self.blocked.setText("文件中的项目与项目库完全一致，没有需要导入的内容。")
            self.blocked.setStyleSheet("")
        self.blocked.setVisible(bool(self.blocked.text()))
        layout.addWidget(self.blocked)

        buttons = QDialogButtonBox(self)
        self.mapping_button = buttons.addButton("列对应…", QDialogButtonBox.ButtonRole.ResetRole)
        self.import_button = buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setEnabled(preview.can_apply and bool(
            preview.of(NEW) or preview.of(CHANGED)))
        self.mapping_button.clicked.connect(self.mappingRequested)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add(self, title: str, model: RowsModel, count: int | None = None) -> QTableView:
        return self.add_tab(title, model, count, widest=WIDEST_COLUMN)
