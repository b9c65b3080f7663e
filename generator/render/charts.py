"""Static SVG charts drawn at build time: no script, nothing loaded, readable by screen readers.

Each chart is a pure function of its points and labels, already formatted for the page's
locale by the caller. The SVG has `role="img"` and is labelled by its own `<title>` and
`<desc>`; every text is escaped here, so the result can be marked safe for the page.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 28
INK = "var(--md-default-fg-color--light, #555)"
COLOR = "var(--md-primary-fg-color, #3f51b5)"


@dataclass(frozen=True)
class Point:
    """One value of a series, its label on the x axis already formatted."""

    label: str
    value: int


@dataclass(frozen=True)
class ChartText:
    """What a chart says: its id (unique in the page), title, description, axis labels."""

    id: str
    title: str
    description: str
    low: str
    high: str


def _text(x: float, y: float, text: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="12" '
        f'style="fill:{INK}">{html.escape(text)}</text>'
    )


def _frame(text: ChartText, points: Sequence[Point], body: list[str]) -> Markup:
    """The SVG around `body`: title, description, value axis and first and last labels."""
    chart_id = html.escape(text.id, quote=True)
    bottom = HEIGHT - BOTTOM
    lines = [
        # A size of its own (the theme's <figure> shrinks to its content), scaled down to fit.
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" style="max-width:100%;height:auto" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{html.escape(text.title)}</title>',
        f'<desc id="{chart_id}-desc">{html.escape(text.description)}</desc>',
        '<g aria-hidden="true">',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{WIDTH - RIGHT}" y2="{TOP}" '
        f'style="stroke:{INK}" stroke-dasharray="2 4"/>',
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" style="stroke:{INK}"/>',
        _text(LEFT - 6, TOP + 4, text.high, "end"),
        _text(LEFT - 6, bottom + 4, text.low, "end"),
        _text(LEFT, HEIGHT - 8, points[0].label),
        _text(WIDTH - RIGHT, HEIGHT - 8, points[-1].label, "end"),
        *body,
        "</g>",
        "</svg>",
    ]
    return Markup("\n".join(lines))


def _scale(value: int, low: int, high: int) -> float:
    """The y coordinate of `value` on an axis from `low` (bottom) to `high` (top)."""
    span = (high - low) or 1
    return HEIGHT - BOTTOM - (value - low) / span * (HEIGHT - BOTTOM - TOP)


def bar_chart(points: Sequence[Point], text: ChartText, high: int) -> Markup:
    """One bar per point, from zero to its value; `high` is the top of the axis."""
    step = (WIDTH - LEFT - RIGHT) / len(points)
    bars = [
        f'<rect x="{LEFT + i * step + step * 0.15:.1f}" y="{_scale(p.value, 0, high):.1f}" '
        f'width="{step * 0.7:.1f}" height="{_scale(0, 0, high) - _scale(p.value, 0, high):.1f}" '
        f'style="fill:{COLOR}"/>'
        for i, p in enumerate(points)
    ]
    return _frame(text, points, bars)


def line_chart(points: Sequence[Point], text: ChartText, low: int, high: int) -> Markup:
    """A line through the points, the axis from `low` to `high`."""
    step = (WIDTH - LEFT - RIGHT) / max(len(points) - 1, 1)
    path = " ".join(
        f"{'M' if i == 0 else 'L'}{LEFT + i * step:.1f},{_scale(p.value, low, high):.1f}"
        for i, p in enumerate(points)
    )
    line = f'<path d="{path}" fill="none" stroke-width="2" style="stroke:{COLOR}"/>'
    return _frame(text, points, [line])
