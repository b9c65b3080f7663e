"""Bluesky's and Mastodon's records in a snapshot: what their public APIs give for free.

Names follow each network's own API (Bluesky's lexicons in snake case, Mastodon's entities),
so the file reads like their documentation.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from generator.snapshot.records import NetworkPart
from generator.snapshot.records import Record as _Record


class TagDay(_Record):
    """Posts with a hashtag on one UTC day."""

    day: dt.date
    count: int
    accounts: int | None = None
    """How many accounts used it that day, when the network says (Mastodon does)."""


class TagCounts(_Record):
    """Daily posts with one hashtag over the last 7 days, as one network (or server) counts."""

    tag: str
    days: list[TagDay]
    complete: bool = True
    """False when the count stopped at the run's page limit: the figures are lower bounds."""


class BlueskyProfile(_Record):
    """An account read with `app.bsky.actor.getProfiles`."""

    did: str
    handle: str
    display_name: str = ""
    description: str = ""
    followers_count: int | None = None
    follows_count: int | None = None
    posts_count: int | None = None


class BlueskyPost(_Record):
    """A post of a tracked account (`app.bsky.feed.getAuthorFeed`, reposts left out)."""

    uri: str
    """Its at:// URI; the web address is https://bsky.app/profile/<author>/post/<rkey>."""
    author_did: str
    author_handle: str
    text: str
    created_at: dt.datetime
    like_count: int = 0
    repost_count: int = 0
    reply_count: int = 0
    quote_count: int = 0

    @property
    def engagements(self) -> int:
        """Likes + reposts + replies + quotes."""
        return self.like_count + self.repost_count + self.reply_count + self.quote_count

    @property
    def url(self) -> str:
        return f"https://bsky.app/profile/{self.author_handle}/post/{self.uri.rsplit('/', 1)[-1]}"


class BlueskyMember(_Record):
    did: str
    handle: str
    display_name: str = ""


class BlueskyList(_Record):
    """A Bluesky list or starter pack of the movement (`getList`, `getStarterPack`)."""

    uri: str
    kind: Literal["list", "starter-pack"]
    name: str
    description: str = ""
    creator: BlueskyMember | None = None
    member_count: int | None = None
    joined_count: int | None = None
    """People who followed the starter pack's accounts through it, all time."""
    members: list[BlueskyMember] = Field(default_factory=list)
    """The first page of members (a starter pack: Bluesky's sample of them)."""
    posts: list[BlueskyPost] = Field(default_factory=list)
    """A list's latest posts, newest first (`app.bsky.feed.getListFeed`; none for a starter
    pack)."""


class BlueskyFigures(NetworkPart):
    """What one run read from Bluesky's public AppView for one movement."""

    profiles: list[BlueskyProfile] = Field(default_factory=list)
    """Every Bluesky identity of the movement file, by handle."""
    posts: list[BlueskyPost] = Field(default_factory=list)
    """The tracked accounts' latest posts, newest first."""
    hashtags: list[TagCounts] = Field(default_factory=list)
    """Daily posts per tracked hashtag: only with a logged-in account (an app password)."""
    lists: list[BlueskyList] = Field(default_factory=list)


class MastodonAccount(_Record):
    """An account read with `GET /api/v1/accounts/lookup` on its own server."""

    id: str
    acct: str
    """user@server."""
    url: str
    """Its profile page on its server."""
    display_name: str = ""
    note: str = ""
    """Its bio as plain text."""
    followers_count: int | None = None
    following_count: int | None = None
    statuses_count: int | None = None


class MastodonPost(_Record):
    """A post of a tracked account (`GET /api/v1/accounts/:id/statuses`, boosts left out)."""

    id: str
    url: str
    account: str
    """Its author, user@server."""
    text: str
    """The post's HTML content as plain text."""
    created_at: dt.datetime
    favourites_count: int = 0
    reblogs_count: int = 0
    replies_count: int = 0
    quotes_count: int = 0

    @property
    def engagements(self) -> int:
        """Favourites + boosts + replies + quotes."""
        return self.favourites_count + self.reblogs_count + self.replies_count + self.quotes_count


class MastodonTagCounts(TagCounts):
    server: str
    """The server whose count this is: a hashtag's figures are what that server knows."""


class MastodonFigures(NetworkPart):
    """What one run read from Mastodon servers' public API for one movement."""

    accounts: list[MastodonAccount] = Field(default_factory=list)
    """Every Mastodon identity of the movement file, by acct."""
    posts: list[MastodonPost] = Field(default_factory=list)
    """The tracked accounts' latest posts, newest first."""
    hashtags: list[MastodonTagCounts] = Field(default_factory=list)
    """Daily posts per tracked hashtag, from `GET /api/v1/tags/:name` on the counting server."""
