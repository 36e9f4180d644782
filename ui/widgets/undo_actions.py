"""Tool-bar undo/redo actions with short text; what they would undo shows in the tool tip.

(``QUndoStack.createUndoAction`` puts the command's text in the action's text, which suits a
menu but makes tool-bar buttons jump in width.)
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoStack


class _StackAction(QAction):
    def __init__(self, label: str, parent: QObject) -> None:
        super().__init__(label, parent)
        self._label = label

    def show_command(self, text: str) -> None:
        self.setToolTip(f"{self._label}：{text}" if text else self._label)


def undo_action(stack: QUndoStack, parent: QObject) -> QAction:
    action = _StackAction("撤销", parent)
    action.triggered.connect(stack.undo)
    stack.canUndoChanged.connect(action.setEnabled)
    stack.undoTextChanged.connect(action.show_command)
    action.setEnabled(stack.canUndo())
    action.show_command(stack.undoText())
    return action


def redo_action(stack: QUndoStack, parent: QObject) -> QAction:
    action = _StackAction("重做", parent)
    action.triggered.connect(stack.redo)
    stack.canRedoChanged.connect(action.setEnabled)
    stack.redoTextChanged.connect(action.show_command)
    action.setEnabled(stack.canRedo())
    action.show_command(stack.redoText())
    return action
