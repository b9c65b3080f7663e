"""Field types of the movement format: each checks one kind of value and says how to fix it.

Here: what a text may hold (invisible characters), language codes, and texts given in every
language of the movement; `names` checks usernames, hashtags and ids, `urls` web addresses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

SUPPORTED_LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGES = ("fr", "en")


def field_error(kind: str, message: str, **context: Any) -> PydanticCustomError:
    """The error a field check raises: `kind` names it, `message` says the fix, `context`
    fills its `{…}`."""
    return PydanticCustomError(kind, message, context or None)


def languages_of(info: ValidationInfo) -> tuple[str, ...]:
    """The movement's languages, passed in as validation context by the loader."""
    context = info.context or {}
    return tuple(context.get("languages") or DEFAULT_LANGUAGES)


# ------------------------------------------------------------------ invisible characters

# Characters that show as nothing, or that silently reorder the text around them: pasted
# along with a text from a word processor or a web page, they make a hashtag or a username
# another one than the one people type, and a post that screen readers spell out oddly.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
INVISIBLE_CHARS = BIDI_CONTROLS | frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
)
# Joiners carry meaning between the letters of some scripts (Persian, Indic) and inside emoji
# sequences (👩‍⚕️); next to a space, a Latin letter or ASCII they only hide.
_JOINERS = frozenset("\u200c\u200d")


def char_name(char: str) -> str:
    """`U+200B ZERO WIDTH SPACE`: how a message names a character its reader may not see."""
    name = unicodedata.name(char, "")
    if not name and unicodedata.category(char) == "Cc":
        name = "CONTROL CHARACTER"
    return f"U+{ord(char):04X} {name}".rstrip()


def _is_invisible(char: str) -> bool:
    return char in INVISIBLE_CHARS or (unicodedata.category(char) == "Cc" and char not in "\t\n\r")


def shown(value: str) -> str:
    """`value` with its invisible characters, and those that print as a blank or a line
    break, written `[U+200B]`, so that a message shows them."""
    return "".join(
        f"[U+{ord(c):04X}]" if _is_invisible(c) or not (c.isprintable() or c == " ") else c
        for c in value
    )


def _joins_a_script(text: str, index: int) -> bool:
    """Whether the joiner at `index` stands between two characters of a script that uses it."""
    if index == 0 or index + 1 >= len(text):
        return False
    for neighbour in (text[index - 1], text[index + 1]):
        if neighbour.isascii() or neighbour.isspace() or _is_invisible(neighbour):
            return False
        if unicodedata.name(neighbour, "").startswith("LATIN"):
            return False
    return True


def stray_invisibles(text: str) -> list[int]:
    """Indexes of the invisible characters of `text` that carry no meaning there."""
    return [
        index
        for index, char in enumerate(text)
        if _is_invisible(char) and not (char in _JOINERS and _joins_a_script(text, index))
    ]


def invisible_message(text: str, stray: list[int], context: bool = False) -> str:
    """Which invisible character `text` holds (at `stray`, from `stray_invisibles`), and the
    fix; with `context`, the words before it too, to find it in a long text."""
    char = text[stray[0]]
    where = f"position {stray[0] + 1}"
    if context:
        before = shown(text[max(0, stray[0] - 20) : stray[0]].lstrip())
        where += f" (after '{before}')" if before else ""
    what = (
        "an invisible control of the text's direction"
        if char in BIDI_CONTROLS
        else "an invisible character"
    )
    more = len(stray) - 1
    if more:
        return (
            f"holds {char_name(char)}, {what}, at {where}, and {more} more further on; they "
            "were likely pasted along with the text: delete them"
        )
    return (
        f"holds {char_name(char)}, {what}, at {where}; it was likely pasted along with the "
        "text: delete it"
    )


def refuse_invisible(value: str) -> None:
    stray = stray_invisibles(value)
    if stray:
        raise field_error("invisible_char", f"'{shown(value)}' {invisible_message(value, stray)}")


# ----------------------------------------------------------------------- language codes

# What people write for a language when a two-letter code is expected, accents removed.
_LANGUAGE_SPELLINGS = {
    "fr": ("fr", "fra", "fre", "french", "francais", "francaise"),
    "en": ("en", "eng", "english", "anglais", "anglaise"),
}


