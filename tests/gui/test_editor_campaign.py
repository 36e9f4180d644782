"""The editor's three 三个一批 期 fields: each list's 期 shown and saved on its own (undoably),
and a later list filed before an earlier one refused under its field."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QComboBox

from db.session import Database
from portfolio import campaign, projects
from portfolio.projects import ProjectData, create
from ui.context import AppContext
from ui.editor.dialog import ProjectEditor


def _editor(db: Database, qtbot) -> tuple[AppContext, ProjectEditor, int]:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        pid = create(s, ProjectData(name="新材料产业园", total_investment=Decimal("60000"),
                                    signed_issue=21, started_issue=22))
    context = AppContext(db)
    editor = ProjectEditor(context, pid)
    qtbot.addWidget(editor)
    return context, editor, pid


def _choose(combo: QComboBox, issue: int | None) -> None:
    combo.setCurrentIndex(combo.findData(issue))


def test_each_list_has_its_batch_saved_and_undone(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    context, editor, pid = _editor(db, qtbot)
    signed: QComboBox = editor.fields["signed_issue"]  # type: ignore[assignment]
    produced: QComboBox = editor.fields["produced_issue"]  # type: ignore[assignment]
    assert signed.currentText() == "2026年第1期"
    assert editor.fields["started_issue"].currentText() == "2026年第2期"  # type: ignore[attr-defined]
    assert produced.currentText() == "（无）"
    _choose(produced, campaign.issue_of(2026, 4))
    assert editor.save()
    with db.session() as s:
        saved = projects.load(s, pid)
    assert (saved.signed_issue, saved.started_issue, saved.produced_issue) == (21, 22, 24)
    context.undo_stack.undo()
    with db.session() as s:
        assert projects.load(s, pid).produced_issue is None


def test_a_list_before_the_previous_one_is_refused_under_its_field(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    _context, editor, pid = _editor(db, qtbot)
    _choose(editor.fields["produced_issue"], 21)  # type: ignore[arg-type]
    assert not editor.save()
    message = editor.errors["produced_issue"].text()
    assert message == "投产期（2026年第1期）不能早于开工期（2026年第2期）"
    assert not editor.errors["produced_issue"].isHidden()
    with db.session() as s:
        assert projects.load(s, pid).produced_issue is None


def test_the_campaign_page_shows_each_list_in_its_own_batch(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.campaign.page import CampaignPage

    context = AppContext(db)
    page = CampaignPage(context)
    qtbot.addWidget(page)
    assert page.batch is None and "签约期、开工期、投产期" in page.batch_title.text()
    with db.transaction() as s:
        create(s, ProjectData(name="新材料产业园", total_investment=Decimal("60000"),
                              signed_issue=21, started_issue=22, produced_issue=24))
    page.reload()
    assert [b.code for b in page.batches_model.rows] == ["2026-4", "2026-2", "2026-1"]
    for issue, tag in ((21, "签约"), (22, "开工"), (24, "投产")):
        page.select_issue(issue)
        counts = {t: m.rowCount() for t, m in page.list_models.items()}
        assert counts == {t: int(t == tag) for t in campaign.LISTS}, (issue, counts)
