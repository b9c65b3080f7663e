"""Made-up Bluesky and Mastodon figures for a fictional movement's sample history.

Same rules as `sample`: seeded by the movement's slug and each day, smooth and plausible,
smaller than X's (these networks are younger), the same bytes on every run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
from collections.abc import Callable

from generator.movement import LoadedMovement
from generator.movement.identities import mastodon_identity
from generator.snapshot.format import (
    BlueskyFigures,
    BlueskyList,
    BlueskyMember,
    BlueskyPost,
    BlueskyProfile,
    MastodonAccount,
    MastodonFigures,
    MastodonPost,
    MastodonTagCounts,
    TagCounts,
    TagDay,
)

POSTS_READ = 10
LIST_POSTS = 5
FICTIONAL_TLD = ".example"
"""Bluesky handles and Mastodon servers of a fictional movement end with it (RFC 2606)."""

Volume = Callable[[str, dt.date, float], float]
"""The sample world's posts per day for a kind of count, a day and a base level."""


def _rng(*parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in parts))


def _digits(*parts: object) -> str:
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()
    return str(int(digest, 16) % 10**18)


def _rkey(*parts: object) -> str:
    """A record key shaped like Bluesky's (13 characters of base32-sortable)."""
    alphabet = "234567abcdefghijklmnopqrstuvwxyz"
    number = int(_digits(*parts))
    return "3" + "".join(alphabet[(number >> (5 * i)) % 32] for i in range(12))


def _did(handle: str) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    number = int(hashlib.sha256(handle.encode()).hexdigest(), 16)
    return "did:plc:" + "".join(alphabet[(number >> (5 * i)) % 32] for i in range(24))


def _name(identity: str) -> str:
    """`velosur.demo.example` → `Velosur (démo)`."""
    first = identity.lstrip("@").split("@")[0].split(".")[0]
    return " ".join(word.capitalize() for word in first.split("-")) + " (démo)"


def _follower_count(slug: str, network: str, who: str, index: int, day: dt.date) -> int:
    rng = _rng(slug, network, "followers", who)
    base, growth = rng.randint(80, 700), rng.uniform(0.8, 3.5)
    wobble = 3 * math.sin(index / 5 + rng.uniform(0, 6)) + _rng(slug, who, day).gauss(0, 1)
    return max(0, round(base + growth * index + wobble))


def _posts_on(
    slug: str, network: str, who: str, day: dt.date, texts: list[str]
) -> list[tuple[dt.datetime, str]]:
    rng = _rng(slug, network, "posts", who, day)
    hours = sorted(rng.sample(range(8, 21), rng.choice([0, 1, 1, 2])))
    start = dt.datetime.combine(day, dt.time(), dt.UTC)
    return [
        (start + dt.timedelta(hours=h, minutes=rng.randrange(60)), rng.choice(texts)) for h in hours
    ]


def _latest(
    slug: str, network: str, who: str, seen: dt.datetime, texts: list[str]
) -> list[tuple[dt.datetime, str, dict[str, int]]]:
    """`who`'s latest posts before `seen`, newest first, with their figures then."""
    found: list[tuple[dt.datetime, str, dict[str, int]]] = []
    day = seen.date()
    while len(found) < POSTS_READ and day > seen.date() - dt.timedelta(days=60):
        for created, text in reversed(_posts_on(slug, network, who, day, texts)):
            if created < seen:
                rng = _rng(slug, network, "figures", who, created)
                likes = rng.lognormvariate(2.5, 0.6)
                ripe = 1 - math.exp(-((seen - created).total_seconds() / 86400 + 0.1) / 1.5)
                share = {
                    "likes": 1.0,
                    "reposts": rng.uniform(0.15, 0.35),
                    "replies": rng.uniform(0.05, 0.2),
                    "quotes": rng.uniform(0, 0.06),
                }
                found.append(
                    (created, text, {k: round(likes * v * ripe) for k, v in share.items()})
                )
        day -= dt.timedelta(days=1)
    return found[:POSTS_READ]


def _week(tag: str, seen: dt.datetime, volume: Volume, base: float) -> list[TagDay]:
    """The 7 whole UTC days before `seen`'s day."""
    return [
        TagDay(day=d, count=round(volume(f"{tag}-{base}", d, base)))
        for d in (seen.date() - dt.timedelta(days=n) for n in range(7, 0, -1))
    ]


