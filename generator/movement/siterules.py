"""The site's own settings: theme colour, locales, logo and address."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from babel import Locale, UnknownLocaleError

from generator.movement.fields import invisible_message, shown, stray_invisibles
from generator.movement.files import logo_problems
from generator.movement.findings import Finding
from generator.movement.schema import DEFAULT_LOCALES, Movement

# Contrast with white of each Material 9 primary colour where it colours links, buttons and
# the header's text on the default (light) scheme; WCAG asks 4.5:1 for text.
PRIMARY_CONTRAST = {
    "red": 3.45, "pink": 4.33, "purple": 4.81, "deep purple": 5.25, "indigo": 6.86,
    "blue": 3.19, "light blue": 2.71, "cyan": 2.27, "teal": 3.77, "green": 2.81,
    "light green": 2.1, "lime": 1.52, "yellow": 1.21, "amber": 1.63, "orange": 2.8,
    "deep orange": 2.78, "brown": 6.48, "grey": 4.61, "blue grey": 5.47, "black": 21.0,
    "white": 6.86,
}  # fmt: skip
READABLE_TEXT = 4.5


def palette_contrast(movement: Movement) -> Iterator[Finding]:
    primary = movement.theme.primary
    if primary is None or PRIMARY_CONTRAST[primary] >= READABLE_TEXT:
        return
    readable = ", ".join(c for c, ratio in PRIMARY_CONTRAST.items() if ratio >= READABLE_TEXT)
    yield Finding(
        ("theme", "primary"),
        f"'{primary}' makes links, buttons and the header {PRIMARY_CONTRAST[primary]}:1 against "
        f"white, under the {READABLE_TEXT}:1 that people with low vision need; choose one of: "
        f"{readable}",
        severity="warning",
    )


def locales(movement: Movement) -> Iterator[Finding]:
    for language, name in movement.locales.items():
        if language not in movement.languages:
            continue
        try:
            locale = Locale.parse(name)
        except (ValueError, UnknownLocaleError):
            example = DEFAULT_LOCALES.get(language, f"{language}_CA")
            stray = stray_invisibles(name)
            yield Finding(
                ("locales", language),
                f"'{shown(name)}' {invisible_message(name, stray)}"
                if stray
                else f"'{name}' is not a locale Babel knows, like {example}",
            )
            continue
        if locale.language != language:
            yield Finding(
                ("locales", language),
                f"'{name}' formats {locale.language}, not {language}; use a {language}_XX locale",
            )


def logo(movement: Movement, folder: Path) -> Iterator[Finding]:
    # Its content is checked here, once: the site copies it and the card draws it as is.
    if movement.theme.logo is not None:
        for message in logo_problems(folder, movement.theme.logo):
            yield Finding(("theme", "logo"), message)


def site_url(movement: Movement) -> Iterator[Finding]:
    # A warning of the file, not of a build: `check` and every `build --strict` see it.
    if movement.site_url is None:
        yield Finding(
            ("site_url",),  # not in the file: placed at its first key
            "not set: links shared from this site will show no card (social networks need "
            "the image's full address), its page share buttons need JavaScript, and its "
            "posts' images and one-pager show no address and no QR code (there is none to "
            "encode); add site_url: https://…/ where the site is published",
            severity="warning",
        )
