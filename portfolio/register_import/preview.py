"""From plain records to a preview: which projects are new, which change and how, field by
field, what is created alongside (units, leaders, townships), what was skipped and what is
wrong. Nothing is written here; :func:`portfolio.register_import.applying.apply` writes.

Rules, so that a re-import is idempotent and a corrected list changes only what it corrects:

- a blank cell changes nothing; a project is matched by 项目代码, 编号 or normalised name
  (:mod:`portfolio.matching`); a "其中" part is matched among its package's parts;
- a project listed twice in the file is imported once, or refused when the two rows
  disagree on money (:mod:`portfolio.register_import.twins`);
- 建设性质 and 领域 come from their column, else from the group rows above the project; a part
  takes its package's 建设性质, 领域, 级别 and 领导 where its own cells are blank;
- 建设起止年限 gives the planned start and finish when no explicit dates are given;
- columns the reader left out (hidden or another year's plan columns, fields the register
  does not keep) are named with the reason (``RegisterSource.left_out``), never read;
- 项目状态 gives the stage when no 建设性质 does
  (:mod:`~portfolio.register_import.states`);
- a 续建 or 竣工 project, or one marked started (是否开工, else 项目状态, else a state in
  备注), has started: without an 实际开工时间 in the file
  (or the database) its start is taken as its planned start (from 计划开工 or 起止年限) when
  that is not after the plan year, else 1 January of the plan year (开工率 counts
  ``actual_start``, :mod:`portfolio.metrics`);
- quarter plans become a custom monthly spread, each quarter split over its three months to
  the cent with the remainder in the last month;
- 截至上年底累计完成 becomes ``prior_investment`` only for a project without monthly reports
  before the plan year (there the database computes it from the reports).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy.orm import Session

from portfolio import plans, projects
from portfolio.bulk import gc_paused
from portfolio.matching import (
    AMBIGUOUS,
    BY_CODE,
    CODE_DIFFERS,
    ID_CODE_DIFFER,
    NAME_DIFFERS,
    SHARED_CODE,
    UNKNOWN_ID,
    Match,
    normalise_name,
    shared_code_text,
)
from portfolio.plans import PlanData
from portfolio.projects import ProjectData
from portfolio.register_import.changes import (
    CHANGED,
    NEW,
    UNCHANGED,
    FieldDiff,
    RegisterImportError,
    RegisterPreview,
    RowChange,
    plan_diffs,
)
from portfolio.register_import.existing import ExistingRegister
from portfolio.register_import.fields import IMPORTED, PLAN_PARTS, merged_funding
from portfolio.register_import.line_reading import LineReader
from portfolio.register_import.records import LeaderName, RegisterSource, SourceRow
from portfolio.register_import.states import stage_of_start
from portfolio.register_import.twins import NameKey, Twins, name_key, said

_PLAN_KEYS = ("annual_plan", *PLAN_PARTS, "annual_goal")
Getter = Callable[[Any], Any]

__all__ = ["RegisterImportError", "RegisterPreview", "RowChange", "preview"]


def preview(session: Session, source: RegisterSource, *, year: int | None = None,
            today: dt.date | None = None) -> RegisterPreview:
    """Match and compare every record of ``source``; raises :class:`RegisterImportError`
    when the file gives nothing to import (no 项目名称 column, or no project rows)."""
    _check_not_empty(source)
    plan_year, year_source, year_warning = _year(source, year, today or dt.date.today())
    result = RegisterPreview(source, plan_year, year_source)
    if year_warning:
        result.warnings.append(year_warning)
    result.errors.extend(source.errors)
    result.warnings.extend(source.hints)
    _other_sheets(source, result)
    result.unused = [c.text for c in source.columns if c.key not in IMPORTED]
    with gc_paused():
        builder = _Builder(session, source, result)
        for row in source.rows:
            parent = builder.add(row, None)
            for part in row.parts:
                builder.add(part, parent)
        builder.finish()
    return result


#: sheets that sum up or explain a list rather than hold one
_NOT_A_LIST = ("汇总", "统计", "总表", "目录", "说明", "封面", "填表", "图表")


def _other_sheets(source: RegisterSource, result: RegisterPreview) -> None:
    """An office that keeps a sheet per 领域 or per township gets one sheet read: say which
    other sheets look like lists too, so that the rest is not left out without a word."""
    others = [(name, rows) for name, rows in source.other_sheets
              if rows and not any(word in name for word in _NOT_A_LIST)]
    if others:
        listed = "、".join(f"「{name}」（约{rows}行）" for name, rows in others)
        result.warnings.append(
            f"文件 {source.file}：只导入了工作表「{source.sheet}」；工作表{listed}中也有项目，"
            "未导入。如需导入，请逐个选择这些工作表再导入")


def _check_not_empty(source: RegisterSource) -> None:
    found = "、".join(c.text for c in source.columns) or "无"
    unknown = "、".join(source.unrecognised) or "无"
    if source.column("name") is None:
        raise RegisterImportError(
            f"{source.where()}：没有识别出“项目名称”列。已识别的列：{found}；"
            f"未能识别的列：{unknown}；请用 --mapping 指定")
    if not source.rows:
        raise RegisterImportError(
            f"{source.where()}：表头下没有项目行（{len(source.skipped)} 行均为分组、合计、"
            f"空行或说明）。已识别的列：{found}；未能识别的列：{unknown}；"
            "请检查工作表，或用 --sheet、--mapping 指定")


def _year(source: RegisterSource, year: int | None,
          today: dt.date) -> tuple[int, str, str | None]:
    """The plan year: the header's, else ``year``, else the file's title or name, else now."""
    header = {(c.year, c.text) for c in source.columns if c.key in _PLAN_KEYS and c.year}
    years = {y for y, _ in header}
    if len(years) == 1:
        found, text = min(header)
        warning = None
        if year is not None and year != found:
            warning = f"表头「{text}」写的是{found}年，与指定的 --year {year} 不同，按{found}年导入"
        return found, f"表头「{text}」", warning
    if year is not None:
        return year, "--year", None
    if source.period_year:
        return source.period_year, f"文件标题或文件名「{source.period_text}」", None
    return today.year, "当前年份（文件中未写年份）", None


class _Builder:
    """Turns records into row changes against one :class:`ExistingRegister`."""

    def __init__(self, session: Session, source: RegisterSource, result: RegisterPreview) -> None:
        self.source = source
        self.result = result
        self.year = result.year
        self.reader = LineReader(source, result)
        self.db = ExistingRegister(session, result.year, bool(self.reader.funding_sources))
        self.claimed: dict[int, int] = {}  # project id → row that matched it
        self.new_names: dict[NameKey, int] = {}
        self.units: dict[str, None] = {}
        self.leaders: dict[str, LeaderName] = {}
        self.townships: dict[str, None] = {}
        self.twins = Twins(source, result)
        #: keys of a line → a getter of their values but levels from a project and from the
        #: line (``None`` for none), and whether levels are among them
        self.getters: dict[tuple[str, ...], tuple[tuple[Getter, Getter] | None, bool]] = {}

    # -- one line ---------------------------------------------------------------------------

    def add(self, row: SourceRow, parent: RowChange | None) -> RowChange:
        where = self.source.where
        # what the row said, kept as read (never changed below): ``said`` is worked out only
        # for a row listed twice
        read, read_plan, leader = self.reader.read(row, parent)
        name, code = read["name"], read.get("project_code", "")
        key = name_key(parent, name)
        twin = self.twins.earlier(key, code)
        if twin is not None:  # the same project again: imported once, or refused
            self.twins.report(row, name, *twin, said(read, read_plan))
            return twin[0].change
        if row.hidden:
            self.result.warnings.append(
                f"{where(row.row)}：「{name}」所在行在文件中是隐藏的，仍按项目导入；"
                "如它已不在清单中，请在文件中删除该行后重新导入")
        # a start taken for a started project without a date: only when the database has none
        guess = read.get("actual_start?")
        changes = read
        if guess is not None:
            changes = dict(read)
            del changes["actual_start?"]
        match = self._match(row, parent, name, code)
        diffs: list[FieldDiff] | None
        if match is not None and match.found:
            assert match.project_id is not None
            pid = match.project_id
            other = self.claimed.get(pid)
            if other is not None:
                self.result.errors.append(
                    f"{where(row.row)}：与第{other + 1}行是同一个项目“{name}”，请删去重复的行")
            self.claimed[pid] = row.row
            old = self.db.projects[pid]
            if guess is not None and old.actual_start is None:
                changes["actual_start"] = guess
            if "funding" in changes:
                if changes is read:
                    changes = dict(read)
                changes["funding"] = merged_funding(old.funding, changes["funding"])
            if parent is not None and (parent.project_id is None
                                       or parent.project_id != old.parent_id):
                if changes is read:
                    changes = dict(read)
                changes["parent_id"] = parent.project_id  # a new package's id comes at apply
            changes, plan, diffs = self._diffs(old, changes, pid, read_plan, row)
            status = CHANGED if diffs else UNCHANGED
            settable = {k: v for k, v in changes.items() if k != "parent_id"}
            target = old.with_changes(**settable) if settable else old
        else:
            pid = None
            other = self.new_names.get(key)
            if other is not None:
                self.result.errors.append(
                    f"{where(row.row, 'name')}：项目“{name}”与第{other + 1}行重复，请合并或改名")
            self.new_names[key] = row.row
            if guess is not None:
                changes["actual_start"] = guess
            if "stage" not in changes and (stage := stage_of_start(
                    changes.get("actual_start"), self.year, guessed=guess is not None)):
                changes["stage"] = stage  # "在建" without a 建设性质
            plan, diffs = read_plan, None  # a new project's diffs: worked out when asked for
            status = NEW
            target = ProjectData(**changes)
        self._validate(row, target, pid, plan)
        self._collect(changes, leader)
        change = RowChange(row.row, name, status, pid, changes, plan, diffs, leader, parent)
        self.result.rows.append(change)
        self.twins.remember(change, key, (read, read_plan), code)
        return change

    def _match(self, row: SourceRow, parent: RowChange | None, name: str,
               code: str) -> Match | None:
        where = self.source.where
        given_id = row.values.get("id")
        project_id: int | None = None
        if given_id not in (None, ""):
            try:
                project_id = int(str(given_id).strip())
            except ValueError:
                self.result.errors.append(f"{where(row.row, 'id')}：编号应为整数，"
                                          f"不能是「{given_id}」")
                return None
        if parent is not None and project_id is None:
            by_code = self.db.matcher.match(name, code=code) if code else None
            if by_code is not None and by_code.how == BY_CODE:
                return by_code
            if parent.project_id is None:
                return None
            match = self.db.children_matcher(parent.project_id).match(name, code=code)
        else:
            match = self.db.matcher.match(name, project_id, code)
        if match.how == UNKNOWN_ID:
            self.result.errors.append(f"{where(row.row, 'id')}：编号 {project_id} 不存在")
        elif match.how == NAME_DIFFERS:
            self.result.errors.append(
                f"{where(row.row, 'name')}：编号 {project_id} 是“{match.candidates[0][1]}”，"
                f"与本行的“{name}”不符")
        elif match.how == AMBIGUOUS:
            listed = "、".join(f"编号{pid}" for pid, _ in match.candidates)
            self.result.errors.append(
                f"{where(row.row, 'name')}：库中有多个名为“{name}”的项目（{listed}），"
                "请在文件中加“编号”或“项目代码”列区分")
        elif match.how == ID_CODE_DIFFER:
            (coded, coded_name), _ = match.candidates
            self.result.errors.append(
                f"{where(row.row, 'code')}：项目代码「{code}」属于“{coded_name}”（编号{coded}），"
                f"与本行的编号 {project_id} 不是同一个项目，请核对")
        elif match.how == CODE_DIFFERS:
            pid = match.candidates[0][0]
            self.result.errors.append(
                f"{where(row.row, 'code')}：库中项目“{name}”（编号{pid}）的项目代码是"
                f"「{self.db.matcher.code_of(pid)}」，与本行的「{code}」不符")
        elif match.how == SHARED_CODE:
            self.result.errors.append(f"{where(row.row, 'code')}：{shared_code_text(code, match)}")
        return match

    # -- comparing --------------------------------------------------------------------------

    def _diffs(self, old: ProjectData, ch: dict[str, Any], pid: int, plan: dict[str, Any],
               row: SourceRow) -> tuple[dict[str, Any], dict[str, Any], list[FieldDiff]]:
        """The fields and plan figures of a matched line that differ from ``old``'s (new
        dicts: the line's own are kept as read), and how."""
        if "prior_investment" in ch and pid in self.db.reported_before:
            self.result.warnings.append(
                f"{self.source.where(row.row, 'prior_cumulative')}：“{old.name}”已有"
                f"{self.year}年以前的月报，截至上年底累计由月报计算，本列未导入")
            ch = {k: v for k, v in ch.items() if k != "prior_investment"}
        diffs: list[FieldDiff] = []
        changes: dict[str, Any] = {}
        if not self._held(old, ch):  # the whole line as held is the common case of a re-import
            for key, new in ch.items():
                current = getattr(old, key)
                if not _same(key, current, new):
                    changes[key] = new
                    diffs.append(FieldDiff(key, current, new))
        existing = self.db.plans.get(pid)
        if existing is not None and plan:
            if (existing.distribution == "custom" and "months" not in plan
                    and plan.get("planned_investment", existing.planned_investment)
                    != existing.planned_investment):
                plan = {**plan, "distribution": "even", "months": {}}
                self.result.warnings.append(
                    f"{self.source.where(row.row, 'annual_plan')}：“{old.name}”的年度计划改变，"
                    "原有的逐月分配不再适用，改为平均分配")
            kept: dict[str, Any] = {}
            for key, new in plan.items():
                current = getattr(existing, key)
                if current != new:
                    kept[key] = new
                    if key != "distribution":
                        diffs.append(FieldDiff(f"plan.{key}", current, new))
            plan = kept
        elif plan:
            diffs += plan_diffs(plan)
        return changes, plan, diffs

    def _held(self, old: ProjectData, ch: dict[str, Any]) -> bool:
        """Whether ``old`` holds every value of ``ch`` already, read at once by getters made
        once per set of keys (the lines of one file set the same few sets of fields); levels
        are the same in any order."""
        keys = tuple(ch)
        getters = self.getters.get(keys)
        if getters is None:
            rest = [key for key in keys if key != "levels"]
            getters = self.getters[keys] = (
                (attrgetter(*rest), itemgetter(*rest)) if rest else None, "levels" in ch)
        fields, levels = getters
        if fields is not None and fields[0](old) != fields[1](ch):
            return False
        return not levels or old.levels == ch["levels"] or \
            sorted(old.levels) == sorted(ch["levels"])

    def _validate(self, row: SourceRow, target: ProjectData, pid: int | None,
                  plan: dict[str, Any]) -> None:
        where = self.source.where
        try:
            projects.validate(target)
        except projects.ValidationError as error:
            for key, message in error.errors.items():
                self.result.errors.append(f"{where(row.row, _column_key(key))}：{message}")
        if plan:
            base = self.db.plans.get(pid) if pid is not None else None
            try:
                plans.validate(PlanData(pid or 0, self.year, **plan) if base is None
                               else PlanData(**{**base.__dict__, **plan}))
            except plans.PlanError as error:
                self.result.errors.append(f"{where(row.row, 'annual_plan')}：{error}")
        if target.stage == "新开工" and not plan.get("planned_start_month") and not (
                pid is not None and pid in self.db.plans
                and self.db.plans[pid].planned_start_month):
            self.result.warnings.append(
                f"{where(row.row)}：新开工项目“{target.name}”没有{self.year}年内的计划开工月份"
                "（计划开工时间或建设起止年限），不计入开工率")

    def _collect(self, changes: dict[str, Any], leader: LeaderName | None) -> None:
        unit = changes.get("unit")
        if unit and unit not in self.db.units:
            self.units[unit] = None
        township = changes.get("township")
        if township and township not in self.db.townships:
            self.townships[township] = None
        if leader is not None and leader.name not in self.leaders:
            self.leaders[leader.name] = leader

    def finish(self) -> None:
        self.reader.finish()
        result = self.result
        result.new_units = list(self.units)
        result.new_townships = list(self.townships)
        for name, leader in self.leaders.items():
            if name not in self.db.leaders:
                result.new_leaders.append(leader)
            elif leader.title and leader.title != self.db.leaders[name]:
                result.leader_titles.append((name, self.db.leaders[name], leader.title))


def _same(key: str, current: Any, new: Any) -> bool:
    """Whether the file's value is the one held: levels in any order; a name typed with other
    spaces, brackets or dashes (— for -, （） for ()) is the same name, and the stored one
    stays."""
    if key == "levels":
        return bool(sorted(current) == sorted(new))
    if key == "name":
        return bool(normalise_name(current) == normalise_name(new))
    return bool(current == new)


def _column_key(field_name: str) -> str:
    """The file's column key of a :class:`ProjectData` field, to name it in messages."""
    return {"project_code": "code", "levels": "level", "prior_investment": "prior_cumulative",
            "contact_name": "contact", "contact_phone": "phone",
            "notes": "remarks"}.get(field_name, field_name)
