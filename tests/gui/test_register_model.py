"""The register model: search (including pinyin initials), filters, SQL sort, lazy paging."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from db import queries
from db.queries import ProjectFilter
from portfolio import projects
from portfolio.projects import ProjectData
from ui.context import AppContext
from ui.register.columns import COLUMN_INDEX
from ui.register.model import PAGE_SIZE, RegisterModel

NAME = COLUMN_INDEX["name"]
MONEY = COLUMN_INDEX["total_investment"]


def _add(db, *items: ProjectData) -> list[int]:
    with db.transaction() as session:
        return [projects.create(session, item) for item in items]


@pytest.fixture
def context(db, qapp) -> AppContext:
    return AppContext(db)


@pytest.fixture
def sample(db) -> list[int]:
    return _add(
        db,
        ProjectData(name="万邦国际物流园", category="服务业", stage="续建", township="城关镇",
                    unit="县商务局", levels=["省重点"], total_investment=Decimal("120000")),
        ProjectData(name="兰考县第三高级中学", category="社会事业", stage="新开工",
                    township="仪封乡", unit="县教育局", levels=["县重点", "市重点"],
                    total_investment=Decimal("32000.5")),
        ProjectData(name="黄河湾风电场", category="交通能源", stage="前期", township="东坝头乡",
                    unit="县发展和改革委员会", total_investment=None,
                    planned_start=dt.date(2026, 3, 1)),
    )


def _names(model: RegisterModel) -> list[str]:
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


def test_search_by_name_and_by_pinyin_initials(context, sample) -> None:
    model = RegisterModel(context)
    assert model.rowCount() == 3
    context.set_filter(ProjectFilter(text="wbwl"))
    assert _names(model) == ["万邦国际物流园"]
    context.set_filter(ProjectFilter(text="高级中学"))
    assert _names(model) == ["兰考县第三高级中学"]
    context.set_filter(ProjectFilter(text="fengdian"))  # full pinyin
    assert _names(model) == ["黄河湾风电场"]
    context.set_filter(ProjectFilter(text="教育局"))  # the responsible unit
    assert _names(model) == ["兰考县第三高级中学"]
    context.set_filter(ProjectFilter(text="不存在的项目"))
    assert model.rowCount() == 0


def test_filters_combine(context, sample, db) -> None:
    model = RegisterModel(context)
    context.set_filter(ProjectFilter(categories=("服务业", "社会事业")))
    assert sorted(_names(model)) == ["万邦国际物流园", "兰考县第三高级中学"]
    context.set_filter(ProjectFilter(categories=("服务业", "社会事业"), levels=("市重点",)))
    assert _names(model) == ["兰考县第三高级中学"]
    context.set_filter(ProjectFilter(stages=("前期",), townships=("东坝头乡",)))
    assert _names(model) == ["黄河湾风电场"]
    with db.session() as session:
        units = dict((name, uid) for uid, name in queries.filter_choices(session).units)
    context.set_filter(ProjectFilter(unit_ids=(units["县商务局"],), text="wbwl"))
    assert _names(model) == ["万邦国际物流园"]


def test_header_sort_goes_to_sql_with_empty_last(context, sample) -> None:
    model = RegisterModel(context)
    model.sort(MONEY, Qt.SortOrder.DescendingOrder)
    assert context.sort == ("total_investment", True)
    assert _names(model) == ["万邦国际物流园", "兰考县第三高级中学", "黄河湾风电场"]
    model.sort(MONEY, Qt.SortOrder.AscendingOrder)
    assert _names(model) == ["兰考县第三高级中学", "万邦国际物流园", "黄河湾风电场"]
    model.sort(COLUMN_INDEX["levels"], Qt.SortOrder.AscendingOrder)  # not sortable: ignored
    assert context.sort == ("total_investment", False)


def test_money_shows_two_decimals_right_aligned_and_levels_in_order(context, sample) -> None:
    model = RegisterModel(context)
    row = model.row_of(sample[1])
    assert model.index(row, MONEY).data() == "32000.50"
    alignment = model.index(row, MONEY).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.index(row, COLUMN_INDEX["levels"]).data() == "市重点、县重点"
    assert model.index(model.row_of(sample[2]), MONEY).data() == ""


def test_rows_are_fetched_lazily_by_page(context, db) -> None:
    _add(db, *(ProjectData(name=f"测试项目{i:04d}") for i in range(1000)))
    model = RegisterModel(context)
    assert model.rowCount() == 1000
    assert model.pages_fetched == 0
    assert model.index(0, NAME).data() == "测试项目0000"
    assert model.index(PAGE_SIZE - 1, NAME).data() == f"测试项目{PAGE_SIZE - 1:04d}"
    assert model.pages_fetched == 1
    assert model.index(999, NAME).data() == "测试项目0999"
    assert model.pages_fetched == 2
    assert model.cached_pages == [0, 999 // PAGE_SIZE]


def test_register_view_fetches_only_visible_pages(context, db, qtbot) -> None:
    from PySide6.QtWidgets import QTableView

    _add(db, *(ProjectData(name=f"测试项目{i:04d}") for i in range(1000)))
    model = RegisterModel(context)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: model.pages_fetched > 0)
    qtbot.wait(20)
    assert model.cached_pages == [0]
    view.scrollToBottom()
    qtbot.waitUntil(lambda: len(model.cached_pages) == 2)
    assert model.cached_pages == [0, 999 // PAGE_SIZE]


def test_edit_through_model_is_undoable(context, sample, db) -> None:
    model = RegisterModel(context)
    row = model.row_of(sample[0])
    assert model.setData(model.index(row, NAME), "万邦国际物流园（一期）")
    with db.session() as session:
        assert projects.load(session, sample[0]).name == "万邦国际物流园（一期）"
    assert model.index(row, NAME).data() == "万邦国际物流园（一期）"
    context.undo_stack.undo()
    with db.session() as session:
        assert projects.load(session, sample[0]).name == "万邦国际物流园"
    assert model.index(row, NAME).data() == "万邦国际物流园"
    context.undo_stack.redo()
    assert model.index(row, NAME).data() == "万邦国际物流园（一期）"


def test_bad_money_is_refused_with_a_chinese_message(context, sample, db) -> None:
    model = RegisterModel(context)
    messages: list[str] = []
    context.statusMessage.connect(messages.append)
    index = model.index(model.row_of(sample[0]), MONEY)
    assert not model.setData(index, "很多")
    assert not model.setData(index, "-5")
    assert "总投资（万元）应为数字" in messages[0]
    assert "总投资（万元）不能为负数" in messages[1]
    assert context.undo_stack.count() == 0
    with db.session() as session:
        assert projects.load(session, sample[0]).total_investment == Decimal("120000")
    assert model.setData(index, "1,234.5")
    with db.session() as session:
        assert projects.load(session, sample[0]).total_investment == Decimal("1234.50")


def test_planned_finish_before_start_is_refused(context, sample) -> None:
    model = RegisterModel(context)
    messages: list[str] = []
    context.statusMessage.connect(messages.append)
    index = model.index(model.row_of(sample[2]), COLUMN_INDEX["planned_finish"])
    assert not model.setData(index, dt.date(2025, 1, 1))
    assert messages == ["未保存：计划竣工日期不能早于计划开工日期"]


def test_levels_the_list_does_not_know_sort_last() -> None:
    """An older database may hold a level no longer in LEVELS: it is shown last, not a crash
    (sorting by a rank of None raised TypeError)."""
    from portfolio.vocabulary import LEVELS
    from ui.register.model import _level_rank

    assert sorted(["区级重点", LEVELS[1], LEVELS[0]], key=_level_rank) == [
        LEVELS[0], LEVELS[1], "区级重点"]
