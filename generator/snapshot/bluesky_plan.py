"""What a snapshot asks of Bluesky, before anything is asked: the requests of a run over
its movements, each once, in the order they are made (also what `--dry-run` prints).

Pure: no I/O. Profiles go in batches of 25; a tracked account's posts are asked for unless
its profile turns out missing; a list's creator is resolved to a DID only when no profile
gives it; hashtags are searched only with a login.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from generator.movement import LoadedMovement
from generator.movement.identities import BlueskyListAddress
from generator.snapshot.bluesky_api import HANDLE_VARIABLE, PASSWORD_VARIABLE, SEARCH_PAGE_SIZE
from generator.snapshot.networks import NetworkPlan, unique_requests
from generator.snapshot.plan import POSTS_PER_ACCOUNT, POSTS_PER_LIST, Request

NETWORK: Final = "bluesky"
PROFILES_PER_REQUEST = 25
LIST_MEMBERS = 100
SEARCH_PAGES = 10
"""Pages of 100 posts read per hashtag at most: past that the counts are lower bounds."""
SEARCH_DAYS = 7
KINDS = (
    "profiles", "feed", "resolve-handle", "list", "list-feed", "starter-pack", "session",
    "hashtag-search",
)  # fmt: skip
"""The requests, in the order a run makes them: lists need the DIDs profiles give."""
SESSION_TARGET = f"${HANDLE_VARIABLE}"
"""The plan's login target: the plan reads no environment, the run names the handle."""


@dataclass(frozen=True)
class BlueskyPlan(NetworkPlan):
    """A run's Bluesky requests, and each movement's lists and hashtags in its own order."""

    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Movement slug → the address of each list and starter pack, in the file's order."""
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Movement slug → each hashtag it counts, as the movement spells it."""


def list_url(address: BlueskyListAddress) -> str:
    """A list's or starter pack's address on bsky.app, as the plan names it."""
    if address.kind == "list":
        return f"https://bsky.app/profile/{address.actor}/lists/{address.rkey}"
    return f"https://bsky.app/starter-pack/{address.actor}/{address.rkey}"


def profiles_request(actors: Sequence[str]) -> Request:
    label = f"GET app.bsky.actor.getProfiles: {len(actors)} account(s): {', '.join(actors)}"
    return Request("profiles", ",".join(actors), NETWORK, label=label)


def feed_request(actor: str, profiled: bool) -> Request:
    """The latest posts of `actor`, skipped when `getProfiles` (if it asks) finds no account."""
    return Request(
        "feed",
        actor,
        NETWORK,
        label=f"GET app.bsky.feed.getAuthorFeed?actor={actor}&limit={POSTS_PER_ACCOUNT}"
        f"&filter=posts_no_replies: {actor}'s latest {POSTS_PER_ACCOUNT} posts, reposts and "
        "replies left out",
        condition="if getProfiles does not find the account missing" if profiled else "",
    )


def resolve_request(handle: str, profiled: bool) -> Request:
    """The DID of a list's creator, needed when no profile of the run gives it."""
    return Request(
        "resolve-handle",
        handle,
        NETWORK,
        label=f"GET com.atproto.identity.resolveHandle?handle={handle}: the DID of the "
        "creator of a list or starter pack",
        condition="if no profile of the run gives its DID" if profiled else "",
    )


def list_request(address: BlueskyListAddress) -> Request:
    url = list_url(address)
    if address.kind == "list":
        label = (
            f"GET app.bsky.graph.getList: the name, creator, member count and first "
            f"{LIST_MEMBERS} members of {url}"
        )
    else:
        label = (
            "GET app.bsky.graph.getStarterPack: the name, creator, member and join counts "
            f"and Bluesky's sample of members of {url}"
        )
    return Request(address.kind, url, NETWORK, label=label)


