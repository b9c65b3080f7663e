"""The accounts page: one entry per person or organization, a follow link on each network it
has, and its followers there as the latest snapshot read them. Pure: no I/O.

Following needs no detour and sends nothing from this site: X's follow intent (by user id
when the snapshot knows it, since usernames change), the profile on bsky.app, and the
account's page on its own Mastodon server (Mastodon has no universal follow link; the
server's page offers to follow from any other server).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from generator.movement.identities import mastodon_identity
from generator.movement.schema import Movement
from generator.movement.schema_accounts import Account
from generator.render.follow import Profile, follow_url, initials, profiles
from generator.snapshot.format import BlueskyProfile, MastodonAccount, Snapshot


@dataclass(frozen=True)
class FollowLink:
    """Following one account on one network."""

    network: str
    network_name: str
    identity: str
    """As the network writes it: @DemoVeloSur, @name.bsky.social, @user@server."""
    url: str
    followers: int | None


@dataclass(frozen=True)
class AccountView:
    name: str | None
    """Its name, from the file or the snapshot; None when only a handle is known."""
    handle: str | None
    """Its X username."""
    note: str | None
    group: str | None
    description: str | None
    links: list[FollowLink]
    profile: Profile | None
    """What the snapshot read of it on X."""
    initials: str


@dataclass(frozen=True)
class Seen:
    """What the latest snapshot read of every account, per network, by casefolded identity."""

    x: dict[str, Profile]
    bluesky: dict[str, BlueskyProfile]
    mastodon: dict[str, MastodonAccount]


def seen_in(snapshot: Snapshot | None) -> Seen:
    """The latest snapshot's profiles on each network."""
    bluesky: dict[str, BlueskyProfile] = {}
    for profile in snapshot.bluesky.profiles if snapshot and snapshot.bluesky else []:
        bluesky[profile.handle.casefold()] = bluesky[profile.did.casefold()] = profile
    mastodon = {
        a.acct.casefold(): a
        for a in (snapshot.mastodon.accounts if snapshot and snapshot.mastodon else [])
    }
    return Seen(x=profiles(snapshot), bluesky=bluesky, mastodon=mastodon)


class Identities(Protocol):
    """Whoever has identities to follow: an account, a decision-maker."""

    @property
    def handle(self) -> str | None: ...
    @property
    def bluesky(self) -> str | None: ...
    @property
    def mastodon(self) -> str | None: ...


def follow_links(account: Identities, seen: Seen) -> list[FollowLink]:
    """A link per network the account has, X first."""
    links = []
    if account.handle:
        profile = seen.x.get(account.handle.casefold())
        links.append(
            FollowLink(
                "x",
                "X",
                f"@{account.handle}",
                follow_url(account.handle, profile),
                profile.followers if profile else None,
            )
        )
    if account.bluesky:
        bsky = seen.bluesky.get(account.bluesky.casefold())
        shown = bsky.handle if bsky else account.bluesky
        links.append(
            FollowLink(
                "bluesky",
                "Bluesky",
                f"@{shown}",
                f"https://bsky.app/profile/{account.bluesky}",
                bsky.followers_count if bsky else None,
            )
        )
    if account.mastodon:
        who = mastodon_identity(account.mastodon)
        masto = seen.mastodon.get(who.acct.casefold())
        url = masto.url if masto and masto.url.startswith("https://") else who.profile_url
        links.append(
            FollowLink(
                "mastodon",
                "Mastodon",
                f"@{who.acct}",
                url,
                masto.followers_count if masto else None,
            )
        )
    return links


def _read_as(account: Account, seen: Seen) -> list[tuple[str, str]]:
    """(name, bio) of the account as the snapshot read it on each network it is on, X first."""
    x = seen.x.get((account.handle or "").casefold())
    bsky = seen.bluesky.get((account.bluesky or "").casefold())
    acct = mastodon_identity(account.mastodon).acct.casefold() if account.mastodon else ""
    masto = seen.mastodon.get(acct)
    return [
        *([(x.name, x.description)] if x else []),
        *([(bsky.display_name, bsky.description)] if bsky else []),
        *([(masto.display_name, masto.note)] if masto else []),
    ]


def _first(texts: list[str]) -> str | None:
    return next((text for text in texts if text.strip()), None)


def account_views(spec: Movement, language: str, snapshot: Snapshot | None) -> list[AccountView]:
    """The movement's accounts in the file's order, with what the snapshot saw of each."""
    seen = seen_in(snapshot)
    views = []
    for account in spec.accounts:
        links = follow_links(account, seen)
        read = _read_as(account, seen)
        name = account.name[language] if account.name else _first([n for n, _ in read])
        views.append(
            AccountView(
                name=name,
                handle=account.handle,
                note=account.note[language] if account.note else None,
                group=account.group[language] if account.group else None,
                description=_first([bio for _, bio in read]),
                links=links,
                profile=seen.x.get((account.handle or "").casefold()),
                initials=initials(name or links[0].identity.lstrip("@")),
            )
        )
    return views
