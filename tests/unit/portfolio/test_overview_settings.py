"""预警设置: the thresholds dialog saves what it shows, refuses nothing silently, and the
overview follows the new thresholds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from db.models import AnnualPlan, MonthlyReport
from portfolio import alerts, projects
from portfolio.periods import Period
from portfolio.projects import ProjectData

D = Decimal


def test_thresholds_dialog_saves_and_the_overview_follows(db, qtbot) -> None:
    from ui.context import AppContext
    from ui.overview.page import OverviewPage
    from ui.settings_dialog import ThresholdsDialog

    with db.transaction() as s:
        pid = projects.create(s, ProjectData(name="慢项目", total_investment=D("1000"),
                                             actual_start=dt.date(2026, 1, 2)))
        s.add(AnnualPlan(project_id=pid, year=2026, planned_investment=D("1200")))
        s.add(MonthlyReport(project_id=pid, year=2026, month=6, investment=D("420")))
    context = AppContext(db)
    context.set_period(Period(2026, 6))
    page = OverviewPage(context)
    qtbot.addWidget(page)
    assert page.tiles["warned"].value.text() == "1个"  # 35.0% against 50.0%: 15 points
    dialog = ThresholdsDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.thresholds() == alerts.Thresholds()
    dialog.behind.setValue(15.5)
    dialog.idle.setValue(3)
    changed: list[bool] = []
    context.dataChanged.connect(lambda: changed.append(True))
    dialog.accept()
    assert changed
    with db.session() as s:
        assert alerts.load_thresholds(s) == alerts.Thresholds(D("15.5"), 3, 0, 0)
    page.reload()
    assert page.tiles["warned"].value.text() == "0个"
    again = ThresholdsDialog(context)
    qtbot.addWidget(again)
    assert again.behind.value() == 15.5
    again.show_thresholds(alerts.Thresholds())
    assert again.thresholds() == alerts.Thresholds()
