"""Checks that need the whole movement: duplicates, lengths, references, files, advice."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from pydantic import BaseModel

from generator.compose import x_post_length
from generator.errors import Severity
from generator.movement.fields import (
    LocalizedText,
    fold,
    invisible_message,
    shown,
    stray_invisibles,
)
from generator.movement.files import logo_problems
from generator.movement.schema import DEFAULT_LOCALES, Movement, Post
from generator.movement.yamlpos import KeyPath
from generator.share import Shareable, share_links
from generator.text import MAX_WEIGHTED_LENGTH

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
        *_undeclared_post_hashtags(movement),
        *_invisible_in_texts(movement),
        *_page_weights(movement),
        *_locales(movement),
        *_palette_contrast(movement),
        *_logo(movement, folder),
        *_site_url(movement),
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


# A post's tag that is close to a declared one once capitals and accents are set aside, or
# by this much (difflib's ratio), is most likely a misspelling of it.
HASHTAG_TYPO_CUTOFF = 0.8


def _undeclared_post_hashtags(movement: Movement) -> Iterator[Finding]:
    """Post tags not declared under `hashtags`: the format allows them (they are added to the
    post in every language), but the site does not list them and a misspelt one splits the
    campaign's hashtag on X."""
    declared = {h.tag.casefold() for h in movement.hashtags}
    by_fold = {fold(h.tag): h.tag for h in reversed(movement.hashtags)}  # the first one wins
    advice: dict[str, str] = {}  # one look-up per distinct tag: posts often repeat theirs
    for index, post in enumerate(movement.posts):
        for number, tag in enumerate(post.hashtags):
            if tag.casefold() in declared:
                continue
            if tag not in advice:
                advice[tag] = _undeclared_advice(tag, by_fold)
            yield Finding(
                ("posts", index, "hashtags", number),
                f"'{tag}' is not declared under `hashtags`; {advice[tag]}",
                severity="warning",
            )


def _undeclared_advice(tag: str, by_fold: dict[str, str]) -> str:
    folded = fold(tag)
    close = by_fold.get(folded)
    if close is not None:
        return (
            f"did you mean '{close}'? X tells accented letters apart, so '{tag}' is another "
            "hashtag; write it as declared"
        )
    matches = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=HASHTAG_TYPO_CUTOFF)
    if matches:
        return f"did you mean '{by_fold[matches[0]]}'? fix the tag, or declare it under `hashtags`"
    return "declare it there so the site lists it with the others, or remove it from the post"


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


# What a page weighs, in bytes of HTML, as measured on built sites (Material 9.8, texts in
# French of 20 to 210 characters): the page without items, then each item it lists. A post's
# wording (its text or a variant) shows the post as shared (text, hashtags, link), a copy
# button and six share links that repeat it, percent-encoded: it weighs a fixed part plus a
# part per character of the post as shared.
PAGE_BASE_BYTES = 28_000
BYTES_PER_POST_WORDING = 2_250
BYTES_PER_POST_CHARACTER = 11
BYTES_PER_CONVERSATION = 2_200
BYTES_PER_QUESTION = 1_600  # questions share the conversations page
BYTES_PER_ACCOUNT = 700
BYTES_PER_LIST = 2_600
# Above this a page is slow to load and to scroll on a mid-range phone on a mobile network.
HEAVY_PAGE_BYTES = 500_000


def estimated_page_bytes(movement: Movement) -> dict[str, int]:
    """The HTML each list page of the kit would weigh (`kit/posts`…, the heaviest language
    for posts), from the constants above."""
    posts = max(
        sum(
            BYTES_PER_POST_WORDING
            + BYTES_PER_POST_CHARACTER * _shared_length(movement, post, text, language)
            for post in movement.posts
            for text in (post.text, *post.variants)
        )
        for language in movement.languages
    )
    items = {
        "kit/posts": posts,
        "kit/accounts": BYTES_PER_ACCOUNT * len(movement.accounts),
        "kit/conversations": BYTES_PER_CONVERSATION * len(movement.conversations)
        + BYTES_PER_QUESTION * len(movement.questions),
        "kit/lists": BYTES_PER_LIST * len(movement.lists),
    }
    return {page: PAGE_BASE_BYTES + weight for page, weight in items.items()}


def _shared_length(movement: Movement, post: Post, text: LocalizedText, language: str) -> int:
    """The characters of `text` as the page shares it: with its hashtags and link."""
    tags = movement.post_hashtags(post, language)
    return len(text[language]) + sum(len(tag) + 2 for tag in tags) + len(post.url or "")


def _page_weights(movement: Movement) -> Iterator[Finding]:
    """A warning for each page of the kit that its lists would make too heavy for a phone."""
    split = "or split the campaign into two movements"
    variants = sum(len(post.variants) for post in movement.posts)
    conversations, questions = len(movement.conversations), len(movement.questions)
    pages: dict[str, tuple[KeyPath, str, str]] = {
        "kit/posts": (("posts",),
            f"{len(movement.posts)} posts" + (f" and {variants} variants" if variants else ""),
            f"keep the best posts and fewer variants, {split}"),
        "kit/accounts": (("accounts",), f"{len(movement.accounts)} accounts",
            f"keep the accounts that matter most (an X List can gather the others), {split}"),
        "kit/conversations": (("conversations",) if conversations else ("questions",),
            f"{conversations} conversations, {questions} questions",
            f"keep the most timely conversations and questions, {split}"),
        "kit/lists": (("lists",), f"{len(movement.lists)} lists",
            f"keep the most useful lists, {split}"),
    }  # fmt: skip
    for page, weight in estimated_page_bytes(movement).items():
        if weight > HEAVY_PAGE_BYTES:
            path, listed, fix = pages[page]
            yield Finding(
                path,
                f"the {page.removeprefix('kit/')} page ({listed}) would weigh about "
                f"{round(weight / 10_000) * 10} KB of HTML, more than the "
                f"{HEAVY_PAGE_BYTES // 1000} KB a phone loads comfortably; {fix}",
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


def _logo(movement: Movement, folder: Path) -> Iterator[Finding]:
    # Its content is checked here, once: the site copies it and the card draws it as is.
    if movement.theme.logo is not None:
        for message in logo_problems(folder, movement.theme.logo):
            yield Finding(("theme", "logo"), message)


def _site_url(movement: Movement) -> Iterator[Finding]:
    # A warning of the file, not of a build: `check` and every `build --strict` see it.
    if movement.site_url is None:
        yield Finding(
            ("site_url",),  # not in the file: placed at its first key
            "not set: links shared from this site will show no card (social networks need "
            "the image's full address), and its page share buttons need JavaScript; add "
            "site_url: https://…/ where the site is published",
            severity="warning",
        )
