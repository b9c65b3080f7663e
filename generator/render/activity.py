"""The activity page's figures, computed from a movement's snapshot history: pure, no I/O.

"Now" is passed in (the build takes it from SOURCE_DATE_EPOCH when set), and every period is
measured from the latest snapshot, so the page changes only when the history does, except
for the snapshot's age.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from generator.i18n import N_, gettext
from generator.movement.schema import Movement
from generator.render.activity_charts import DayValue, daily_chart, trend_chart
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


@dataclass(frozen=True)
class Figure:
    """One headline figure of an account: its value and how it changed."""

    label: str
    value: int | None
    since_previous: int | None
    over_7_days: int | None
    over_30_days: int | None


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


def _at_or_before(snapshots: Iterable[Snapshot], day: dt.date) -> Snapshot | None:
    return next((s for s in reversed(list(snapshots)) if s.day <= day), None)


def _change(now: int | None, then: int | None) -> int | None:
    return None if now is None or then is None else now - then


def headline_figures(snapshots: tuple[Snapshot, ...], username: str, language: str) -> list[Figure]:
    """Followers, posts and listed of `username` now, and their changes."""
    having = tuple(s for s in snapshots if s.account(username))
    if not having:
        return []
    latest = having[-1]
    previous = having[-2] if len(having) > 1 else None
    week = _at_or_before(having, latest.day - dt.timedelta(days=7))
    month = _at_or_before(having, latest.day - dt.timedelta(days=30))
    figures = []
    for label, metric in FIGURES:
        value = account_metric(latest, username, metric)

        def then(s: Snapshot | None, metric: str = metric) -> int | None:
            return account_metric(s, username, metric) if s else None

        figures.append(
            Figure(
                label=gettext(language, label),
                value=value,
                since_previous=_change(value, then(previous)),
                over_7_days=_change(value, then(week)),
                over_30_days=_change(value, then(month)),
            )
        )
    return figures


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
        posts.update({p.id: p for p in snapshot.posts})
    return list(posts.values())


def top_posts(snapshots: tuple[Snapshot, ...], key: Callable[[Post], int | None]) -> list[PostRow]:
    """The tracked accounts' posts of the last 30 days with the highest `key`."""
    latest = snapshots[-1].fetched_at
    authors = {a.id: a.username for s in snapshots for a in s.accounts}
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


def activity_view(
    history: History | None, spec: Movement, language: str, locale: str
) -> ActivityView:
    """Everything the activity page of `spec` shows in `language`."""
    if history is None or not history.snapshots:
        return ActivityView(has_data=False)
    snapshots = history.snapshots
    latest = snapshots[-1]
    age = max((history.now.astimezone(dt.UTC).date() - latest.day).days, 0)
    hashtags = merged_days(s.hashtags for s in snapshots)
    mentions = merged_days(s.mentions for s in snapshots)
    handle = spec.organization.handle
    return ActivityView(
        has_data=True,
        is_sample=any(s.source == "sample" for s in snapshots),
        as_of=latest.day,
        age_days=age,
        is_stale=age > STALE_AFTER_DAYS,
        previous_day=snapshots[-2].day if len(snapshots) > 1 else None,
        accounts=tuple(
            account_activity(snapshots, u, language, locale) for u in spec.stats_accounts()
        ),
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


def history_csv(history: History | None, spec: Movement) -> str:
    """The whole history, one row per day, for spreadsheets (no cell starts with = + - @)."""
    snapshots = history.snapshots if history else ()
    usernames = spec.stats_accounts()
    metrics = [metric for _, metric in FIGURES]
    columns = ["followers", "posts", "listed"]
    by_snapshot = {s.day: s for s in snapshots}
    hashtags = {d.day: d.value for d in merged_days(s.hashtags for s in snapshots)}
    mentions = {d.day: d.value for d in merged_days(s.mentions for s in snapshots)}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "date",
            "source",
            *(f"{u} {c}" for u in usernames for c in columns),
            "hashtag posts",
            "mentions",
        ]
    )
    for day in sorted({*by_snapshot, *hashtags, *mentions}):
        snapshot = by_snapshot.get(day)
        figures = [
            account_metric(snapshot, u, m) if snapshot else None for u in usernames for m in metrics
        ]
        writer.writerow(
            [
                day.isoformat(),
                snapshot.source if snapshot else "",
                *("" if v is None else v for v in figures),
                hashtags.get(day, ""),
                mentions.get(day, ""),
            ]
        )
    return buffer.getvalue()