def list_feed_request(address: BlueskyListAddress) -> Request:
    """A list's latest posts, read once its creator's DID is known."""
    url = list_url(address)
    label = f"GET app.bsky.feed.getListFeed: the latest {POSTS_PER_LIST} posts of {url}"
    return Request("list-feed", url, NETWORK, label=label)


def session_request(handle: str = SESSION_TARGET) -> Request:
    return Request(
        "session",
        handle,
        NETWORK,
        label=f"POST com.atproto.server.createSession: log in as {handle} with its app "
        f"password ({PASSWORD_VARIABLE}), which searching posts needs",
    )


def search_request(tag: str) -> Request:
    return Request(
        "hashtag-search",
        tag,
        NETWORK,
        label=f"GET app.bsky.feed.searchPosts?q=#{tag}&sort=latest&limit={SEARCH_PAGE_SIZE} "
        f"(logged in): posts with #{tag} per UTC day over the {SEARCH_DAYS} days before the "
        f"run's, up to {SEARCH_PAGES} pages",
        condition="if the login succeeds",
    )


def _once(values: Iterable[str]) -> tuple[str, ...]:
    """`values` without repeats (whatever their case), each first spelling kept."""
    unique: dict[str, str] = {}
    for value in values:
        unique.setdefault(value.casefold(), value)
    return tuple(unique.values())


def _tags(loaded: LoadedMovement, logged_in: bool) -> tuple[str, ...]:
    """The hashtags a movement counts on Bluesky, each once (its first spelling kept)."""
    return _once(loaded.spec.stats_hashtags()) if logged_in else ()


def movement_requests(loaded: LoadedMovement, profiled: set[str], logged_in: bool) -> list[Request]:
    """One movement's requests but its profiles; `profiled` are the run's profiled actors."""
    spec = loaded.spec
    addresses = [x.address for x in spec.bluesky_lists]
    creators = [a.actor for a in addresses if not a.actor.startswith("did:")]
    tags = _tags(loaded, logged_in)
    return [
        *(feed_request(a, a.casefold() in profiled) for a in spec.stats_bluesky_accounts()),
        *(resolve_request(h, h.casefold() in profiled) for h in creators),
        *(list_request(a) for a in addresses),
        *(list_feed_request(a) for a in addresses if a.kind == "list"),
        *([session_request()] if tags else []),
        *(search_request(tag) for tag in tags),
    ]


def plan(movements: Sequence[LoadedMovement], logged_in: bool) -> BlueskyPlan:
    """Every Bluesky request of a run over the `movements` that read Bluesky, each once
    (first spelling kept), in `KINDS` order; hashtags are searched only when `logged_in`."""
    chosen = [m for m in movements if NETWORK in m.spec.networks()]
    actors = _once(a for m in chosen for a in m.spec.profiled(NETWORK))
    batches = [
        actors[i : i + PROFILES_PER_REQUEST] for i in range(0, len(actors), PROFILES_PER_REQUEST)
    ]
    shared: dict[tuple[str, str], Request] = {}
    for batch in batches:
        shared[("profiles", ",".join(batch).casefold())] = profiles_request(batch)
    wanted: dict[str, frozenset[tuple[str, str]]] = {}
    profiled = {a.casefold() for a in actors}
    for loaded in chosen:
        requests = movement_requests(loaded, profiled, logged_in)
        keys = [(r.kind, r.target.casefold()) for r in requests]
        for key, request in zip(keys, requests, strict=True):
            shared.setdefault(key, request)
        identities = [("profiles", a.casefold()) for a in loaded.spec.profiled(NETWORK)]
        wanted[loaded.slug] = frozenset([*identities, *keys])
    ordered = sorted(shared.values(), key=lambda r: KINDS.index(r.kind))
    return BlueskyPlan(
        NETWORK,
        unique_requests(ordered),
        wanted,
        lists={m.slug: tuple(list_url(x.address) for x in m.spec.bluesky_lists) for m in chosen},
        tags={m.slug: _tags(m, logged_in) for m in chosen},
    )
