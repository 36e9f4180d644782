"""One project's annual plans, for the project editor: a year picker over the plan grid
narrowed to the project, and a line per year that has a plan.

The editor embeds it with ``tabs.addTab(ProjectPlansPanel(context, project_id, self), "年度计划")``.
Edits are undoable commands of their own (each saved at once), like every grid edit.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from db.queries import ProjectFilter
from portfolio import plans
from portfolio.money import format_money
from portfolio.periods import Period
from ui.context import AppContext
from ui.monthly.grid import GridView
from ui.monthly.plan_grid import HINT, PlanModel


class ProjectPlansPanel(QWidget):
    def __init__(self, context: AppContext, project_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.project_id = project_id
        year = context.period.year if context.period else Period.current().year
        self.model = PlanModel(context, year, ProjectFilter(project_ids=(project_id,)), self)
        self.view = GridView(self)
        self.view.setObjectName("projectPlanGrid")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        for column in range(3):  # name, 领域, unit: the editor shows them already
            self.view.setColumnHidden(column, True)
        for column in range(3, self.model.columnCount()):
            self.view.setColumnWidth(column, 84)
        self.view.setMaximumHeight(self.view.verticalHeader().defaultSectionSize() * 2 + 30)
        self.year_box = QSpinBox(self)
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(year)
        self.year_box.setSuffix(" 年")
        self.year_box.valueChanged.connect(self.model.load)
        self.years = QLabel(self)
        self.years.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setStyleSheet("color:#5f6368")
        self.view.message.connect(self.message.setText)
        self.model.modelReset.connect(self._show_years)
        top = QHBoxLayout()
        top.addWidget(QLabel("计划年度", self))
        top.addWidget(self.year_box)
        top.addStretch(1)
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#5f6368")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(self.message)
        layout.addWidget(QLabel("各年度计划：", self))
        layout.addWidget(self.years)
        layout.addWidget(hint)
        layout.addStretch(1)
        self._show_years()

    def _show_years(self) -> None:
        with self.context.db.session() as session:
            every = plans.plans_of(session, self.project_id)
        if not every:
            self.years.setText("尚无年度计划：在上表“年度计划投资”中填写即可建立。")
            return
        lines = []
        for plan in every:
            text = f"{plan.year}年：{format_money(plan.planned_investment, grouped=True)}万元"
            if plan.planned_start_month:
                text += f"，{plan.planned_start_month}月开工"
            if plan.planned_finish_month:
                text += f"，{plan.planned_finish_month}月竣工"
            text += f"（{plans.DISTRIBUTIONS[plan.distribution]}）"
            lines.append(text)
        self.years.setText("\n".join(lines))
