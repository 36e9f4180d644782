"""The value of each ``{{token}}`` of a report line: the figure from
:mod:`exports.report_data`, or for group and total lines a formula (``SUM`` over the lines it
adds up, rates from the cells of its own line) carrying that figure as its result.

This is the report's meaning: which figure a token is, how a subtotal, a rate or the points
over 序时进度 are formed. Where the cells are, and how they are written, is
:mod:`exports.xlsx.sheet_writer`'s.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.utils import get_column_letter

from exports.fields import FIELDS, GROUP_TOKENS
from exports.report_data import ReportData, chinese_numeral, group_label
from exports.template import SheetLayout
from exports.xlsx.cells import Formula, cell_ranges
from exports.xlsx.report_lines import Line
from portfolio.alerts import RULE_LABELS, project_time_progress, reasons
from portfolio.funds import SOURCES
from portfolio.metrics import ProjectFigures
from portfolio.money import percent

PACKAGE_NOTE = "打包项目，投资计入所含子项目"


def _location(f: ProjectFigures) -> str:
    if f.township and f.location.startswith(f.township):
        return f.location
    return f"{f.township}{f.location}"


def _years(f: ProjectFigures) -> str:
    start = f.planned_start.year if f.planned_start else None
    finish = f.planned_finish.year if f.planned_finish else None
    if start and finish:
        return str(start) if start == finish else f"{start}—{finish}"
    return str(start or finish or "")


#: money tokens → attribute of ProjectFigures (items) and of Summary (groups and totals)
_ITEM_MONEY = {
    "总投资": "total_investment",
    "截至上年底累计完成投资": "prior_years",
    "本年计划投资": "annual_plan",
    "年度计划投资": "annual_plan",
    "1—N月完成投资": "ytd",
    "本月完成投资": "month",
    "截至本月累计完成投资": "cumulative",
}
#: money tokens of a project's 资金来源 (:attr:`ProjectExtras.funding`)
_FUNDING = frozenset(s for s in SOURCES if s in FIELDS)
_SUMMARY_VALUES = {
    "项目个数": "project_count",
    "总投资": "total_investment",
    "本年计划投资": "annual_plan",
    "年度计划投资": "annual_plan",
    "1—N月完成投资": "ytd",
    "本月完成投资": "month",
    "截至本月累计完成投资": "cumulative",
    "计划开工个数": "planned_starts",
    "实际开工个数": "actual_starts",
}
#: rate token → (numerator tokens, denominator tokens), the first found in the line is used
_RATES = {
    "占年度计划": (("1—N月完成投资",), ("本年计划投资", "年度计划投资")),
    "完成率": (("1—N月完成投资",), ("本年计划投资", "年度计划投资")),
    "开工率": (("实际开工个数",), ("计划开工个数",)),
}

#: when a token is computed: sums first, then the rates from them, then the points from rates
_STAGE = {"超序时进度": 2, **dict.fromkeys(_RATES, 1)}


class LineValues:
    """The values of the lines of one sheet, computed line by line: project lines first,
    whose figures the group and total lines then add up."""

    def __init__(self, layout: SheetLayout, data: ReportData, lines: list[Line]) -> None:
        self.layout = layout
        self.data = data
        self.time_progress = (
            percent(Decimal(data.period.month), Decimal(12)) or Decimal("0")
        )
        #: the outer groups, which the total adds up (a lower-level group is in one of them)
        self.group_lines = [line for line in lines if line.kind == "group" and not line.depth]
        #: (row, token) → the figure written there, for the sums and rates built on it
        self.item_values: dict[tuple[int, str], Decimal | int | None] = {}
        #: token → column of the line being computed (see :meth:`use_columns`)
        self.columns: dict[str, int] = {}
        self._texts: dict[str, object] = {}
        self._texts_of: Line | None = None

    @staticmethod
    def order(tokens: list[str]) -> list[str]:
        """``tokens`` in the order they must be computed."""
        return sorted(tokens, key=lambda t: _STAGE.get(t, 0))

    def use_columns(self, columns: dict[str, int]) -> None:
        """The columns of the kind of line computed next: a formula refers to these cells; a
        token without a column (inside a text) gets its figure instead."""
        self.columns = columns

    def value(self, token: str, line: Line) -> object:
        """The value of ``token`` in ``line``: a figure, a text or a :class:`Formula`."""
        if line.kind == "item":
            return self._item_value(token, line)
        return self._aggregate_value(token, line)

    def _item_value(self, token: str, line: Line) -> object:
        f = line.figures
        assert f is not None
        money = _ITEM_MONEY.get(token)
        if money is not None:
            value = None if not f.is_leaf else getattr(f, money)
            self.item_values[(line.row, token)] = value
            return value
        if token in _FUNDING:
            extras = self.data.extras.get(f.project_id)
            value = extras.funding.get(token) if extras is not None and f.is_leaf else None
            self.item_values[(line.row, token)] = value
            return value
        if token in _RATES:
            if not f.is_leaf:
                return None
            return self._rate(token, line, {
                "1—N月完成投资": f.ytd, "本年计划投资": f.annual_plan,
                "年度计划投资": f.annual_plan,
            })
        if token == "超序时进度":
            return self._points(line, f.plan_rate, self._project_time(f)) if f.is_leaf else None
        if token == "序时进度":
            return self._project_time(f) / 100
        if self._texts_of is not line:
            self._texts = self._item_texts(f, line)
            self._texts_of = line
        return self._texts.get(token, "")

    def _item_texts(self, f: ProjectFigures, line: Line) -> dict[str, object]:
        """The plain fields of one project line (computed once per line)."""
        extras = self.data.extras.get(f.project_id)
        warned = self.data.warnings.get(f.project_id, [])
        return {
            "序号": line.number,
            "编号": f.project_id,
            "项目名称": f.name,
            "项目代码": extras.code if extras else "",
            "领域": f.category,
            "乡镇": f.township,
            "类型": extras.project_type if extras else "",
            "级别": "、".join(extras.levels) if extras else "",
            "建设性质": f.stage,
            "建设地点": _location(f),
            "建设规模及主要内容": f.scale,
            "建设起止年限": _years(f),
            "计划开工": f.planned_start,
            "计划竣工": f.planned_finish,
            "实际开工": f.actual_start,
            "实际竣工": f.actual_finish,
            "开工情况": self._started(f),
            "年度建设目标": extras.goal if extras else "",
            "形象进度": f.progress,
            "存在问题": f.problems,
            "下步计划": f.next_steps,
            "责任单位": f.unit,
            "责任领导": f.leader,
            "联系人": extras.contact_name if extras else "",
            "联系电话": extras.contact_phone if extras else "",
            "备注": self._remark(f),
            "滞后原因": reasons(warned),
            "预警类型": "、".join(dict.fromkeys(RULE_LABELS[w.rule] for w in warned)),
        }

    def _started(self, f: ProjectFigures) -> str:
        """已开工 once started by the end of the period (a 续建 or 竣工 project has, with or
        without a date), else 未开工."""
        if f.actual_start is not None:
            return "已开工" if f.actual_start <= self.data.period.last_day else "未开工"
        return "已开工" if f.stage in ("续建", "竣工") else "未开工"

    def _project_time(self, f: ProjectFigures) -> Decimal:
        """序时进度 of one project: of its planned months when its plan starts or ends within
        the year (as the warning list judges it), else N/12."""
        return project_time_progress(self.data.period, f.planned_start_month,
                                     f.planned_finish_month)

    def _remark(self, f: ProjectFigures) -> str:
        if not f.is_leaf:
            return PACKAGE_NOTE
        extras = self.data.extras.get(f.project_id)
        return "、".join(extras.levels) if extras else ""

    def _aggregate_value(self, token: str, line: Line) -> object:
        if token in GROUP_TOKENS or token == "领域":
            return "" if line.kind == "total" else group_label(line.key)
        if token == "领域序号":
            return "" if line.kind == "total" else chinese_numeral(line.number)
        if token == "合计":
            return "合计"
        if token == "序时进度":
            return self.time_progress / 100
        if token in _RATES:
            return self._rate(token, line, None)
        if token == "超序时进度":
            rate = self._line_rate(line)
            return self._points(line, rate)
        if self.layout.role == "summary":
            return self._summary_value(token, line)
        field = FIELDS.get(token)
        if token == "项目个数":
            return self._count_value(line)
        if field is None or not field.summable or (token not in _ITEM_MONEY
                                                   and token not in _FUNDING):
            return ""
        return self._sum(token, line)

    def _summary_value(self, token: str, line: Line) -> object:
        attribute = _SUMMARY_VALUES.get(token)
        # by 级别 a project of several levels is in each line: the total is its own figure
        own = line.kind == "group" or self.layout.group_by in ("level", "mixed")
        if attribute is None:
            if token == "截至上年底累计完成投资":
                if own:
                    assert line.summary is not None
                    return line.summary.cumulative - line.summary.ytd
                return self._sum_of_groups(token, line)
            return ""
        if own:
            assert line.summary is not None
            figure: Decimal | int | None = getattr(line.summary, attribute)
            self.item_values[(line.row, token)] = figure
            return figure
        return self._sum_of_groups(token, line)

    def _summed_rows(self, line: Line) -> list[int] | None:
        """The rows a group or total line adds up when they are lines of groups (a group's
        lower-level groups, the total's outer groups); None: a group's own project rows."""
        if line.kind in ("group", "heading"):
            return line.children
        return [g.row for g in self.group_lines] if self.group_lines else None

    def _sum_value(self, token: str, line: Line) -> Decimal:
        rows = self._summed_rows(line)
        if rows is None:
            rows = list(range(line.span[0], line.span[1] + 1)) if line.span else []
        return Decimal("0.00") + sum(
            (v for r in rows if (v := self.item_values.get((r, token))) is not None), Decimal(0))

    def _sum_of_groups(self, token: str, line: Line) -> object:
        if token not in self.columns:
            return self._sum_value(token, line)
        column = self.columns[token]
        rows = [g.row for g in self.group_lines]
        values = [self.item_values.get((r, token)) for r in rows]
        total = sum((v for v in values if v is not None), Decimal(0) if token in _ITEM_MONEY
                    or token == "截至上年底累计完成投资" else 0)
        if token in ("项目个数",) and line.summary is not None and total != line.count:
            # a package whose parts lie in several groups is one project in the total
            return line.count
        if not rows:
            return total
        letter = get_column_letter(column)
        self.item_values[(line.row, token)] = total
        return Formula(f"=SUM({cell_ranges(letter, rows)})", total)

    def _count_value(self, line: Line) -> object:
        if line.kind in ("group", "heading") or not self.group_lines:
            self.item_values[(line.row, "项目个数")] = line.count
            return line.count
        rows = [g.row for g in self.group_lines]
        total = sum(g.count for g in self.group_lines)
        if total != line.count or "项目个数" not in self.columns:
            return line.count
        letter = get_column_letter(self.columns["项目个数"])
        return Formula(f"=SUM({cell_ranges(letter, rows)})", total)

    def _sum(self, token: str, line: Line) -> object:
        if token not in self.columns:  # inside a text: the figure, not a formula
            value = self._sum_value(token, line)
            return value
        letter = get_column_letter(self.columns[token])
        rows = self._summed_rows(line)
        if rows is None:
            if line.span is None:
                value = Decimal("0.00")
                self.item_values[(line.row, token)] = value
                return value
            first, last = line.span
            total = sum(
                (v for r in range(first, last + 1)
                 if (v := self.item_values.get((r, token))) is not None),
                Decimal("0.00"),
            )
            self.item_values[(line.row, token)] = total
            return Formula(f"=SUM({letter}{first}:{letter}{last})", total)
        total = sum((self.item_values.get((r, token)) or Decimal(0) for r in rows),
                    Decimal("0.00"))
        self.item_values[(line.row, token)] = total
        return Formula(f"=SUM({cell_ranges(letter, rows)})", total)

    # --- rates -------------------------------------------------------------------------------

    def _rate(self, token: str, line: Line, item: dict[str, Decimal | None] | None) -> object:
        numerators, denominators = _RATES[token]
        num_token = next((t for t in numerators if t in self.columns), None)
        den_token = next((t for t in denominators if t in self.columns), None)
        num: Decimal | int | None
        den: Decimal | int | None
        if line.kind == "item":
            assert item is not None
            num = item.get(numerators[0])
            den = next((item.get(t) for t in denominators if item.get(t) is not None), None)
        else:
            num = self._known(line, numerators)
            den = self._known(line, denominators)
            if num is None or den is None:
                summary = line.summary
                if summary is None and line.kind == "total":
                    summary = self.data.total
                if summary is None:
                    return None
                num = {"开工率": summary.actual_starts}.get(token, summary.ytd)
                den = {"开工率": summary.planned_starts}.get(token, summary.annual_plan)
        rate = percent(Decimal(num or 0), Decimal(den) if den is not None else None)
        cached: object = "" if rate is None else rate / 100
        self.item_values[(line.row, token)] = rate
        if num_token is None or den_token is None:
            return None if rate is None else rate / 100
        n = f"{get_column_letter(self.columns[num_token])}{line.row}"
        d = f"{get_column_letter(self.columns[den_token])}{line.row}"
        return Formula(f'=IF(N({d})=0,"",ROUND({n}/{d},3))', cached)

    def _known(self, line: Line, tokens: tuple[str, ...]) -> Decimal | None:
        for token in tokens:
            value = self.item_values.get((line.row, token))
            if value is not None:
                return Decimal(value)
        return None

    def _line_rate(self, line: Line) -> Decimal | None:
        for token in ("完成率", "占年度计划"):
            if (line.row, token) in self.item_values:
                return self.item_values[(line.row, token)]  # type: ignore[return-value]
        summary = line.summary or (self.data.total if line.kind == "total" else None)
        if summary is not None:
            return summary.completion_rate
        num = self._known(line, ("1—N月完成投资",))
        den = self._known(line, ("本年计划投资", "年度计划投资"))
        return percent(num or Decimal(0), den)

    def _points(self, line: Line, rate: Decimal | None,
                time_progress: Decimal | None = None) -> object:
        time_progress = self.time_progress if time_progress is None else time_progress
        cached: object = "" if rate is None else rate - time_progress
        rate_token = next((t for t in ("完成率", "占年度计划") if t in self.columns), None)
        if rate_token is None:
            return None if rate is None else cached
        rate_cell = f"{get_column_letter(self.columns[rate_token])}{line.row}"
        if "序时进度" in self.columns:
            time_cell = f"{get_column_letter(self.columns['序时进度'])}{line.row}"
        else:
            time_cell = format(time_progress / 100, "f")
        return Formula(
            f'=IF(ISNUMBER({rate_cell}),ROUND(({rate_cell}-{time_cell})*100,1),"")', cached
        )



__all__ = ["PACKAGE_NOTE", "LineValues"]
