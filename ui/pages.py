"""The pages of the main window, in navigation order.

A page is built lazily the first time it is shown, from ``factory`` ("module:Class"); the class
is constructed as ``Cls(context: AppContext, parent=None)``.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from ui.context import AppContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    #: "package.module:Class"
    factory: str


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "总览", "ui.overview.page:OverviewPage"),
    PageSpec("register", "项目库", "ui.register.page:RegisterPage"),
    PageSpec("monthly", "月度调度", "ui.monthly.page:MonthlyPage"),
    PageSpec("problems", "问题台账", "ui.problems.page:ProblemsPage"),
    PageSpec("gantt", "甘特图", "ui.gantt.page:GanttPage"),
    PageSpec("budget", "投资分析", "ui.budget.page:BudgetPage"),
    PageSpec("ranking", "晾晒排名", "ui.ranking.page:RankingPage"),
    PageSpec("campaign", "三个一批", "ui.campaign.page:CampaignPage"),
    PageSpec("targets", "规划目标", "ui.targets.page:TargetsPage"),
    PageSpec("catalog", "规划项目目录", "ui.catalog.page:CatalogPage"),
)

#: The page shown on first start, before the user has picked one.
DEFAULT_PAGE = "register"


def create_page(spec: PageSpec, context: AppContext, parent: QWidget | None = None) -> QWidget:
    """Build the page of ``spec``; a page whose construction fails shows the error instead."""
    module_name, _, class_name = spec.factory.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
        page: QWidget = cls(context, parent)
    except Exception as error:  # one broken page must not take the window down with it
        log.exception("cannot build page %s (%s)", spec.key, spec.factory)
        from ui.empty_page import EmptyPage

        return EmptyPage(spec.title, f"“{spec.title}”页面无法打开：{error}", parent)
    return page
