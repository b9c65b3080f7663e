"""Made-up snapshot histories for fictional movements, so the dashboard can be seen offline.

Figures are smooth and plausible, drawn from generators seeded by the movement's slug and each
day's date: the same command always writes the same bytes. Every snapshot says
`source: sample`, and sample figures are refused for any movement whose accounts are not all
obviously fictional (usernames starting with "Demo"): no made-up numbers for real accounts.

    portevoix sample demo --until 2026-11-24 --days 64
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import math
import random
import re
from pathlib import Path

from generator.errors import PorteVoixError
from generator.movement import LoadedMovement
from generator.site import output
from generator.snapshot.format import (
    Account,
    Counts,
    DayCount,
    Entities,
    HashtagEntity,
    ListRecord,
    MentionEntity,
    Post,
    PostMetrics,
    Snapshot,
    UserMetrics,
    UserRef,
    XFigures,
)
from generator.snapshot.plan import POSTS_PER_ACCOUNT, MovementPlan, movement_plan
from generator.snapshot.sample_social import FICTIONAL_TLD, sample_bluesky, sample_mastodon
from generator.snapshot.store import read_snapshot, snapshot_files, snapshots_dir, write_snapshot

FICTIONAL_PREFIX = "Demo"
REAL_MOVEMENTS = frozenset({"ovpe"})
"""Movements known to name real accounts, refused whatever their handles look like."""
FETCH_HOUR = 6
SAMPLE_POSTS_PER_LIST = 5
TWITTER_EPOCH_MS = 1288834974657


class SampleRefusedError(PorteVoixError):
    """Sample figures were asked for a movement that may name real accounts."""


def real_looking_handles(loaded: LoadedMovement) -> list[str]:
    """The usernames of `loaded` that do not look fictional."""
    spec = loaded.spec
    handles = [
        spec.organization.handle,
        *spec.stats_accounts(),
        *(a.handle for a in spec.accounts if a.handle),
        *(x.owner for x in spec.lists if x.owner),
        *(person.handle for group in spec.targets for person in group.people if person.handle),
    ]
    x = {f"@{h}" for h in handles if not h.startswith(FICTIONAL_PREFIX)}
    elsewhere = [
        *spec.profiled("bluesky"),
        *spec.profiled("mastodon"),
        *spec.stats_bluesky_accounts(),
        *spec.stats_mastodon_accounts(),
        *(x.address.actor for x in spec.bluesky_lists),
        *([server] if (server := spec.stats_mastodon_server()) else []),
    ]
    return sorted(x | {h for h in elsewhere if not h.endswith(FICTIONAL_TLD)})


def check_fictional(loaded: LoadedMovement) -> None:
    """Refuse sample figures unless every account of `loaded` is obviously fictional."""
    if loaded.slug in REAL_MOVEMENTS:
        raise SampleRefusedError(
            f"{loaded.source}: '{loaded.slug}' names real accounts: sample figures are only made "
            "for fictional movements; use `portevoix snapshot` to read its real figures"
        )
    real = real_looking_handles(loaded)
    if real:
        raise SampleRefusedError(
            f"{loaded.source}: {', '.join(real)} may be real accounts: sample figures are only "
            f"made for movements whose every X username starts with '{FICTIONAL_PREFIX}' and "
            f"whose every Bluesky handle and Mastodon server ends with '{FICTIONAL_TLD}'"
        )


def _rng(*parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in parts))


def _user_id(username: str) -> str:
    digest = int(hashlib.sha256(username.casefold().encode()).hexdigest(), 16)
    return str(1_700_000_000_000_000_000 + digest % 10**17)


def _display_name(username: str) -> str:
    """`DemoVeloSur` → `Velo Sur (démo)`."""
    words = re.findall(r"[A-Z][a-z]*|[a-z]+|\d+", username.removeprefix(FICTIONAL_PREFIX))
    return " ".join(words) + " (démo)"


def _post_id(moment: dt.datetime, sequence: int) -> str:
    """An id shaped like X's: milliseconds since X's epoch, shifted, plus a sequence."""
    milliseconds = int(moment.timestamp() * 1000) - TWITTER_EPOCH_MS
    return str((milliseconds << 22) + sequence)


class _SampleWorld:
    """One fictional movement's accounts, posts and hashtags, day by day."""

    def __init__(self, loaded: LoadedMovement, first_day: dt.date) -> None:
        self.loaded, self.slug, self.first_day = loaded, loaded.slug, first_day
        self.plan: MovementPlan = movement_plan(loaded)
        spec = loaded.spec
        language = spec.default_language
        self.notes = {a.handle: a.note[language] for a in spec.accounts if a.note and a.handle}
        self.texts = [p.text[language] for p in spec.shared_posts] + [
            q[language] for q in spec.questions
        ]
        self.texts += [v[language] for p in spec.shared_posts for v in p.variants]

    def day_index(self, day: dt.date) -> int:
        return (day - self.first_day).days

    def account(self, username: str, day: dt.date) -> Account:
        rng = _rng(self.slug, "account", username)
        base, growth = rng.randint(400, 2400), rng.uniform(1.5, 6.0)
        listed, posts = rng.randint(8, 40), rng.randint(800, 5000)
        i = self.day_index(day)
        wobble = 6 * math.sin(i / 6 + rng.uniform(0, 6)) + _rng(self.slug, username, day).gauss(
            0, 2
        )
        return Account(
            id=_user_id(username),
            username=username,
            name=_display_name(username),
            description=self.notes.get(username, "Compte fictif de la démonstration Porte-voix."),
            public_metrics=UserMetrics(
                followers_count=round(base + growth * i + wobble),
                following_count=rng.randint(150, 600) + i // 9,
                tweet_count=posts
                + sum(
                    len(self.posts_on(username, self.first_day + dt.timedelta(d)))
                    for d in range(i + 1)
                ),
                listed_count=listed + i // 21,
                like_count=rng.randint(500, 3000) + 2 * i,
            ),
        )

    def posts_on(self, username: str, day: dt.date) -> list[tuple[dt.datetime, str]]:
        """When `username` posted on `day`, and what."""
        rng = _rng(self.slug, "posts", username, day)
        tracked = username in self.plan.tracked
        count = rng.choice([0, 1, 1, 2, 2, 3] if tracked else [0, 0, 0, 1])
        hours = sorted(rng.sample(range(7, 22), count))
        start = dt.datetime.combine(day, dt.time(), dt.UTC)
        return [
            (start + dt.timedelta(hours=h, minutes=rng.randrange(60)), rng.choice(self.texts))
            for h in hours
        ]

    def post(self, username: str, created: dt.datetime, text: str, seen: dt.datetime) -> Post:
        rng = _rng(self.slug, "metrics", username, created)
        reach = rng.lognormvariate(7.0, 0.7)
        likes = reach * rng.uniform(0.01, 0.05)
        ripened = 1 - math.exp(-((seen - created).total_seconds() / 86400 + 0.1) / 1.5)
        final = {
            "impression_count": reach,
            "like_count": likes,
            "retweet_count": likes * rng.uniform(0.1, 0.3),
            "reply_count": likes * rng.uniform(0.05, 0.15),
            "quote_count": likes * rng.uniform(0.0, 0.05),
            "bookmark_count": likes * rng.uniform(0.02, 0.1),
        }
        return Post(
            id=_post_id(created, 0),
            text=text,
            created_at=created,
            author_id=_user_id(username),
            public_metrics=PostMetrics(**{k: round(v * ripened) for k, v in final.items()}),
            entities=_entities(text),
        )

    def latest_posts(self, usernames: list[str], seen: dt.datetime, limit: int) -> list[Post]:
        """The `limit` latest posts of each of `usernames` before `seen`, newest first."""
        found: list[Post] = []
        for username in usernames:
            mine: list[Post] = []
            day = seen.date()
            while len(mine) < limit and day >= self.first_day - dt.timedelta(days=30):
                mine += [
                    self.post(username, created, text, seen)
                    for created, text in reversed(self.posts_on(username, day))
                    if created < seen
                ]
                day -= dt.timedelta(days=1)
            found += mine[:limit]
        return sorted(found, key=lambda p: int(p.id), reverse=True)

    def volume(self, kind: str, day: dt.date, base: float) -> float:
        """Posts per day for the hashtags or mentions: a weekly rhythm, a trend, meeting days."""
        i = self.day_index(day)
        weekly = 1.25 if day.weekday() < 5 else 0.6
        meeting = 2.5 if i % 21 in (14, 15) else 1.0
        noise = _rng(self.slug, kind, day).uniform(0.85, 1.15)
        return base * (1 + i / 90) * weekly * meeting * noise

    def counts(self, kind: str, query: str, seen: dt.datetime, base: float) -> Counts:
        """Like X's recent counts: a partial first day, six whole days, a partial last day."""
        start = seen - dt.timedelta(days=7)
        edges = (
            [start]
            + [
                dt.datetime.combine(start.date() + dt.timedelta(days=d), dt.time(), dt.UTC)
                for d in range(1, 8)
            ]
            + [seen]
        )
        days = [
            DayCount(
                start=a,
                end=b,
                count=round(self.volume(kind, a.date(), base) * (b - a) / dt.timedelta(days=1)),
            )
            for a, b in itertools.pairwise(edges)
        ]
        return Counts(query=query, days=days)

    def list_record(self, index: int, seen: dt.datetime) -> ListRecord:
        spec_list = self.loaded.spec.lists[index]
        language = self.loaded.spec.default_language
        accounts = [a.handle for a in self.loaded.spec.accounts if a.handle]
        rng = _rng(self.slug, "list", spec_list.id)
        members = sorted(
            rng.sample(accounts, min(len(accounts), rng.randint(3, 5))), key=str.casefold
        )
        posts = self.latest_posts(members, seen, SAMPLE_POSTS_PER_LIST)[:SAMPLE_POSTS_PER_LIST]
        authors = {p.author_id for p in posts}
        refs = [UserRef(id=_user_id(m), username=m, name=_display_name(m)) for m in members]
        owner = spec_list.owner or self.loaded.spec.organization.handle
        description = spec_list.description[language] if spec_list.description else ""
        return ListRecord(
            id=spec_list.id,
            name=spec_list.name[language],
            description=description,
            owner=UserRef(id=_user_id(owner), username=owner, name=_display_name(owner)),
            member_count=len(members),
            follower_count=rng.randint(10, 60) + self.day_index(seen.date()) // 4,
            members=refs,
            members_read_at=seen,
            posts=posts,
            authors=[r for r in refs if r.id in authors],
        )

    def snapshot(self, day: dt.date) -> Snapshot:
        seen = dt.datetime.combine(day, dt.time(FETCH_HOUR), dt.UTC)
        index, loaded = self.day_index(day), self.loaded
        return Snapshot(
            movement=self.slug,
            fetched_at=seen,
            source="sample",
            x=self.x_figures(day, seen) if "x" in loaded.spec.networks() else None,
            bluesky=sample_bluesky(loaded, index, seen, self.texts, self.volume),
            mastodon=sample_mastodon(loaded, index, seen, self.texts, self.volume),
        )

    def x_figures(self, day: dt.date, seen: dt.datetime) -> XFigures:
        plan = self.plan
        return XFigures(
            accounts=sorted(
                (self.account(u, day) for u in plan.usernames), key=lambda a: a.username.casefold()
            ),
            posts=self.latest_posts(list(plan.tracked), seen, POSTS_PER_ACCOUNT),
            hashtags=self.counts("hashtags", plan.hashtag_query, seen, 40)
            if plan.hashtag_query
            else None,
            mentions=self.counts("mentions", plan.mention_query, seen, 9),
            lists=[self.list_record(i, seen) for i in range(len(self.loaded.spec.lists))],
        )


