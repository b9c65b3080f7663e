"""Field types for time: the day (and time) of a key date, and the movement's time zone."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import zoneinfo
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from generator.movement.fields import describe_type, field_error, fold, refuse_invisible

DEFAULT_TIMEZONE = "America/Toronto"
_DATE = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2}))?")
_OFFSET = re.compile(r"(?:UTC|GMT)?\s*[-+\u2212]\s*\d{1,2}(?::?\d{2})?", re.IGNORECASE)
_EXAMPLE = "like 2027-02-16, or 2027-02-16 19:00 with its time"


@dataclass(frozen=True)
class EventDate:
    """A day of the calendar and, when given, its time of day in the movement's time zone."""

    day: dt.date
    time: dt.time | None = None

    def __str__(self) -> str:
        when = self.day.isoformat()
        return when if self.time is None else f"{when} {self.time.strftime('%H:%M')}"

    @property
    def sort_key(self) -> tuple[dt.date, dt.time]:
        """Days in order; a day alone before the times of that day."""
        return self.day, self.time or dt.time.min

    def moment(self, zone: dt.tzinfo) -> dt.datetime:
        """When it starts in `zone`: its time, or the start of its day."""
        return dt.datetime.combine(self.day, self.time or dt.time(0), tzinfo=zone)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_event_date,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # No "type": YAML 1.1 readers (PyYAML) give a date, YAML 1.2 editors a string.
        return {
            "pattern": r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2})?$",
            "examples": ["2027-02-16", "2027-02-16 19:00"],
        }


def _validate_event_date(value: Any) -> EventDate:
    if isinstance(value, dt.datetime):  # YAML read `2027-02-16 19:00:00` as a timestamp
        if value.tzinfo is not None:
            raise field_error(
                "event_date",
                f"'{value}' has a UTC offset; write the day and the time HH:MM where the "
                f"campaign is (its `timezone`), {_EXAMPLE}",
            )
        if value.second or value.microsecond:
            raise field_error(
                "event_date",
                f"'{value}' has seconds; write the time HH:MM: {value:%Y-%m-%d %H:%M}",
            )
        return EventDate(value.date(), value.time())
    if isinstance(value, dt.date):
        return EventDate(value)
    if not isinstance(value, str):
        raise field_error(
            "event_date",
            f"expected a date {_EXAMPLE}; got {describe_type(value)}",
        )
    refuse_invisible(value)
    match = _DATE.fullmatch(value.strip())
    if match is None:
        raise field_error(
            "event_date",
            f"'{value}' is not a date Porte-voix reads; write it YYYY-MM-DD, {_EXAMPLE}",
        )
    try:
        day = dt.date.fromisoformat(match["day"])
    except ValueError as error:
        raise field_error(
            "event_date", f"'{match['day']}' is not a day of the calendar ({error}); check it"
        ) from None
    if match["hour"] is None:
        return EventDate(day)
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59:
        raise field_error(
            "event_date",
            f"'{match['hour']}:{match['minute']}' is not a time of day; write it HH:MM on the "
            "24-hour clock, from 00:00 to 23:59 (7 p.m. is 19:00)",
        )
    return EventDate(day, dt.time(hour, minute))


# ----------------------------------------------------------------------------- time zones


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def zone(name: str) -> zoneinfo.ZoneInfo:
    """The time zone named `name` (a validated `timezone`)."""
    return zoneinfo.ZoneInfo(name)


def suggest_zone(value: str) -> str | None:
    """The IANA name `value` most likely means: a case or spelling slip, or a city alone."""
    names = sorted(_zone_names())
    folded = {fold(name): name for name in names}
    wanted = fold(value.strip()).replace(" ", "_")
    if wanted in folded:
        return folded[wanted]
    cities = {fold(name.rsplit("/", 1)[-1]): name for name in names if "/" in name}
    if wanted in cities:
        return cities[wanted]
    close = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.8)
    if close:
        return folded[close[0]]
    close = difflib.get_close_matches(wanted, list(cities), n=1, cutoff=0.8)
    return cities[close[0]] if close else None


def _check_timezone(value: str) -> str:
    refuse_invisible(value)
    if value in _zone_names():
        try:
            zone(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            pass
        else:
            return value
    start = f"'{value}' is not the name of a time zone"
    if _OFFSET.fullmatch(value.strip()):
        raise field_error(
            "timezone",
            f"'{value}' is a fixed offset, which ignores daylight saving time; write the "
            f"name of a place, like {DEFAULT_TIMEZONE} or Europe/Paris",
        )
    suggestion = suggest_zone(value)
    if suggestion is not None:
        raise field_error("timezone", f"{start}; did you mean {suggestion}?")
    raise field_error(
        "timezone",
        f"{start}; write an IANA time zone name, a region and a city, like "
        f"{DEFAULT_TIMEZONE} or Europe/Paris",
    )


TimeZoneName = Annotated[str, AfterValidator(_check_timezone)]
"""An IANA time zone name, like America/Toronto."""
