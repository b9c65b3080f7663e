"""The activity page's figures, computed from a movement's snapshot history: pure, no I/O.

"Now" is passed in (the build takes it from SOURCE_DATE_EPOCH when set), and every period is
measured from the latest snapshot, so the page changes only when the history does, except
for the snapshot's age.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from generator.i18n import N_, gettext
from generator.movement.schema import Movement
from generator.render.activity_charts import DayValue, daily_chart, trend_chart
from generator.render.activity_networks import (
    Change,
    HashtagRow,
    NetworkActivity,
    audience,
    bluesky_activity,
    change,
    hashtag_table,
    mastodon_activity,
)
from generator.snapshot.format import Counts, Post, Snapshot

STALE_AFTER_DAYS = 7
TOP_POSTS = 5
TOP_POSTS_DAYS = 30
CSV_PATH = "kit/activity.csv"
"""Where the history's CSV download sits in each language of the site."""
EXCERPT_LENGTH = 140


@dataclass(frozen=True)
class History:
    """A movement's snapshots, oldest first, and the moment the site is built."""

    snapshots: tuple[Snapshot, ...]
    now: dt.datetime


Figure = Change


@dataclass(frozen=True)
class AccountActivity:
    username: str
    name: str
    figures: list[Figure]
    followers: list[DayValue]
    followers_chart: Markup | None


@dataclass(frozen=True)
class PostRow:
    url: str
    excerpt: str
    author: str
    created: dt.date
    engagements: int
    impressions: int | None


@dataclass(frozen=True)
class ActivityView:
    """What the activity template shows; `has_data` is false when there is no snapshot."""

    has_data: bool
    is_sample: bool = False
    as_of: dt.date | None = None
    age_days: int = 0
    is_stale: bool = False
    previous_day: dt.date | None = None
    accounts: tuple[AccountActivity, ...] = ()
    hashtag_days: tuple[DayValue, ...] = ()
    hashtag_chart: Markup | None = None
    mention_days: tuple[DayValue, ...] = ()
    mention_chart: Markup | None = None
    mention_total: int = 0
    top_by_engagements: tuple[PostRow, ...] = ()
    top_by_impressions: tuple[PostRow, ...] = ()
    csv_link: str = CSV_PATH.rsplit("/", 1)[-1]
    has_x: bool = False
    audience: tuple[Change, ...] = ()
    bluesky: NetworkActivity | None = None
    mastodon: NetworkActivity | None = None
    hashtag_columns: tuple[str, ...] = ()
    """The networks side by side in `hashtag_rows`, when two or more counted."""
    hashtag_rows: tuple[HashtagRow, ...] = ()


FIGURES: tuple[tuple[str, str], ...] = (
    (N_("Followers"), "followers_count"),
    (N_("Posts"), "tweet_count"),
    (N_("Listed"), "listed_count"),
)


def account_metric(snapshot: Snapshot, username: str, metric: str) -> int | None:
    """A `public_metrics` figure of `username` in `snapshot`, if it was read."""
    account = snapshot.account(username)
    value = getattr(account.public_metrics, metric) if account else None
    return value if isinstance(value, int) else None


def headline_figures(snapshots: tuple[Snapshot, ...], username: str, language: str) -> list[Figure]:
    """Followers, posts and listed of `username` now, and their changes."""
    figures = [
        change(
            snapshots,
            gettext(language, label),
            lambda s, metric=metric: account_metric(s, username, metric),  # type: ignore[misc]
        )
        for label, metric in FIGURES
    ]
    if not any(f is not None and f.value is not None for f in figures):
        return []
    return [
        f if f is not None else Change(gettext(language, label), None, None, None, None)
        for f, (label, _) in zip(figures, FIGURES, strict=True)
    ]


def merged_days(counts: Iterable[Counts | None]) -> list[DayValue]:
    """Whole-day counts across snapshots, the latest reading of each day winning."""
    days: dict[dt.date, int] = {}
    for reading in counts:
        for bucket in reading.days if reading else []:
            if bucket.is_whole_day:
                days[bucket.start.date()] = bucket.count
    return [DayValue(day, value) for day, value in sorted(days.items())]


def latest_posts(snapshots: Iterable[Snapshot]) -> list[Post]:
    """Every post seen, each with its metrics from the latest snapshot that saw it."""
    posts: dict[str, Post] = {}
    for snapshot in snapshots:
        posts.update({p.id: p for p in snapshot.x.posts} if snapshot.x else {})
    return list(posts.values())


