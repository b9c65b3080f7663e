"""What a snapshot asks of X, independent of the library that asks it.

`XApi` is the protocol the snapshot run talks to; `client.TweepyApi` implements it with tweepy,
tests drive it through the real client against a replayed API, and X's own SDK could implement
it later without touching anything else. Every method returns the JSON body of X's answer as a
dict (`data`, `includes`, `errors`, `meta`) or raises one of the errors below.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

Payload = dict[str, Any]

# The fields each request asks for: what the activity, accounts and lists pages show.
USER_FIELDS = ("description", "id", "name", "public_metrics", "username")
POST_FIELDS = ("author_id", "created_at", "entities", "public_metrics")
LIST_FIELDS = ("description", "follower_count", "member_count", "owner_id")
REF_USER_FIELDS = ("id", "name", "username")

USERS_PER_REQUEST = 100
"""X's limit on usernames in one `GET /2/users/by`."""


class XApi(Protocol):
    """The read-only endpoints of X API v2 a snapshot uses (bearer-token, app context)."""

    def get_users(self, usernames: Sequence[str]) -> Payload:
        """`GET /2/users/by`: up to 100 users by username."""

    def get_user_posts(self, user_id: str, max_results: int) -> Payload:
        """`GET /2/users/:id/tweets`: an account's latest posts, reposts excluded."""

    def get_recent_counts(self, query: str) -> Payload:
        """`GET /2/tweets/counts/recent`: posts matching `query` per day, last 7 days."""

    def get_list(self, list_id: str) -> Payload:
        """`GET /2/lists/:id` with its owner expanded."""

    def get_list_posts(self, list_id: str, max_results: int) -> Payload:
        """`GET /2/lists/:id/tweets` with their authors expanded."""

    def get_list_members(self, list_id: str, max_results: int) -> Payload:
        """`GET /2/lists/:id/members`: the first page of members."""


class ApiError(Exception):
    """X refused or failed one request; `status` is the HTTP status when there was one."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class AccessRefused(ApiError):
    """401, 402 or 403: the token, the app's access or the account's credits; no request will do."""


class RateLimited(ApiError):
    """429: too many requests; `reset_at` is when X allows more (Unix seconds), if it said."""

    def __init__(self, message: str, reset_at: int | None) -> None:
        super().__init__(message, 429)
        self.reset_at = reset_at


class NotFound(ApiError):
    """404: the user or list does not exist (any more)."""


class TransientError(ApiError):
    """5xx, a timeout or a lost connection: worth trying again a little later."""


class MalformedResponse(ApiError):
    """X answered 2xx with a body that is not the JSON it documents."""
