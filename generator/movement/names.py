"""Field types for names on X and in the movement: usernames, hashtags, List ids, post ids."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from generator.movement.fields import field_error, refuse_invisible
from generator.text import is_hashtag_char, is_valid_hashtag

HANDLE_PATTERN = re.compile(r"[A-Za-z0-9_]{1,15}")
SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")


def _check_handle(value: str) -> str:
    refuse_invisible(value)
    if value.startswith("@"):
        raise field_error(
            "handle_at", "write the username without '@': '{bare}'", bare=value.lstrip("@")
        )
    if not HANDLE_PATTERN.fullmatch(value):
        raise field_error(
            "handle_pattern",
            "'{value}' is not an X username: 1 to 15 letters, digits or underscores",
            value=value,
        )
    return value


def _suggest_tag(value: str) -> str:
    words = re.split(r"[^\w]+|_", value)
    return "".join(word[:1].upper() + word[1:] for word in words if word)


def _check_hashtag(value: str) -> str:
    refuse_invisible(value)  # first: the messages below would show it as nothing
    if value.startswith(("#", "\uff03")):  # the fullwidth number sign also starts one
        raise field_error("hashtag_hash", "write the tag without '#': '{bare}'", bare=value[1:])
    if any(char.isspace() for char in value):
        raise field_error(
            "hashtag_space",
            "'{value}' contains a space, which ends a hashtag on X; write {suggestion}",
            value=value,
            suggestion=_suggest_tag(value),
        )
    stops = sorted({char for char in value if not is_hashtag_char(char)})
    if stops:
        raise field_error(
            "hashtag_punctuation",
            "'{value}' contains {chars}, which ends a hashtag on X; write {suggestion}",
            value=value,
            chars=", ".join(f"'{char}'" for char in stops),
            suggestion=_suggest_tag(value),
        )
    if value.isdigit():
        raise field_error(
            "hashtag_digits",
            "'{value}' is only digits, which X does not treat as a hashtag; add a letter",
            value=value,
        )
    if not is_valid_hashtag(value):
        raise field_error(
            "hashtag_invalid", "'{value}' is not a hashtag X would recognise", value=value
        )
    return value


def _check_slug(value: str) -> str:
    refuse_invisible(value)
    if not SLUG_PATTERN.fullmatch(value):
        raise field_error(
            "slug_pattern",
            "'{value}' must be lower-case letters, digits and '-', starting with a letter or digit",
            value=value,
        )
    return value


def digits_to_text(value: Any) -> Any:
    """A number written without quotes (a List id, a ward number): YAML reads an integer."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check_list_id(value: str) -> str:
    refuse_invisible(value)
    if not value.isdigit():
        raise field_error(
            "list_id",
            "'{value}' is not an X List id: the digits at the end of the list's address",
            value=value,
        )
    return value


def _check_visible(value: str) -> str:
    refuse_invisible(value)
    return value


Handle = Annotated[str, AfterValidator(_check_handle)]
Hashtag = Annotated[str, AfterValidator(_check_hashtag)]
Slug = Annotated[str, AfterValidator(_check_slug)]
ListId = Annotated[str, BeforeValidator(digits_to_text), AfterValidator(_check_list_id)]
VisibleText = Annotated[str, AfterValidator(_check_visible)]
"""A short name that is no hashtag or username (an X List's slug): only invisible
characters are refused, so that what the site shows is what X knows."""
