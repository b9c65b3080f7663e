"""The activity page's figures on Bluesky and Mastodon, and what is summed across networks.

Pure, like `activity`: every series comes from the snapshot history. A network with no
figures in the history is left out of the page, never shown empty. Sums are made only where
they mean something: the organization's followers (people who follow it somewhere; one
person on two networks counts twice, and the page says so) and posts with the hashtags.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup

from generator.i18n import N_, gettext
from generator.movement.identities import mastodon_identity
from generator.movement.schema import Movement
from generator.movement.schema_accounts import NETWORK_NAMES
from generator.render.activity_charts import DayValue, daily_chart, trend_chart
from generator.snapshot.format import (
    BlueskyPost,
    MastodonPost,
    Snapshot,
    TagCounts,
    has_figures,
)

TOP_POSTS = 5
TOP_POSTS_DAYS = 30
EXCERPT_LENGTH = 140

Reading = Callable[[Snapshot], int | None]


@dataclass(frozen=True)
class Change:
    """A figure now, and how it changed since the previous reading, over 7 and 30 days."""

    label: str
    value: int | None
    since_previous: int | None
    over_7_days: int | None
    over_30_days: int | None


@dataclass(frozen=True)
class NetworkAccount:
    """A tracked account on Bluesky or Mastodon: its figures and its followers over time."""

    identity: str
    name: str
    network: str
    figures: list[Change]
    followers: list[DayValue]
    followers_chart: Markup | None


@dataclass(frozen=True)
class NetworkPostRow:
    url: str
    excerpt: str
    author: str
    created: dt.date
    engagements: int


@dataclass(frozen=True)
class NetworkActivity:
    """One network's part of the page (Bluesky or Mastodon)."""

    network: str
    name: str
    accounts: tuple[NetworkAccount, ...]
    hashtag_days: tuple[DayValue, ...]
    hashtag_chart: Markup | None
    hashtags_counted: bool
    """False when no snapshot counted the hashtags (Bluesky without a logged-in account)."""
    counting_server: str | None
    top_posts: tuple[NetworkPostRow, ...]


def change(snapshots: tuple[Snapshot, ...], label: str, read: Reading) -> Change | None:
    """`read`'s latest value and its changes, or None if no snapshot has it."""
    having = [(s.day, v) for s in snapshots if (v := read(s)) is not None]
    if not having:
        return None
    day, value = having[-1]

    def then(days: int) -> int | None:
        earlier = [v for d, v in having if d <= day - dt.timedelta(days=days)]
        return value - earlier[-1] if earlier else None

    previous = value - having[-2][1] if len(having) > 1 else None
    return Change(label, value, previous, then(7), then(30))


def series(snapshots: Iterable[Snapshot], read: Reading) -> list[DayValue]:
    return [DayValue(s.day, v) for s in snapshots if (v := read(s)) is not None]


def bluesky_reading(handle: str, field: str) -> Reading:
    def read(snapshot: Snapshot) -> int | None:
        part = snapshot.bluesky
        wanted = handle.casefold()
        found = (
            next(
                (p for p in part.profiles if wanted in (p.handle.casefold(), p.did.casefold())),
                None,
            )
            if part
            else None
        )
        value = getattr(found, field, None) if found else None
        return value if isinstance(value, int) else None

    return read


def mastodon_reading(address: str, field: str) -> Reading:
    acct = mastodon_identity(address).acct.casefold()

    def read(snapshot: Snapshot) -> int | None:
        part = snapshot.mastodon
        found = (
            next((a for a in part.accounts if a.acct.casefold() == acct), None) if part else None
        )
        value = getattr(found, field, None) if found else None
        return value if isinstance(value, int) else None

    return read


def merged_tag_days(readings: Iterable[list[TagCounts]]) -> list[DayValue]:
    """Posts per day with any tag, the latest reading of each (tag, day) winning, summed."""
    counts: dict[tuple[str, dt.date], int] = {}
    for tags in readings:
        for tag in tags:
            for bucket in tag.days:
                counts[(tag.tag.casefold(), bucket.day)] = bucket.count
    days: dict[dt.date, int] = {}
    for (_, day), count in counts.items():
        days[day] = days.get(day, 0) + count
    return [DayValue(day, value) for day, value in sorted(days.items())]


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1].rstrip() + "…"


def _top(posts: list[BlueskyPost | MastodonPost], latest: dt.datetime) -> list[NetworkPostRow]:
    recent = [
        p for p in posts if latest - dt.timedelta(days=TOP_POSTS_DAYS) <= p.created_at <= latest
    ]
    recent.sort(key=lambda p: (-p.engagements, -p.created_at.timestamp()))
    rows = []
    for post in recent[:TOP_POSTS]:
        author = post.author_handle if isinstance(post, BlueskyPost) else post.account
        url = post.url if re.match(r"https://", post.url) else ""
        rows.append(
            NetworkPostRow(
                url, _excerpt(post.text), author, post.created_at.date(), post.engagements
            )
        )
    return rows


def _account(
    network: str,
    identity: str,
    read: Callable[[str, str], Reading],
    fields: tuple[str, str],
    name: str,
    snapshots: tuple[Snapshot, ...],
    language: str,
    locale: str,
) -> NetworkAccount:
    followers_read, posts_read = read(identity, fields[0]), read(identity, fields[1])
    figures = [
        c
        for c in (
            change(snapshots, gettext(language, N_("Followers")), followers_read),
            change(snapshots, gettext(language, N_("Posts")), posts_read),
        )
        if c is not None
    ]
    followers = series(snapshots, followers_read)
    title = gettext(language, N_("Followers of %(identity)s on %(network)s")) % {
        "identity": f"@{identity.lstrip('@')}",
        "network": NETWORK_NAMES[network],
    }
    chart_id = (
        "pv-chart-" + network + "-" + re.sub(r"[^a-z0-9]+", "-", identity.casefold()).strip("-")
    )
    return NetworkAccount(
        f"@{identity.lstrip('@')}",
        name,
        network,
        figures,
        followers,
        trend_chart(chart_id, title, followers, language, locale),
    )


