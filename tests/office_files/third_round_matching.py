"""Files that test how an import ties an office's lines to its projects: a register whose
projects carry their 项目代码 (the national investment-project code), a township's return
that renamed some of them but kept the codes, the same register typed again with other
dashes (—, ——, –, －) in the names, a register that lists one project twice, and the
register saved by WPS as .et (an .xls or .xlsx inside). Their
:class:`~tests.office_files.projects.Expected` are summed from :data:`PROJECTS`.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import openpyxl

from tests.office_files.layouts import OfficeFile, _merge, _write
from tests.office_files.projects import D, Expected, Project, _q, convert, expected

#: A county's 2026 list: dashes of several kinds in the names, one project without a code,
#: one 新开工 project that starts only in June (after the April return).
PROJECTS: tuple[Project, ...] = (
    Project("兰考—民权高速连接线改建工程", "续建", "交通能源", "县交通运输局",
            "赵永强（县委常委、组织部长）", "2025—2027", D(54300), D(20000), D(12000),
            _q(12000, (2000, 3000, 4000)), D(3100), dt.date(2025, 5, 1), dt.date(2025, 5, 12),
            "2510-410225-04-01-100001"),
    Project("S312线堌阳–仪封段改建工程", "新开工", "交通能源", "县交通运输局", "李明（副县长）",
            "2026.3-2027.6", D(18600), D(6000), D(9000), _q(9000, (1500, 2500, 2500)),
            D(2100), dt.date(2026, 3, 1), dt.date(2026, 3, 20), "2510-410225-04-01-100002"),
    Project("年产5万吨绿色建材生产线项目", "新开工", "工业", "县工信局", "王刚（副县长）",
            "2026.6-2027.12", D(26000), D(0), D(8000), _q(8000, (0, 1000, 3000)),
            D(0), dt.date(2026, 6, 1), None, "2510-410225-04-01-100003"),
    Project("城东片区雨污分流——二期工程", "续建", "城建", "县住建局", "王刚（副县长）",
            "2025-2026年", D(9800), D(9800), D(4000), _q(4000, (800, 1200, 1000)),
            D(1350), dt.date(2025, 4, 1), dt.date(2025, 4, 8), "2510-410225-04-01-100004",
            "城关镇"),
    Project("县中医院门诊综合楼项目", "新开工", "社会事业", "县卫健委", "周敏（副县长）",
            "2026.2-2027.10", D(15000), D(15000), D(6000), _q(6000, (1000, 1500, 2000)),
            D(1800), dt.date(2026, 2, 1), dt.date(2026, 2, 18), "2510-410225-04-01-100005"),
    Project("黄河湾田园综合体项目", "续建", "农业", "县农业农村局", "孙伟（副县长）",
            "2024-2026年", D(32000), D(5000), D(7000), _q(7000, (1000, 2000, 2000)),
            D(2250), dt.date(2024, 9, 1), dt.date(2024, 9, 10), "", "谷营镇"),
)
#: the 新开工 project still to start in April
NOT_STARTED = PROJECTS[2]

#: The names a township's April return gives them: renamed (same code), other dashes.
RENAMED: dict[str, str] = {
    PROJECTS[0].name: "兰考至民权高速公路连接线改建工程",
    PROJECTS[1].name: "S312线堌阳-仪封段改建工程",
    PROJECTS[2].name: "年产5万吨新型绿色建材项目",
    PROJECTS[3].name: "城东片区雨污分流－二期工程",
}
#: The same names typed again by another office, every dash another kind.
RETYPED: dict[str, str] = {
    PROJECTS[0].name: "兰考-民权高速连接线改建工程",
    PROJECTS[1].name: "S312线堌阳—仪封段改建工程",
    PROJECTS[3].name: "城东片区雨污分流－二期工程",
}

_HEADER = ["序号", "项目名称", "项目代码", "建设性质", "建设起止年限", "计划开工时间",
           "实际开工时间", "总投资（万元）", "2026年计划投资（万元）", "责任单位"]


def _register_rows(projects: tuple[Project, ...], names: dict[str, str],
                   codes: bool = True) -> list[list[Any]]:
    return [[i, names.get(p.name, p.name), p.code if codes else None, p.stage, p.years,
             p.planned_start, p.actual_start, p.total, p.plan, p.unit]
            for i, p in enumerate(projects, start=1)]


def _register(path: Path, rows: list[list[Any]], codes: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "重点项目"
    ws["A1"] = "XX县2026年重点项目清单"
    ws["J2"] = "单位：万元"
    _merge(ws, "A1:J1")
    header = _HEADER if codes else [h for h in _HEADER if h != "项目代码"]
    if not codes:
        rows = [r[:2] + r[3:] for r in rows]
    _write(ws, 3, [header])
    _write(ws, 4, rows)
    for r in range(4, 4 + len(rows)):
        for c in (6, 7) if codes else (5, 6):
            ws.cell(row=r, column=c).number_format = "yyyy-mm-dd"
    wb.save(path)
    return path


def coded_register(folder: Path) -> OfficeFile:
    """The county's list with a 项目代码 column (one project without a code), dates as dates."""
    path = _register(folder / "2026年重点项目清单.xlsx", _register_rows(PROJECTS, {}))
    return OfficeFile("重点项目清单（带项目代码）", path, expected(PROJECTS, actual=True),
                      PROJECTS)


