"""The 晾晒排名 and 三个一批 pages on a demo portfolio: their models pass Qt's model tester,
the red and black lists are highlighted, the toggle switches the grouping."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from portfolio import demo, ranking
from portfolio.periods import Period
from ui.context import AppContext

PERIOD = Period(2026, 6)


@pytest.fixture
def context(db, qtbot):  # type: ignore[no-untyped-def]
    demo.generate(db, projects=80, years=2, seed=7, today=dt.date(2026, 7, 15))
    ctx = AppContext(db)
    ctx.set_period(PERIOD)
    return ctx


def test_ranking_page(context, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from ui.ranking.model import LIST_BACKGROUNDS
    from ui.ranking.page import RankingPage

    page = RankingPage(context)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    with context.db.session() as s:
        expected = ranking.ranking(s, PERIOD, by="township")
    model = page.model
    assert model.rowCount() == len(expected.groups) + 1
    assert model.headerData(1, Qt.Orientation.Horizontal) == "乡镇/街道"
    first = model.index(0, 0)
    assert model.data(first) == "1"
    assert model.headerData(11, Qt.Orientation.Horizontal) == "逾期未解决问题"
    assert [model.data(model.index(row, 11)) for row in range(len(expected.groups))] == [
        str(g.overdue_problems) for g in expected.groups]
    assert model.data(model.index(len(expected.groups), 11)) == str(expected.overdue_problems)
    assert model.data(model.index(0, 12)) == "红榜"
    assert model.data(first, Qt.ItemDataRole.BackgroundRole).color().name() == LIST_BACKGROUNDS[
        ranking.RED]
    black_row = next(i for i, g in enumerate(expected.groups) if g.listed == ranking.BLACK)
    assert model.data(model.index(black_row, 0),
                      Qt.ItemDataRole.BackgroundRole).color().name() == LIST_BACKGROUNDS[
        ranking.BLACK]
    assert model.data(model.index(model.rowCount() - 1, 1)) == "合计"
    assert expected.red[0].label in page.red_label.text()
    page.set_by("unit")
    assert page.by == "unit"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "责任单位"
    qtmodeltester.check(model)


def test_campaign_page(context, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from ui.campaign.page import CampaignPage

    page = CampaignPage(context)
    qtbot.addWidget(page)
    qtmodeltester.check(page.batches_model)
    assert page.batch is not None and page.batch.issue == page.batches_model.rows[0].issue
    chosen = max(page.batches_model.rows, key=lambda b: b.project_count)
    page.select_issue(chosen.issue)
    assert page.batch is chosen
    for tag, model in page.list_models.items():
        assert model.rowCount() == chosen.count(tag)
        if model.rowCount():
            qtmodeltester.check(model)
    assert chosen.label in page.batch_title.text()