def fold(text: str) -> str:
    """`text` case-folded and without accents: how a French reader compares two spellings."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def suggest_language(value: str) -> str | None:
    """The supported language `value` most likely means: `eng`, `Français`, `fr_CA` → en, fr."""
    folded = fold("".join(char for char in value if not _is_invisible(char)).strip())
    base = re.split(r"[-_\s.]", folded, maxsplit=1)[0]
    for language, spellings in _LANGUAGE_SPELLINGS.items():
        if folded in spellings or base in spellings:
            return language
    return None


def language_hint(value: str, locale_key: bool = False) -> str:
    """`did you mean fr?` for a misspelt language code, else how to write one; `locale_key`
    when `value` is a key of `locales`."""
    suggestion = suggest_language(value)
    if suggestion is None:
        return f"use {' or '.join(SUPPORTED_LANGUAGES)}"
    if not re.fullmatch(r"[A-Za-z]{2}[-_][A-Za-z]{2}", value.strip()):
        return f"did you mean {suggestion}?"
    # A locale like fr_CA: the region belongs under `locales`, as the value of the language.
    if locale_key:
        return f"did you mean {suggestion}? (the key is the language, the locale its value: {suggestion}: {value})"
    return f"did you mean {suggestion}? (a region like {value[3:]} goes under `locales`)"


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
        raise field_error(
            "localized_type",
            "expected a text, or one text per language like {fr: …, en: …}; got {got}",
            got=describe_type(value),
        )
    value = _keyed_by_declared(value, languages)
    unknown = [key for key in value if key not in languages]
    listed = ", ".join(shown(lang) for lang in languages)
    if unknown and unknown[0] not in SUPPORTED_LANGUAGES:
        key = str(unknown[0])
        raise field_error(
            "localized_language", _unsupported_key_message(key, value, languages), at=key
        )
    if unknown:
        raise field_error(
            "localized_language",
            f"'{unknown[0]}' is not a language of this movement ({listed}); remove it or add it "
            "to `languages`",
            at=str(unknown[0]),
        )
    missing = [lang for lang in languages if lang not in value]
    if missing:
        raise field_error(
            "missing_translation",
            f"missing the '{shown(missing[0])}' translation; every language of `languages` "
            f"({listed}) needs one",
        )
    for lang in languages:
        if not isinstance(value[lang], str):
            raise field_error(
                "localized_type",
                "the '{lang}' text must be a text, not {got}",
                lang=lang,
                at=lang,
                got=describe_type(value[lang]),
            )
        _require_text(value[lang], at=lang)
    return LocalizedText({lang: value[lang].strip() for lang in languages})


def _keyed_by_declared(texts: Mapping[Any, Any], languages: tuple[str, ...]) -> Mapping[Any, Any]:
    """`texts` keyed by the declared languages: a file that declares `eng` or `fr_CA` (which
    `languages` reports) may key its texts en and fr, and no text is reported for it again."""
    aliases = {
        alias: lang
        for lang in languages
        if lang not in SUPPORTED_LANGUAGES
        and (alias := suggest_language(lang)) is not None
        and alias not in languages
    }
    renamed = {key: aliases[key] for key in texts if key in aliases and aliases[key] not in texts}
    if not renamed:
        return texts
    return {renamed.get(key, key): text for key, text in texts.items()}


def _unsupported_key_message(key: str, texts: Mapping[Any, Any], languages: tuple[str, ...]) -> str:
    stray = stray_invisibles(key)
    if stray:
        return f"'{shown(key)}' {invisible_message(key, stray)}"
    suggestion = suggest_language(key)
    # A misspelt key of a language the text lacks is that language: say so; else remove it.
    fix = language_hint(key) if suggestion in languages and suggestion not in texts else "remove it"
    return (
        f"'{key}' is not a language Porte-voix speaks ({' or '.join(SUPPORTED_LANGUAGES)}); {fix}"
    )


def _require_text(value: str, at: str | None = None) -> None:
    if not value.strip():
        if at is None:
            raise field_error("empty_text", "is empty; write the text")
        raise field_error("empty_text", "is empty; write the text", at=at)


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


def _language_problem(value: str, locale_key: bool = False) -> str | None:
    if value in SUPPORTED_LANGUAGES:
        return None
    stray = stray_invisibles(value)
    if stray:
        return f"'{shown(value)}' {invisible_message(value, stray)}"
    return f"'{value}' is not a language Porte-voix speaks; {language_hint(value, locale_key)}"


def _check_language(value: str) -> str:
    problem = _language_problem(value)
    if problem is not None:
        raise field_error("language", problem)
    return value


def check_language_keys(value: Any) -> Any:
    """Check the keys of a mapping by language (`locales`) as `Language` values, reporting a
    bad one at its own key (pydantic would report it at `locales.<key>.[key]`)."""
    if isinstance(value, Mapping):
        for key in value:
            problem = _language_problem(key, locale_key=True) if isinstance(key, str) else None
            if problem is not None:
                raise field_error("language", problem, at=key)
    return value


Language = Annotated[str, AfterValidator(_check_language)]
