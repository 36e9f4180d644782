"""Why a line of a monthly return matched no project, in Chinese, for the preview's
对应不到的行."""

from __future__ import annotations

from portfolio import matching
from portfolio.matching import ProjectMatcher
from portfolio.monthly.importing_records import ImportLine
from portfolio.provenance import Unmatched


def unmatched_line(line: ImportLine, found: matching.Match,
               matcher: ProjectMatcher) -> Unmatched:
    """The line that ``found`` did not match, with the reason in Chinese (and the project it
    may mean, :meth:`~portfolio.matching.ProjectMatcher.near`)."""
    if found.how == matching.UNKNOWN_ID:
        return Unmatched(line.source, line.name, line.project_id,
                         f"编号{line.project_id}不存在")
    if found.how == matching.NAME_DIFFERS:
        known = found.candidates[0][1]
        return Unmatched(line.source, line.name, line.project_id,
                         f"编号{line.project_id}的项目名称为“{known}”，与表中名称不符，请核对",
                         list(found.candidates))
    if found.how == matching.ID_CODE_DIFFER:
        (coded, coded_name), _ = found.candidates
        return Unmatched(line.source, line.name, line.project_id,
                         f"项目代码“{line.code}”属于“{coded_name}”（编号{coded}），"
                         f"与表中编号{line.project_id}不是同一个项目，请核对",
                         list(found.candidates))
    if found.how == matching.CODE_DIFFERS:
        (pid, known), = found.candidates
        return Unmatched(line.source, line.name, None,
                         f"项目库中“{known}”（编号{pid}）的项目代码与表中“{line.code}”不符，"
                         "请核对", list(found.candidates))
    if found.how == matching.SHARED_CODE:
        return Unmatched(line.source, line.name, line.project_id,
                         matching.shared_code_text(line.code, found), list(found.candidates))
    if found.how == matching.AMBIGUOUS:
        ids = "、".join(str(pid) for pid, _ in found.candidates)
        return Unmatched(
            line.source, line.name, None,
            f"有{len(found.candidates)}个同名项目（编号{ids}），请在表中填写编号",
            list(found.candidates))
    if line.code and line.code == line.name:  # a return naming its projects by code only
        return Unmatched(line.source, line.name, None,
                         f"项目库中没有项目代码为“{line.code}”的项目（表中没有项目名称，"
                         "只能按项目代码对应）")
    if found.how != matching.UNKNOWN_NAME:
        return Unmatched(line.source, line.name, None, "项目库中没有这个名称的项目")
    near = matcher.near(line.name)
    if near is not None:
        how = f"去掉地名后与“{near[1]}”（编号{near[0]}）相同"
    else:
        near = matcher.shortened(line.name)
        how = (f"与“{near[1]}”（编号{near[0]}）的名称一个包含另一个，可能是简称或全称"
               if near is not None else "")
    if near is None:
        return Unmatched(line.source, line.name, None, "项目库中没有这个名称的项目")
    return Unmatched(line.source, line.name, None,
                     f"项目库中没有这个名称的项目；{how}，如是同一项目，请在表中改用项目库中的名称"
                     "或填写编号后再导入", [near])