def _bluesky_posts(
    slug: str, handle: str, seen: dt.datetime, texts: list[str]
) -> list[BlueskyPost]:
    """`handle`'s latest sample posts on Bluesky before `seen`, newest first."""
    return [
        BlueskyPost(
            uri=f"at://{_did(handle)}/app.bsky.feed.post/{_rkey(slug, handle, created)}",
            author_did=_did(handle),
            author_handle=handle,
            text=text,
            created_at=created,
            like_count=f["likes"],
            repost_count=f["reposts"],
            reply_count=f["replies"],
            quote_count=f["quotes"],
        )
        for created, text, f in _latest(slug, "bluesky", handle, seen, texts)
    ]


def sample_bluesky(
    loaded: LoadedMovement, index: int, seen: dt.datetime, texts: list[str], volume: Volume
) -> BlueskyFigures | None:
    """The movement's Bluesky figures on the day `index` of the history, or None."""
    spec, slug = loaded.spec, loaded.slug
    if "bluesky" not in spec.networks():
        return None
    handles = spec.identities("bluesky")  # the movement's own: its lists' members
    profiles = [
        BlueskyProfile(
            did=_did(h),
            handle=h,
            display_name=_name(h),
            description="Compte fictif de la démonstration Porte-voix.",
            followers_count=_follower_count(slug, "bluesky", h, index, seen.date()),
            follows_count=_rng(slug, "follows", h).randint(40, 300) + index // 10,
            posts_count=_rng(slug, "count", h).randint(50, 600) + index,
        )
        for h in spec.profiled("bluesky")
    ]
    posts = [p for h in spec.stats_bluesky_accounts() for p in _bluesky_posts(slug, h, seen, texts)]
    members = [BlueskyMember(did=_did(h), handle=h, display_name=_name(h)) for h in handles]
    member_posts = sorted(
        (p for h in handles for p in _bluesky_posts(slug, h, seen, texts)),
        key=lambda p: p.created_at,
        reverse=True,
    )[:LIST_POSTS]
    lists = [
        BlueskyList(
            uri=f"at://{_did(x.address.actor)}/{x.address.collection}/{x.address.rkey}",
            kind=x.address.kind,
            name=x.name[spec.default_language],
            description=x.description[spec.default_language] if x.description else "",
            creator=BlueskyMember(
                did=_did(x.address.actor),
                handle=x.address.actor,
                display_name=_name(x.address.actor),
            ),
            member_count=len(members),
            joined_count=(12 + index // 2) if x.address.kind == "starter-pack" else None,
            members=members,
            posts=member_posts if x.address.kind == "list" else [],
        )
        for x in spec.bluesky_lists
    ]
    hashtags = [TagCounts(tag=t, days=_week(t, seen, volume, 9)) for t in spec.stats_hashtags()]
    return BlueskyFigures(
        profiles=sorted(profiles, key=lambda p: p.handle),
        posts=sorted(posts, key=lambda p: p.created_at, reverse=True),
        hashtags=hashtags,
        lists=lists,
    )


def sample_mastodon(
    loaded: LoadedMovement, index: int, seen: dt.datetime, texts: list[str], volume: Volume
) -> MastodonFigures | None:
    """The movement's Mastodon figures on the day `index` of the history, or None."""
    spec, slug = loaded.spec, loaded.slug
    if "mastodon" not in spec.networks():
        return None
    accounts = []
    for address in spec.profiled("mastodon"):
        who = mastodon_identity(address)
        accounts.append(
            MastodonAccount(
                id=_digits(slug, who.acct)[:18],
                acct=who.acct,
                url=who.profile_url,
                display_name=_name(address),
                note="Compte fictif de la démonstration Porte-voix.",
                followers_count=_follower_count(slug, "mastodon", who.acct, index, seen.date())
                // 2,
                following_count=_rng(slug, "following", who.acct).randint(30, 200),
                statuses_count=_rng(slug, "statuses", who.acct).randint(40, 400) + index,
            )
        )
    posts = []
    for address in spec.stats_mastodon_accounts():
        who = mastodon_identity(address)
        for created, text, f in _latest(slug, "mastodon", who.acct, seen, texts):
            post_id = str(int(created.timestamp() * 1000) << 16)
            posts.append(
                MastodonPost(
                    id=post_id,
                    url=f"{who.profile_url}/{post_id}",
                    account=who.acct,
                    text=text,
                    created_at=created,
                    favourites_count=f["likes"],
                    reblogs_count=f["reposts"],
                    replies_count=f["replies"],
                    quotes_count=f["quotes"],
                )
            )
    server = spec.stats_mastodon_server()
    hashtags = (
        [
            MastodonTagCounts(tag=t, server=server, days=_week(t, seen, volume, 4))
            for t in spec.stats_hashtags()
        ]
        if server
        else []
    )
    return MastodonFigures(
        accounts=sorted(accounts, key=lambda a: a.acct),
        posts=sorted(posts, key=lambda p: p.created_at, reverse=True),
        hashtags=hashtags,
    )
