"""Post and prompt lengths: each wording as every network would carry it, against its limit.

Each post's wording is composed once per language, with its hashtags, link and 'via', and
measured the way `generator.share` decides its buttons (`share_lengths`), without building
any link.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.compose import x_post_length
from generator.movement.fields import LocalizedText
from generator.movement.findings import Finding
from generator.movement.schema import Movement
from generator.movement.yamlpos import KeyPath
from generator.share import Shareable, ShareLength, share_lengths
from generator.text import MAX_WEIGHTED_LENGTH


def post_lengths(movement: Movement) -> Iterator[Finding]:
    """Each post's text and variants, in each language, too long for X or another network."""
    via = movement.organization.handle
    for index, post in enumerate(movement.posts):
        if post.is_addressed:
            continue  # measured with each person's handle: `targetrules`
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
                x, *others = share_lengths(item)
                yield from _other_network_lengths(where, others)
                yield from _x_length(where, item, x, language)


def _x_length(path: KeyPath, item: Shareable, x: ShareLength, language: str) -> Iterator[Finding]:
    assert x.network == "x" and x.length is not None
    if x.length > MAX_WEIGHTED_LENGTH:
        added = "hashtags, link (23)" if item.url else "hashtags"
        post = f"the {language} post" if language else "the post"
        yield Finding(
            path,
            f"{post} is {x.length}/{MAX_WEIGHTED_LENGTH} on X once its {added} and "
            f"' via @{item.via}' are added; shorten it by {x.length - MAX_WEIGHTED_LENGTH}",
        )


def _other_network_lengths(path: KeyPath, lengths: list[ShareLength]) -> Iterator[Finding]:
    for network in lengths:
        if not network.is_offered and not network.needs_link:
            yield Finding(
                path,
                f"too long for {network.name} ({network.length}/{network.limit}), so the page "
                f"offers no {network.name} button for it; shorten it if its supporters use "
                f"{network.name}",
                severity="warning",
            )


def prompt_lengths(movement: Movement) -> Iterator[Finding]:
    """Questions and conversation prompts too long for X (a quote adds the quoted post's link)."""
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
