"""The activity page's charts: a series of daily values drawn, and said in words, in a language.

Counts per day are bars from zero. Followers are a line over their own range, since their
change is what matters and it would be flat from zero: its caption says the axis does not
start at zero, and gives where it starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_skeleton
from markupsafe import Markup

from generator.i18n import N_, format_long_date, format_number, gettext
from generator.render.charts import ChartText, Point, bar_chart, chart_figure, line_chart

CHART_DESCRIPTION = N_(
    "From %(first)s to %(last)s: lowest %(lowest)s, highest %(highest)s, latest %(latest)s."
)
AXIS_NOT_FROM_ZERO = N_("The vertical axis starts at %(low)s, not at zero.")


@dataclass(frozen=True)
class DayValue:
    """One day's figure: a count of posts, or an account's followers."""

    day: dt.date
    value: int


def _short_date(day: dt.date, locale: str) -> str:
    return format_skeleton("MMMd", day, locale=locale)


def chart_text(
    chart_id: str,
    title: str,
    series: list[DayValue],
    axis: tuple[int, int],
    language: str,
    locale: str,
) -> ChartText:
    """A chart's title and its numbers said in words, in `language`."""
    values = [d.value for d in series]
    description = gettext(language, CHART_DESCRIPTION) % {
        "first": format_long_date(series[0].day, locale),
        "last": format_long_date(series[-1].day, locale),
        "lowest": format_number(min(values), locale),
        "highest": format_number(max(values), locale),
        "latest": format_number(values[-1], locale),
    }
    low, high = (format_number(value, locale) for value in axis)
    return ChartText(id=chart_id, title=title, description=description, low=low, high=high)


def _points(series: list[DayValue], locale: str) -> list[Point]:
    return [Point(_short_date(d.day, locale), d.value) for d in series]


def daily_chart(
    chart_id: str, title: str, series: list[DayValue], language: str, locale: str
) -> Markup | None:
    """Bars of a daily count from zero, or None when there is nothing to draw."""
    if not series:
        return None
    high = max(max(d.value for d in series), 1)
    text = chart_text(chart_id, title, series, (0, high), language, locale)
    points = _points(series, locale)
    return chart_figure(bar_chart(points, text, high), text, points)


def trend_chart(
    chart_id: str, title: str, series: list[DayValue], language: str, locale: str
) -> Markup | None:
    """A line over the range of the values, or None with fewer than two of them; a caption
    says so when its axis does not start at zero."""
    if len(series) < 2:
        return None
    low = min(d.value for d in series)
    high = max(max(d.value for d in series), low + 1)
    text = chart_text(chart_id, title, series, (low, high), language, locale)
    points = _points(series, locale)
    note = gettext(language, AXIS_NOT_FROM_ZERO) % {"low": text.low} if low != 0 else None
    return chart_figure(line_chart(points, text, low, high), text, points, note)
