"""Who a movement names and what its snapshot measures: the organization, the accounts to
follow, the X and Bluesky lists, and the stats on each network (format v1, extended).

Split from `schema` along the data: these are the models the follow pages and the activity
snapshot read. Each field's docstring becomes its description in `movement.schema.json`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from generator.movement.fields import LocalizedText, field_error
from generator.movement.identities import (
    BlueskyHandle,
    BlueskyListAddress,
    BlueskyListUrl,
    MastodonAddress,
    ServerName,
    bluesky_list_address,
)
from generator.movement.names import Handle, Hashtag, ListId, VisibleText
from generator.movement.strict import Strict as _Strict
from generator.movement.urls import WebUrl


class Organization(_Strict):
    """The organization that runs the movement."""

    name: LocalizedText
    """Its full name, as supporters know it."""
    short_name: LocalizedText | None = None
    """How a sentence names it, article included, as the guide's examples write it: in
    French "la Coalition", "l'AIIAO", "le Collectif", "les Amis du parc" or a name without
    article ("Équiterre"); in English "the Coalition" or "RNAO". Without it, the guide uses
    its name with the article its first word takes ("l'organisme …" when unknown)."""
    handle: Handle
    """Its X username, without '@'."""
    url: WebUrl
    """Its website."""
    bluesky: BlueskyHandle | None = None
    """Its Bluesky handle (name.bsky.social or its own domain), or its DID."""
    mastodon: MastodonAddress | None = None
    """Its Mastodon address, @user@server."""


Network = Literal["x", "bluesky", "mastodon"]
NETWORK_NAMES: dict[str, str] = {"x": "X", "bluesky": "Bluesky", "mastodon": "Mastodon"}
"""Each network the snapshot reads and the account pages follow, as its users write it."""


class Account(_Strict):
    """An account supporters are advised to follow: a person or organization, on each network
    it has."""

    handle: Handle | None = None
    """Its X username, without '@'."""
    bluesky: BlueskyHandle | None = None
    """Its Bluesky handle or DID."""
    mastodon: MastodonAddress | None = None
    """Its Mastodon address, @user@server."""
    name: LocalizedText | None = None
    """Its name as shown on the site; without it, the name a snapshot read (else its handle)."""
    note: LocalizedText | None = None
    """Why follow it."""
    group: LocalizedText | None = None
    """A heading to group accounts under, like 'Nurses' or 'Researchers'."""

    @model_validator(mode="after")
    def _needs_an_identity(self) -> Account:
        if not (self.handle or self.bluesky or self.mastodon):
            raise field_error(
                "account_identity",
                "an account needs at least one of handle (X), bluesky or mastodon",
            )
        return self

    def identities(self) -> dict[Network, str]:
        """Its identity on each network it has, X first."""
        found: dict[Network, str | None] = {
            "x": self.handle,
            "bluesky": self.bluesky,
            "mastodon": self.mastodon,
        }
        return {network: value for network, value in found.items() if value}


class XList(_Strict):
    """An X List that follows a group of accounts."""

    id: ListId
    """The list's id: the digits at the end of https://x.com/i/lists/…"""
    owner: Handle | None = None
    """The username of the list's owner."""
    slug: VisibleText | None = None
    """The list's short name in its older address x.com/owner/lists/slug."""
    name: LocalizedText
    """The list's name as shown on the site."""
    description: LocalizedText | None = None
    """What the list gathers and why it is useful."""


class BlueskyList(_Strict):
    """A Bluesky list or starter pack readable by everyone."""

    url: BlueskyListUrl
    """Its address on bsky.app: https://bsky.app/profile/<handle>/lists/<id> for a list,
    https://bsky.app/starter-pack/<handle>/<id> for a starter pack."""
    name: LocalizedText
    """Its name as shown on the site."""
    description: LocalizedText | None = None
    """What it gathers and why it is useful."""

    @property
    def address(self) -> BlueskyListAddress:
        return bluesky_list_address(self.url)


class BlueskyStats(_Strict):
    """What the snapshot measures on Bluesky."""

    accounts: list[BlueskyHandle] | None = None
    """Handles whose posts are read; defaults to the organization's."""


class MastodonStats(_Strict):
    """What the snapshot measures on Mastodon."""

    accounts: list[MastodonAddress] | None = None
    """Addresses whose posts are read; defaults to the organization's."""
    server: ServerName | None = None
    """The server whose hashtag figures are read (each server counts what it knows);
    defaults to the organization's server."""


class Stats(_Strict):
    """What the activity snapshot measures."""

    accounts: list[Handle] | None = None
    """X usernames whose figures are followed; defaults to the organization's."""
    hashtags: list[Hashtag] | None = None
    """Tags whose daily volume is counted on each network; defaults to the primary hashtags."""
    networks: list[Network] | None = None
    """The networks read: x, bluesky, mastodon; defaults to X and every network the file
    names an identity or a list on."""
    mention_reposts: bool = False
    """Count reposts among the daily X posts mentioning the organization (left out by
    default: a repost repeats a post, it does not mention anyone anew)."""
    targets: bool = False
    """Also read the public profile figures (followers) of every person of `targets` on
    Bluesky and Mastodon, where reading is free; never on X, and never their posts."""
    bluesky: BlueskyStats = Field(default_factory=BlueskyStats)
    mastodon: MastodonStats = Field(default_factory=MastodonStats)
