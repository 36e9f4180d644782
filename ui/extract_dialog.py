"""导入规划文件: propose the named projects of a new planning document for review.

The user picks a file (text in UTF-8 or GB18030, .docx, text PDF); the extractor proposes
candidates; each candidate is accepted, edited (name, 领域, 类型, 类别, 总投资, 乡镇) or rejected
in the review list, where the quoted sentence is shown highlighted in its paragraph. Nothing
enters the register until 导入 creates the accepted ones — in one transaction, as one undoable
step (撤销 deletes them again).

Open it with :func:`open_import_dialog` (the main window's 文件 menu).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from portfolio import projects
from portfolio.extract import Candidate, ExtractError, ExtractResult, extract_file
from portfolio.extract.importing import (
    Accepted,
    DocumentInfo,
    ImportRefused,
    candidate_citations,
    candidate_data,
    existing_names,
    guess_document_info,
    import_projects,
)
from portfolio.money import MoneyError, format_money, parse_money
from portfolio.projects import ProjectData
from portfolio.vocabulary import CATEGORIES, KINDS, PROJECT_TYPES
from ui.context import AppContext
from ui.operations import DatabaseCommand
from ui.widgets.row_model import AnyIndex, RowListModel

FILE_FILTER = "规划文件 (*.txt *.docx *.pdf);;文本 (*.txt);;Word 文档 (*.docx);;PDF (*.pdf)"
_HIGHLIGHT = QColor("#ffe066")


class Decision(Enum):
    UNDECIDED = "待定"
    ACCEPTED = "接受"
    REJECTED = "拒绝"


_DECISION_COLOURS = {
    Decision.ACCEPTED: QColor("#e3f4e1"),
    Decision.REJECTED: QColor("#f2f2f2"),
}


@dataclasses.dataclass
class ReviewItem:
    """One candidate under review: the proposal, the user's edits and decision."""

    candidate: Candidate
    data: ProjectData
    decision: Decision = Decision.UNDECIDED
    #: the register already holds a project of this name
    duplicate: bool = False

    @property
    def hint(self) -> str:
        hints = []
        if self.duplicate:
            hints.append("项目库已有同名项目")
        if self.candidate.generic:
            hints.append("名称较泛，可能不是具体项目")
        return "；".join(hints)


