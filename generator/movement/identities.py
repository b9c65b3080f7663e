"""Field types for identities off X: Bluesky handles and DIDs, Mastodon addresses, and the
addresses of Bluesky lists and starter packs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator

from generator.movement.fields import field_error, refuse_invisible

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
DOMAIN_PATTERN = re.compile(rf"(?:{_LABEL}\.)+[A-Za-z](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?")
"""A domain name as Bluesky handles and Mastodon servers are: labels and a final one that
does not start with a digit (atproto's handle syntax)."""
DID_PATTERN = re.compile(r"did:(?:plc:[a-z2-7]{24}|web:[A-Za-z0-9.%-]+)")
MASTODON_USER = re.compile(r"[A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*")
MASTODON_PROFILE_URL = re.compile(r"https://(?P<server>[^/@]+)/@(?P<user>[A-Za-z0-9_.-]+)/?")
BLUESKY_LIST_URL = re.compile(
    r"https://bsky\.app/(?:profile/(?P<actor>[^/?#]+)/lists/(?P<list>[a-z0-9]+)"
    r"|starter-pack/(?P<pack_actor>[^/?#]+)/(?P<pack>[a-z0-9]+))/?"
)


def check_bluesky(value: str) -> str:
    refuse_invisible(value)
    if value.startswith("@"):
        raise field_error(
            "bluesky_at", "write the handle without '@': '{bare}'", bare=value.lstrip("@")
        )
    if value.startswith("did:"):
        if not DID_PATTERN.fullmatch(value):
            raise field_error(
                "bluesky_did",
                "'{value}' is not a Bluesky DID: did:plc: and 24 letters a-z or digits 2-7",
                value=value,
            )
        return value
    if len(value) > 253 or not DOMAIN_PATTERN.fullmatch(value):
        raise field_error(
            "bluesky_handle",
            "'{value}' is not a Bluesky handle: a domain like name.bsky.social or "
            "example.org (or a DID, did:plc:…)",
            value=value,
        )
    return value.lower()


def _check_mastodon(value: str) -> str:
    refuse_invisible(value)
    profile = MASTODON_PROFILE_URL.fullmatch(value)
    if profile:
        raise field_error(
            "mastodon_url",
            "'{value}' is the account's page; write its address: '@{user}@{server}'",
            value=value,
            user=profile["user"],
            server=profile["server"],
        )
    bare = value[1:] if value.startswith("@") else value
    user, _, server = bare.partition("@")
    if not (MASTODON_USER.fullmatch(user) and DOMAIN_PATTERN.fullmatch(server)):
        raise field_error(
            "mastodon_address",
            "'{value}' is not a Mastodon address: @user@server, like @velosur@mastodon.social",
            value=value,
        )
    return f"@{user}@{server.lower()}"


def _check_bluesky_list(value: str) -> str:
    refuse_invisible(value)
    match = BLUESKY_LIST_URL.fullmatch(value)
    actor = match and (match["actor"] or match["pack_actor"])
    if not match or not actor:
        raise field_error(
            "bluesky_list_url",
            "'{value}' is not the address of a Bluesky list or starter pack: "
            "https://bsky.app/profile/<handle>/lists/<id> or "
            "https://bsky.app/starter-pack/<handle>/<id>",
            value=value,
        )
    check_bluesky(actor)
    return value.rstrip("/")


BlueskyHandle = Annotated[str, AfterValidator(check_bluesky)]
"""A Bluesky handle (name.bsky.social, example.org) in lower case, or a DID."""
MastodonAddress = Annotated[str, AfterValidator(_check_mastodon)]
"""A Mastodon address, @user@server, the server in lower case."""
BlueskyListUrl = Annotated[str, AfterValidator(_check_bluesky_list)]


def _check_server(value: str) -> str:
    refuse_invisible(value)
    if not DOMAIN_PATTERN.fullmatch(value):
        raise field_error(
            "server_name",
            "'{value}' is not a server's name: a domain like mastodon.social, without "
            "https:// or a path",
            value=value,
        )
    return value.lower()


ServerName = Annotated[str, AfterValidator(_check_server)]
"""A Mastodon server's domain name, in lower case."""


@dataclass(frozen=True)
class MastodonIdentity:
    """A Mastodon address split: `user` on `server`."""

    user: str
    server: str

    @property
    def acct(self) -> str:
        return f"{self.user}@{self.server}"

    @property
    def profile_url(self) -> str:
        """The account's page on its own server (where following works without a detour)."""
        return f"https://{self.server}/@{self.user}"


def mastodon_identity(address: str) -> MastodonIdentity:
    """`@user@server` (as validated) split in two."""
    user, _, server = address.lstrip("@").partition("@")
    return MastodonIdentity(user, server)


@dataclass(frozen=True)
class BlueskyListAddress:
    """A Bluesky list or starter pack's address, split: its creator and record key."""

    kind: Literal["list", "starter-pack"]
    actor: str
    rkey: str

    @property
    def collection(self) -> str:
        return "app.bsky.graph.list" if self.kind == "list" else "app.bsky.graph.starterpack"


def bluesky_list_address(url: str) -> BlueskyListAddress:
    """The parts of a validated list or starter pack address."""
    match = BLUESKY_LIST_URL.fullmatch(url)
    assert match is not None  # validated at load
    if match["actor"]:
        return BlueskyListAddress("list", match["actor"].lower(), match["list"])
    return BlueskyListAddress("starter-pack", match["pack_actor"].lower(), match["pack"])
