"""Share links for every network supporters use, each within that network's own limits.

X gets its web intent; the other networks get their documented share addresses. A post
that a network would refuse (too long) or cannot take (no link to share) gets no button
there, and the reason is kept so the page can say why. `share_lengths` gives the lengths that
decide it without building the links, for checking many posts: both compose each network's
text once, in `_Carried`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from generator.compose import x_post_length
from generator.intents import query_string, x_post_intent
from generator.text import MAX_WEIGHTED_LENGTH, grapheme_length, mastodon_length

BLUESKY_LIMIT = 300
MASTODON_LIMIT = 500
THREADS_LIMIT = 500
TELEGRAM_LIMIT = 4096  # a message's characters
WHATSAPP_LIMIT = 65536

NETWORK_NAMES = {
    "x": "X",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "threads": "Threads",
    "whatsapp": "WhatsApp",
    "telegram": "Telegram",
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

    def words(self) -> str:
        """The text with its hashtags, without the link (for those that take it apart)."""
        parts = [self.text.strip(), *(f"#{tag}" for tag in self.hashtags)]
        return " ".join(part for part in parts if part)

    def full_text(self) -> str:
        """The text with its hashtags and link, as posted on networks without X's fields."""
        return " ".join(part for part in (self.words(), self.url) if part)


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


@dataclass(frozen=True)
class ShareLength:
    """What decides a network's share button, measured without building it: the length of
    the text the network would carry against its limit, or that it needs a link."""

    network: str
    is_offered: bool
    length: int | None = None
    limit: int | None = None
    needs_link: bool = False

    @property
    def name(self) -> str:
        return NETWORK_NAMES[self.network]


class _Carried:
    """The texts the networks carry of one item, composed once: each network's length is
    measured on them and its link built from them, so that the two cannot disagree."""

    def __init__(self, item: Shareable) -> None:
        self.item = item
        self.full = item.full_text()  # text, hashtags and link: Bluesky, Mastodon, email
        self.words = item.words()  # Threads, Telegram: the link apart

    @functools.cached_property
    def full_graphemes(self) -> int:
        return grapheme_length(self.full)

    @property
    def threads_graphemes(self) -> int:
        """Threads counts the text with its link after a space (the same as `full`, unless
        the text and hashtags are empty)."""
        counted = f"{self.words} {self.item.url}" if self.item.url else self.words
        return self.full_graphemes if counted == self.full else grapheme_length(counted)


def _within(network: str, length: int, limit: int) -> ShareLength:
    return ShareLength(network, length <= limit, length, limit)


def _x_length(carried: _Carried) -> ShareLength:
    item = carried.item  # X lets the user edit an over-long post: always offered
    length = x_post_length(item.text, item.hashtags, item.url, item.via)
    return ShareLength("x", True, length, MAX_WEIGHTED_LENGTH)


def _bluesky_length(carried: _Carried) -> ShareLength:
    return _within("bluesky", carried.full_graphemes, BLUESKY_LIMIT)


def _mastodon_length(carried: _Carried) -> ShareLength:
    return _within("mastodon", mastodon_length(carried.full), MASTODON_LIMIT)


def _threads_length(carried: _Carried) -> ShareLength:
    return _within("threads", carried.threads_graphemes, THREADS_LIMIT)


def _whatsapp_length(carried: _Carried) -> ShareLength:
    return _within("whatsapp", len(carried.full), WHATSAPP_LIMIT)


def _telegram_length(carried: _Carried) -> ShareLength:
    return _within("telegram", len(carried.full), TELEGRAM_LIMIT)


def _link_length(network: str) -> Callable[[_Carried], ShareLength]:
    """Networks that share a link, not a text: any length, but a link is needed."""
    return lambda carried: ShareLength(
        network, bool(carried.item.url), needs_link=not carried.item.url
    )


def _email_length(carried: _Carried) -> ShareLength:
    return ShareLength("email", True)


def _x_address(carried: _Carried, in_reply_to: str | None = None) -> str:
    item = carried.item
    return x_post_intent(
        item.text, hashtags=item.hashtags, url=item.url, via=item.via, in_reply_to=in_reply_to
    )


def _bluesky_address(carried: _Carried) -> str:
    return f"https://bsky.app/intent/compose?{query_string({'text': carried.full})}"


def _mastodon_address(carried: _Carried) -> str:
    return f"https://share.joinmastodon.org/?{query_string({'text': carried.full})}"


def _threads_address(carried: _Carried) -> str:
    params = {"text": carried.words, "url": carried.item.url or ""}
    return f"https://www.threads.com/intent/post?{query_string(params)}"


def _whatsapp_address(carried: _Carried) -> str:
    return f"https://wa.me/?{query_string({'text': carried.full})}"


def _telegram_address(carried: _Carried) -> str:
    """Telegram wants `url`; a text without a link is shared as the `url` itself."""
    if not carried.item.url:
        return f"https://t.me/share/url?{query_string({'url': carried.words})}"
    params = {"url": carried.item.url, "text": carried.words}
    return f"https://t.me/share/url?{query_string(params)}"


