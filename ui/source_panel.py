"""来源: where a project is named in the planning documents, as the documents say it.

For each citation the panel shows the document's title, number and issuer, the section and
line, and the whole paragraph with the quoted words highlighted. Documents in traditional
script (with conversion noise) also get a simplified reading with the same words highlighted.
Paragraphs come from the documents shipped in ``resources/documents``; for a document that is
not shipped (one imported by the user) the quote itself is shown.

The panel is meant to be embedded: the project editor shows it as its 来源 tab (a project's
citations, :meth:`SourcePanel.set_project`), the 规划项目目录 page below its table (an entry's,
:meth:`SourcePanel.set_sources`). ``model``
lists the citations (the editor counts them for the tab's title); with several citations a
list beside the text jumps to each.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QStandardItem,
    QStandardItemModel,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db.session import Database
from portfolio import catalog
from portfolio.catalog import CitationSource
from portfolio.extract.normalise import is_traditional, normalise_line

#: background of the quoted words: a marker-pen yellow that prints well in grey too
HIGHLIGHT = QColor("#ffe066")
_MUTED = QColor("#6b6b6b")

#: role of a citation's anchor name in :attr:`SourcePanel.model`
AnchorRole = Qt.ItemDataRole.UserRole + 1


def _database(owner: object) -> Database:
    """The database of an AppContext, or the database itself."""
    db = getattr(owner, "db", owner)
    assert isinstance(db, Database)
    return db


class SourcePanel(QWidget):
    """The citations of one project with their paragraphs (see the module docstring)."""

    def __init__(
        self, context: object, project_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = _database(context)
        self.project_id: int | None = None
        self.sources: list[CitationSource] = []
        self.model = QStandardItemModel(0, 1, self)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(180)
        self.list.clicked.connect(self._jump)
        self.text = QTextBrowser(self)
        self.text.setObjectName("sourceText")
        self.text.setOpenLinks(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.text)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.splitter, 1)
        self.set_project(project_id)

    def citation_count(self) -> int:
        return self.model.rowCount()

    def set_project(self, project_id: int | None) -> None:
        """Show the citations of ``project_id`` (None: a project not saved yet)."""
        self.project_id = project_id
        sources: list[CitationSource] = []
        if project_id is not None:
            with self._db.session() as session:
                sources = catalog.citation_sources(session, project_id)
        self.set_sources(sources)

    def set_sources(self, sources: list[CitationSource]) -> None:
        """Show ``sources`` (those of a catalogue entry, say)."""
        self.sources = sources
        self.model.clear()
        for number, source in enumerate(self.sources, 1):
            item = QStandardItem(
                f"{number}. {source.document_number or source.document_title}\n第 {source.line} 行"
            )
            item.setToolTip(source.document_title)
            item.setData(f"citation{number}", AnchorRole)
            self.model.appendRow(item)
        if not self.sources:
            self.intro.setText("本项目不是从规划文件中录入的，没有来源引用。")
        elif len(self.sources) == 1:
            self.intro.setText("本项目在规划文件中的出处，引用的原文以黄色标出。")
        else:
            self.intro.setText(
                f"本项目在规划文件中有 {len(self.sources)} 处出处，引用的原文以黄色标出；"
                "点左侧列表跳到该处。"
            )
        self.list.setVisible(len(self.sources) > 1)
        self.splitter.setVisible(bool(self.sources))
        self._render()

    # --- drawing ---------------------------------------------------------------------------

    def _render(self) -> None:
        document = self.text.document()
        document.clear()
        cursor = QTextCursor(document)
        base = QTextCharFormat()
        for number, source in enumerate(self.sources, 1):
            self._write_source(cursor, number, source, base)
        self.text.moveCursor(QTextCursor.MoveOperation.Start)

    def _write_source(
        self, cursor: QTextCursor, number: int, source: CitationSource, base: QTextCharFormat
    ) -> None:
        block = QTextBlockFormat()
        block.setTopMargin(0 if number == 1 else 18)
        block.setBottomMargin(2)
        if number > 1:
            cursor.insertBlock(block)
        else:
            cursor.setBlockFormat(block)
        title = QTextCharFormat(base)
        title.setFontWeight(QFont.Weight.Bold)
        title.setFontPointSize(self.font().pointSizeF() * 1.15)
        title.setAnchor(True)
        title.setAnchorNames([f"citation{number}"])
        cursor.insertText(f"《{source.document_title}》", title)
        muted = QTextCharFormat(base)
        muted.setForeground(_MUTED)
        cursor.insertBlock(QTextBlockFormat())
        facts = [part for part in (source.issuer, source.document_number) if part]
        facts.append(f"第 {source.line} 行")
        if source.heading:
            facts.append(f"所在章节：{source.heading}")
        cursor.insertText("　".join(facts), muted)
        paragraph_format = QTextBlockFormat()
        paragraph_format.setTopMargin(6)
        proportional = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        paragraph_format.setLineHeight(140, proportional)
        cursor.insertBlock(paragraph_format)
        span = source.quote_span
        if source.paragraph is None or span is None:
            # the document is not shipped (or changed): the quote is what we know
            cursor.insertText("引文：", muted)
            cursor.insertText(source.quote, self._highlight(base))
            if source.paragraph is None:
                cursor.insertBlock(QTextBlockFormat())
                cursor.insertText("（原文件未随程序提供，只能显示引文。）", muted)
            return
        self._write_highlighted(cursor, source.paragraph, span, base)
        simplified = self._simplified(source.paragraph, span)
        if simplified is not None:
            text, simple_span = simplified
            label = QTextBlockFormat()
            label.setTopMargin(8)
            cursor.insertBlock(label)
            cursor.insertText("简体对照（已去除转换杂字）：", muted)
            cursor.insertBlock(paragraph_format)
            self._write_highlighted(cursor, text, simple_span, muted)

    def _highlight(self, base: QTextCharFormat) -> QTextCharFormat:
        mark = QTextCharFormat(base)
        mark.setBackground(HIGHLIGHT)
        mark.setForeground(QColor("#000000"))
        mark.setFontWeight(QFont.Weight.Bold)
        return mark

    def _write_highlighted(
        self, cursor: QTextCursor, text: str, span: tuple[int, int], base: QTextCharFormat
    ) -> None:
        start, end = span
        cursor.insertText(text[:start], base)
        cursor.insertText(text[start:end], self._highlight(base))
        cursor.insertText(text[end:], base)

    @staticmethod
    def _simplified(paragraph: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
        """The simplified reading of a traditional paragraph and where the quote is in it."""
        if not is_traditional([paragraph]):
            return None
        line = normalise_line(0, paragraph, convert=True)
        inside = [i for i, column in enumerate(line.columns) if span[0] <= column < span[1]]
        if not inside:
            return None
        return line.text, (inside[0], inside[-1] + 1)

    def _jump(self, index: QModelIndex) -> None:
        anchor = index.data(AnchorRole)
        if anchor:
            self.text.scrollToAnchor(anchor)
