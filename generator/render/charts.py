"""Static SVG charts drawn at build time: no script, nothing loaded, readable by screen readers.

Each chart is a pure function of its points and labels, already formatted for the page's
locale by the caller. The SVG has `role="img"` and is labelled by its own `<title>` and
`<desc>`; every text is escaped here, so the result can be marked safe for the page.

The SVG draws the marks only, stretched to the width of the page's column
(`preserveAspectRatio="none"`). Its axis labels are HTML text beside it (`chart_figure`),
so that they keep the page's type size on any screen: text inside a scaled SVG would
shrink with it, to 6 px on a 360-pixel phone.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

WIDTH, HEIGHT = 640, 200
"""The drawing's own units; the page's style sheet stretches them to the column."""
TOP, BOTTOM = 4, 4
"""Room above the highest value and below the axis, for the line's width."""
# Colours that follow the light or dark scheme (porte-voix.css), with fallbacks.
INK = "var(--pv-chart-ink, #595959)"
COLOR = "var(--pv-chart-mark, #3f51b5)"


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


def _svg(text: ChartText, body: list[str]) -> str:
    """The SVG around `body`: title, description, the top of the axis and its base."""
    chart_id = html.escape(text.id, quote=True)
    bottom = HEIGHT - BOTTOM
    lines = [
        # A size of its own for browsers without the style sheet; the style sheet stretches it.
        f'<svg class="pv-chart__marks" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'preserveAspectRatio="none" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{html.escape(text.title)}</title>',
        f'<desc id="{chart_id}-desc">{html.escape(text.description)}</desc>',
        '<g aria-hidden="true">',
        f'<line x1="0" y1="{TOP}" x2="{WIDTH}" y2="{TOP}" '
        f'style="stroke:{INK}" stroke-dasharray="2 4"/>',
        f'<line x1="0" y1="{bottom}" x2="{WIDTH}" y2="{bottom}" style="stroke:{INK}"/>',
        *body,
        "</g>",
        "</svg>",
    ]
    return "\n".join(lines)


def chart_figure(
    svg: Markup, text: ChartText, points: Sequence[Point], note: str | None = None
) -> Markup:
    """The chart in a `<figure>`: the top and base of its axis beside it, its first and
    last days under it, and `note` (what a reader must know to read it) as its caption."""
    labels = (
        ("high", text.high),
        ("low", text.low),
        ("first", points[0].label),
        ("last", points[-1].label),
    )
    spans = [
        f'<span class="pv-chart__{name}" aria-hidden="true">{html.escape(label)}</span>'
        for name, label in labels
    ]
    caption = [f"<figcaption>{html.escape(note)}</figcaption>"] if note else []
    lines = [
        '<figure class="pv-chart">',
        '<div class="pv-chart__plot">',
        str(svg),
        *spans,
        "</div>",
        *caption,
        "</figure>",
    ]
    return Markup("\n".join(lines))


def _scale(value: int, low: int, high: int) -> float:
    """The y coordinate of `value` on an axis from `low` (bottom) to `high` (top)."""
    span = (high - low) or 1
    return HEIGHT - BOTTOM - (value - low) / span * (HEIGHT - BOTTOM - TOP)


def bar_chart(points: Sequence[Point], text: ChartText, high: int) -> Markup:
    """One bar per point, from zero to its value; `high` is the top of the axis."""
    step = WIDTH / len(points)
    bars = [
        f'<rect x="{i * step + step * 0.15:.1f}" y="{_scale(p.value, 0, high):.1f}" '
        f'width="{step * 0.7:.1f}" height="{_scale(0, 0, high) - _scale(p.value, 0, high):.1f}" '
        f'style="fill:{COLOR}"/>'
        for i, p in enumerate(points)
    ]
    return Markup(_svg(text, bars))


def line_chart(points: Sequence[Point], text: ChartText, low: int, high: int) -> Markup:
    """A line through the points, the axis from `low` to `high`."""
    step = WIDTH / max(len(points) - 1, 1)
    path = " ".join(
        f"{'M' if i == 0 else 'L'}{i * step:.1f},{_scale(p.value, low, high):.1f}"
        for i, p in enumerate(points)
    )
    line = f'<path d="{path}" fill="none" stroke-width="2" style="stroke:{COLOR}"/>'
    return Markup(_svg(text, [line]))
