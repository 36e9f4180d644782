"""The pages of the main window, in navigation order.

A page is built lazily the first time it is shown, from ``factory`` ("module:Class"); the class
is constructed as ``Cls(context: AppContext, parent=None)``. A page without a factory yet
shows ``empty_text`` instead, so the navigation is complete from the start.
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
    #: "package.module:Class", or None while the page is not built yet
    factory: str | None
    #: what the page will hold, shown while ``factory`` is None
    empty_text: str = ""


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "overview", "总览", "ui.overview.page:OverviewPage",
        "总览：全县重点项目个数、总投资、年度计划投资与1—N月完成投资、完成率与序时进度对比、"
        "分领域进展和滞后项目预警……尚未建成。",
    ),
    PageSpec("register", "项目库", "ui.register.page:RegisterPage"),
    PageSpec(
        "monthly", "月度调度", "ui.monthly.page:MonthlyPage",
        "月度调度：按月录入本月完成投资、形象进度、存在问题、下步计划和开工情况，"
        "锁定并报送当月数据……尚未建成。",
    ),
    PageSpec(
        "gantt", "甘特图", "ui.gantt.page:GanttPage",
        "甘特图：按项目库的筛选和顺序挂图作战，显示每个项目的计划与实际起止时间和状态……尚未建成。",
    ),
    PageSpec(
        "budget", "投资分析", "ui.budget.page:BudgetPage",
        "投资分析：总投资、年度计划投资、完成投资与资金来源，按领域、单位和乡镇汇总对比……"
        "尚未建成。",
    ),
    PageSpec(
        "targets", "规划目标", "ui.targets.page:TargetsPage",
        "规划目标：五个规划文件中的量化目标（如新增集中式风电50万千瓦、新建学校11所）"
        "及对应项目的完成情况……尚未建成。",
    ),
)

#: The page shown on first start, before the user has picked one.
DEFAULT_PAGE = "register"


def page_spec(key: str) -> PageSpec:
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(key)


def create_page(spec: PageSpec, context: AppContext, parent: QWidget | None = None) -> QWidget:
    """Build the page of ``spec`` (its placeholder while it has no factory)."""
    if spec.factory is None:
        from ui.empty_page import EmptyPage

        return EmptyPage(spec.title, spec.empty_text, parent)
    module_name, _, class_name = spec.factory.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
        page: QWidget = cls(context, parent)
    except Exception as error:  # one broken page must not take the window down with it
        log.exception("cannot build page %s (%s)", spec.key, spec.factory)
        from ui.empty_page import EmptyPage

        return EmptyPage(spec.title, f"“{spec.title}”页面无法打开：{error}", parent)
    return page
