"""The one drawing of a Gantt line, checked shape by shape on a recording canvas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from exports.gantt_drawing import (
    GROUP_BAR,
    HOLLOW,
    PAPER,
    SCREEN,
    draw_group_row,
    draw_project_row,
)
from portfolio.alerts import STATE_BACKGROUNDS, STATE_COLOURS
from portfolio.timeline import (
    ACTUAL_COLOUR,
    GROUP_COLOUR,
    STEP_COLOUR,
    Milestone,
    RowGeometry,
    RowLayout,
    Span,
)


class Recorder:
    """A canvas that writes down what it is asked to draw."""

    def __init__(self) -> None:
        self.shapes: list[tuple] = []

    def rect(self, x: float, y: float, w: float, h: float, *, fill: str | None = None,
             stroke: str | None = None, width: float = 0.5) -> None:
        self.shapes.append(("rect", x, y, w, h, fill, stroke, width))

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str, *,
             width: float = 0.5, dashed: bool = False) -> None:
        self.shapes.append(("line", x1, y1, x2, y2, colour))

    def polygon(self, points: Sequence[tuple[float, float]], *, fill: str | None,
                stroke: str | None, width: float = 0.6) -> None:
        self.shapes.append(("polygon", tuple(points), fill, stroke, width))

    def text(self, x: float, y: float, w: float, h: float, text: str, size: float, *,
             colour: str = "#000000", align: str = "left") -> None:
        self.shapes.append(("text", text))

    def clip(self, x: float, y: float, w: float, h: float) -> None:
        self.shapes.append(("clip",))

    def unclip(self) -> None:
        self.shapes.append(("unclip",))


PLANNED = Span(100, 300)
LAYOUT = RowLayout(20.0)  # row 1: planned band 24…36, actual band 30.6…36, centre 30
DAY = dt.date(2026, 3, 1)


def _geometry(*, planned: Span | None = PLANNED) -> RowGeometry:
    return RowGeometry(
        planned=planned, actual=Span(120, 200.5), progress=Span(100, 150),
        milestones=(Milestone("start", 100, DAY, actual=False),
                    Milestone("start", 120, DAY, actual=True)),
    )


def test_project_row_on_paper_is_moved_by_the_page_offsets() -> None:
    canvas = Recorder()
    drawn = draw_project_row(canvas, _geometry(), LAYOUT, 1, "warning", PAPER, dx=50, dy=10)
    assert drawn == 5
    strong, light = STATE_COLOURS["warning"], STATE_BACKGROUNDS["warning"]
    assert canvas.shapes[:3] == [
        ("rect", 150, 34.0, 200, 12.0, light, strong, 0.5),
        ("rect", 150, 34.0, 50, pytest.approx(6.6), strong, None, 0.5),
        ("rect", 170, pytest.approx(40.6), 80.5, pytest.approx(5.4), ACTUAL_COLOUR, None, 0.5),
    ]
    hollow, filled = canvas.shapes[3:]
    radius = 12.0 * 0.42
    assert hollow == ("polygon", ((150, 40 - radius), (150 + radius, 40), (150, 40 + radius),
                                  (150 - radius, 40)), HOLLOW, ACTUAL_COLOUR, 0.6)
    assert filled[2:] == (ACTUAL_COLOUR, ACTUAL_COLOUR, 0.6)


def test_project_row_on_screen_skips_what_is_out_of_view() -> None:
    canvas = Recorder()
    # only the planned bar reaches into 250…400; the marks are more than a radius away
    assert draw_project_row(canvas, _geometry(), LAYOUT, 0, "unknown", SCREEN,
                            left=250, right=400) == 1
    [(kind, x, _y, w, _h, fill, stroke, width)] = canvas.shapes
    assert (kind, x, w, width) == ("rect", 100, 200, 1)
    assert (fill, stroke) == (STATE_BACKGROUNDS["on_track"], STATE_COLOURS["on_track"])


def test_a_one_day_bar_keeps_the_narrowest_visible_width() -> None:
    geometry = RowGeometry(Span(10, 10.1), None, None, ())
    for pens, width in ((SCREEN, 1), (PAPER, 0.5)):
        canvas = Recorder()
        draw_project_row(canvas, geometry, LAYOUT, 0, "on_track", pens)
        assert canvas.shapes[0][3] == width


def test_group_row_draws_bracket_progress_and_actual() -> None:
    canvas = Recorder()
    assert draw_group_row(canvas, _geometry(), LAYOUT, 0, SCREEN) == 3
    bar, left_cap, right_cap, progress, actual = canvas.shapes
    assert bar == ("rect", 100, 4.0, 200, 6.0, GROUP_BAR, GROUP_COLOUR, 1)
    cap = 12.0 * 0.35
    assert left_cap == ("polygon", ((100, 10.0), (100 + cap, 10.0), (100, 10.0 + cap)),
                        GROUP_COLOUR, GROUP_COLOUR, 1)
    assert right_cap[1][1] == (300 - cap, 10.0)
    assert progress == ("rect", 100, 4.0, 50, 6.0, GROUP_COLOUR, None, 0.5)
    assert actual[1:6] == (120, pytest.approx(13.3), 80.5, pytest.approx(2.7), ACTUAL_COLOUR)


def test_group_caps_on_paper_have_no_outline() -> None:
    canvas = Recorder()
    draw_group_row(canvas, _geometry(), LAYOUT, 0, PAPER)
    assert [s[3] for s in canvas.shapes if s[0] == "polygon"] == [None, None]


def test_group_without_a_plan_still_shows_its_progress_over_the_actual_bar() -> None:
    canvas = Recorder()
    assert draw_group_row(canvas, _geometry(planned=None), LAYOUT, 0, SCREEN) == 2
    assert [s[5] for s in canvas.shapes] == [GROUP_COLOUR, ACTUAL_COLOUR]


def test_steps_are_small_diamonds_filled_when_done_hollow_when_planned() -> None:
    from portfolio.approvals import Step
    from portfolio.timeline import TimeScale, Zoom, row_geometry

    scale = TimeScale(dt.date(2026, 1, 1), Zoom.MONTH)
    steps = (Step(1, 7, "approval", "立项", 0, dt.date(2026, 2, 1), dt.date(2026, 2, 10), "x"),
             Step(2, 7, "approval", "环评", 1, dt.date(2026, 4, 1)),
             Step(3, 7, "approval", "施工许可", 2))  # no date: not drawn
    figures = _figures()
    geometry = row_geometry(figures, 0.0, scale, dt.date(2026, 10, 31), steps)
    assert [(m.name, m.day, m.actual) for m in geometry.steps] == [
        ("立项", dt.date(2026, 2, 10), True), ("环评", dt.date(2026, 4, 1), False)]
    assert geometry.steps[0].label == "立项（已完成）"
    canvas = Recorder()
    drawn = draw_project_row(canvas, geometry, LAYOUT, 1, "on_track", SCREEN)
    done, planned = canvas.shapes[-2:]
    small = 12.0 * 0.3
    x = scale.x(dt.date(2026, 2, 10))
    assert done == ("polygon", ((x, 30 - small), (x + small, 30), (x, 30 + small),
                                (x - small, 30)), STEP_COLOUR, STEP_COLOUR, 1.2)
    assert planned[0] == "polygon" and planned[2:4] == (HOLLOW, STEP_COLOUR)
    assert planned[1][0][0] == scale.x(dt.date(2026, 4, 1))
    assert drawn == 2 + len(geometry.milestones)  # no bars: the project has no dates
    # culled like every other mark
    canvas = Recorder()
    assert draw_project_row(canvas, geometry, LAYOUT, 1, "on_track", SCREEN,
                            left=x + 50, right=x + 60) == 0


def _figures():  # type: ignore[no-untyped-def]
    from portfolio.metrics import ProjectFigures

    fields = {f: None for f in ProjectFigures.__dataclass_fields__}
    return ProjectFigures(**fields)
