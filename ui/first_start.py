"""The first-start question: what a new, empty register begins with.

Asked once per database — when it holds no project and was never asked
(:func:`portfolio.startup.needs_first_start_choice`) — after the main window is shown. The
answer is recorded in the database, so closing the dialog counts as 空白 and the question does
not come back. 从Excel导入项目清单 is offered only when the main window has a real register
import (``MainWindow.import_register``); a choice that leads nowhere is never shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from portfolio.startup import needs_first_start_choice, record_first_start_choice


class FirstStart(StrEnum):
    BLANK = "blank"
    EXCEL = "excel"
    CATALOG = "catalog"
    DEMO = "demo"


#: (label, explanation) of each choice
TEXTS: dict[FirstStart, tuple[str, str]] = {
    FirstStart.BLANK: ("空白", "从空白项目库开始，逐个新建项目。"),
    FirstStart.EXCEL: (
        "从Excel导入项目清单",
        "导入本单位已有的重点项目清单或年度投资计划表（Excel、WPS 表格、.ods 或 .csv），"
        "导入前先预览。",
    ),
    FirstStart.CATALOG: (
        "从规划文件项目目录中选取",
        "打开“规划项目目录”：五份规划文件点名的全部项目，选中后纳入项目库。",
    ),
    FirstStart.DEMO: (
        "演示数据", "生成一套虚构的县域重点项目数据，用于熟悉程序；正式使用请另建数据库。"
    ),
}


def available_choices(window: QMainWindow) -> list[FirstStart]:
    """The choices this window can carry out (Excel only with a real register import)."""
    choices = [FirstStart.BLANK]
    if callable(getattr(window, "import_register", None)):
        choices.append(FirstStart.EXCEL)
    choices += [FirstStart.CATALOG, FirstStart.DEMO]
    return choices


class FirstStartDialog(QDialog):
    """Four (or three) radio buttons and 开始."""

    def __init__(self, choices: Sequence[FirstStart], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("开始使用项目库")
        intro = QLabel("这是一个新的项目库，还没有任何项目。请选择从哪里开始：", self)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.buttons: dict[FirstStart, QRadioButton] = {}
        for number, choice in enumerate(choices):
            label, explanation = TEXTS[choice]
            button = QRadioButton(label, self)
            button.setObjectName(f"firstStart_{choice.value}")
            note = QLabel(explanation, self)
            note.setWordWrap(True)
            note.setIndent(24)
            note.setStyleSheet("color: #6b6b6b")
            self.group.addButton(button, number)
            self.buttons[choice] = button
            layout.addWidget(button)
            layout.addWidget(note)
        self.buttons[choices[0]].setChecked(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("开始")
        box.accepted.connect(self.accept)
        layout.addWidget(box)

    def choose(self, choice: FirstStart) -> None:
        self.buttons[choice].setChecked(True)

    def choice(self) -> FirstStart:
        for choice, button in self.buttons.items():
            if button.isChecked():
                return choice
        return FirstStart.BLANK


def ask(window: QMainWindow, choices: Sequence[FirstStart]) -> FirstStart | None:
    """The user's choice in a modal dialog (None when it is closed)."""
    dialog = FirstStartDialog(choices, window)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.choice() if accepted else None


def apply_choice(window: QMainWindow, choice: FirstStart) -> None:
    """Carry out ``choice`` in ``window`` (a :class:`ui.main_window.MainWindow`)."""
    context = window.context  # type: ignore[attr-defined]
    if choice is FirstStart.CATALOG:
        window.show_page("catalog")  # type: ignore[attr-defined]
        context.show_message("在规划项目目录中选中项目，点“纳入项目库”。")
    elif choice is FirstStart.EXCEL:
        importer = window.import_register()  # type: ignore[attr-defined]
        if getattr(importer, "path", None) is None:  # the file dialog was closed
            context.show_message("未选择文件；可随时从“文件 → 导入项目清单…”导入本单位的项目清单。")
    elif choice is FirstStart.DEMO:
        from portfolio import demo

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = demo.generate(context.db)
        finally:
            QGuiApplication.restoreOverrideCursor()
        context.dataChanged.emit()
        context.show_message(f"已生成演示数据：{count} 个项目。")


def offer_first_start(
    window: QMainWindow,
    asker: Callable[[QMainWindow, Sequence[FirstStart]], FirstStart | None] = ask,
) -> FirstStart | None:
    """Ask what to begin with, if this database was never asked; returns what was done."""
    db = window.context.db  # type: ignore[attr-defined]
    if not needs_first_start_choice(db):
        return None
    choice = asker(window, available_choices(window)) or FirstStart.BLANK
    record_first_start_choice(db, choice.value)
    apply_choice(window, choice)
    return choice
