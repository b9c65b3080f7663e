"""What every network's part of a snapshot shares: strict records and the errors of a run."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class RequestError(Record):
    """A request, or one account or list in it, that gave no data."""

    request: str
    """Which request: on X users, posts, hashtag-counts, mention-counts, list, list-posts,
    list-members, users-by-id; on Bluesky profiles, feed, resolve-handle, list, list-feed,
    starter-pack, session, hashtag-search; on Mastodon lookup, statuses, tag."""
    target: str
    """The account, list or query concerned."""
    status: int | None = None
    """The HTTP status, when the network answered with one."""
    message: str


class NetworkPart(Record):
    """A network's share of a snapshot: its errors never cost the other networks their data."""

    partial: bool = False
    """Some requests got no answer (rate limit, network down, malformed answer): see errors."""
    errors: list[RequestError] = Field(default_factory=list)
    """What could not be read, by request and target."""
