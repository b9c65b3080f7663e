"""The activity history as a spreadsheet: one row per day, network and account.

Long format, so a network or an account added later is a new row, not a new column: `date,
network, source, account, followers, posts, listed, hashtag posts, mentions`. An account's
row holds its figures; the row with no account holds the network's daily posts with the
hashtags (and, on X, the mentions). Accounts are written without '@', so that no cell starts
with = + - @ (a spreadsheet would read it as a formula).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

from generator.movement.identities import mastodon_identity
from generator.movement.schema import Movement
from generator.render.activity import History, account_metric, merged_days
from generator.render.activity_networks import (
    bluesky_reading,
    mastodon_reading,
    merged_tag_days,
)
from generator.snapshot.format import Snapshot

HEADER = (
    "date", "network", "source", "account", "followers", "posts", "listed", "hashtag posts",
    "mentions",
)  # fmt: skip
Row = tuple[object, ...]


def _cell(value: int | None) -> object:
    return "" if value is None else value


def _account_rows(snapshot: Snapshot, spec: Movement) -> Iterator[Row]:
    day, source = snapshot.day.isoformat(), snapshot.source
    if snapshot.x:
        for u in spec.stats_accounts():
            figures = [
                account_metric(snapshot, u, m)
                for m in ("followers_count", "tweet_count", "listed_count")
            ]
            if any(v is not None for v in figures):
                yield (day, "x", source, u, *map(_cell, figures), "", "")
    if snapshot.bluesky:
        for h in spec.stats_bluesky_accounts():
            figures = [bluesky_reading(h, f)(snapshot) for f in ("followers_count", "posts_count")]
            if any(v is not None for v in figures):
                yield (day, "bluesky", source, h, *map(_cell, figures), "", "", "")
    if snapshot.mastodon:
        for a in spec.stats_mastodon_accounts():
            acct = mastodon_identity(a).acct
            figures = [
                mastodon_reading(a, f)(snapshot) for f in ("followers_count", "statuses_count")
            ]
            if any(v is not None for v in figures):
                yield (day, "mastodon", source, acct, *map(_cell, figures), "", "", "")


def _volume_rows(snapshots: tuple[Snapshot, ...]) -> dict[tuple[dt.date, str], Row]:
    """(day, network) → that day's row of hashtag posts and mentions."""
    x_tags = {d.day: d.value for d in merged_days(s.x.hashtags for s in snapshots if s.x)}
    x_mentions = {d.day: d.value for d in merged_days(s.x.mentions for s in snapshots if s.x)}
    bluesky = {
        d.day: d.value for d in merged_tag_days(s.bluesky.hashtags for s in snapshots if s.bluesky)
    }
    mastodon = {
        d.day: d.value
        for d in merged_tag_days(list(s.mastodon.hashtags) for s in snapshots if s.mastodon)
    }
    sources = {s.day: s.source for s in snapshots}
    rows: dict[tuple[dt.date, str], Row] = {}
    for day in {*x_tags, *x_mentions}:
        rows[(day, "x")] = (
            day.isoformat(),
            "x",
            sources.get(day, ""),
            "",
            "",
            "",
            "",
            _cell(x_tags.get(day)),
            _cell(x_mentions.get(day)),
        )
    for network, days in (("bluesky", bluesky), ("mastodon", mastodon)):
        for day, value in days.items():
            rows[(day, network)] = (
                day.isoformat(),
                network,
                sources.get(day, ""),
                "",
                "",
                "",
                "",
                value,
                "",
            )
    return rows


def history_csv(history: History | None, spec: Movement) -> str:
    """The whole history, for spreadsheets: see the module's docstring."""
    snapshots = history.snapshots if history else ()
    order = {"x": 0, "bluesky": 1, "mastodon": 2}
    rows: list[tuple[tuple[str, int, int], Row]] = []
    for snapshot in snapshots:
        rows += [((str(r[0]), order[str(r[1])], 0), r) for r in _account_rows(snapshot, spec)]
    for (day, network), row in _volume_rows(snapshots).items():
        rows.append(((day.isoformat(), order[network], 1), row))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(row for _, row in sorted(rows, key=lambda item: item[0]))
    return buffer.getvalue()
