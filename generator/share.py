"""Share links for every network supporters use, each within that network's own limits.

X gets its web intent; the other networks get their documented share addresses. A post
that a network would refuse (too long) or cannot take (no link to share) gets no button
there, and the reason is kept so the page can say why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from generator.compose import x_post_length
from generator.intents import query_string, x_post_intent
from generator.text import MAX_WEIGHTED_LENGTH, grapheme_length, mastodon_length

BLUESKY_LIMIT = 300
MASTODON_LIMIT = 500
THREADS_LIMIT = 500

NETWORK_NAMES = {
    "x": "X",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "threads": "Threads",
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "email": "Email",
}


@dataclass(frozen=True)
class Shareable:
    """What to share: the words, the tags and link added after them, who it is 'via' on X."""

    text: str
    hashtags: tuple[str, ...] = ()
    url: str | None = None
    via: str | None = None
    subject: str = ""

    def full_text(self) -> str:
        """The text with its hashtags and link, as posted on networks without X's fields."""
        parts = [self.text.strip(), *(f"#{tag}" for tag in self.hashtags)]
        if self.url:
            parts.append(self.url)
        return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class ShareLink:
    """A network's share button, or why there is none (`href` is None)."""

    network: str
    href: str | None
    length: int | None = None
    limit: int | None = None
    needs_link: bool = False

    @property
    def name(self) -> str:
        return NETWORK_NAMES[self.network]

    @property
    def is_offered(self) -> bool:
        return self.href is not None


def _within(network: str, length: int, limit: int, href: Callable[[], str]) -> ShareLink:
    return ShareLink(network, href() if length <= limit else None, length, limit)


def x_link(item: Shareable, in_reply_to: str | None = None) -> ShareLink:
    """X's post intent (a reply with `in_reply_to`); X lets the user edit an over-long post."""
    length = x_post_length(item.text, item.hashtags, item.url, item.via)
    href = x_post_intent(
        item.text, hashtags=item.hashtags, url=item.url, via=item.via, in_reply_to=in_reply_to
    )
    return ShareLink("x", href, length, MAX_WEIGHTED_LENGTH)


def bluesky_link(item: Shareable) -> ShareLink:
    """Bluesky's composer; it counts graphemes, links in full, 300 at most."""
    text = item.full_text()
    return _within(
        "bluesky",
        grapheme_length(text),
        BLUESKY_LIMIT,
        lambda: f"https://bsky.app/intent/compose?{query_string({'text': text})}",
    )


def mastodon_link(item: Shareable) -> ShareLink:
    """Mastodon's official share page, which remembers the visitor's server; 500 characters."""
    text = item.full_text()
    return _within(
        "mastodon",
        mastodon_length(text),
        MASTODON_LIMIT,
        lambda: f"https://share.joinmastodon.org/?{query_string({'text': text})}",
    )


def threads_link(item: Shareable) -> ShareLink:
    """Threads' post intent, text and link apart; 500 characters."""
    words = Shareable(item.text, item.hashtags).full_text()
    length = grapheme_length(f"{words} {item.url}" if item.url else words)
    return _within(
        "threads",
        length,
        THREADS_LIMIT,
        lambda: (
            f"https://www.threads.com/intent/post?{query_string({'text': words, 'url': item.url or ''})}"
        ),
    )


def linkedin_link(item: Shareable) -> ShareLink:
    """LinkedIn shares a link only, without text."""
    if not item.url:
        return ShareLink("linkedin", None, needs_link=True)
    return ShareLink(
        "linkedin",
        f"https://www.linkedin.com/sharing/share-offsite/?{query_string({'url': item.url})}",
    )


def facebook_link(item: Shareable) -> ShareLink:
    """Facebook shares a link and one hashtag; Meta forbids prefilled text."""
    if not item.url:
        return ShareLink("facebook", None, needs_link=True)
    hashtag = f"#{item.hashtags[0]}" if item.hashtags else ""
    return ShareLink(
        "facebook",
        f"https://www.facebook.com/sharer/sharer.php?{query_string({'u': item.url, 'hashtag': hashtag})}",
    )


def email_link(item: Shareable) -> ShareLink:
    """A message in the visitor's own mail program (line breaks as CRLF, per RFC 6068)."""
    body = item.full_text().replace("\r\n", "\n").replace("\n", "\r\n")
    return ShareLink("email", f"mailto:?{query_string({'subject': item.subject, 'body': body})}")


ALL_NETWORKS: Sequence[Callable[[Shareable], ShareLink]] = (
    x_link,
    bluesky_link,
    mastodon_link,
    threads_link,
    linkedin_link,
    facebook_link,
    email_link,
)


def share_links(item: Shareable) -> list[ShareLink]:
    """A share link (or the reason there is none) for every network, X first."""
    return [make(item) for make in ALL_NETWORKS]


def bluesky_hashtag_url(tag: str) -> str:
    """The live conversation of a hashtag on Bluesky."""
    return f"https://bsky.app/hashtag/{quote(tag)}"
