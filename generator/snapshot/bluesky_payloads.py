"""Bluesky's JSON answers, checked at the door and turned into the snapshot format.

Only the fields the format keeps are read; anything else the AppView adds is ignored. A body
that lacks what Bluesky's lexicons document raises `MalformedResponse`, so one odd answer is
recorded, never a crash. Links keep the whole address their facet gives, not the shortened
one Bluesky's apps write into a post's text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import ValidationError

from generator.snapshot.api import MalformedResponse, Payload
from generator.snapshot.format_social import (
    BlueskyList,
    BlueskyMember,
    BlueskyPost,
    BlueskyProfile,
    TagCounts,
    TagDay,
)

T = TypeVar("T")

LINK_FACET = "app.bsky.richtext.facet#link"


def checked(parse: Callable[[], T]) -> T:
    """Run `parse`, turning any surprise in Bluesky's body into `MalformedResponse`."""
    try:
        return parse()
    except (ValidationError, KeyError, TypeError, AttributeError, ValueError) as error:
        detail = str(error).splitlines()[0]
        raise MalformedResponse(f"Bluesky's answer lacks a documented field ({detail})") from None


def _items(payload: Payload, key: str) -> list[dict[str, Any]]:
    items = payload.get(key)
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise MalformedResponse(f"Bluesky's answer has no '{key}' list of objects")
    return items


def _object(payload: Payload, key: str) -> dict[str, Any]:
    found = payload.get(key)
    if not isinstance(found, dict):
        raise MalformedResponse(f"Bluesky's answer has no '{key}' object")
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def instant(value: Any) -> dt.datetime:
    """A lexicon datetime; one without a zone (older clients wrote some) is taken as UTC."""
    if not isinstance(value, str):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    when = dt.datetime.fromisoformat(value)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _member(raw: dict[str, Any]) -> BlueskyMember:
    return BlueskyMember(
        did=raw["did"], handle=raw["handle"], display_name=_text(raw.get("displayName"))
    )


def _members(subjects: Iterable[dict[str, Any]]) -> list[BlueskyMember]:
    """Members once each (by DID), by handle."""
    unique = {m.did: m for m in (_member(s) for s in subjects)}
    return sorted(unique.values(), key=lambda m: (m.handle, m.did))


def _profile(raw: dict[str, Any]) -> BlueskyProfile:
    return BlueskyProfile(
        did=raw["did"],
        handle=raw["handle"],
        display_name=_text(raw.get("displayName")),
        description=_text(raw.get("description")),
        followers_count=raw.get("followersCount"),
        follows_count=raw.get("followsCount"),
        posts_count=raw.get("postsCount"),
    )


def parse_profiles(payload: Payload) -> list[BlueskyProfile]:
    """The profiles of an `app.bsky.actor.getProfiles` answer (missing actors are absent)."""
    return checked(lambda: [_profile(raw) for raw in _items(payload, "profiles")])


def full_links(text: str, facets: Any) -> str:
    """`text` with each link facet's shortened words replaced by the address it links to.

    Facets count UTF-8 bytes; a facet that overlaps another or falls outside the text is
    left alone, as Bluesky's apps do.
    """
    data = text.encode("utf-8")
    links: list[tuple[int, int, str]] = []
    for facet in facets if isinstance(facets, list) else []:
        index = facet.get("index") if isinstance(facet, dict) else None
        features = facet.get("features") if isinstance(facet, dict) else None
        if not isinstance(index, dict) or not isinstance(features, list):
            continue
        uris = [
            f.get("uri") for f in features if isinstance(f, dict) and f.get("$type") == LINK_FACET
        ]
        start, end = index.get("byteStart"), index.get("byteEnd")
        if uris and isinstance(uris[0], str) and isinstance(start, int) and isinstance(end, int):
            links.append((start, end, uris[0]))
    out, at = b"", 0
    for start, end, uri in sorted(links):
        if at <= start < end <= len(data):
            out += data[at:start] + uri.encode("utf-8")
            at = end
    return (out + data[at:]).decode("utf-8", errors="replace")


def _post(raw: dict[str, Any]) -> BlueskyPost:
    record = raw["record"]
    return BlueskyPost(
        uri=raw["uri"],
        author_did=raw["author"]["did"],
        author_handle=raw["author"]["handle"],
        text=full_links(_text(record.get("text")), record.get("facets")),
        created_at=instant(record["createdAt"]),
        like_count=raw.get("likeCount") or 0,
        repost_count=raw.get("repostCount") or 0,
        reply_count=raw.get("replyCount") or 0,
        quote_count=raw.get("quoteCount") or 0,
    )


