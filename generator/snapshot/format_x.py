"""X's records in a snapshot: names follow X API v2 (`public_metrics`, `tweet_count`, …).

X's newer spellings are accepted when read from the API and stored under these names. These
are format 1's records, unchanged: format 2 keeps them under the snapshot's `x` key.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from generator.snapshot.records import Record as _Record


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
    """The whole text: a post longer than 280 characters has it from X's `note_tweet`."""
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
    owner_id: str | None = None
    """The owner's user id, as X gives it; `owner` is filled from the users the run holds."""
    member_count: int | None = None
    follower_count: int | None = None
    members: list[UserRef] = Field(default_factory=list)
    """The first page of members (up to the plan's limit), by username."""
    members_read_at: dt.datetime | None = None
    """When `members` were read from X: this run, or an earlier one whose members were kept
    because the list's member_count had not changed and they were less than a week old."""
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
