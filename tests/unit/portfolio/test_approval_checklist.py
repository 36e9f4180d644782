"""The office's 前期手续 lists, one per 建设性质: each project gets its own 建设性质's list, the
office edits and resets them, a bad list is refused naming it, and a database holding the
single list of earlier versions reads it as before."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from db.models import AuditEntry, Setting
from portfolio import approval_checklist, approvals
from portfolio.approval_checklist import APPROVALS, Checklists
from portfolio.projects import ProjectData, create


def _project(db, stage: str) -> int:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return create(s, ProjectData(name=f"{stage}项目", stage=stage,
                                     total_investment=Decimal("1000")))


def _names(db, pid: int) -> list[str]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return [st.name for st in approvals.steps_of(s, pid)]


def test_each_project_gets_its_natures_list_once(db) -> None:  # type: ignore[no-untyped-def]
    pids = {stage: _project(db, stage) for stage in ("储备", "前期", "新开工", "续建", "竣工")}
    with db.transaction() as s:
        added = {stage: approval_checklist.apply(s, pid) for stage, pid in pids.items()}
        assert approval_checklist.apply(s, pids["前期"]) == 0  # applying twice adds nothing
    assert added == {"储备": 2, "前期": 9, "新开工": 9, "续建": 0, "竣工": 0}
    assert _names(db, pids["储备"]) == ["立项（审批/核准/备案）", "用地预审与选址"]
    assert _names(db, pids["新开工"]) == list(APPROVALS)
    with db.session() as s:  # audited like every change
        assert s.scalar(select(AuditEntry.id).where(
            AuditEntry.table_name == "approval_steps",
            AuditEntry.project_id == pids["前期"]).limit(1)) is not None
        assert approval_checklist.of_project(s, pids["续建"]) == ("续建", [])


def test_the_office_edits_one_natures_list_and_resets_it(db) -> None:  # type: ignore[no-untyped-def]
    pid = _project(db, "续建")
    with db.transaction() as s:
        lists = approval_checklist.load(s)
        approval_checklist.save(s, lists.with_names("续建", ["施工许可", "竣工验收备案"]), lists)
        approvals.add_step(s, pid, "主体封顶", "milestone")
        assert approval_checklist.apply(s, pid) == 2
        stored = approval_checklist.load(s)
        assert stored.names("续建") == ["施工许可", "竣工验收备案"]
        assert stored.names("新开工") == list(APPROVALS)  # the others unchanged
        # stored under the typed settings store, one key per 建设性质
        assert s.get(Setting, "approvals.checklist.continuing").value == "施工许可\n竣工验收备案"  # type: ignore[union-attr]
        assert approval_checklist.reset(s, "续建").names("续建") == []
        assert approval_checklist.load(s) == Checklists()
    assert _names(db, pid) == ["主体封顶", "施工许可", "竣工验收备案"]


@pytest.mark.parametrize(("nature", "names", "message"), [
    ("前期", ["立项", "环评", "立项"], "前期项目手续清单中有重复的名称：立项"),
    ("储备", ["立" * 101], "储备项目手续清单中的手续名称不能超过100字"),
])
def test_a_bad_list_is_refused_naming_it_and_nothing_is_saved(
        db, nature: str, names: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        lists = approval_checklist.load(s)
        with pytest.raises(ValueError, match=message):
            approval_checklist.save(s, lists.with_names(nature, names), lists)
    with db.session() as s:
        assert approval_checklist.load(s) == Checklists()
        assert s.scalar(select(Setting.key).where(
            Setting.key.like("approvals.checklist.%")).limit(1)) is None


def test_the_single_list_of_earlier_versions_is_read_for_its_natures(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:  # as an earlier version stored it
        s.add_all([Setting(key="approvals.approvals", value="立项\n环评\n施工许可"),
                   Setting(key="approvals.stages", value="前期、续建")])
    pid = _project(db, "续建")
    with db.transaction() as s:
        lists = approval_checklist.load(s)
        assert {n: lists.names(n) for n in approval_checklist.NATURE_FIELDS} == {
            "储备": [], "前期": ["立项", "环评", "施工许可"], "新开工": [],
            "续建": ["立项", "环评", "施工许可"], "竣工": []}
        assert approval_checklist.apply(s, pid) == 3
        # once the office saves per-建设性质 lists, those are read
        approval_checklist.save(s, lists.with_names("新开工", ["施工许可"]), lists)
        now = approval_checklist.load(s)
        assert now.names("新开工") == ["施工许可"]
        assert now.names("前期") == ["立项", "环评", "施工许可"]
