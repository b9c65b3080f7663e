"""What the home page opens with: the movement's main ask and its next key dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_time, get_datetime_format, get_timezone_name

from generator.i18n import N_, format_day, gettext
from generator.layout import page_dir
from generator.movement.dates import EventDate
from generator.movement.schema import KeyDate, Movement

NEXT_DATES = 3
"""How many upcoming dates the home page shows."""
POSTS_PAGE = "kit/posts.md"
HASHTAGS_PAGE = "kit/hashtags.md"


@dataclass(frozen=True)
class AskView:
    """The home page's big button: its words, where it leads, and whether that is elsewhere."""

    label: str
    href: str
    external: bool


@dataclass(frozen=True)
class DateView:
    """A key date as the home page shows it: in words, and for machines (`<time datetime>`)."""

    label: str
    when: str
    iso: str
    url: str | None


def ask_view(spec: Movement, language: str, pages: frozenset[str]) -> AskView:
    """The movement's `ask`; without one, "Share a post" (or, with no posts, the hashtags)."""
    if spec.ask is not None:
        return AskView(spec.ask.label[language], spec.ask.url, external=True)
    if POSTS_PAGE in pages:
        return AskView(gettext(language, N_("Share a post")), page_dir(POSTS_PAGE), False)
    return AskView(gettext(language, N_("Use our hashtag")), page_dir(HASHTAGS_PAGE), False)


def is_upcoming(date: EventDate, zone: dt.tzinfo, now: dt.datetime) -> bool:
    """A day is upcoming until it ends where the movement is; a time until it has come."""
    if date.time is None:
        return date.day >= now.astimezone(zone).date()
    return date.moment(zone) >= now


def next_dates(spec: Movement, language: str, locale: str, now: dt.datetime) -> list[DateView]:
    """The next `NEXT_DATES` key dates from `now` (the build's time), soonest first."""
    zone = spec.zone
    upcoming = sorted(
        (d for d in spec.dates if is_upcoming(d.date, zone, now)), key=lambda d: d.date.sort_key
    )
    return [_date_view(d, language, locale, zone) for d in upcoming[:NEXT_DATES]]


def _date_view(date: KeyDate, language: str, locale: str, zone: dt.tzinfo) -> DateView:
    return DateView(
        label=date.label[language],
        when=event_when(date.date, locale, zone),
        iso=_iso(date.date, zone),
        url=date.url,
    )


def event_when(date: EventDate, locale: str, zone: dt.tzinfo) -> str:
    """`mardi 16 février 2027, 19 h 00 HNE` in fr_CA, `Tuesday, February 16, 2027, 7:00 p.m.
    EST` in en_CA; a day alone without its time."""
    day = format_day(date.day, "full", locale)
    if date.time is None:
        return day
    moment = date.moment(zone)
    time = format_time(moment, "short", tzinfo=zone, locale=locale)
    name = get_timezone_name(moment, "short", locale=locale)
    pattern = str(get_datetime_format("long", locale=locale)).replace("'", "")
    return pattern.replace("{1}", day).replace("{0}", f"{time} {name}")


def _iso(date: EventDate, zone: dt.tzinfo) -> str:
    if date.time is None:
        return date.day.isoformat()
    return date.moment(zone).isoformat(timespec="minutes")
