"""The snapshot file, format 2: what one run read for one movement on one UTC day, by network.

Each network's figures sit under its own key (`x`, `bluesky`, `mastodon`) with that network's
errors, so a network that fails never costs the others their data. Format 1 files (X alone,
at the top level) are read through `upgrade`, which moves their body under `x` unchanged: no
history is lost, and nothing rewrites a file behind its owner's back. Each field's docstring
becomes its description in `snapshot.schema.json`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import ConfigDict, Field

from generator.snapshot.format_social import (
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
from generator.snapshot.format_x import (
    Account,
    Counts,
    DayCount,
    Entities,
    HashtagEntity,
    ListRecord,
    MentionEntity,
    Post,
    PostMetrics,
    UrlEntity,
    UserMetrics,
    UserRef,
)
from generator.snapshot.records import NetworkPart, Record, RequestError

__all__ = [
    "Account",
    "BlueskyFigures",
    "BlueskyList",
    "BlueskyMember",
    "BlueskyPost",
    "BlueskyProfile",
    "Counts",
    "DayCount",
    "Entities",
    "HashtagEntity",
    "ListRecord",
    "MastodonAccount",
    "MastodonFigures",
    "MastodonPost",
    "MastodonTagCounts",
    "MentionEntity",
    "Network",
    "Post",
    "PostMetrics",
    "RequestError",
    "Snapshot",
    "TagCounts",
    "TagDay",
    "UrlEntity",
    "UserMetrics",
    "UserRef",
    "XFigures",
    "has_figures",
    "snapshot_json",
    "upgrade",
]

FORMAT_VERSION: Literal[2] = 2
SCHEMA_FILE = Path(__file__).with_name("snapshot.schema.json")

Source = Literal["x-api", "networks", "sample"]
Network = Literal["x", "bluesky", "mastodon"]
NETWORKS: tuple[Network, ...] = ("x", "bluesky", "mastodon")
V1_BODY = ("accounts", "posts", "hashtags", "mentions", "lists", "errors", "partial")
"""The keys format 1 held at the top level, all of them X's."""


class XFigures(NetworkPart):
    """What one run read from X for one movement: format 1's body, unchanged."""

    accounts: list[Account] = Field(default_factory=list)
    """The tracked (stats) accounts and the recommended accounts, by username."""
    posts: list[Post] = Field(default_factory=list)
    """The tracked accounts' latest posts (reposts excluded), newest first."""
    hashtags: Counts | None = None
    """Daily posts with any of the tracked hashtags (one OR query)."""
    mentions: Counts | None = None
    """Daily posts by others mentioning the organization's account (reposts excluded unless
    the movement's stats.mention_reposts is true)."""
    lists: list[ListRecord] = Field(default_factory=list)
    """The movement's X Lists, in the order of the movement file."""

    def account(self, username: str) -> Account | None:
        """The account named `username` (any case), if it was read."""
        wanted = username.casefold()
        return next((a for a in self.accounts if a.username.casefold() == wanted), None)


class Snapshot(Record):
    """Activity figures of one movement read from X, Bluesky and Mastodon (or made up, for a
    sample) at `fetched_at`."""

    model_config = ConfigDict(title="Porte-voix activity snapshot (format 2)")

    format: Literal[2] = FORMAT_VERSION
    """The version of this format (format 1 files are read as format 2)."""
    movement: str
    """The movement's slug."""
    fetched_at: dt.datetime
    """When the run started, UTC; its date names the file."""
    source: Source
    """x-api (format 1) or networks for figures read from the networks' APIs; sample for
    made-up figures of a fictional movement."""
    x: XFigures | None = None
    """X's figures; absent when the run did not read X for this movement, or X refused it."""
    bluesky: BlueskyFigures | None = None
    """Bluesky's figures and errors; absent when the run did not read Bluesky for it."""
    mastodon: MastodonFigures | None = None
    """Mastodon's figures and errors; absent when the run did not read Mastodon for it."""

    @property
    def day(self) -> dt.date:
        """The UTC day the snapshot stands for."""
        return self.fetched_at.astimezone(dt.UTC).date()

    @property
    def partial(self) -> bool:
        """Some network's requests got no answer."""
        return any(part.partial for part in self.parts().values())

    def parts(self) -> dict[Network, NetworkPart]:
        """The networks read, in a fixed order."""
        found = {"x": self.x, "bluesky": self.bluesky, "mastodon": self.mastodon}
        return {n: part for n in NETWORKS if (part := found[n]) is not None}

    def account(self, username: str) -> Account | None:
        """The X account named `username` (any case), if it was read."""
        return self.x.account(username) if self.x else None


def has_figures(part: NetworkPart | None) -> bool:
    """Whether a network's part holds any figure (not only errors)."""
    if part is None:
        return False
    return any(value for name, value in part if name not in NetworkPart.model_fields)


def upgrade(data: Any) -> Any:
    """A format 1 file's data as format 2 (its body under `x`); anything else as it is."""
    if not isinstance(data, dict) or data.get("format") != 1:
        return data
    body = {key: data[key] for key in V1_BODY if key in data}
    envelope = {key: value for key, value in data.items() if key not in V1_BODY}
    return {**envelope, "format": FORMAT_VERSION, "x": body}


def snapshot_json(snapshot: Snapshot) -> str:
    """The file's text: sorted keys, UTF-8 characters as they are, one trailing newline."""
    data = snapshot.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def snapshot_schema_json() -> str:
    """The JSON Schema of the format, as committed in `snapshot.schema.json`."""
    schema = Snapshot.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":  # `python -m generator.snapshot.format` rewrites the schema file
    from generator.site.output import write_text_atomically

    write_text_atomically(SCHEMA_FILE, snapshot_schema_json())
