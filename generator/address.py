"""Posts addressed to a decision-maker: `{target}` filled in with how each network names
them, and what each network would carry. Pure: the check measures these, the page shares them.

On X, Bluesky and Mastodon the post mentions the person (@handle, @user@server), which
notifies them; by email it names them, and goes to their address. A network the person is
not on gets nothing: a post there would reach no one in particular.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.movement.targets import Target
from generator.share import Shareable

PLACEHOLDER = "{target}"
BRACED = re.compile(r"\{\s*[^\W\d][\w-]{0,30}\s*\}")
"""A word between braces: `{target}` or a misspelling of it ({cible}, {Target}, { target })."""
ADDRESSED_NETWORKS = ("x", "bluesky", "mastodon")


def fill(text: str, value: str) -> str:
    """`text` with every `{target}` replaced by `value`."""
    return text.replace(PLACEHOLDER, value)


def stray_placeholders(text: str) -> list[str]:
    """What `text` writes between braces that is not `{target}`: misspelt placeholders."""
    return [found for found in BRACED.findall(text) if found != PLACEHOLDER]


@dataclass(frozen=True)
class Wording:
    """One wording of an addressed post, in one language: what surrounds the person."""

    text: str
    hashtags: tuple[str, ...]
    url: str | None
    via: str | None
    subject: str


def addressed(wording: Wording, person: Target, language: str) -> dict[str, Shareable]:
    """What each network carries of `wording` written to `person`: X, Bluesky and Mastodon
    (those they are on) with their mention, and email (if they have an address) with their
    name and the link, without the added hashtags. Keyed by network, X first."""
    carried: dict[str, Shareable] = {}
    for network, mention in person.mentions().items():
        via = wording.via if network == "x" else None
        text = fill(wording.text, mention)
        carried[network] = Shareable(text, wording.hashtags, wording.url, via, wording.subject)
    if person.email:
        text = fill(wording.text, person.name[language])
        carried["email"] = Shareable(text, (), wording.url, None, wording.subject)
    return carried


def shown_text(wording: Wording, person: Target, language: str) -> Shareable:
    """The wording as the page shows it and Copy copies it: with the person's first mention
    (X, else Bluesky, else Mastodon), else their name; its hashtags and link, no 'via'."""
    mentions = person.mentions()
    value = next(iter(mentions.values()), person.name[language])
    return Shareable(fill(wording.text, value), wording.hashtags, wording.url)
