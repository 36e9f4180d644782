"""The 投资分析 charts (pyqtgraph): plan versus completed by group, the S-curve, funding.

Money is exact (Decimal) up to here; floats are made only for drawing. Amounts are drawn in
亿元 when the largest is 10亿元 (100,000万元) or more, else in 万元; the axis says which.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

from portfolio.budget import UNASSIGNED, FundingTable, GroupTable, MonthlyCurve

PLAN_COLOUR = "#90caf9"
DONE_COLOUR = "#1565c0"
PLANNED_CURVE = "#1e88e5"
ACTUAL_CURVE = "#d64541"
TIME_PROGRESS = "#8d6e63"
FUNDING_COLOUR = "#26a69a"
UNASSIGNED_COLOUR = "#cfd8dc"
TEXT = "#37474f"
AXIS = "#90a4ae"


def money_unit(values: Sequence[Decimal]) -> tuple[Decimal, str]:
    """(divisor, unit label) for drawing amounts in 万元."""
    largest = max((abs(v) for v in values), default=Decimal(0))
    return (Decimal(10000), "亿元") if largest >= 100000 else (Decimal(1), "万元")


def _font(scale: float = 1.0) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() * scale))
    return font


class Chart(pg.PlotWidget):
    """A white, static plot with Chinese-capable axis fonts and a title."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self._title = title
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        item = self.getPlotItem()
        item.setTitle(title, color=TEXT, size=f"{_font(1.1).pointSizeF():.0f}pt")
        for name in ("left", "bottom"):
            axis = self.getAxis(name)
            axis.setPen(pg.mkPen(AXIS))
            axis.setTextPen(pg.mkPen(TEXT))
            axis.setTickFont(_font(0.9))
            axis.enableAutoSIPrefix(False)
        self.setMinimumHeight(220)

    @property
    def title(self) -> str:
        return self._title

    def _empty_note(self, text: str, x: float, y: float) -> None:
        """Say in the plot why it is empty (instead of an axis of 1e-9 steps)."""
        note = pg.TextItem(text, color=AXIS, anchor=(0.5, 0.5))
        note.setFont(_font())
        note.setPos(x, y)
        self.getPlotItem().addItem(note)

    def _category_axis(self, labels: Sequence[str]) -> None:
        """Name the bars on the left axis; the axis is made wide enough for the longest name
        (pyqtgraph otherwise drops the labels that do not fit)."""
        axis = self.getAxis("left")
        axis.setTicks([list(enumerate(labels))])
        metrics = QFontMetrics(axis.style["tickFont"] or _font(0.9))
        widest = max((metrics.horizontalAdvance(label) for label in labels), default=20)
        axis.setWidth(widest + 14)

    def _axis_label(self, name: str, text: str) -> None:
        size = f"{_font().pointSizeF():.0f}pt"
        self.getAxis(name).setLabel(text, color=TEXT, **{"font-size": size})