def _entities(text: str) -> Entities:
    """Where `text` holds hashtags and mentions, as X reports them."""
    return Entities(
        hashtags=[
            HashtagEntity(start=m.start(), end=m.end(), tag=m[1])
            for m in re.finditer(r"#(\w+)", text)
        ],
        mentions=[
            MentionEntity(start=m.start(), end=m.end(), username=m[1])
            for m in re.finditer(r"@(\w+)", text)
        ],
    )


def sample_history(loaded: LoadedMovement, until: dt.date, days: int) -> list[Snapshot]:
    """`days` daily sample snapshots of `loaded`, the last one on `until`."""
    check_fictional(loaded)
    first = until - dt.timedelta(days=days - 1)
    world = _SampleWorld(loaded, first)
    return [world.snapshot(first + dt.timedelta(days=d)) for d in range(days)]


def write_sample_history(loaded: LoadedMovement, until: dt.date, days: int) -> list[Path]:
    """Replace the movement's sample snapshots by a new history; refuse to touch real ones."""
    history = sample_history(loaded, until, days)
    existing = snapshot_files(loaded.folder)
    real = [p for p in existing if read_snapshot(p).source != "sample"]
    if real:
        raise SampleRefusedError(
            f"{real[0]}: holds figures read from X; sample snapshots are never mixed with real ones"
        )
    for path in existing:
        output.remove_file(path, within=snapshots_dir(loaded.folder))
    return [write_snapshot(loaded.folder, snapshot) for snapshot in history]
