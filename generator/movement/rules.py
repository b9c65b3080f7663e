"""Checks that need the whole movement: duplicates, lengths, references, files, advice.

`find_problems` gathers them in the order a reader meets them in the file. The structure
(languages, duplicates) and texts (invisible characters) are checked here; hashtags in
`hashtagrules`, post and prompt lengths in `lengths`, page weights in `pageweights`, and the
site's own settings in `siterules`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from pydantic import BaseModel

from generator.movement.fields import LocalizedText, invisible_message, stray_invisibles
from generator.movement.findings import Finding
from generator.movement.hashtagrules import (
    camel_case_advice,
    hashtag_languages,
    undeclared_post_hashtags,
)
from generator.movement.imagerules import post_photos, printed_posts, undrawable_characters
from generator.movement.lengths import post_lengths, prompt_lengths
from generator.movement.pageweights import (
    HEAVY_PAGE_BYTES,
    PAGE_BASE_BYTES,
    estimated_page_bytes,
    page_weights,
)
from generator.movement.schema import Movement
from generator.movement.siterules import locales, logo, palette_contrast, site_url
from generator.movement.targetrules import target_problems
from generator.movement.yamlpos import KeyPath

__all__ = [
    "HEAVY_PAGE_BYTES",
    "PAGE_BASE_BYTES",
    "Finding",
    "estimated_page_bytes",
    "find_problems",
]


def find_problems(movement: Movement, folder: Path) -> list[Finding]:
    """Every cross-field problem of `movement`, whose file lives in `folder`."""
    return [
        *_language_coverage(movement),
        *_duplicates(("hashtags", "tag"), [h.tag for h in movement.hashtags], HASHTAG_CASE),
        *_duplicates(("posts", "id"), [p.id for p in movement.posts]),
        *_duplicates(("accounts", "handle"), [a.handle for a in movement.accounts], HANDLE_CASE),
        *_duplicates(
            ("accounts", "bluesky"), [a.bluesky for a in movement.accounts], IDENTITY_CASE
        ),
        *_duplicates(
            ("accounts", "mastodon"), [a.mastodon for a in movement.accounts], IDENTITY_CASE
        ),
        *_duplicates(("bluesky_lists", "url"), [x.url for x in movement.bluesky_lists]),
        *_duplicates(("lists", "id"), [x.id for x in movement.lists]),
        *_duplicates(("targets", "id"), [group.id for group in movement.targets]),
        *_duplicates(("stats", "accounts"), movement.stats.accounts or [], HANDLE_CASE),
        *_duplicates(("stats", "hashtags"), movement.stats.hashtags or [], HASHTAG_CASE),
        *hashtag_languages(movement),
        *post_lengths(movement),
        *target_problems(movement),
        *prompt_lengths(movement),
        *camel_case_advice(movement),
        *undeclared_post_hashtags(movement),
        *_invisible_in_texts(movement),
        *page_weights(movement),
        *locales(movement),
        *palette_contrast(movement),
        *logo(movement, folder),
        *post_photos(movement, folder),
        *printed_posts(movement),
        *undrawable_characters(movement),
        *site_url(movement),
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
IDENTITY_CASE = " (capitals do not make handles differ)"


def _duplicates(
    where: tuple[str, str], values: Sequence[str | None], case_note: str = ""
) -> Iterator[Finding]:
    """Values that repeat an earlier one; with `case_note`, capitals do not make them differ.
    None (a key left out) repeats nothing."""
    section, key = where
    first_index: dict[str, int] = {}
    for index, value in enumerate(values):
        if value is None:
            continue
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


def _free_texts(value: object, path: KeyPath = ()) -> Iterator[tuple[KeyPath, LocalizedText]]:
    """Every text of the movement written by people (names, posts, notes…), with its path."""
    if isinstance(value, LocalizedText):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _free_texts(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _free_texts(item, (*path, index))


def _invisible_in_texts(movement: Movement) -> Iterator[Finding]:
    """Invisible and direction-control characters in texts: a warning, as some are meant
    (a joiner inside an emoji is allowed), but most were pasted from a web page or a word
    processor, and X counts them, screen readers may read them and bidi controls reorder
    the text around them."""
    for path, text in _free_texts(movement):
        subject = ""
        if path[0] == "posts" and isinstance(path[1], int):
            subject = f"in post '{movement.posts[path[1]].id}', "
            if path[2] == "variants" and isinstance(path[3], int):
                subject = f"in variant {path[3] + 1} of post '{movement.posts[path[1]].id}', "
        one_text = len(set(text.values())) == 1
        for language, words in text.items():
            stray = stray_invisibles(words)
            if stray:
                yield Finding(
                    path if one_text else (*path, language),
                    f"{subject}the {'' if one_text else language + ' '}text "
                    f"{invisible_message(words, stray, context=True)}",
                    severity="warning",
                )
            if one_text:
                break
