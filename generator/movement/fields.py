"""Field types of the movement format: each checks one kind of value and says how to fix it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BeforeValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from generator.text import is_hashtag_char, is_valid_hashtag

SUPPORTED_LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGES = ("fr", "en")

HANDLE_PATTERN = re.compile(r"[A-Za-z0-9_]{1,15}")
SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
STATUS_URL_PATTERN = re.compile(
    r"https://(?:www\.)?(?:x|twitter)\.com/(?P<author>[A-Za-z0-9_]{1,15})/status/(?P<id>[0-9]{1,20})"
    r"(?:[/?#].*)?"
)


def _fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context or None)


def languages_of(info: ValidationInfo) -> tuple[str, ...]:
    """The movement's languages, passed in as validation context by the loader."""
    context = info.context or {}
    return tuple(context.get("languages") or DEFAULT_LANGUAGES)


class LocalizedText(Mapping[str, str]):
    """A text in every language of the movement: a plain string means the same in all."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = dict(texts)

    def __getitem__(self, language: str) -> str:
        return self._texts[language]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __repr__(self) -> str:
        return f"LocalizedText({self._texts!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self) == dict(other)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._texts.items())))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(
            _validate_localized,
            serialization=core_schema.plain_serializer_function_ser_schema(dict),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        per_language = {lang: {"type": "string", "minLength": 1} for lang in SUPPORTED_LANGUAGES}
        return {
            "anyOf": [
                {
                    "type": "string",
                    "minLength": 1,
                    "description": "The same text in every language.",
                },
                {
                    "type": "object",
                    "properties": per_language,
                    "additionalProperties": False,
                    "description": "One text per language of `languages`.",
                },
            ]
        }


def _validate_localized(value: Any, info: ValidationInfo) -> LocalizedText:
    languages = languages_of(info)
    if isinstance(value, str):
        _require_text(value)
        return LocalizedText({lang: value.strip() for lang in languages})
    if not isinstance(value, Mapping):
        raise _fail(
            "localized_type",
            "expected a text, or one text per language like {fr: …, en: …}; got {got}",
            got=describe_type(value),
        )
    unknown = [key for key in value if key not in languages]
    if unknown and unknown[0] not in SUPPORTED_LANGUAGES:
        raise _fail(
            "localized_language",
            "'{key}' is not a language Porte-voix speaks ({supported}); remove it",
            key=str(unknown[0]),
            at=str(unknown[0]),
            supported=" or ".join(SUPPORTED_LANGUAGES),
        )
    if unknown:
        raise _fail(
            "localized_language",
            "'{key}' is not a language of this movement ({languages}); remove it or add it to `languages`",
            key=str(unknown[0]),
            at=str(unknown[0]),
            languages=", ".join(languages),
        )
    missing = [lang for lang in languages if lang not in value]
    if missing:
        raise _fail(
            "missing_translation",
            "missing the '{lang}' translation; every language of `languages` ({languages}) needs one",
            lang=missing[0],
            languages=", ".join(languages),
        )
    for lang in languages:
        if not isinstance(value[lang], str):
            raise _fail(
                "localized_type",
                "the '{lang}' text must be a text, not {got}",
                lang=lang,
                at=lang,
                got=describe_type(value[lang]),
            )
        _require_text(value[lang], at=lang)
    return LocalizedText({lang: value[lang].strip() for lang in languages})


def _require_text(value: str, at: str | None = None) -> None:
    if not value.strip():
        if at is None:
            raise _fail("empty_text", "is empty; write the text")
        raise _fail("empty_text", "is empty; write the text", at=at)


def describe_type(value: Any) -> str:
    """How a YAML value reads to the person who wrote it."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()}); put the text in quotes"
    if isinstance(value, int | float):
        return f"a number ({value}); put it in quotes if it is a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping of keys"
    if isinstance(value, str):
        return f"a text ('{value}')"
    return f"a {type(value).__name__} value"


def _check_handle(value: str) -> str:
    if value.startswith("@"):
        raise _fail("handle_at", "write the username without '@': '{bare}'", bare=value.lstrip("@"))
    if not HANDLE_PATTERN.fullmatch(value):
        raise _fail(
            "handle_pattern",
            "'{value}' is not an X username: 1 to 15 letters, digits or underscores",
            value=value,
        )
    return value


def _suggest_tag(value: str) -> str:
    words = re.split(r"[^\w]+|_", value)
    return "".join(word[:1].upper() + word[1:] for word in words if word)


def _check_hashtag(value: str) -> str:
    if value.startswith(("#", "\uff03")):  # the fullwidth number sign also starts one
        raise _fail("hashtag_hash", "write the tag without '#': '{bare}'", bare=value[1:])
    if any(char.isspace() for char in value):
        raise _fail(
            "hashtag_space",
            "'{value}' contains a space, which ends a hashtag on X; write {suggestion}",
            value=value,
            suggestion=_suggest_tag(value),
        )
    stops = sorted({char for char in value if not is_hashtag_char(char)})
    if stops:
        raise _fail(
            "hashtag_punctuation",
            "'{value}' contains {chars}, which ends a hashtag on X; write {suggestion}",
            value=value,
            chars=", ".join(f"'{char}'" for char in stops),
            suggestion=_suggest_tag(value),
        )
    if value.isdigit():
        raise _fail(
            "hashtag_digits",
            "'{value}' is only digits, which X does not treat as a hashtag; add a letter",
            value=value,
        )
    if not is_valid_hashtag(value):
        raise _fail("hashtag_invalid", "'{value}' is not a hashtag X would recognise", value=value)
    return value


def _check_slug(value: str) -> str:
    if not SLUG_PATTERN.fullmatch(value):
        raise _fail(
            "slug_pattern",
            "'{value}' must be lower-case letters, digits and '-', starting with a letter or digit",
            value=value,
        )
    return value


def _check_web_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise _fail(
            "url",
            "'{value}' is not an absolute web address; write it in full, like https://example.org/",
            value=value,
        )
    return value


def _check_status_url(value: str) -> str:
    if not STATUS_URL_PATTERN.fullmatch(value):
        raise _fail(
            "status_url",
            "'{value}' is not the address of a post on X; copy it from the post's share menu, "
            "like https://x.com/username/status/1234567890",
            value=value,
        )
    return value


def _digits_to_text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check_list_id(value: str) -> str:
    if not value.isdigit():
        raise _fail(
            "list_id",
            "'{value}' is not an X List id: the digits at the end of the list's address",
            value=value,
        )
    return value


def _check_language(value: str) -> str:
    if value not in SUPPORTED_LANGUAGES:
        raise _fail(
            "language",
            "'{value}' is not a language Porte-voix speaks; use {supported}",
            value=value,
            supported=" or ".join(SUPPORTED_LANGUAGES),
        )
    return value


Handle = Annotated[str, AfterValidator(_check_handle)]
Hashtag = Annotated[str, AfterValidator(_check_hashtag)]
Slug = Annotated[str, AfterValidator(_check_slug)]
WebUrl = Annotated[str, AfterValidator(_check_web_url)]
StatusUrl = Annotated[str, AfterValidator(_check_status_url)]
ListId = Annotated[str, BeforeValidator(_digits_to_text), AfterValidator(_check_list_id)]
Language = Annotated[str, AfterValidator(_check_language)]
