"""Hashtag advice: languages, capitals for screen readers, post tags left undeclared."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.movement.fields import fold
from generator.movement.findings import Finding
from generator.movement.schema import Movement

# A one-case tag this long is most likely several words run together (acronyms are shorter).
MULTIWORD_THRESHOLD = 10


def hashtag_languages(movement: Movement) -> Iterator[Finding]:
    for index, hashtag in enumerate(movement.hashtags):
        if hashtag.lang is not None and hashtag.lang not in movement.languages:
            yield Finding(
                ("hashtags", index, "lang"),
                f"'{hashtag.lang}' is not a language of this movement "
                f"({', '.join(movement.languages)}); remove `lang`, or add {hashtag.lang} to `languages`",
            )


def camel_case_advice(movement: Movement) -> Iterator[Finding]:
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


def undeclared_post_hashtags(movement: Movement) -> Iterator[Finding]:
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
