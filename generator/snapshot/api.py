"""What a snapshot asks of X, independent of the library that asks it.

`XApi` is the protocol the snapshot run talks to; `client.TweepyApi` implements it with tweepy,
tests drive it through the real client against a replayed API, and X's own SDK could implement
it later without touching anything else. Every method returns the JSON body of X's answer as a
dict (`data`, `includes`, `errors`, `meta`) or raises one of the errors below. Nothing here
imports tweepy: only `client` does, and only a real run imports `client`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Protocol

from generator.errors import PorteVoixError

Payload = dict[str, Any]

TOKEN_VARIABLE = "X_BEARER_TOKEN"
"""The environment variable holding the X app's bearer token."""

# The fields each request asks for: what the activity, accounts and lists pages show.
USER_FIELDS = ("description", "id", "name", "public_metrics", "username")
POST_FIELDS = ("author_id", "created_at", "entities", "note_tweet", "public_metrics")
LIST_FIELDS = ("description", "follower_count", "member_count", "owner_id")
REF_USER_FIELDS = ("id", "name", "username")

USERS_PER_REQUEST = 100
"""X's limit on usernames in one `GET /2/users/by`."""


class MissingTokenError(PorteVoixError):
    """`X_BEARER_TOKEN` is not set."""


def token_from_environment() -> str:
    """The bearer token of the X app, from the environment only (never a file or an argument)."""
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        raise MissingTokenError(
            f"{TOKEN_VARIABLE} is not set: export the bearer token of your X app "
            f"(developer.x.com → your app → Keys and tokens) as {TOKEN_VARIABLE}, or add it as a "
            "secret of the CI job; nothing was written. "
            "`portevoix snapshot --dry-run` shows the requests and their cost without a token."
        )
    return token


class XApi(Protocol):
    """The read-only endpoints of X API v2 a snapshot uses (bearer-token, app context)."""

    def get_users(self, usernames: Sequence[str]) -> Payload:
        """`GET /2/users/by`: up to 100 users by username."""

    def get_user_posts(self, user_id: str, max_results: int) -> Payload:
        """`GET /2/users/:id/tweets`: an account's latest posts, reposts excluded."""

    def get_recent_counts(self, query: str) -> Payload:
        """`GET /2/tweets/counts/recent`: posts matching `query` per day, last 7 days."""

    def get_list(self, list_id: str) -> Payload:
        """`GET /2/lists/:id`: its owner by id only."""

    def get_list_posts(self, list_id: str, max_results: int) -> Payload:
        """`GET /2/lists/:id/tweets`: authors by id only (the run knows most of them)."""

    def get_users_by_id(self, user_ids: Sequence[str]) -> Payload:
        """`GET /2/users`: up to 100 users by id (list post authors the run does not hold)."""

    def get_list_members(self, list_id: str, max_results: int) -> Payload:
        """`GET /2/lists/:id/members`: the first page of members."""


class ApiError(Exception):
    """X refused or failed one request; `status` is the HTTP status when there was one."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class AccessRefused(ApiError):
    """401, 402 or 403: the token, the app's access or the account's credits; no request will do."""


class UsageCapped(AccessRefused):
    """429 whose body says the app's monthly usage cap is spent: waiting does not help."""

    def __init__(self, message: str) -> None:
        super().__init__(message, 429)


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
