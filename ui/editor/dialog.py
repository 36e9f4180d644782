"""The project editor dialog: the form (:mod:`ui.editor.form`) and the project's tabs —
sources, annual plans, 前期手续, 资金到位, 现场照片.

Nothing is written while the form is invalid. A valid save is one undoable command: editing
pushes old → new data, adding pushes a creation that undo deletes. The other tabs write each
edit at once, as their own undoable commands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from portfolio import projects
from portfolio.projects import ProjectData, ValidationError
from ui.context import AppContext
from ui.editor.commands import AddProjectCommand, EditProjectCommand
from ui.editor.form import ERROR_STYLE, ProjectForm
from ui.editor.funds_panel import FundsPanel
from ui.editor.photos_panel import PhotosPanel
from ui.editor.steps_panel import StepsPanel
from ui.monthly.project_plans import ProjectPlansPanel
from ui.source_panel import SourcePanel


def _comparable(data: ProjectData) -> ProjectData:
    return data.with_changes(levels=sorted(data.levels))


class ProjectEditor(QDialog):
    """Edits ``project_id``, or a new project when it is None."""

    def __init__(
        self, context: AppContext, project_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self.project_id = project_id
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)

        with context.db.session() as session:
            data = projects.load(session, project_id) if project_id is not None else ProjectData()
            #: what the save is checked against: a project changed since is not overwritten
            self._loaded = data
            self.form = ProjectForm(
                projects.unit_names(session), projects.leader_names(session),
                projects.townships(session), projects.parent_choices(session, project_id))
        self.setWindowTitle(f"编辑项目 — {data.name}" if project_id is not None else "新建项目")
        self.fields: dict[str, QWidget] = self.form.fields
        self.errors: dict[str, QLabel] = self.form.errors
        self.level_boxes: dict[str, QCheckBox] = self.form.level_boxes

        self.banner = QLabel(self)
        self.banner.setObjectName("errorBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(ERROR_STYLE + "font-weight: bold;")
        self.banner.hide()

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, "项目信息")
        self.sources = SourcePanel(context, project_id, self)
        self.tabs.addTab(self.sources, f"来源（{self.sources.model.rowCount()}）")
        if project_id is not None:
            self.tabs.addTab(ProjectPlansPanel(context, project_id, self), "年度计划")
            self.tabs.addTab(StepsPanel(context, project_id, self), "前期手续")
            self.tabs.addTab(FundsPanel(context, project_id, self), "资金到位")
            self.photos = PhotosPanel(context, project_id, self)
            self.tabs.addTab(self.photos, "现场照片")
            self.photos.model.modelReset.connect(self._photos_title)
            self._photos_title()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(1000, 760)
        self.set_data(data)

    def _photos_title(self) -> None:
        count = self.photos.model.rowCount()
        self.tabs.setTabText(self.tabs.indexOf(self.photos),
                             f"现场照片（{count}）" if count else "现场照片")

    def set_data(self, data: ProjectData) -> None:
        self.form.set_data(data)

    def data(self) -> ProjectData:
        """The form's project; raises :class:`ValidationError` for every wrong field."""
        return self.form.data()

    # --- saving ------------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        if errors:
            self.banner.setText("未保存，请修改以下内容：" + "；".join(errors.values()))
            self.banner.show()
            self.tabs.setCurrentIndex(0)
        else:
            self.banner.hide()
        self.form.show_errors(errors)

    def save(self) -> bool:
        """Validate and save as one undoable step; False (and nothing saved) when invalid."""
        try:
            data = self.data()
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        self.show_errors({})
        stack = self._context.undo_stack
        if self.project_id is None:
            command = AddProjectCommand(self._context, data)
            stack.push(command)
            if command.project_id is None:  # the database refused; the message is shown
                return False
            self.project_id = command.project_id
            self._context.select_project(command.project_id)
        else:
            old = self._loaded
            if _comparable(old) != _comparable(data):
                stack.push(EditProjectCommand(self._context, self.project_id, old, data))
        self.accept()
        return True