class ReviewModel(RowListModel[ReviewItem]):
    """The candidates with their decision; name, 领域, 类型, 类别, 总投资 and 乡镇 are editable."""

    HEADERS = (
        "决定", "项目名称", "领域", "类型", "类别", "总投资（万元）", "乡镇/地点", "建设规模", "行",
        "提示",
    )
    DECISION, NAME, CATEGORY, TYPE, KIND, INVESTMENT, LOCATION, SCALE, LINE, HINT = range(10)
    EDITABLE = (NAME, CATEGORY, TYPE, KIND, INVESTMENT, LOCATION)

    #: a Chinese sentence about an edit that was refused
    editRefused = Signal(str)
    decisionsChanged = Signal()

    def set_rows(self, rows: Sequence[ReviewItem]) -> None:
        super().set_rows(rows)
        self.decisionsChanged.emit()

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _DECISION_COLOURS.get(item.decision)
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.decision is Decision.REJECTED:
                return QColor("#9a9a9a")
            if column == self.HINT:
                return QColor("#b03a2e")
        if role == Qt.ItemDataRole.FontRole and column == self.DECISION:
            font = QFont()
            font.setBold(item.decision is not Decision.UNDECIDED)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.INVESTMENT, self.LINE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.candidate.quote
        return None

    def _text(self, item: ReviewItem, column: int) -> str:
        data = item.data
        if column == self.DECISION:
            return item.decision.value
        if column == self.NAME:
            return data.name
        if column == self.CATEGORY:
            return data.category
        if column == self.TYPE:
            return data.project_type
        if column == self.KIND:
            return KINDS.get(data.kind, data.kind)
        if column == self.INVESTMENT:
            return format_money(data.total_investment)
        if column == self.LOCATION:
            return data.township
        if column == self.SCALE:
            return "、".join(f"{v}{u}" for v, u in data.quantities)
        if column == self.LINE:
            return str(item.candidate.line)
        if column == self.HINT:
            return item.hint
        return ""

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        item = self.rows[index.row()]
        text = str(value or "").strip()
        column = index.column()
        try:
            changes = self._changes(column, text)
        except MoneyError as error:
            self.editRefused.emit(str(error))
            return False
        except ValueError as error:
            self.editRefused.emit(str(error))
            return False
        item.data = item.data.with_changes(**changes)
        if item.decision is Decision.UNDECIDED:
            item.decision = Decision.ACCEPTED  # editing a candidate means keeping it
            self.decisionsChanged.emit()
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.HINT))
        return True

    def _changes(self, column: int, text: str) -> dict[str, Any]:
        if column == self.NAME:
            if not text:
                raise ValueError("项目名称不能为空")
            return {"name": text}
        if column == self.CATEGORY:
            if text not in CATEGORIES:
                raise ValueError(f"领域应为：{'、'.join(CATEGORIES)}")
            return {"category": text}
        if column == self.TYPE:
            if text not in PROJECT_TYPES:
                raise ValueError(f"类型“{text}”不在类型表中")
            return {"project_type": text}
        if column == self.KIND:
            kinds = {label: key for key, label in KINDS.items()}
            if text not in kinds:
                raise ValueError(f"类别应为：{'、'.join(kinds)}")
            return {"kind": kinds[text]}
        if column == self.INVESTMENT:
            return {"total_investment": parse_money(text, field="总投资")}
        if column == self.LOCATION:
            return {"township": text}
        raise ValueError("该列不能修改")

    def decide(self, rows: list[int], decision: Decision) -> None:
        for row in rows:
            self.rows[row].decision = decision
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.HINT))
        self.decisionsChanged.emit()

    def accepted(self) -> list[ReviewItem]:
        return [item for item in self.rows if item.decision is Decision.ACCEPTED]

    def counts(self) -> dict[Decision, int]:
        counts = dict.fromkeys(Decision, 0)
        for item in self.rows:
            counts[item.decision] += 1
        return counts


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of fixed choices for the 领域, 类型 and 类别 columns."""

    def __init__(self, choices: dict[int, list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        choices = self._choices.get(index.column())
        if choices is None:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        box.addItems(choices)
        return box

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        else:
            super().setModelData(editor, model, index)


class ImportCommand(DatabaseCommand):
    """Creating the accepted projects: undo deletes them, redo puts the same rows back."""

    refusals = (ImportRefused, KeyError)

    def __init__(
        self,
        context: AppContext,
        document: DocumentInfo,
        accepted: list[Accepted],
        outcome: dict[str, Any],
    ) -> None:
        super().__init__(context, f"导入规划文件：{document.title}（{len(accepted)}个项目）")
        self._document = document
        self._accepted = accepted
        #: filled by the first redo: "ids" or "error" (the stack may drop a failed command)
        self._outcome = outcome
        self._ids: list[int] = []
        self._saved: list[dict[str, list[dict[str, Any]]]] = []
        self._undoing = False

    def redo(self) -> None:
        def step(session: Session) -> None:
            if self._saved:
                for saved in self._saved:
                    projects.restore(session, saved)
            else:
                self._ids = import_projects(session, self._document, self._accepted)
                self._outcome["ids"] = list(self._ids)

        self._undoing = False
        self.run(step)

    def undo(self) -> None:
        def step(session: Session) -> None:
            self._saved = [projects.delete_project(session, pid) for pid in self._ids]

        self._undoing = True
        self.run(step)

    def refused(self, error: Exception) -> None:
        if self._undoing:
            message = f"撤销导入失败：{error}"
        else:
            message = str(error) if isinstance(error, ImportRefused) else f"导入失败：{error}"
            self._outcome["error"] = message
        self._context.show_message(message)


class ExtractDialog(QDialog):
    """Choose a file, review its candidates, import the accepted ones."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result: ExtractResult | None = None
        self.imported_ids: list[int] = []
        self._issued_on: dt.date | None = None
        self.setWindowTitle("导入规划文件")
        self.resize(1200, 780)

        self.path = QLineEdit(self)
        self.path.setPlaceholderText("选择规划文件：.txt（UTF-8 或 GB18030）、.docx、文字版 PDF")
        browse = QPushButton("选择文件…", self)
        browse.clicked.connect(self.choose_file)
        self.extract_button = QPushButton("提取候选项目", self)
        self.extract_button.clicked.connect(lambda: self.load(Path(self.path.text().strip())))
        top = QHBoxLayout()
        top.addWidget(self.path, 1)
        top.addWidget(browse)
        top.addWidget(self.extract_button)

        self.doc_title = QLineEdit(self)
        self.doc_issuer = QLineEdit(self)
        self.doc_number = QLineEdit(self)
        doc_form = QFormLayout()
        doc_form.addRow("文件标题", self.doc_title)
        numbers = QHBoxLayout()
        numbers.addWidget(self.doc_issuer, 2)
        numbers.addWidget(QLabel("文号", self))
        numbers.addWidget(self.doc_number, 1)
        doc_form.addRow("发文机关", numbers)

        self.model = ReviewModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("reviewView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().hide()
        self.view.setItemDelegate(
            ChoiceDelegate(
                {
                    ReviewModel.CATEGORY: list(CATEGORIES),
                    ReviewModel.TYPE: list(PROJECT_TYPES),
                    ReviewModel.KIND: list(KINDS.values()),
                },
                self.view,
            )
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(ReviewModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (ReviewModel.DECISION, 52), (ReviewModel.CATEGORY, 80), (ReviewModel.TYPE, 80),
            (ReviewModel.KIND, 72), (ReviewModel.INVESTMENT, 110), (ReviewModel.LOCATION, 90),
            (ReviewModel.SCALE, 160), (ReviewModel.LINE, 50), (ReviewModel.HINT, 170),
        ):
            header.resizeSection(column, width)

        self.accept_button = QPushButton("接受所选(&A)", self)
        self.reject_button = QPushButton("拒绝所选(&R)", self)
        self.undecide_button = QPushButton("改回待定", self)
        self.accept_button.clicked.connect(lambda: self.decide(Decision.ACCEPTED))
        self.reject_button.clicked.connect(lambda: self.decide(Decision.REJECTED))
        self.undecide_button.clicked.connect(lambda: self.decide(Decision.UNDECIDED))
        self.counts = QLabel(self)
        decisions = QHBoxLayout()
        decisions.addWidget(self.accept_button)
        decisions.addWidget(self.reject_button)
        decisions.addWidget(self.undecide_button)
        decisions.addStretch(1)
        decisions.addWidget(self.counts)

        self.context_view = QTextBrowser(self)
        self.context_view.setObjectName("candidateContext")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.context_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("importMessage")
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "导入已接受的项目", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.import_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(doc_form)
        layout.addLayout(decisions)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.model.decisionsChanged.connect(self._update_counts)
        self.model.editRefused.connect(self.show_error)
        self.view.selectionModel().currentRowChanged.connect(self._show_context)
        self._update_counts()

    # --- loading ---------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择规划文件", "", FILE_FILTER)
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> bool:
        """Run the extractor on ``path`` and list its candidates for review."""
        self.path.setText(str(path))
        if not str(path).strip() or path == Path():
            self.show_error("请先选择规划文件")
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = extract_file(path)
        except ExtractError as error:
            self.show_error(str(error))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.result = result
        info = guess_document_info(result.source.name, result.title, result.source.lines)
        self.doc_title.setText(info.title)
        self.doc_number.setText(info.number)
        self._issued_on = info.issued_on
        with self.context.db.session() as session:
            known = existing_names(session, [c.name for c in result.candidates])
        items = [
            ReviewItem(c, candidate_data(c), duplicate=c.name in known)
            for c in result.candidates
        ]
        self.model.set_rows(items)
        self.show_info(
            f"从 {result.source.name}（{result.source.encoding}）提取出 {len(items)} 个候选项目。"
            "请逐个接受、修改或拒绝；只有接受的项目会导入项目库。"
        )
        if items:
            self.view.selectRow(0)
        return True

    # --- reviewing -------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.view.selectionModel().selectedRows()})

    def decide(self, decision: Decision) -> None:
        rows = self.selected_rows()
        if not rows:
            self.show_error("请先在列表中选择候选项目")
            return
        self.model.decide(rows, decision)

    def _update_counts(self) -> None:
        counts = self.model.counts()
        self.counts.setText(
            f"接受 {counts[Decision.ACCEPTED]}　拒绝 {counts[Decision.REJECTED]}　"
            f"待定 {counts[Decision.UNDECIDED]}"
        )
        self.import_button.setEnabled(counts[Decision.ACCEPTED] > 0)

    def _show_context(self, current: QModelIndex, _previous: QModelIndex) -> None:
        document = self.context_view.document()
        document.clear()
        if not current.isValid() or self.result is None:
            return
        candidate = self.model.rows[current.row()].candidate
        cursor = QTextCursor(document)
        muted = QTextCharFormat()
        muted.setForeground(QColor("#6b6b6b"))
        mark = QTextCharFormat()
        mark.setBackground(_HIGHLIGHT)
        mark.setFontWeight(QFont.Weight.Bold)
        plain = QTextCharFormat()
        for number, (line, quote) in enumerate(candidate_citations(candidate)):
            if number:
                cursor.insertBlock()
            cursor.insertText(f"第 {line} 行：", muted)
            paragraph = self.result.source.line(line)
            start = paragraph.find(quote)
            if start < 0:
                cursor.insertText(quote, mark)
                continue
            cursor.insertText(paragraph[:start], plain)
            cursor.insertText(quote, mark)
            cursor.insertText(paragraph[start + len(quote):], plain)
        self.context_view.moveCursor(QTextCursor.MoveOperation.Start)

    # --- importing -------------------------------------------------------------------------

    def document_info(self) -> DocumentInfo:
        assert self.result is not None
        return DocumentInfo(
            file=self.result.source.name,
            title=self.doc_title.text().strip(),
            issuer=self.doc_issuer.text().strip(),
            number=self.doc_number.text().strip(),
            issued_on=self._issued_on,
        )

    def import_accepted(self) -> bool:
        """Create the accepted candidates (one undoable step); False with a message if refused."""
        if self.result is None:
            self.show_error("请先选择规划文件并提取候选项目")
            return False
        accepted = [
            Accepted(item.data, candidate_citations(item.candidate))
            for item in self.model.accepted()
        ]
        outcome: dict[str, Any] = {}
        self.context.undo_stack.push(
            ImportCommand(self.context, self.document_info(), accepted, outcome)
        )
        if "error" in outcome:
            self.show_error(outcome["error"])
            return False
        self.imported_ids = outcome.get("ids", [])
        self.context.show_message(f"已导入 {len(self.imported_ids)} 个项目（可撤销）")
        self.accept()
        return True

    def show_error(self, text: str) -> None:
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setText(text)

    def show_info(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)


def open_import_dialog(context: AppContext, parent: QWidget | None = None) -> ExtractDialog:
    """Show the 导入规划文件 dialog (modal to ``parent``)."""
    dialog = ExtractDialog(context, parent)
    dialog.open()
    return dialog


__all__ = ["Decision", "ExtractDialog", "ReviewModel", "open_import_dialog"]