def newest_first(posts: Iterable[BlueskyPost]) -> list[BlueskyPost]:
    """`posts` once each (by URI), the latest first."""
    unique = {post.uri: post for post in posts}
    return sorted(unique.values(), key=lambda post: post.created_at, reverse=True)


def parse_feed(payload: Payload, actor: Collection[str]) -> list[BlueskyPost]:
    """The posts of an `app.bsky.feed.getAuthorFeed` answer written by `actor` (its handle
    and DID, casefolded), newest first: reposts (items with a `reason`) left out."""

    def parse() -> list[BlueskyPost]:
        posts = [_post(item["post"]) for item in _items(payload, "feed") if not item.get("reason")]
        return [
            p for p in posts if {p.author_did.casefold(), p.author_handle.casefold()} & set(actor)
        ]

    return newest_first(checked(parse))


def parse_list_feed(payload: Payload) -> list[BlueskyPost]:
    """The posts of an `app.bsky.feed.getListFeed` answer, newest first, reposts left out."""
    return newest_first(
        checked(lambda: [_post(i["post"]) for i in _items(payload, "feed") if not i.get("reason")])
    )


def parse_did(payload: Payload) -> str:
    """The DID of a `com.atproto.identity.resolveHandle` or `createSession` answer."""
    did = payload.get("did")
    if not isinstance(did, str) or not did.startswith("did:"):
        raise MalformedResponse("Bluesky's answer has no 'did'")
    return did


def parse_list(payload: Payload) -> BlueskyList:
    """An `app.bsky.graph.getList` answer: the list and its first page of members."""
    found = _object(payload, "list")
    return checked(
        lambda: BlueskyList(
            uri=found["uri"],
            kind="list",
            name=found["name"],
            description=_text(found.get("description")),
            creator=_member(found["creator"]),
            member_count=found.get("listItemCount"),
            members=_members(item["subject"] for item in _items(payload, "items")),
        )
    )


def parse_starter_pack(payload: Payload) -> BlueskyList:
    """An `app.bsky.graph.getStarterPack` answer: the pack and Bluesky's sample of members."""
    pack = _object(payload, "starterPack")

    def parse() -> BlueskyList:
        members = pack.get("listItemsSample") or []
        return BlueskyList(
            uri=pack["uri"],
            kind="starter-pack",
            name=pack["record"]["name"],
            description=_text(pack["record"].get("description")),
            creator=_member(pack["creator"]),
            member_count=(pack.get("list") or {}).get("listItemCount"),
            joined_count=pack.get("joinedAllTimeCount"),
            members=_members(item["subject"] for item in members),
        )

    return checked(parse)


@dataclass(frozen=True)
class SearchPage:
    """One page of an `app.bsky.feed.searchPosts` answer: when each post was sorted at."""

    posts: dict[str, dt.datetime]
    """Post URI → its `sortAt`, the earlier of its `createdAt` and `indexedAt`."""
    cursor: str | None


def _sort_at(raw: dict[str, Any]) -> dt.datetime:
    """When the search sorts and filters a post: a back-dated one by when it was indexed."""
    created = instant(raw["record"]["createdAt"])
    indexed = raw.get("indexedAt")
    return min(created, instant(indexed)) if indexed else created


def parse_search_page(payload: Payload) -> SearchPage:
    """A page of `searchPosts`: its posts' times and the cursor to the next page, if any."""
    posts = checked(lambda: {raw["uri"]: _sort_at(raw) for raw in _items(payload, "posts")})
    cursor = payload.get("cursor")
    if cursor is not None and not isinstance(cursor, str):
        raise MalformedResponse("Bluesky's answer has a 'cursor' that is not text")
    return SearchPage(posts, cursor or None)


def day_counts(
    tag: str, posts: dict[str, dt.datetime], days: list[dt.date], complete: bool
) -> TagCounts:
    """Posts per UTC day over `days` (ascending), each day present, 0 when none."""
    counts = dict.fromkeys(days, 0)
    for when in posts.values():
        day = when.astimezone(dt.UTC).date()
        if day in counts:
            counts[day] += 1
    return TagCounts(
        tag=tag, days=[TagDay(day=d, count=n) for d, n in counts.items()], complete=complete
    )
