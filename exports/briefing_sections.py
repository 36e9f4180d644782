"""The briefing's own sections, from :class:`~exports.report_data.ReportData`: 一、总体情况 as
sentences carrying the period's figures, 二、分领域进展 (sentence, table and bar chart) and
三、滞后项目 (sentence and the warning list)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from exports import fonts
from exports.briefing_layout import Styles, grid_table
from exports.pdf_text import ChineseParagraph
from exports.report_data import ReportData, group_label
from portfolio import scope
from portfolio.alerts import RULE_LABELS, RULES, reasons
from portfolio.money import format_money, format_percent, to_yi
from portfolio.overview import gap_words

PLAN_COLOUR = colors.HexColor("#9DB4D6")
DONE_COLOUR = colors.HexColor("#C0392B")


def _yi(value: Decimal) -> str:
    return f"{to_yi(value):.2f}亿元"


def _projects(data: ReportData) -> str:
    """How the sentences name the report's projects: the county's, or the ones chosen."""
    if scope.subject(data.scope) == "全县":
        return "全县纳入重点项目管理的项目"
    return "所选项目"


def overall_sentences(data: ReportData) -> list[str]:
    """一、总体情况: the period's figures in sentences (every figure from :mod:`metrics`)."""
    t = data.total
    period = data.period
    plan = (f"{period.year}年计划投资{_yi(t.annual_plan)}" if t.annual_plan
            else f"{period.year}年投资计划尚未编制")
    parts = [
        f"截至{period.year}年{period.month}月底，{_projects(data)}共{t.project_count}个，"
        f"总投资{_yi(t.total_investment)}，{plan}。"
    ]
    if t.ytd or t.annual_plan:
        done = f"{period.range_label}累计完成投资{_yi(t.ytd)}"
        if t.completion_rate is not None and t.gap_points is not None:
            done += (f"，占年度计划的{t.completion_rate:.1f}%，{gap_words(t.gap_points)}"
                     f"（序时进度{t.time_progress:.1f}%）")
        parts.append(done + f"；其中{period.month}月份完成投资{_yi(t.month)}。")
    else:
        parts.append(f"{period.range_label}尚无完成投资的调度数据。")
    if t.planned_starts:
        parts.append(f"计划年内开工项目{t.planned_starts}个，已开工{t.actual_starts}个，"
                     f"开工率{t.start_rate:.1f}%。")
    warned = len(data.warned)
    parts.append(f"列入预警的滞后项目{warned}个。" if warned else "本期没有列入预警的滞后项目。")
    return ["".join(parts)]


def category_sentence(data: ReportData) -> str:
    rows = [r for r in data.summaries("category") if r.completion_rate is not None]
    if len(rows) < 2:
        return ""
    best = max(rows, key=lambda r: r.completion_rate or 0)
    worst = min(rows, key=lambda r: r.completion_rate or 0)
    ahead = [group_label(r.key or "") for r in rows if (r.gap_points or 0) >= 0]
    best_name, worst_name = group_label(best.key or ""), group_label(worst.key or "")
    text = (f"分领域看，{best_name}领域完成率最高（{best.completion_rate:.1f}%），"
            f"{worst_name}领域最低（{worst.completion_rate:.1f}%）")
    if ahead:
        text += f"；{'、'.join(ahead)}{'等' if len(ahead) > 3 else ''}领域达到或超过序时进度"
    else:
        text += "；各领域均低于序时进度"
    return text + "。"


def lagging_sentence(data: ReportData) -> str:
    warned = data.warned
    if not warned:
        return "本期没有列入预警的滞后项目。"
    counts = Counter(w.rule for f in warned for w in data.warnings[f.project_id])
    kinds = "、".join(f"{RULE_LABELS[r]}{counts[r]}个" for r in RULES if counts[r])
    return f"共有{len(warned)}个项目列入预警，其中{kinds}（一个项目可有多项原因）。"


