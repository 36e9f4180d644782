"""The 导入规划文件 dialog: choose a file, review its candidates, import the accepted ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
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
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from portfolio.extract import ExtractError, ExtractResult, extract_file
from portfolio.extract.importing import (
    Accepted,
    DocumentInfo,
    candidate_citations,
    candidate_data,
    existing_names,
    guess_document_info,
)
from portfolio.vocabulary import CATEGORIES, KINDS, PROJECT_TYPES
from ui.context import AppContext
from ui.extract.command import ImportCommand
from ui.extract.delegate import ChoiceDelegate
from ui.extract.model import Decision, ReviewItem, ReviewModel

FILE_FILTER = "规划文件 (*.txt *.docx *.pdf);;文本 (*.txt);;Word 文档 (*.docx);;PDF (*.pdf)"
_HIGHLIGHT = QColor("#ffe066")


class ExtractDialog(QDialog):
    """Choose a file, review its candidates, import the accepted ones."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.extracted: ExtractResult | None = None
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
            (ReviewModel.SCALE, 160), (ReviewModel.LINE, 50), (ReviewModel.VERDICT, 84),
            (ReviewModel.HINT, 170),
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
        self.extracted = result
        info = guess_document_info(result.source.name, result.title, result.source.lines)
        self.doc_title.setText(info.title)
        self.doc_number.setText(info.number)
        self._issued_on = info.issued_on
        with self.context.db.session() as session:
            known = existing_names(session, [c.name for c in result.candidates])
        items = [
            ReviewItem(
                c, candidate_data(c), duplicate=c.name in known,
                # what the extractor set aside starts rejected, its reason in the 提示 column
                decision=Decision.REJECTED if c.reason else Decision.UNDECIDED,
            )
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
        if not current.isValid() or self.extracted is None:
            return
        candidate = self.model.rows[current.row()].candidate
        cursor = QTextCursor(document)
        muted = QTextCharFormat()
        muted.setForeground(QColor("#6b6b6b"))
        mark = QTextCharFormat()
        mark.setBackground(_HIGHLIGHT)
        mark.setFontWeight(QFont.Weight.Bold)
        plain = QTextCharFormat()
        verdict = QTextCharFormat()
        verdict.setFontWeight(QFont.Weight.Bold)
        verdict.setForeground(QColor("#b03a2e" if candidate.reason else "#2e7d32"))
        cursor.insertText(f"提取建议：{candidate.verdict}", verdict)
        if candidate.reason:
            cursor.insertText(f"　理由：{candidate.reason}", verdict)
        for item in candidate.evidence:
            cursor.insertBlock()
            cursor.insertText(f"{item.what}依据（第 {item.line} 行）：", muted)
            cursor.insertText(item.text, plain)
        for line, quote in candidate_citations(candidate):
            cursor.insertBlock()
            cursor.insertText(f"第 {line} 行：", muted)
            paragraph = self.extracted.source.line(line)
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
        assert self.extracted is not None
        return DocumentInfo(
            file=self.extracted.source.name,
            title=self.doc_title.text().strip(),
            issuer=self.doc_issuer.text().strip(),
            number=self.doc_number.text().strip(),
            issued_on=self._issued_on,
        )

    def import_accepted(self) -> bool:
        """Create the accepted candidates (one undoable step); False with a message if refused."""
        if self.extracted is None:
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


__all__ = ["ExtractDialog", "open_import_dialog"]