def top_posts(snapshots: tuple[Snapshot, ...], key: Callable[[Post], int | None]) -> list[PostRow]:
    """The tracked accounts' posts of the last 30 days with the highest `key`."""
    latest = snapshots[-1].fetched_at
    authors = {a.id: a.username for s in snapshots if s.x for a in s.x.accounts}
    recent = [
        p
        for p in latest_posts(snapshots)
        if latest - dt.timedelta(days=TOP_POSTS_DAYS) <= p.created_at <= latest
        and key(p) is not None
        and p.author_id in authors
    ]
    recent.sort(key=lambda p: (-(key(p) or 0), -int(p.id)))
    return [_post_row(p, authors[p.author_id]) for p in recent[:TOP_POSTS]]


def _post_row(post: Post, author: str) -> PostRow:
    text = " ".join(post.text.split())
    excerpt = text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1].rstrip() + "…"
    return PostRow(
        url=f"https://x.com/{quote(author)}/status/{quote(post.id)}",
        excerpt=excerpt,
        author=author,
        created=post.created_at.date(),
        engagements=post.public_metrics.engagements,
        impressions=post.public_metrics.impression_count,
    )


def account_activity(
    snapshots: tuple[Snapshot, ...], username: str, language: str, locale: str
) -> AccountActivity:
    """An account's headline figures and its followers over the whole history."""
    read = [(s.day, s.account(username)) for s in snapshots]
    accounts = [(day, a) for day, a in read if a is not None]
    followers = [
        DayValue(day, a.public_metrics.followers_count)
        for day, a in accounts
        if a.public_metrics.followers_count is not None
    ]
    title = gettext(language, N_("Followers of @%(username)s")) % {"username": username}
    return AccountActivity(
        username=username,
        name=accounts[-1][1].name if accounts else username,
        figures=headline_figures(snapshots, username, language),
        followers=followers,
        followers_chart=trend_chart(
            f"pv-chart-followers-{username.lower()}", title, followers, language, locale
        ),
    )


def _networks(
    snapshots: tuple[Snapshot, ...],
    spec: Movement,
    language: str,
    locale: str,
    x_days: list[DayValue],
) -> dict[str, Any]:
    """Bluesky's and Mastodon's parts of the view, and the hashtag table across networks."""
    bluesky = bluesky_activity(snapshots, spec, language, locale)
    mastodon = mastodon_activity(snapshots, spec, language, locale)
    columns = [("X", x_days)] if x_days else []
    columns += [(n.name, list(n.hashtag_days)) for n in (bluesky, mastodon) if n and n.hashtag_days]
    return {
        "bluesky": bluesky,
        "mastodon": mastodon,
        "hashtag_columns": tuple(name for name, _ in columns) if len(columns) > 1 else (),
        "hashtag_rows": tuple(hashtag_table(columns)) if len(columns) > 1 else (),
    }


def activity_view(
    history: History | None, spec: Movement, language: str, locale: str
) -> ActivityView:
    """Everything the activity page of `spec` shows in `language`."""
    if history is None or not history.snapshots:
        return ActivityView(has_data=False)
    snapshots = history.snapshots
    latest = snapshots[-1]
    age = max((history.now.astimezone(dt.UTC).date() - latest.day).days, 0)
    hashtags = merged_days(s.x.hashtags for s in snapshots if s.x)
    mentions = merged_days(s.x.mentions for s in snapshots if s.x)
    handle = spec.organization.handle
    networks = _networks(snapshots, spec, language, locale, hashtags)
    return ActivityView(
        has_data=True,
        is_sample=any(s.source == "sample" for s in snapshots),
        as_of=latest.day,
        age_days=age,
        is_stale=age > STALE_AFTER_DAYS,
        previous_day=snapshots[-2].day if len(snapshots) > 1 else None,
        has_x=any(s.x for s in snapshots),
        accounts=tuple(
            account_activity(snapshots, u, language, locale) for u in spec.stats_accounts()
        )
        if any(s.x for s in snapshots)
        else (),
        audience=tuple(
            audience(
                snapshots, spec, lambda s: account_metric(s, handle, "followers_count"), language
            )
        ),
        **networks,
        hashtag_days=tuple(hashtags),
        hashtag_chart=daily_chart(
            "pv-chart-hashtags",
            gettext(language, N_("Posts per day with the movement's hashtags")),
            hashtags,
            language,
            locale,
        ),
        mention_days=tuple(mentions),
        mention_chart=daily_chart(
            "pv-chart-mentions",
            gettext(language, N_("Posts per day mentioning @%(handle)s")) % {"handle": handle},
            mentions,
            language,
            locale,
        ),
        mention_total=sum(d.value for d in mentions),
        top_by_engagements=tuple(top_posts(snapshots, lambda p: p.public_metrics.engagements)),
        top_by_impressions=tuple(top_posts(snapshots, lambda p: p.public_metrics.impression_count)),
    )
