"""pytest-qt's ``qtmodeltester`` on every item model of ours, filled from a real portfolio.

Each case builds the model the way its page does, on :func:`tests.report_db.seed`'s portfolio
(the plan targets need the shipped catalogue), and lets Qt's own QAbstractItemModelTester walk
it and check the rules for indexes, row counts, parents, flags and data roles.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QWidget

from db.queries import ProjectFilter
from db.session import Database
from tests.report_db import PERIOD
from ui.context import AppContext

#: pages whose models are under test, kept alive until the test ends
_KEEP: list[QWidget] = []


def _register(context: AppContext) -> QAbstractItemModel:
    from ui.register.model import RegisterModel

    return RegisterModel(context)


def _entry(context: AppContext) -> QAbstractItemModel:
    from ui.monthly.model import EntryModel

    model = EntryModel(context)
    model.load(PERIOD)
    return model


def _totals(context: AppContext) -> QAbstractItemModel:
    from ui.monthly.totals import TotalsModel

    return TotalsModel(_entry(context), context)


def _plans(context: AppContext) -> QAbstractItemModel:
    from ui.monthly.plan_grid import PlanModel

    model = PlanModel(context, PERIOD.year, ProjectFilter())
    model.load()
    return model


def _gantt(context: AppContext) -> QAbstractItemModel:
    from ui.gantt.model import GanttModel

    model = GanttModel(context)
    model.read_ahead = False  # pages read on the test's thread
    return model


def _overview(context: AppContext, which: str) -> QAbstractItemModel:
    from ui.overview.page import OverviewPage

    page = OverviewPage(context)
    _KEEP.append(page)
    page.reload()
    return page.lagging_model if which == "lagging" else page.summary_models[which]


def _budget(context: AppContext, which: str) -> QAbstractItemModel:
    from ui.budget.page import BudgetPage

    page = BudgetPage(context)
    _KEEP.append(page)
    page.refresh()
    model: QAbstractItemModel = getattr(page, f"{which}_model")
    return model


def _targets(context: AppContext, which: str) -> QAbstractItemModel:
    from ui.targets.page import TargetsPage

    page = TargetsPage(context)
    _KEEP.append(page)
    page.reload()
    return page.proxy if which == "proxy" else page.model


MODELS: dict[str, Callable[[AppContext], QAbstractItemModel]] = {
    "register": _register,
    "monthly entry": _entry,
    "monthly totals": _totals,
    "annual plans": _plans,
    "gantt": _gantt,
    "overview by category": lambda c: _overview(c, "category"),
    "overview lagging": lambda c: _overview(c, "lagging"),
    "budget groups": lambda c: _budget(c, "group"),
    "budget curve": lambda c: _budget(c, "curve"),
    "budget funding": lambda c: _budget(c, "funding"),
    "budget funds received": lambda c: _budget(c, "funds"),
}

#: the plan targets exist only in the shipped catalogue
CATALOG_MODELS: dict[str, Callable[[AppContext], QAbstractItemModel]] = {
    "targets": lambda c: _targets(c, "model"),
    "targets filter": lambda c: _targets(c, "proxy"),
}


def _check(qtmodeltester, db: Database, build: Callable[[AppContext], QAbstractItemModel]) -> None:
    context = AppContext(db)
    context.set_period(PERIOD)
    try:
        model = build(context)
        assert model.rowCount() > 0, "the model shows nothing to test"
        qtmodeltester.check(model)
    finally:
        while _KEEP:
            _KEEP.pop().deleteLater()


@pytest.mark.parametrize("build", MODELS.values(), ids=MODELS.keys())
def test_model(qtmodeltester, qapp, report_db: Database,
               build: Callable[[AppContext], QAbstractItemModel]) -> None:
    _check(qtmodeltester, report_db, build)


@pytest.mark.parametrize("build", CATALOG_MODELS.values(), ids=CATALOG_MODELS.keys())
def test_catalog_model(qtmodeltester, qapp, catalog_db: Database,
                       build: Callable[[AppContext], QAbstractItemModel]) -> None:
    _check(qtmodeltester, catalog_db, build)
