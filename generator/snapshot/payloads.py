"""X's JSON answers, checked at the door and turned into the snapshot format.

Only the fields the format keeps are read; anything else X adds is ignored. A body that lacks
what X documents raises `MalformedResponse`, so one odd answer is recorded, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.snapshot.api import MalformedResponse, Payload
from generator.snapshot.format import (
    Account,
    Counts,
    DayCount,
    Entities,
    ListRecord,
    Post,
    PostMetrics,
    UserMetrics,
    UserRef,
)

# X's OpenAPI spec of Aug 2026 renamed these; its prose docs keep the old names.
RENAMED_METRICS = {"post_count": "tweet_count", "repost_count": "retweet_count"}

T = TypeVar("T")


def checked(parse: Callable[[], T]) -> T:
    """Run `parse`, turning any surprise in X's body into `MalformedResponse`."""
    try:
        return parse()
    except (ValidationError, KeyError, TypeError, AttributeError, ValueError) as error:
        detail = str(error).splitlines()[0]
        raise MalformedResponse(f"X's answer lacks a documented field ({detail})") from None


def _renamed(raw: Any) -> dict[str, Any]:
    """X's figures under the documented names, whichever spelling X used."""
    return {RENAMED_METRICS.get(key) or key: value for key, value in dict(raw or {}).items()}


def _metrics(raw: Any, model: type[BaseModel]) -> dict[str, Any]:
    """The figures of a `public_metrics` that `model` keeps."""
    return {k: v for k, v in _renamed(raw).items() if k in model.model_fields}


def _items(payload: Payload, key: str = "data") -> list[dict[str, Any]]:
    items = payload.get(key) or []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise MalformedResponse(f"X's answer has a '{key}' that is not a list of objects")
    return items


def _user_ref(raw: dict[str, Any]) -> UserRef:
    return UserRef(id=str(raw["id"]), username=raw["username"], name=raw["name"])


def _account(raw: dict[str, Any]) -> Account:
    return Account(
        id=str(raw["id"]),
        username=raw["username"],
        name=raw["name"],
        description=raw.get("description") or "",
        public_metrics=UserMetrics(**_metrics(raw.get("public_metrics"), UserMetrics)),
    )


def _entities(raw: Any) -> Entities:
    raw = raw or {}
    return Entities.model_validate(
        {
            "hashtags": [_pick(e, "start", "end", "tag") for e in raw.get("hashtags", [])],
            "mentions": [_pick(e, "start", "end", "username") for e in raw.get("mentions", [])],
            "urls": [
                _pick(e, "start", "end", "url", "expanded_url", "display_url")
                for e in raw.get("urls", [])
            ],
        }
    )


def _pick(raw: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: raw[key] for key in keys if key in raw}


def _post(raw: dict[str, Any]) -> Post:
    """A post; one longer than 280 characters takes its whole text from `note_tweet`."""
    note = raw.get("note_tweet")
    whole = note if isinstance(note, dict) and isinstance(note.get("text"), str) else raw
    return Post(
        id=str(raw["id"]),
        text=whole["text"],
        created_at=raw["created_at"],
        author_id=str(raw["author_id"]),
        public_metrics=PostMetrics(**_metrics(raw.get("public_metrics"), PostMetrics)),
        entities=_entities(whole.get("entities")),
    )


def by_username(users: list[T], username: Callable[[T], str]) -> list[T]:
    """`users` in a stable order, one per username."""
    unique = {username(u).casefold(): u for u in users}
    return [unique[key] for key in sorted(unique)]


def newest_first(posts: list[Post]) -> list[Post]:
    return sorted({p.id: p for p in posts}.values(), key=lambda p: int(p.id), reverse=True)


def parse_users(payload: Payload) -> list[Account]:
    """The users of a `GET /2/users/by` answer."""
    return checked(lambda: [_account(raw) for raw in _items(payload)])


def parse_posts(payload: Payload) -> list[Post]:
    """The posts of a timeline answer, newest first."""
    return checked(lambda: newest_first([_post(raw) for raw in _items(payload)]))


def parse_included_users(payload: Payload) -> list[UserRef]:
    """The users an answer expanded (`includes.users`), by username."""
    includes = payload.get("includes") or {}
    if not isinstance(includes, dict):
        raise MalformedResponse("X's answer has an 'includes' that is not an object")
    users = checked(lambda: [_user_ref(raw) for raw in _items(includes, "users")])
    return by_username(users, lambda u: u.username)


def parse_members(payload: Payload) -> list[UserRef]:
    """The members of a `GET /2/lists/:id/members` answer, by username."""
    members = checked(lambda: [_user_ref(raw) for raw in _items(payload)])
    return by_username(members, lambda u: u.username)


def parse_counts(payload: Payload, query: str) -> Counts:
    """A `GET /2/tweets/counts/recent` answer (`tweet_count` or `post_count` per bucket)."""

    def parse() -> Counts:
        days = [
            DayCount(start=raw["start"], end=raw["end"], count=_renamed(raw)["tweet_count"])
            for raw in _items(payload)
        ]
        return Counts(query=query, days=sorted(days, key=lambda d: d.start))

    return checked(parse)


def parse_list(payload: Payload) -> ListRecord:
    """A `GET /2/lists/:id` answer; its owner from an expansion when there is one."""
    data = payload.get("data")
    if not isinstance(data, dict):
        raise MalformedResponse("X's answer has no list in 'data'")
    owners = {u.id: u for u in parse_included_users(payload)}

    def parse() -> ListRecord:
        return ListRecord(
            id=str(data["id"]),
            name=data["name"],
            description=data.get("description") or "",
            owner=owners.get(str(data.get("owner_id"))),
            owner_id=str(data["owner_id"]) if data.get("owner_id") else None,
            member_count=data.get("member_count"),
            follower_count=data.get("follower_count"),
        )

    return checked(parse)


def payload_errors(payload: Payload) -> list[dict[str, Any]]:
    """The `errors` array of a 200 answer: users or lists X could not return."""
    errors = payload.get("errors") or []
    if not isinstance(errors, list):
        raise MalformedResponse("X's answer has an 'errors' that is not a list")
    return [e for e in errors if isinstance(e, dict)]
