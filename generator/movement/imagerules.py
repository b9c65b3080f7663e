"""Checks of what the posts' images and the one-pager draw: their photos, the characters the
fonts cannot draw, and the posts chosen for print."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator.movement.files import logo_problems
from generator.movement.findings import Finding
from generator.movement.schema import PRINTED_POSTS, Movement
from generator.movement.yamlpos import KeyPath
from generator.render.fonts import missing_characters


def post_photos(movement: Movement, folder: Path) -> Iterator[Finding]:
    """Each post's `image`, checked as the logo is (Pillow draws it: no SVG); a file that
    several posts share is read and decoded once."""
    checked: dict[str, list[str]] = {}
    for index, post in enumerate(movement.posts):
        if post.image is not None and not post.is_addressed:
            if post.image not in checked:
                checked[post.image] = logo_problems(folder, post.image, key="image")
            for message in checked[post.image]:
                yield Finding(("posts", index, "image"), message)


def printed_posts(movement: Movement) -> Iterator[Finding]:
    """At most three posts chosen for the one-pager."""
    chosen = [
        index for index, post in enumerate(movement.posts) if post.print and not post.is_addressed
    ]
    for index in chosen[PRINTED_POSTS:]:
        first = ", ".join(movement.posts[i].id for i in chosen[:PRINTED_POSTS])
        yield Finding(
            ("posts", index, "print"),
            f"the one-pager has room for {PRINTED_POSTS} posts, and {first} are already "
            "chosen; remove `print: true` from this post or from one of them",
        )


def undrawable_characters(movement: Movement) -> Iterator[Finding]:
    """A warning for each wording whose images would leave characters out (CJK…); languages
    that leave out the same characters share one."""
    for index, post in enumerate(movement.posts):
        if post.is_addressed:
            continue  # not drawn
        wordings: list[tuple[KeyPath, str]] = [(("posts", index, "text"), f"post '{post.id}'")]
        wordings += [
            (("posts", index, "variants", number), f"post '{post.id}', variant {number + 1}")
            for number in range(len(post.variants))
        ]
        for (path, what), text in zip(wordings, [post.text, *post.variants], strict=True):
            by_missing: dict[tuple[str, ...], list[str]] = {}
            for language in movement.languages:
                missing = tuple(missing_characters(text[language]))
                if missing:
                    by_missing.setdefault(missing, []).append(language)
            for missing, languages in by_missing.items():
                every = len(languages) == len(movement.languages)
                where = "" if every else f" ({', '.join(languages)})"
                yield Finding(
                    path,
                    f"{what}{where}: its images leave out {_listed(missing)}, which their fonts "
                    "(Roboto, Noto Emoji, Noto Sans Symbols) cannot draw; the post itself is "
                    "shared as written",
                    severity="warning",
                )


def _listed(characters: tuple[str, ...]) -> str:
    shown = [f"'{char}' (U+{ord(char):04X})" for char in characters[:5]]
    more = len(characters) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")
