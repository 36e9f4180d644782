"""A tool button whose popup picks several values of one filter (e.g. 领域: 工业, 城建)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

ValueRole = Qt.ItemDataRole.UserRole + 1

#: Lists longer than this get a box to type part of a name.
_FILTER_FROM = 8


class MultiSelectButton(QToolButton):
    """Shows ``title`` (or ``title：value`` / ``title（n）``); emits ``selectionChanged``.

    Choices are ``(value, label)`` pairs; a click on a line toggles it and keeps the popup
    open, so several values are picked in one go.
    """

    selectionChanged = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._model = QStandardItemModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        panel = QWidget()
        self._search = QLineEdit(panel)
        self._search.setPlaceholderText("输入以查找")
        self._search.setClearButtonEnabled(True)
        self._search.textChanged.connect(self._proxy.setFilterFixedString)
        self._view = QListView(panel)
        self._view.setModel(self._proxy)
        self._view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self._view.clicked.connect(self._toggle)
        self._view.setMinimumWidth(220)
        clear = QPushButton("清除", panel)
        clear.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(clear)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._search)
        layout.addWidget(self._view)
        layout.addLayout(buttons)

        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(panel)
        menu.addAction(action)
        menu.aboutToShow.connect(self._before_popup)
        self.setMenu(menu)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # The style's tiny corner arrow overlaps Chinese text; the text carries its own ▾.
        self.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self._update_text()

    # --- choices and selection -------------------------------------------------------------

    def set_choices(self, choices: Sequence[tuple[Hashable, str]]) -> None:
        """Offer ``choices``; values still offered stay selected (no signal is emitted)."""
        selected = set(self.selected())
        self._model.clear()
        for value, label in choices:
            item = QStandardItem(label)
            item.setData(value, ValueRole)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(
                Qt.CheckState.Checked if value in selected else Qt.CheckState.Unchecked
            )
            self._model.appendRow(item)
        self._update_text()

    def choices(self) -> list[tuple[Hashable, str]]:
        return [
            (self._model.item(r).data(ValueRole), self._model.item(r).text())
            for r in range(self._model.rowCount())
        ]

    def selected(self) -> tuple[Hashable, ...]:
        """The checked values, in the order of the choices."""
        return tuple(
            self._model.item(r).data(ValueRole)
            for r in range(self._model.rowCount())
            if self._model.item(r).checkState() == Qt.CheckState.Checked
        )

    def set_selected(self, values: Iterable[Hashable], *, notify: bool = False) -> None:
        wanted = set(values)
        changed = False
        for r in range(self._model.rowCount()):
            item = self._model.item(r)
            state = (
                Qt.CheckState.Checked if item.data(ValueRole) in wanted
                else Qt.CheckState.Unchecked
            )
            if item.checkState() != state:
                item.setCheckState(state)
                changed = True
        self._update_text()
        if changed and notify:
            self.selectionChanged.emit()

    def clear(self) -> None:
        self.set_selected((), notify=True)

    # --- internals -------------------------------------------------------------------------

    def _toggle(self, proxy_index: QModelIndex) -> None:
        item = self._model.itemFromIndex(self._proxy.mapToSource(proxy_index))
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        self._update_text()
        self.selectionChanged.emit()

    def _before_popup(self) -> None:
        many = self._model.rowCount() > _FILTER_FROM
        self._search.setVisible(many)
        self._search.clear()
        rows = min(max(self._model.rowCount(), 1), 14)
        self._view.setFixedHeight(rows * self._view.sizeHintForRow(0) + 8
                                  if self._model.rowCount() else 40)

    def _update_text(self) -> None:
        selected = self.selected()
        labels = {v: label for v, label in self.choices()}
        if not selected:
            text = self._title
        elif len(selected) == 1:
            text = f"{self._title}：{labels.get(selected[0], selected[0])}"
            if len(text) > 16:
                text = text[:15] + "…"
        else:
            text = f"{self._title}（{len(selected)}）"
        self.setText(f"{text} ▾")
        self.setToolTip(
            f"{self._title}：" + "、".join(str(labels.get(v, v)) for v in selected)
            if selected else f"按{self._title}筛选"
        )
