"""``portfolio milestones checklist show|set|reset [--nature]`` and ``milestones apply`` with
the per-建设性质 lists, run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from portfolio import approval_checklist, approvals
from portfolio.approval_checklist import APPROVALS
from portfolio.projects import ProjectData, create
from tests.helpers import run_portfolio


def _lists(db_url: str) -> dict[str, list[str]]:
    run = run_portfolio("--db", db_url, "milestones", "checklist", "show", "--format", "json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def test_show_set_reset_one_nature(db, db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert _lists(db_url) == {"储备": list(APPROVALS[:2]), "前期": list(APPROVALS),
                              "新开工": list(APPROVALS), "续建": [], "竣工": []}
    shown = run_portfolio("--db", db_url, "milestones", "checklist", "show", "--nature", "储备")
    assert shown.stdout == "储备项目（2项）\n  1. 立项（审批/核准/备案）\n  2. 用地预审与选址\n"
    done = run_portfolio("--db", db_url, "milestones", "checklist", "set", "--nature", "续建",
                         "施工许可", "竣工验收备案")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("已保存续建项目手续清单：共 2 项\n")
    names = tmp_path / "新开工.txt"
    names.write_text("立项\n\n环评\n施工许可\n", encoding="utf-8")
    done = run_portfolio("--db", db_url, "milestones", "checklist", "set", "--nature", "新开工",
                         "--file", str(names))
    assert done.returncode == 0, done.stderr
    lists = _lists(db_url)
    assert lists["续建"] == ["施工许可", "竣工验收备案"]
    assert lists["新开工"] == ["立项", "环评", "施工许可"]
    reset = run_portfolio("--db", db_url, "milestones", "checklist", "reset", "--nature", "续建")
    assert reset.returncode == 0 and reset.stdout.startswith("已恢复续建项目默认手续清单")
    lists = _lists(db_url)
    assert (lists["续建"], lists["新开工"]) == ([], ["立项", "环评", "施工许可"])
    run_portfolio("--db", db_url, "milestones", "checklist", "reset")
    assert _lists(db_url)["新开工"] == list(APPROVALS)


def test_a_bad_list_or_nature_is_refused_in_chinese_and_nothing_changes(db_url: str) -> None:
    before = _lists(db_url)
    repeated = run_portfolio("--db", db_url, "milestones", "checklist", "set", "--nature", "前期",
                             "立项", "环评", "立项")
    assert repeated.returncode == 1
    assert "前期项目手续清单中有重复的名称：立项" in repeated.stderr
    unknown = run_portfolio("--db", db_url, "milestones", "checklist", "show", "--nature", "在建")
    assert unknown.returncode == 2 and "在建" in unknown.stderr
    nothing = run_portfolio("--db", db_url, "milestones", "checklist", "set", "--nature", "前期")
    assert nothing.returncode == 1 and "--empty" in nothing.stderr
    assert _lists(db_url) == before


def test_apply_takes_the_projects_own_list_or_another(db, db_url: str) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        going = create(s, ProjectData(name="城北污水处理厂", stage="续建"))
        approval_checklist.save(s, approval_checklist.load(s).with_names("续建", ["施工许可"]))
    run = run_portfolio("--db", db_url, "milestones", "apply", str(going))
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("新增 1 项手续。")
    run = run_portfolio("--db", db_url, "milestones", "apply", str(going), "--nature", "储备")
    assert run.stdout.startswith("新增 2 项手续。")
    with db.session() as s:
        assert [st.name for st in approvals.steps_of(s, going)] == [
            "施工许可", "立项（审批/核准/备案）", "用地预审与选址"]
