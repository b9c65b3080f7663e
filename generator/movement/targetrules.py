"""Checks of the decision-makers and the posts addressed to them: each group a post names
exists, each wording says `{target}`, no person is listed twice, and each addressed post
fits every network it goes to with the longest handle it will carry there."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from generator.address import ADDRESSED_NETWORKS, PLACEHOLDER, Wording, addressed
from generator.address import stray_placeholders as _stray
from generator.movement.fields import LocalizedText
from generator.movement.findings import Finding
from generator.movement.schema import Movement, Post
from generator.movement.targets import Target
from generator.movement.yamlpos import KeyPath
from generator.share import NETWORK_NAMES, share_length
from generator.text import mastodon_length

_IDENTITY_KEYS = ("handle", "bluesky", "mastodon", "email")
_MENTION_KEYS = {"x": "handle", "bluesky": "bluesky", "mastodon": "mastodon"}


def target_problems(movement: Movement) -> Iterator[Finding]:
    """Every problem of `targets` and of the posts addressed to them, in file order."""
    yield from _repeated_people(movement)
    for index, post in enumerate(movement.posts):
        yield from _placeholders(movement, index, post)
        if post.is_addressed:
            yield from _group_references(movement, index, post)
            yield from _not_drawn(index, post)
            yield from _addressed_lengths(movement, index, post)
    yield from _groups_without_posts(movement)


def _repeated_people(movement: Movement) -> Iterator[Finding]:
    """A person listed twice in one group: by name, or by any identity or address."""
    for g, group in enumerate(movement.targets):
        first: dict[tuple[str, str], int] = {}
        for i, person in enumerate(group.people):
            values = {"name": person.name[movement.default_language]}
            values |= {key: getattr(person, key) for key in _IDENTITY_KEYS if getattr(person, key)}
            for key, value in values.items():
                seen = first.setdefault((key, value.casefold()), i)
                if seen != i:
                    yield Finding(
                        ("targets", g, "people", i, key),
                        f"'{value}' repeats targets[{g}].people[{seen}] of group '{group.id}'; "
                        "keep one",
                    )
                    break


def _wordings(post: Post, index: int) -> list[tuple[KeyPath, LocalizedText]]:
    found: list[tuple[KeyPath, LocalizedText]] = [(("posts", index, "text"), post.text)]
    found += [(("posts", index, "variants", n), v) for n, v in enumerate(post.variants)]
    return found


def _at(path: KeyPath, text: LocalizedText, language: str) -> KeyPath:
    """The text's own place if it is one text for every language, else its language's."""
    return path if len(set(text.values())) == 1 else (*path, language)


def _placeholders(movement: Movement, index: int, post: Post) -> Iterator[Finding]:
    """`{target}` only in addressed posts, in each of their wordings, and spelt right."""
    for path, text in _wordings(post, index):
        for language in dict.fromkeys(
            text if len(set(text.values())) > 1 else [movement.default_language]
        ):
            words, where = text[language], _at(path, text, language)
            if not post.is_addressed:
                if PLACEHOLDER in words:
                    yield Finding(
                        where,
                        f"{PLACEHOLDER} is filled in only in a post addressed to decision-makers: "
                        "name their groups in this post's `targets` (targets: [council]), or "
                        f"remove {PLACEHOLDER}",
                    )
                continue
            stray = _stray(words)
            if stray:
                yield Finding(
                    where,
                    f"'{stray[0]}' is not a placeholder: write {PLACEHOLDER} where each "
                    "person's handle goes",
                )
            elif PLACEHOLDER not in words:
                what = "text" if where == path else f"{language} text"
                yield Finding(
                    where,
                    f"the {what} has no {PLACEHOLDER}, so it names none of the people it is "
                    f"addressed to: write {PLACEHOLDER} where each person's handle goes, "
                    f"like '{PLACEHOLDER}, will you vote for…'",
                )


def _group_references(movement: Movement, index: int, post: Post) -> Iterator[Finding]:
    known = [group.id for group in movement.targets]
    for number, name in enumerate(post.targets):
        if name in known:
            continue
        if not known:
            fix = "the file has no `targets`: add the group under `targets`, or remove this key"
        else:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            fix = f"did you mean '{close[0]}'?" if close else f"the groups are {', '.join(known)}"
        yield Finding(
            ("posts", index, "targets", number), f"'{name}' is not a group of `targets`; {fix}"
        )


def _not_drawn(index: int, post: Post) -> Iterator[Finding]:
    """Addressed posts change with each person: they are neither drawn nor printed."""
    if post.image is not None:
        yield Finding(
            ("posts", index, "image"),
            "a post addressed to `targets` has no images (its text changes with each person); "
            "remove `image`, or put the photo on a post without `targets`",
        )
    if post.print:
        yield Finding(
            ("posts", index, "print"),
            "a post addressed to `targets` is not printed (its text changes with each "
            "person); remove `print: true`",
        )


def _addressed_people(movement: Movement, post: Post) -> list[tuple[KeyPath, Target]]:
    return [
        (("targets", g, "people", i), person)
        for g, group in enumerate(movement.targets)
        if group.id in post.targets
        for i, person in enumerate(group.people)
    ]


def _addressed_lengths(movement: Movement, index: int, post: Post) -> Iterator[Finding]:
    """Each wording, on each network, with the person whose mention makes it longest; a
    text that is the same in every language, and as long in each, is reported once."""
    people = _addressed_people(movement, post)
    for path, text in _wordings(post, index):
        found: dict[str, list[_Longest]] = {}
        for language in movement.languages:
            if PLACEHOLDER not in text[language]:
                continue  # reported by `_placeholders`
            wording = Wording(
                text[language],
                tuple(movement.post_hashtags(post, language)),
                post.url,
                movement.organization.handle,
                "",
            )
            found[language] = _longest(wording, people, language)
        if len(set(text.values())) == 1 and len({tuple(x) for x in found.values()}) == 1:
            found = {"": next(iter(found.values()))}
        for language, over in found.items():
            where = (*path, language) if language else path
            yield from (_too_long(where, language, longest) for longest in over)


@dataclass(frozen=True)
class _Longest:
    """A wording over `network`'s limit with the longest mention it carries there."""

    network: str
    length: int
    limit: int
    person: KeyPath
    mention: str
    added: str
    """What the network adds to the text: hashtags, link, 'via'."""