def _linkedin_address(carried: _Carried) -> str:
    params = {"url": carried.item.url or ""}
    return f"https://www.linkedin.com/sharing/share-offsite/?{query_string(params)}"


def _facebook_address(carried: _Carried) -> str:
    item = carried.item
    hashtag = f"#{item.hashtags[0]}" if item.hashtags else ""
    params = {"u": item.url or "", "hashtag": hashtag}
    return f"https://www.facebook.com/sharer/sharer.php?{query_string(params)}"


def _email_address(carried: _Carried, to: str = "") -> str:
    body = carried.full.replace("\r\n", "\n").replace("\n", "\r\n")
    fields = query_string({"subject": carried.item.subject, "body": body})
    return f"{mailto(to)}?{fields}"


_Measure = Callable[[_Carried], ShareLength]
_Address = Callable[[_Carried], str]
_NETWORKS: dict[str, tuple[_Measure, _Address]] = {  # X first
    "x": (_x_length, _x_address),
    "bluesky": (_bluesky_length, _bluesky_address),
    "mastodon": (_mastodon_length, _mastodon_address),
    "threads": (_threads_length, _threads_address),
    "whatsapp": (_whatsapp_length, _whatsapp_address),
    "telegram": (_telegram_length, _telegram_address),
    "linkedin": (_link_length("linkedin"), _linkedin_address),
    "facebook": (_link_length("facebook"), _facebook_address),
    "email": (_email_length, _email_address),
}


def _link(length: ShareLength, address: Callable[[], str]) -> ShareLink:
    href = address() if length.is_offered else None
    return ShareLink(length.network, href, length.length, length.limit, length.needs_link)


def _network_link(item: Shareable, network: str) -> ShareLink:
    carried = _Carried(item)
    measure, address = _NETWORKS[network]
    return _link(measure(carried), lambda: address(carried))


def x_link(item: Shareable, in_reply_to: str | None = None) -> ShareLink:
    """X's post intent (a reply with `in_reply_to`); X lets the user edit an over-long post."""
    carried = _Carried(item)
    return _link(_x_length(carried), lambda: _x_address(carried, in_reply_to))


def bluesky_link(item: Shareable) -> ShareLink:
    """Bluesky's composer; it counts graphemes, links in full, 300 at most."""
    return _network_link(item, "bluesky")


def mastodon_link(item: Shareable) -> ShareLink:
    """Mastodon's official share page, which remembers the visitor's server; 500 characters."""
    return _network_link(item, "mastodon")


def threads_link(item: Shareable) -> ShareLink:
    """Threads' post intent, text and link apart; 500 characters."""
    return _network_link(item, "threads")


def whatsapp_link(item: Shareable) -> ShareLink:
    """WhatsApp's chat picker with the text, link inside it."""
    return _network_link(item, "whatsapp")


def telegram_link(item: Shareable) -> ShareLink:
    """Telegram's chat picker: the link, and the text under it."""
    return _network_link(item, "telegram")


def linkedin_link(item: Shareable) -> ShareLink:
    """LinkedIn shares a link only, without text."""
    return _network_link(item, "linkedin")


def facebook_link(item: Shareable) -> ShareLink:
    """Facebook shares a link and one hashtag; Meta forbids prefilled text."""
    return _network_link(item, "facebook")


def email_link(item: Shareable) -> ShareLink:
    """A message in the visitor's own mail program (line breaks as CRLF, per RFC 6068)."""
    return _network_link(item, "email")


def mailto(address: str) -> str:
    """A message to `address` (RFC 6068: percent-encoded but for its '@')."""
    return f"mailto:{quote(address, safe='@')}"


def email_to_link(item: Shareable, address: str) -> ShareLink:
    """A message to `address` in the visitor's own mail program, its subject and body
    filled in (RFC 6068: the address percent-encoded but for its '@')."""
    return ShareLink("email", _email_address(_Carried(item), address))


def share_length(item: Shareable, network: str) -> ShareLength:
    """What decides `network`'s button for `item`, as `share_links` decides it."""
    measure, _ = _NETWORKS[network]
    return measure(_Carried(item))


def share_lengths(item: Shareable) -> list[ShareLength]:
    """What decides every network's button for `item`, X first, as `share_links` decides it,
    without building any link: for checking many posts."""
    carried = _Carried(item)
    return [measure(carried) for measure, _ in _NETWORKS.values()]


def share_links(item: Shareable) -> list[ShareLink]:
    """A share link (or the reason there is none) for every network, X first."""
    carried = _Carried(item)
    return [
        _link(measure(carried), functools.partial(address, carried))
        for measure, address in _NETWORKS.values()
    ]


def bluesky_hashtag_url(tag: str) -> str:
    """The live conversation of a hashtag on Bluesky."""
    return f"https://bsky.app/hashtag/{quote(tag)}"
