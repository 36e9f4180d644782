"""The 三个一批 lists of one 期 as the campaign's usual workbook: sheets 签约, 开工 and 投产,
each with a title row, 单位：万元, the columns 序号 | 项目名称 | 总投资（万元） | 建设内容 |
责任单位 | 签约/开工/投产时间, and a 合计 row whose 总投资 is a ``SUM`` over the lines (its
result stored in the file, so it shows before any recalculation and recalculates to the same
figure). The lines and their order are :func:`portfolio.campaign.batch`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy.orm import Session

from db.queries import ProjectFilter
from exports import report_settings
from exports.xlsx.cells import Formula, as_text
from exports.xlsx.plain_sheet import COUNT, MONEY, TEXT, TOTAL_FILL, PlainSheet
from exports.xlsx.printing import landscape_a4
from exports.xlsx.report import save
from portfolio import campaign
from portfolio.campaign import DATE_LABELS, LISTS, CampaignBatch

_ALL = ProjectFilter()
#: (heading, kind, width) of the columns after which the date column follows
COLUMNS = (("序号", COUNT, 6), ("项目名称", TEXT, 36), ("总投资（万元）", MONEY, 14),
           ("建设内容", TEXT, 48), ("责任单位", TEXT, 22))
#: the first row of the lines (after title, note and header)
FIRST_LINE = 4


@dataclass
class WrittenCampaign:
    path: Path
    batch: CampaignBatch
    #: sheet title → cell → stored result of each formula
    cached: dict[str, dict[str, object]]


def title(region: str, batch: CampaignBatch, tag: str) -> str:
    year, number = campaign.year_and_number(batch.issue)
    return f"{region}{year}年第{number}期“三个一批”{LISTS[tag]}项目清单"


def render(batch: CampaignBatch, region: str = "") -> tuple[Workbook, dict[str, dict[str, object]]]:
    """The workbook of ``batch`` and its formulas' results."""
    wb = Workbook()
    wb.remove(wb.active)
    cached: dict[str, dict[str, object]] = {}
    for tag in LISTS:
        ws = wb.create_sheet(tag)
        kinds = [kind for _, kind, _ in COLUMNS] + [TEXT]
        sheet = PlainSheet(ws, kinds, [w for _, _, w in COLUMNS] + [16])
        sheet.title(title(region, batch, tag))
        sheet.note(f"总第{batch.issue}期", "单位：万元")
        sheet.header([h for h, _, _ in COLUMNS] + [DATE_LABELS[tag]])
        lines = batch.lists[tag]
        for number, p in enumerate(lines, start=1):
            sheet.line([number, p.name, p.total_investment, p.scale, p.unit,
                        "" if p.day is None else as_text(p.day)])
        amount = batch.investment(tag)
        total: object = amount
        if lines:
            total = Formula(f"=SUM(C{FIRST_LINE}:C{FIRST_LINE + len(lines) - 1})", amount)
        row = sheet.line(["合计", f"{len(lines)}个", total, "", "", ""], fill=TOTAL_FILL,
                         bold=True)
        ws.freeze_panes = ws.cell(FIRST_LINE, 1)
        landscape_a4(ws, title_rows=f"{FIRST_LINE - 1}:{FIRST_LINE - 1}")
        assert row == FIRST_LINE + len(lines)
        cached[tag] = sheet.cached
    return wb, cached


def write_campaign(session: Session, issue: int, path: Path | str,
                   flt: ProjectFilter = _ALL) -> WrittenCampaign:
    """Write the lists of 期 ``issue`` (campaign-wide number) for ``flt`` to ``path``."""
    batch = campaign.batch(session, issue, flt)
    wb, cached = render(batch, report_settings.load(session).region)
    save(wb, cached, Path(path))
    return WrittenCampaign(Path(path), batch, cached)


__all__ = ["FIRST_LINE", "WrittenCampaign", "render", "title", "write_campaign"]