def _mention_length(network: str, mention: str) -> int:
    """What a mention adds to a post's length on `network`: handles are ASCII, so X's weight
    and Bluesky's graphemes are its characters; Mastodon counts @user@server as @user."""
    return mastodon_length(mention) if network == "mastodon" else len(mention)


def _longest(
    wording: Wording, people: list[tuple[KeyPath, Target]], language: str
) -> list[_Longest]:
    """Each network on which the wording, with the longest mention it carries there, is over
    the limit: the counts add up, so measuring that one person's post is enough."""
    over = []
    for network in ADDRESSED_NETWORKS:
        reached = [(path, p) for path, p in people if network in p.mentions()]
        if not reached:
            continue
        person_path, person = max(
            reached, key=lambda item: _mention_length(network, item[1].mentions()[network])
        )
        measured = share_length(addressed(wording, person, language)[network], network)
        assert measured.length is not None and measured.limit is not None
        if measured.length > measured.limit:
            added = [
                *(["its hashtags"] if wording.hashtags else []),
                *(["its link (23 on X)" if network == "x" else "its link"] if wording.url else []),
                *([f"' via @{wording.via}'"] if network == "x" and wording.via else []),
            ]
            mention = person.mentions()[network]
            over.append(
                _Longest(
                    network, measured.length, measured.limit, person_path, mention,
                    " and ".join(added),
                )
            )  # fmt: skip
    return over


def _too_long(where: KeyPath, language: str, over: _Longest) -> Finding:
    post = f"the {language} post" if language else "the post"
    added = f", with {over.added}" if over.added else ""
    return Finding(
        where,
        f"{post} is {over.length}/{over.limit} on {NETWORK_NAMES[over.network]} with "
        f"{PLACEHOLDER} as {over.mention} ({{see}}), the longest of its targets there{added}; "
        f"shorten it by {over.length - over.limit}",
        see=(*over.person, _MENTION_KEYS[over.network]),
    )


def _groups_without_posts(movement: Movement) -> Iterator[Finding]:
    named = {name for post in movement.posts for name in post.targets}
    for g, group in enumerate(movement.targets):
        if group.id not in named:
            yield Finding(
                ("targets", g, "id"),
                f"no post is addressed to group '{group.id}': its people are listed with "
                f"their contacts only; add `targets: [{group.id}]` to a post written for them",
                severity="warning",
            )