def category_table(data: ReportData, styles: Styles, width: float) -> Table:
    head = ["领域", "项目个数", "年度计划投资\n（万元）",
            f"{data.period.range_label}完成投资\n（万元）",
            "完成率", "较序时进度\n（百分点）", "开工率"]
    rows: list[list[Any]] = [[ChineseParagraph(escape(h).replace("\n", "<br/>"), styles.cell_head)
                              for h in head]]
    summaries = data.summaries("category")
    for s in [*summaries, data.total]:
        rows.append([
            "合计" if s.key is None else group_label(s.key), str(s.project_count),
            format_money(s.annual_plan, grouped=True), format_money(s.ytd, grouped=True),
            format_percent(s.completion_rate, suffix="%"),
            format_percent(s.gap_points, signed=True), format_percent(s.start_rate, suffix="%"),
        ])
    fractions = [0.16, 0.11, 0.18, 0.18, 0.12, 0.13, 0.12]
    return grid_table(rows, [f * width for f in fractions], total_row=True, align_right_from=1)


def category_chart(data: ReportData, width: float) -> Drawing:
    """Bars of annual plan and completed investment (亿元) by 领域."""
    summaries = [s for s in data.summaries("category")]
    height = 62 * mm
    drawing = Drawing(width, height, initialFontName=fonts.BODY)
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 14 * mm
    chart.width, chart.height = width - 20 * mm, height - 26 * mm
    chart.data = [
        [float(to_yi(s.annual_plan)) for s in summaries],  # drawing only: floats are fine here
        [float(to_yi(s.ytd)) for s in summaries],
    ]
    chart.categoryAxis.categoryNames = [group_label(s.key or "") for s in summaries]
    chart.categoryAxis.labels.fontName = fonts.BODY
    chart.categoryAxis.labels.fontSize = 9
    chart.valueAxis.labels.fontName = fonts.BODY
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.bars[0].fillColor = PLAN_COLOUR
    chart.bars[1].fillColor = DONE_COLOUR
    chart.bars.strokeColor = None
    chart.barSpacing = 1.5
    chart.groupSpacing = 8
    chart.barLabels.fontName = fonts.BODY
    chart.barLabels.fontSize = 6.5
    chart.barLabelFormat = "%.2f"
    chart.barLabels.nudge = 5
    drawing.add(chart)
    legend = Legend()
    legend.fontName = fonts.BODY
    legend.fontSize = 9
    legend.x, legend.y = width - 60 * mm, height - 4 * mm
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 60
    legend.colorNamePairs = [(PLAN_COLOUR, "年度计划投资"),
                             (DONE_COLOUR, f"{data.period.range_label}完成投资")]
    drawing.add(legend)
    drawing.add(String(14 * mm, height - 6 * mm, "单位：亿元", fontName=fonts.BODY, fontSize=8))
    return drawing


def lagging_table(data: ReportData, styles: Styles, width: float) -> Table | None:
    warned = data.warned
    if not warned:
        return None
    head = ["序号", "项目名称", "责任单位", "责任领导", "滞后原因", "存在问题"]
    rows: list[list[Any]] = [[ChineseParagraph(h, styles.cell_head) for h in head]]
    for number, f in enumerate(warned, start=1):
        rows.append([
            str(number), ChineseParagraph(escape(f.name), styles.cell),
            ChineseParagraph(escape(f.unit), styles.cell),
            ChineseParagraph(escape(f.leader), styles.cell),
            ChineseParagraph(escape(reasons(data.warnings[f.project_id])), styles.cell),
            ChineseParagraph(escape(f.problems), styles.cell),
        ])
    fractions = [0.07, 0.24, 0.15, 0.09, 0.28, 0.17]
    table = grid_table(rows, [f * width for f in fractions])
    table.setStyle(TableStyle([("ALIGN", (0, 1), (0, -1), "CENTER")]))
    return table