def retyped_register(folder: Path) -> OfficeFile:
    """The same list typed again by another office: no 项目代码 column, and the dashes in
    the names of another kind ("-" for "—", "—" for "–", "－" for "——")."""
    path = _register(folder / "重点项目清单（重新录入）.xlsx",
                     _register_rows(PROJECTS, RETYPED), codes=False)
    return OfficeFile("重点项目清单（重新录入，破折号不同）", path,
                      expected(PROJECTS, actual=True), PROJECTS)


def listed_twice(folder: Path, *, agree: bool) -> OfficeFile:
    """A list with a 省重点 and a 市重点 section where one project stands in both (as offices
    keep them); ``agree=False``: the second row states another 总投资."""
    twin = PROJECTS[4]
    rows = _register_rows(PROJECTS, {})
    again = list(rows[4])
    again[0] = 1
    if not agree:
        again[7] = twin.total + 500
    body: list[list[Any]] = [["一、省重点项目"], *rows, ["二、市重点项目"], again]
    which = "重复" if agree else "重复且总投资不同"
    path = _register(folder / f"2026年重点项目清单（{which}）.xlsx", body)
    return OfficeFile("省重点、市重点各列一次的项目", path, expected(PROJECTS, actual=True),
                      PROJECTS)


#: the sheet rows (1-based) of the project :func:`listed_twice` lists twice: under 省重点
#: (title, 单位, header, group row, then the fifth project) and alone under 市重点
TWICE_ROWS = (4 + 1 + 4, 4 + 1 + len(PROJECTS) + 1)


def renamed_return(folder: Path) -> OfficeFile:
    """交通运输局 and friends' April return: 项目代码 beside names the township changed
    (renamed, other dashes), a code typed with "—", one project without a code ("—" in
    the cell), 1—4月 and 4月 figures; the project still to start reports 0 and its 前期 work."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "4月"
    ws["A1"] = "XX县2026年1—4月重点项目进展情况"
    ws["F2"] = "单位：万元"
    _merge(ws, "A1:F1")
    _write(ws, 3, [["序号", "项目名称", "项目代码", "1—4月完成投资", "4月完成投资", "形象进度"]])
    body: list[list[Any]] = []
    for i, p in enumerate(PROJECTS, start=1):
        code = p.code.replace("-", "—") if i == 4 else (p.code or "—")
        month = (p.ytd / 4).quantize(D(1))
        progress = "办理施工许可" if p is NOT_STARTED else "主体施工"
        body.append([i, RENAMED.get(p.name, p.name), code, p.ytd, month, progress])
    _write(ws, 4, body)
    path = folder / "2026年4月重点项目进展情况.xlsx"
    wb.save(path)
    ytd = sum((p.ytd for p in PROJECTS), D(0))
    month = sum(((p.ytd / 4).quantize(D(1)) for p in PROJECTS), D(0))
    return OfficeFile("改了名称、保留项目代码的4月报表", path,
                      Expected(len(PROJECTS), D(0), D(0), ytd, month=month,
                               actual_starts=expected(PROJECTS, actual=True).actual_starts),
                      PROJECTS)


def as_wps(file: OfficeFile, inside: str, suffix: str = ".et") -> Path:
    """``file`` as WPS 表格 saves it: ``inside`` ("xls" through LibreOffice, or "xlsx") under
    the suffix .et (or .ett)."""
    source = file.path if inside == "xlsx" else convert(file.path, inside)
    target = source.with_name(f"{source.stem}（{inside}）{suffix}")
    shutil.copyfile(source, target)
    return target


def broken_wps(folder: Path, file: OfficeFile) -> Path:
    """An .et whose content is an .xls cut short (a copy that did not finish)."""
    source = convert(file.path, "xls")
    target = folder / "传了一半的清单.et"
    target.write_bytes(source.read_bytes()[:4096])
    return target
