"""The 报表 menu: the monthly Excel report, the PDF briefing, 项目一张表, the schedule for MS
Project, and importing Excel workbooks and schedules (see :mod:`ui.reports.actions`)."""

from ui.reports.actions import ReportActions, install_report_actions

__all__ = ["ReportActions", "install_report_actions"]
