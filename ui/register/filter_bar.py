"""The register's instant search and filter buttons; together they make the ProjectFilter."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from db.queries import ProjectFilter
from portfolio import projects
from portfolio.vocabulary import CATEGORIES, LEVELS, STAGES
from ui.context import AppContext
from ui.widgets.multi_select import MultiSelectButton

#: Typing pauses shorter than this do not query the database yet.
SEARCH_DELAY_MS = 80

SEARCH_PLACEHOLDER = "搜索名称、单位、地点或拼音首字母（如 wbwl）"


def _in_vocabulary_order(values: list[str], vocabulary: tuple[str, ...]) -> list[str]:
    rank = {v: i for i, v in enumerate(vocabulary)}
    return sorted(values, key=lambda v: (rank.get(v, len(rank)), v))


class FilterBar(QWidget):
    """Pushes its filter to ``context.set_filter`` and follows filters set elsewhere."""

    #: ProjectFilter field → button title
    FILTERS: tuple[tuple[str, str], ...] = (
        ("categories", "领域"),
        ("townships", "乡镇/街道"),
        ("unit_ids", "责任单位"),
        ("levels", "级别"),
        ("stages", "建设性质"),
        ("document_ids", "来源文件"),
    )

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.search = QLineEdit(self)
        self.search.setObjectName("registerSearch")
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._push)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._push)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 2)
        self.buttons: dict[str, MultiSelectButton] = {}
        for field, title in self.FILTERS:
            button = MultiSelectButton(title, self)
            button.selectionChanged.connect(self._push)
            self.buttons[field] = button
            layout.addWidget(button)
        self.reset_button = QToolButton(self)
        self.reset_button.setText("清除筛选")
        self.reset_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.reset_button.clicked.connect(self.reset)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)

        self.refresh_choices()
        self._show(context.filter)
        context.filterChanged.connect(self._show)
        context.dataChanged.connect(self.refresh_choices)

    def refresh_choices(self) -> None:
        """Offer what the database holds now (after an edit, an import, an undo)."""
        with self._context.db.session() as session:
            found = projects.filter_choices(session)
        choices = {
            "categories": _in_vocabulary_order(found.categories, CATEGORIES),
            "townships": found.townships,
            "levels": _in_vocabulary_order(found.levels, LEVELS),
            "stages": _in_vocabulary_order(found.stages, STAGES),
        }
        for field, values in choices.items():
            self.buttons[field].set_choices([(v, v) for v in values])
        self.buttons["unit_ids"].set_choices(found.units)
        self.buttons["document_ids"].set_choices(found.documents)

    def current_filter(self) -> ProjectFilter:
        """The bar's filter; fields the bar does not show are kept from the context."""
        values = {field: tuple(button.selected()) for field, button in self.buttons.items()}
        return replace(self._context.filter, text=self.search.text(), **cast(Any, values))

    def reset(self) -> None:
        self.search.clear()
        for button in self.buttons.values():
            button.set_selected(())
        self._context.set_filter(ProjectFilter())

    def _push(self) -> None:
        self._timer.stop()
        self._context.set_filter(self.current_filter())

    def _show(self, flt: ProjectFilter) -> None:
        """Reflect a filter set elsewhere (e.g. an overview figure), without pushing it back."""
        if self.search.text() != flt.text:
            self.search.blockSignals(True)
            self.search.setText(flt.text)
            self.search.blockSignals(False)
        for field, button in self.buttons.items():
            button.set_selected(getattr(flt, field))
        self.reset_button.setEnabled(not flt.is_empty())
