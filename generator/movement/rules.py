"""Checks that need the whole movement: duplicates, lengths, references, files, advice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from generator.compose import x_post_length
from generator.errors import Severity
from generator.movement.fields import LocalizedText
from generator.movement.schema import DEFAULT_LOCALES, Movement
from generator.movement.yamlpos import KeyPath
from generator.share import Shareable, share_links
from generator.text import MAX_WEIGHTED_LENGTH

LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
# A one-case tag this long is most likely several words run together (acronyms are shorter).
MULTIWORD_THRESHOLD = 10


@dataclass(frozen=True)
class Finding:
    """A problem found in a valid-typed movement, at a key path of its file."""

    path: KeyPath
    message: str
    severity: Severity = "error"


def find_problems(movement: Movement, folder: Path) -> list[Finding]:
    """Every cross-field problem of `movement`, whose file lives in `folder`."""
    return [
        *_language_coverage(movement),
        *_duplicates(("hashtags", "tag"), [h.tag for h in movement.hashtags], HASHTAG_CASE),
        *_duplicates(("posts", "id"), [p.id for p in movement.posts]),
        *_duplicates(("accounts", "handle"), [a.handle for a in movement.accounts], HANDLE_CASE),
        *_duplicates(("lists", "id"), [x.id for x in movement.lists]),
        *_duplicates(("stats", "accounts"), movement.stats.accounts or [], HANDLE_CASE),
        *_duplicates(("stats", "hashtags"), movement.stats.hashtags or [], HASHTAG_CASE),
        *_hashtag_languages(movement),
        *_post_lengths(movement),
        *_prompt_lengths(movement),
        *_camel_case_advice(movement),
        *_locales(movement),
        *_palette_contrast(movement),
        *_logo(movement, folder),
    ]


def _language_coverage(movement: Movement) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, language in enumerate(movement.languages):
        if language in seen:
            yield Finding(("languages", index), f"'{language}' is listed twice")
        seen.add(language)
        if not any(h.lang in (None, language) for h in movement.hashtags):
            yield Finding(
                ("hashtags",),
                f"no hashtag for the '{language}' pages; add one without `lang` or with lang: {language}",
            )


HASHTAG_CASE = " (X ignores capitals in hashtags)"
HANDLE_CASE = " (X ignores capitals in usernames)"


def _duplicates(
    where: tuple[str, str], values: list[str], case_note: str = ""
) -> Iterator[Finding]:
    """Values that repeat an earlier one; with `case_note`, capitals do not make them differ."""
    section, key = where
    first_index: dict[str, int] = {}
    for index, value in enumerate(values):
        folded = value.casefold() if case_note else value
        if folded not in first_index:
            first_index[folded] = index
            continue
        first = first_index[folded]
        if section == "stats":
            path: KeyPath = (section, key, index)
            earlier = f"{section}.{key}[{first}]"
        else:
            path = (section, index, key)
            earlier = f"{section}[{first}]"
        if values[first] == value:
            yield Finding(path, f"'{value}' repeats {earlier}; keep one")
        else:
            yield Finding(
                path, f"'{value}' repeats {earlier} '{values[first]}'{case_note}; keep one"
            )


def _hashtag_languages(movement: Movement) -> Iterator[Finding]:
    for index, hashtag in enumerate(movement.hashtags):
        if hashtag.lang is not None and hashtag.lang not in movement.languages:
            yield Finding(
                ("hashtags", index, "lang"),
                f"'{hashtag.lang}' is not a language of this movement "
                f"({', '.join(movement.languages)}); remove `lang`, or add {hashtag.lang} to `languages`",
            )


def _post_lengths(movement: Movement) -> Iterator[Finding]:
    via = movement.organization.handle
    for index, post in enumerate(movement.posts):
        wordings: list[tuple[KeyPath, LocalizedText]] = [(("posts", index, "text"), post.text)]
        wordings += [
            (("posts", index, "variants", number), variant)
            for number, variant in enumerate(post.variants)
        ]
        for path, text in wordings:
            posted = {
                language: Shareable(
                    text[language], tuple(movement.post_hashtags(post, language)), post.url, via
                )
                for language in movement.languages
            }
            if len(set(posted.values())) == 1:  # one text for all: say it once, at the text
                posted = {"": next(iter(posted.values()))}
            for language, item in posted.items():
                where = (*path, language) if language else path
                yield from _other_network_lengths(where, item)
                yield from _x_length(where, item, language)


def _x_length(path: KeyPath, item: Shareable, language: str) -> Iterator[Finding]:
    length = x_post_length(item.text, item.hashtags, item.url, item.via)
    if length > MAX_WEIGHTED_LENGTH:
        added = "hashtags, link (23)" if item.url else "hashtags"
        post = f"the {language} post" if language else "the post"
        yield Finding(
            path,
            f"{post} is {length}/{MAX_WEIGHTED_LENGTH} on X once its {added} and "
            f"' via @{item.via}' are added; shorten it by {length - MAX_WEIGHTED_LENGTH}",
        )


def _other_network_lengths(path: KeyPath, item: Shareable) -> Iterator[Finding]:
    for link in share_links(item):
        if link.network != "x" and not link.is_offered and not link.needs_link:
            yield Finding(
                path,
                f"too long for {link.name} ({link.length}/{link.limit}), so the page offers no "
                f"{link.name} button for it; shorten it if its supporters use {link.name}",
                severity="warning",
            )


def _prompt_lengths(movement: Movement) -> Iterator[Finding]:
    texts: list[tuple[KeyPath, LocalizedText, str | None]] = [
        (("questions", index), question, None) for index, question in enumerate(movement.questions)
    ]
    texts += [
        (("conversations", index, "prompt"), c.prompt, c.post if c.action == "quote" else None)
        for index, c in enumerate(movement.conversations)
    ]
    for path, text, quoted in texts:
        for language in movement.languages:
            length = x_post_length(text[language], (), quoted, None)
            if length > MAX_WEIGHTED_LENGTH:
                link = " with the quoted post's link (23)" if quoted else ""
                yield Finding(
                    (*path, language) if len(set(text.values())) > 1 else path,
                    f"the {language} text is {length}/{MAX_WEIGHTED_LENGTH} on X{link}; "
                    f"shorten it by {length - MAX_WEIGHTED_LENGTH}",
                )


def _camel_case_advice(movement: Movement) -> Iterator[Finding]:
    for index, hashtag in enumerate(movement.hashtags):
        letters = [char for char in hashtag.tag if char.isalpha()]
        if len(letters) < MULTIWORD_THRESHOLD:
            continue
        if all(c.islower() for c in letters):
            case = "lower case"
        elif all(c.isupper() for c in letters):
            case = "capitals"
        else:
            continue
        yield Finding(
            ("hashtags", index, "tag"),
            f"'{hashtag.tag}' is all {case}; if it joins several words, capitalize the first "
            "letter of each (like NursingWeek) so screen readers read it word by word",
            severity="warning",
        )


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


def _palette_contrast(movement: Movement) -> Iterator[Finding]:
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


def _locales(movement: Movement) -> Iterator[Finding]:
    for language, name in movement.locales.items():
        if language not in movement.languages:
            continue
        try:
            locale = Locale.parse(name)
        except (ValueError, UnknownLocaleError):
            example = DEFAULT_LOCALES.get(language, f"{language}_CA")
            yield Finding(
                ("locales", language), f"'{name}' is not a locale Babel knows, like {example}"
            )
            continue
        if locale.language != language:
            yield Finding(
                ("locales", language),
                f"'{name}' formats {locale.language}, not {language}; use a {language}_XX locale",
            )


def _logo(movement: Movement, folder: Path) -> Iterator[Finding]:
    logo = movement.theme.logo
    if logo is None:
        return
    path = ("theme", "logo")
    resolved = (folder / logo).resolve()
    if not resolved.is_relative_to(folder.resolve()):
        yield Finding(path, f"'{logo}' is outside the movement folder; put the image in it")
    elif resolved.suffix.lower() not in LOGO_SUFFIXES:
        yield Finding(path, f"'{logo}' is not an SVG, PNG, JPEG or WebP image")
    elif not resolved.is_file():
        yield Finding(path, f"'{logo}' does not exist in {folder}")