class PlanChart(Chart):
    """Horizontal bar pairs: 年度计划 (light) and 1—N月完成 (dark) for each group."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("年度计划与完成投资", parent)
        self.getPlotItem().invertY(True)
        self.getPlotItem().showGrid(x=True, y=False, alpha=0.25)
        self.legend = self.getPlotItem().addLegend(offset=(-10, 10), labelTextColor=TEXT,
                                                   brush=(255, 255, 255, 220))
        #: the bar heights drawn, for tests: (annual plan, completed) per group, in the unit
        self.drawn: list[tuple[float, float]] = []

    def set_table(self, table: GroupTable) -> None:
        item = self.getPlotItem()
        item.clear()
        self.legend.clear()
        groups = table.groups
        divisor, unit = money_unit([g.annual_plan for g in groups] + [g.ytd for g in groups])
        plans = [float(g.annual_plan / divisor) for g in groups]
        done = [float(g.ytd / divisor) for g in groups]
        self.drawn = list(zip(plans, done, strict=True))
        ys = list(range(len(groups)))
        plan_bars = pg.BarGraphItem(
            x0=0, y=[y - 0.18 for y in ys], height=0.36, width=plans,
            brush=PLAN_COLOUR, pen=pg.mkPen(PLAN_COLOUR),
        )
        done_bars = pg.BarGraphItem(
            x0=0, y=[y + 0.18 for y in ys], height=0.36, width=done,
            brush=DONE_COLOUR, pen=pg.mkPen(DONE_COLOUR),
        )
        item.addItem(plan_bars)
        item.addItem(done_bars)
        self.legend.addItem(plan_bars, "年度计划投资")
        self.legend.addItem(done_bars, f"{table.period.range_label}完成投资")
        self._category_axis([g.label for g in groups])
        self._axis_label("bottom", unit)
        item.setYRange(-0.6, max(len(groups) - 0.4, 0.6), padding=0)
        largest = max([*plans, *done, 0.0])
        item.setXRange(0, largest * 1.08 if largest else 1, padding=0)
        if not largest:
            self._empty_note(f"{table.period.year}年尚无年度计划和完成投资", 0.5,
                             (len(groups) - 1) / 2)
        self.setMinimumHeight(max(220, 26 * len(groups) + 90))


class CurveChart(Chart):
    """The year's cumulative S-curve: planned, actual (to the period) and 序时进度."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("年度投资累计完成（S曲线）", parent)
        self.getPlotItem().showGrid(x=False, y=True, alpha=0.25)
        self.legend = self.getPlotItem().addLegend(offset=(10, 10), labelTextColor=TEXT,
                                                   brush=(255, 255, 255, 220))
        self.getAxis("bottom").setTicks([[(m, f"{m}月") for m in range(1, 13)]])
        self.drawn: dict[str, list[float]] = {}

    def set_curve(self, curve: MonthlyCurve) -> None:
        item = self.getPlotItem()
        item.clear()
        self.legend.clear()
        actual = [a for a in curve.actual if a is not None]
        divisor, unit = money_unit([*curve.planned, *actual, curve.annual_plan])
        months = list(range(1, 13))
        planned = [float(v / divisor) for v in curve.planned]
        line = [float(v / divisor) for v in curve.time_progress]
        done = [float(v / divisor) for v in actual]
        # 此前各月累计（未分月）: a point before 1月, where the actual curve starts
        before = [float(curve.carried / divisor)] if curve.carried else []
        self.drawn = {"planned": planned, "time_progress": line, "actual": [*before, *done]}
        ticks = [(m, f"{m}月") for m in months]
        self.getAxis("bottom").setTicks([[(0, "此前"), *ticks] if before else ticks])
        item.plot(months, planned, pen=pg.mkPen(PLANNED_CURVE, width=2), symbol="o",
                  symbolSize=5, symbolBrush=PLANNED_CURVE, symbolPen=None, name="计划累计")
        dashed = pg.mkPen(TIME_PROGRESS, width=1.5, style=Qt.PenStyle.DashLine)
        item.plot(months, line, pen=dashed, name="序时进度")
        if done:
            xs = [*([0] if before else []),
                  *(m for m, a in zip(months, curve.actual, strict=True) if a is not None)]
            item.plot(xs, [*before, *done], pen=pg.mkPen(ACTUAL_CURVE, width=2.5),
                      symbol="s", symbolSize=6, symbolBrush=ACTUAL_CURVE, symbolPen=None,
                      name=f"实际累计（至{curve.period.month}月）")
        self._axis_label("left", unit)
        item.setXRange(-0.4 if before else 0.6, 12.4, padding=0)
        largest = max([*planned, *line, *done, 0.0])
        item.setYRange(0, largest * 1.08 if largest else 1, padding=0)
        if not largest:
            self._empty_note(f"{curve.period.year}年尚无年度计划和调度数据", 6.5, 0.5)


class FundingChart(Chart):
    """Total investment by funding source, largest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("总投资资金来源构成", parent)
        self.getPlotItem().invertY(True)
        self.getPlotItem().showGrid(x=True, y=False, alpha=0.25)
        self.drawn: list[float] = []

    def set_table(self, table: FundingTable) -> None:
        item = self.getPlotItem()
        item.clear()
        lines = table.lines
        divisor, unit = money_unit([line.amount for line in lines])
        amounts = [float(line.amount / divisor) for line in lines]
        self.drawn = amounts
        ys = list(range(len(lines)))
        brushes = [UNASSIGNED_COLOUR if line.source == UNASSIGNED else FUNDING_COLOUR
                   for line in lines]
        item.addItem(pg.BarGraphItem(x0=0, y=ys, height=0.6, width=amounts, brushes=brushes,
                                     pens=[pg.mkPen(b) for b in brushes]))
        total = sum((line.amount for line in lines), Decimal(0))
        for y, line, amount in zip(ys, lines, amounts, strict=True):
            share = f"{line.amount * 100 / total:.1f}%" if total else ""
            label = pg.TextItem(share, color=TEXT, anchor=(0, 0.5))
            label.setFont(_font(0.85))
            label.setPos(amount, y)
            item.addItem(label)
        self._category_axis([line.source for line in lines])
        self._axis_label("bottom", unit)
        item.setYRange(-0.6, max(len(lines) - 0.4, 0.6), padding=0)
        largest = max([*amounts, 0.0])
        item.setXRange(0, largest * 1.18 if largest else 1, padding=0)
        if not lines:
            self._empty_note("没有总投资数据", 0.5, 0)
