"""Translations of our own UI strings (Babel catalogs) and locale-aware formatting.

English is the source language of every template; `locales/<lang>/LC_MESSAGES/messages.po`
holds the other languages. Catalogs are compiled in memory for our renderer and written as
`.mo` files for the theme's templates, so no compiled file is ever committed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from generator.site import output

LOCALES_DIR = Path(__file__).parent / "locales"
SOURCE_LANGUAGE = "en"
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


def N_(message: str) -> str:
    """Mark `message` for translation where it is defined; translate it where it is shown."""
    return message


def catalog_path(language: str) -> Path:
    """Where the `.po` catalog of `language` lives."""
    return LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"


@cache
def translations(language: str) -> NullTranslations:
    """The gettext translations for `language` (identity for the source language)."""
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    with catalog_path(language).open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def gettext(language: str, message: str) -> str:
    """`message` translated into `language`."""
    return translations(language).gettext(message)


def write_theme_catalogs(theme_dir: Path, languages: list[str]) -> None:
    """Compile the catalogs to `<theme_dir>/locales/<lang>/LC_MESSAGES/messages.mo` for MkDocs."""
    for language in languages:
        if language == SOURCE_LANGUAGE:
            continue
        with catalog_path(language).open("rb") as po_file:
            catalog = read_po(po_file, locale=language)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        output.write_bytes_atomically(
            theme_dir / "locales" / language / "LC_MESSAGES" / "messages.mo", buffer.getvalue()
        )


def format_number(value: int | float, locale: str) -> str:
    """`12345` → `12 345` in fr_CA, `12,345` in en_CA."""
    return format_decimal(value, locale=locale)


_FIRST_DAY = re.compile(r"(?<!\d)1(?= )")


def format_day(value: dt.date, form: str, locale: str) -> str:
    """Babel's date in `form` (medium, long, full), with French's ordinal for the first of a
    month: `1er octobre 2026`, `jeudi 1er octobre 2026` (Babel writes `1 octobre`)."""
    text = format_date(value, form, locale=locale)
    if value.day == 1 and locale.split("_")[0] == "fr":
        return _FIRST_DAY.sub("1er", text, count=1)
    return text


def format_long_date(value: dt.date, locale: str) -> str:
    """`2026-03-05` → `5 mars 2026` in fr_CA (`1er mars 2026`), `March 5, 2026` in en_CA."""
    return format_day(value, "long", locale)


def list_names(names: list[str], language: str) -> str:
    """`X, Bluesky and Mastodon` / `X, Bluesky et Mastodon` (Babel's list patterns)."""
    from babel.lists import format_list

    return format_list(names, locale=language) if names else ""
