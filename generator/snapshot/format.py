"""The snapshot file, format 1: what one run read from X for one movement, on one UTC day.

Names follow X API v2 (`public_metrics`, `tweet_count`, `retweet_count`, …) so the file reads
like X's documentation; X's newer spellings are accepted when read from the API and stored
under these names. Each field's docstring becomes its description in `snapshot.schema.json`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT_VERSION: Literal[1] = 1
SCHEMA_FILE = Path(__file__).with_name("snapshot.schema.json")

Source = Literal["x-api", "sample"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class UserMetrics(_Record):
    """An account's `public_metrics`; a figure X did not give is left out."""

    followers_count: int | None = None
    following_count: int | None = None
    tweet_count: int | None = None
    """Posts, reposts included (X's newer name: post_count)."""
    listed_count: int | None = None
    """Lists the account is a member of."""
    like_count: int | None = None


class Account(_Record):
    """A user read with `GET /2/users/by`: a tracked account or a recommended one."""

    id: str
    username: str
    name: str
    description: str = ""
    public_metrics: UserMetrics


class UserRef(_Record):
    """A user as lists name them: a list's owner, member or post author."""

    id: str
    username: str
    name: str


class PostMetrics(_Record):
    """A post's `public_metrics` when it was read."""

    like_count: int | None = None
    retweet_count: int | None = None
    """Reposts (X's newer name: repost_count)."""
    reply_count: int | None = None
    quote_count: int | None = None
    bookmark_count: int | None = None
    impression_count: int | None = None
    """Impressions as X counts them."""

    @property
    def engagements(self) -> int:
        """Likes + reposts + replies + quotes + bookmarks (X gives no total)."""
        parts = (
            self.like_count,
            self.retweet_count,
            self.reply_count,
            self.quote_count,
            self.bookmark_count,
        )
        return sum(part or 0 for part in parts)


class HashtagEntity(_Record):
    start: int
    end: int
    tag: str


class MentionEntity(_Record):
    start: int
    end: int
    username: str


class UrlEntity(_Record):
    start: int
    end: int
    url: str
    expanded_url: str | None = None
    display_url: str | None = None


class Entities(_Record):
    """Where the post's text holds hashtags, mentions and links (offsets in code points)."""

    hashtags: list[HashtagEntity] = Field(default_factory=list)
    mentions: list[MentionEntity] = Field(default_factory=list)
    urls: list[UrlEntity] = Field(default_factory=list)


class Post(_Record):
    """A post with its metrics as they were when it was read."""

    id: str
    text: str
    created_at: dt.datetime
    author_id: str
    public_metrics: PostMetrics
    entities: Entities = Field(default_factory=Entities)


class ListRecord(_Record):
    """An X List of the movement, with what the lists page shows."""

    id: str
    name: str
    description: str = ""
    owner: UserRef | None = None
    member_count: int | None = None
    follower_count: int | None = None
    members: list[UserRef] = Field(default_factory=list)
    """The first page of members (up to the plan's limit), by username."""
    posts: list[Post] = Field(default_factory=list)
    """Its latest posts, newest first."""
    authors: list[UserRef] = Field(default_factory=list)
    """The authors of `posts`, by username."""


class DayCount(_Record):
    """One bucket of `GET /2/tweets/counts/recent`: the first and last are partial days."""

    start: dt.datetime
    end: dt.datetime
    count: int

    @property
    def is_whole_day(self) -> bool:
        return self.end - self.start >= dt.timedelta(days=1)


class Counts(_Record):
    """Posts per day matching a search query, over X's last 7 days."""

    query: str
    days: list[DayCount]


class RequestError(_Record):
    """A request, or one user or list in it, that gave no data."""

    request: str
    """Which request: users, posts, hashtag-counts, mention-counts, list, list-posts, list-members."""
    target: str
    """The username, list id or query concerned."""
    status: int | None = None
    """The HTTP status, when X answered with one."""
    message: str


class Snapshot(_Record):
    """Activity figures of one movement read from X (or made up, for a sample) at `fetched_at`."""

    model_config = ConfigDict(title="Porte-voix activity snapshot (format 1)")

    format: Literal[1] = FORMAT_VERSION
    """The version of this format."""
    movement: str
    """The movement's slug."""
    fetched_at: dt.datetime
    """When the run started, UTC; its date names the file."""
    source: Source
    """x-api for figures read from X; sample for made-up figures of a fictional movement."""
    partial: bool = False
    """Some requests got no answer (rate limit, X unavailable, malformed answer): see errors."""
    accounts: list[Account] = Field(default_factory=list)
    """The tracked (stats) accounts and the recommended accounts, by username."""
    posts: list[Post] = Field(default_factory=list)
    """The tracked accounts' latest posts (reposts excluded), newest first."""
    hashtags: Counts | None = None
    """Daily posts with any of the tracked hashtags (one OR query)."""
    mentions: Counts | None = None
    """Daily posts by others mentioning the organization's account."""
    lists: list[ListRecord] = Field(default_factory=list)
    """The movement's X Lists, in the order of the movement file."""
    errors: list[RequestError] = Field(default_factory=list)
    """What could not be read, by request and target."""

    @property
    def day(self) -> dt.date:
        """The UTC day the snapshot stands for."""
        return self.fetched_at.astimezone(dt.UTC).date()

    def account(self, username: str) -> Account | None:
        """The account named `username` (any case), if it was read."""
        wanted = username.casefold()
        return next((a for a in self.accounts if a.username.casefold() == wanted), None)


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