def _network_activity(
    network: str,
    accounts: tuple[NetworkAccount, ...],
    days: list[DayValue],
    posts: list[BlueskyPost | MastodonPost],
    counted: bool,
    counting_server: str | None,
    snapshots: tuple[Snapshot, ...],
    language: str,
    locale: str,
) -> NetworkActivity:
    """A network's part of the page from its accounts, hashtag days and posts; `counted` when
    some snapshot counted its hashtags."""
    name = NETWORK_NAMES[network]
    title = gettext(language, N_("Posts per day with the movement's hashtags on %(network)s"))
    chart = daily_chart(
        f"pv-chart-hashtags-{network}", title % {"network": name}, days, language, locale
    )
    return NetworkActivity(
        network,
        name,
        tuple(a for a in accounts if a.figures),
        tuple(days),
        chart,
        counted,
        counting_server,
        tuple(_top(posts, snapshots[-1].fetched_at)),
    )


def bluesky_activity(
    snapshots: tuple[Snapshot, ...], spec: Movement, language: str, locale: str
) -> NetworkActivity | None:
    """Bluesky's part of the page, or None when no snapshot read a figure there."""
    parts = [s.bluesky for s in snapshots if s.bluesky and has_figures(s.bluesky)]
    if not parts:
        return None
    names = {p.handle.casefold(): p.display_name for part in parts for p in part.profiles}
    accounts = tuple(
        _account(
            "bluesky",
            h,
            bluesky_reading,
            ("followers_count", "posts_count"),
            names.get(h.casefold()) or h,
            snapshots,
            language,
            locale,
        )
        for h in spec.stats_bluesky_accounts()
    )
    days = merged_tag_days(part.hashtags for part in parts)
    posts = {p.uri: p for part in parts for p in part.posts}
    counted = any(part.hashtags for part in parts)
    return _network_activity(
        "bluesky", accounts, days, [*posts.values()], counted, None, snapshots, language, locale
    )


def mastodon_activity(
    snapshots: tuple[Snapshot, ...], spec: Movement, language: str, locale: str
) -> NetworkActivity | None:
    """Mastodon's part of the page, or None when no snapshot read a figure there."""
    parts = [s.mastodon for s in snapshots if s.mastodon and has_figures(s.mastodon)]
    if not parts:
        return None
    names = {a.acct.casefold(): a.display_name for part in parts for a in part.accounts}
    accounts = tuple(
        _account(
            "mastodon",
            mastodon_identity(a).acct,
            mastodon_reading,
            ("followers_count", "statuses_count"),
            names.get(mastodon_identity(a).acct.casefold()) or a,
            snapshots,
            language,
            locale,
        )
        for a in spec.stats_mastodon_accounts()
    )
    days = merged_tag_days(list(part.hashtags) for part in parts)
    posts = {p.id: p for part in parts for p in part.posts}
    counted, server = any(part.hashtags for part in parts), spec.stats_mastodon_server()
    return _network_activity(
        "mastodon", accounts, days, [*posts.values()], counted, server, snapshots, language, locale
    )


def audience(
    snapshots: tuple[Snapshot, ...], spec: Movement, x_read: Reading, language: str
) -> list[Change]:
    """The organization's followers on each network it is on, labelled '@id on Network', and
    their sum ('In all') when it is on two or more."""
    org = spec.organization
    candidates: list[tuple[str, str, Reading]] = [("x", f"@{org.handle}", x_read)]
    if org.bluesky:
        read = bluesky_reading(org.bluesky, "followers_count")
        candidates.append(("bluesky", f"@{org.bluesky}", read))
    if org.mastodon:
        read = mastodon_reading(org.mastodon, "followers_count")
        candidates.append(("mastodon", f"@{mastodon_identity(org.mastodon).acct}", read))
    on = gettext(language, N_("%(identity)s on %(network)s"))
    found = [
        (read, figure)
        for network, identity, read in candidates
        if (
            figure := change(
                snapshots, on % {"identity": identity, "network": NETWORK_NAMES[network]}, read
            )
        )
    ]
    if len(found) < 2:
        return [figure for _, figure in found]
    readers = [read for read, _ in found]

    def total(snapshot: Snapshot) -> int | None:
        values = [read(snapshot) for read in readers]
        return None if None in values else sum(v for v in values if v is not None)

    summed = change(snapshots, gettext(language, N_("In all")), total)
    return [figure for _, figure in found] + ([summed] if summed else [])


@dataclass(frozen=True)
class HashtagRow:
    """One day's posts with the hashtags on each network that counted it, and their sum."""

    day: dt.date
    counts: tuple[int | None, ...]
    total: int | None


def hashtag_table(columns: list[tuple[str, list[DayValue]]]) -> list[HashtagRow]:
    """Days on which every network with a series counted, side by side; the sum only where
    all of them counted (a missing count is not zero)."""
    by_network = [{d.day: d.value for d in days} for _, days in columns]
    all_days = sorted({day for days in by_network for day in days})
    rows = []
    for day in all_days:
        counts = tuple(days.get(day) for days in by_network)
        total = sum(c for c in counts if c is not None) if None not in counts else None
        rows.append(HashtagRow(day, counts, total))
    return rows
