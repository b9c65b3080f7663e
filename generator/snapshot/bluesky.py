"""What a snapshot reads from Bluesky: public profiles, posts, lists, and hashtag volume.

Everything but the hashtags comes from the public AppView without an account: profiles in
batches of 25 (`app.bsky.actor.getProfiles`), the tracked accounts' latest posts, each list
and starter pack (its creator's handle resolved to a DID only when no profile gave it).
Counting a hashtag needs `app.bsky.feed.searchPosts`, which Bluesky keeps to logged-in
accounts since January 2025: a run logs in only when `BLUESKY_HANDLE` and
`BLUESKY_APP_PASSWORD` are set, and neither the app password nor the session's token ever
leaves `HttpBluesky` (no message, error, record or log quotes them).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from generator.movement import LoadedMovement
from generator.movement.identities import BlueskyListAddress, bluesky_list_address
from generator.snapshot import bluesky_payloads as payloads
from generator.snapshot.api import (
    AccessRefused,
    Payload,
)
from generator.snapshot.bluesky_api import (
    HANDLE_VARIABLE,
    PASSWORD_VARIABLE,
    SEARCH_PAGE_SIZE,
    BlueskyApi,
)
from generator.snapshot.conversation import Conversation
from generator.snapshot.format_social import (
    BlueskyFigures,
    BlueskyList,
    BlueskyPost,
    BlueskyProfile,
    TagCounts,
)
from generator.snapshot.networks import NetworkPlan, movement_errors, unique_requests
from generator.snapshot.plan import POSTS_PER_ACCOUNT, Request
from generator.snapshot.records import RequestError

NETWORK: Final = "bluesky"
PROFILES_PER_REQUEST = 25
LIST_MEMBERS = 100
SEARCH_PAGES = 10
"""Pages of 100 posts read per hashtag at most: past that the counts are lower bounds."""
SEARCH_DAYS = 7
KINDS = ("profiles", "feed", "resolve-handle", "list", "starter-pack", "session", "hashtag-search")
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


@dataclass
class BlueskyResults:
    """Everything a run read from Bluesky, keyed by casefolded request target."""

    day: dt.date
    """The run's UTC day: hashtags are counted over the whole days before it."""
    profiles: dict[str, BlueskyProfile] = field(default_factory=dict)
    """Actor (handle or DID) → its profile."""
    missing: set[str] = field(default_factory=set)
    """Actors `getProfiles` answered without: no such account."""
    dids: dict[str, str] = field(default_factory=dict)
    """Handle → DID, from the profiles and handle resolutions."""
    posts: dict[str, list[BlueskyPost]] = field(default_factory=dict)
    lists: dict[str, BlueskyList] = field(default_factory=dict)
    """A list's or starter pack's address → what Bluesky holds of it."""
    hashtags: dict[str, TagCounts] = field(default_factory=dict)
    logged_in: bool = False
    login_failure: tuple[str, bool] = ("the run did not log in to Bluesky", True)
    """Why searches were not requested, and whether that is an answer (not partial)."""


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
        *([session_request()] if tags else []),
        *(search_request(tag) for tag in tags),
    ]


def plan(movements: Sequence[LoadedMovement], logged_in: bool) -> BlueskyPlan:
    """Every Bluesky request of a run over the `movements` that read Bluesky, each once
    (first spelling kept), in `KINDS` order; hashtags are searched only when `logged_in`."""
    chosen = [m for m in movements if NETWORK in m.spec.networks()]
    actors = _once(a for m in chosen for a in m.spec.identities(NETWORK))
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
        identities = [("profiles", a.casefold()) for a in loaded.spec.identities(NETWORK)]
        wanted[loaded.slug] = frozenset([*identities, *keys])
    ordered = sorted(shared.values(), key=lambda r: KINDS.index(r.kind))
    return BlueskyPlan(
        NETWORK,
        unique_requests(ordered),
        wanted,
        lists={m.slug: tuple(list_url(x.address) for x in m.spec.bluesky_lists) for m in chosen},
        tags={m.slug: _tags(m, logged_in) for m in chosen},
    )


def read(plan: NetworkPlan, talk: Conversation) -> BlueskyResults:
    """Make the plan's requests in order through `talk` (whose `api` is a `BlueskyApi`)."""
    results = BlueskyResults(day=dt.datetime.fromtimestamp(talk.clock(), dt.UTC).date())
    for request in plan.requests:
        READERS[request.kind](request, talk, results)
    return results


def _note(talk: Conversation, request: Request, message: str, answered: bool) -> None:
    """Record what the run knows of `request` without asking (an answer, if `answered`)."""
    talk.errors.append(RequestError(request=request.kind, target=request.target, message=message))
    if not answered:
        talk.unanswered.add((request.kind, request.target.casefold()))


def _read_profiles(request: Request, talk: Conversation, results: BlueskyResults) -> None:
    api: BlueskyApi = talk.api
    actors = request.targets
    profiles = talk.ask(request, lambda: api.get_profiles(actors), payloads.parse_profiles)
    if profiles is None:
        return
    found: dict[str, BlueskyProfile] = {}
    for profile in profiles:
        results.dids[profile.handle.casefold()] = profile.did
        found |= {profile.did.casefold(): profile, profile.handle.casefold(): profile}
    for actor in actors:
        if actor.casefold() in found:
            results.profiles[actor.casefold()] = found[actor.casefold()]
            continue
        results.missing.add(actor.casefold())
        what = "DID" if actor.startswith("did:") else "handle"
        single = Request("profiles", actor, NETWORK, label=request.label)
        _note(talk, single, f"no Bluesky account has this {what}", answered=True)


def _read_feed(request: Request, talk: Conversation, results: BlueskyResults) -> None:
    api: BlueskyApi = talk.api
    actor = request.target.casefold()
    if actor in results.missing:
        what = "DID" if actor.startswith("did:") else "handle"
        _note(talk, request, f"not requested: no Bluesky account has this {what}", answered=True)
        return
    profile = results.profiles.get(actor)
    names = {actor, results.dids.get(actor, actor).casefold()}
    names |= {profile.did.casefold(), profile.handle.casefold()} if profile else set()
    posts = talk.ask(
        request,
        lambda: api.get_author_feed(request.target, POSTS_PER_ACCOUNT),
        lambda payload: payloads.parse_feed(payload, names),
    )
    if posts is not None:
        results.posts[actor] = posts


def _read_resolve(request: Request, talk: Conversation, results: BlueskyResults) -> None:
    api: BlueskyApi = talk.api
    handle = request.target.casefold()
    if handle in results.dids:
        return  # a profile of the run gave it
    did = talk.ask(request, lambda: api.resolve_handle(request.target), payloads.parse_did)
    if did is not None:
        results.dids[handle] = did


def _read_list(request: Request, talk: Conversation, results: BlueskyResults) -> None:
    api: BlueskyApi = talk.api
    address = bluesky_list_address(request.target)
    actor = address.actor
    did = actor if actor.startswith("did:") else results.dids.get(actor.casefold())
    if did is None:
        answered = ("resolve-handle", actor.casefold()) not in talk.unanswered
        message = f"not requested: the DID of its creator {actor} is unknown (see resolve-handle)"
        _note(talk, request, message, answered)
        return
    uri = f"at://{did}/{address.collection}/{address.rkey}"
    found = (
        talk.ask(request, lambda: api.get_list(uri, LIST_MEMBERS), payloads.parse_list)
        if address.kind == "list"
        else talk.ask(request, lambda: api.get_starter_pack(uri), payloads.parse_starter_pack)
    )
    if found is not None:
        results.lists[request.target.casefold()] = found


def _read_session(request: Request, talk: Conversation, results: BlueskyResults) -> None:
    """Log in as the api's account, the request named after it; a failure is kept as the
    reason the searches are not requested."""
    api: BlueskyApi = talk.api
    handle = api.login_handle or "(no login)"
    asked = session_request(handle)
    did = talk.ask(asked, lambda: _login(api, handle), payloads.parse_did)
    if did is not None:
        results.logged_in = True
        return
    if any(e.request == "session" and e.status in (401, 403) for e in talk.errors):
        results.login_failure = (f"Bluesky did not accept the login of {handle}", True)
    elif talk.stop_reason is not None:
        results.login_failure = (talk.stop_reason, False)
    else:
        results.login_failure = (f"the login to Bluesky as {handle} got no usable answer", False)


def _login(api: BlueskyApi, handle: str) -> Payload:
    """`create_session`, a refusal worded as what to check."""
    try:
        return api.create_session()
    except AccessRefused as error:
        raise AccessRefused(
            f"Bluesky did not accept the login of {handle}: check that {HANDLE_VARIABLE} is "
            f"the account's handle and {PASSWORD_VARIABLE} one of its app passwords, not "
            f"revoked (Settings → Privacy and security → App passwords) ({error})",
            error.status,
        ) from None


def search_window(day: dt.date) -> tuple[list[dt.date], str, str]:
    """The `SEARCH_DAYS` whole UTC days before `day`, and their `since` and `until`."""
    days = [day - dt.timedelta(days=n) for n in range(SEARCH_DAYS, 0, -1)]
    return days, f"{days[0].isoformat()}T00:00:00Z", f"{day.isoformat()}T00:00:00Z"


def _read_search(request: Request, talk: Conversation, results: BlueskyResults) -> None:
    """Count a hashtag's posts page by page; a count cut short is kept as a lower bound."""
    if not results.logged_in:
        reason, answered = results.login_failure
        _note(talk, request, f"not requested: {reason}", answered)
        return
    api: BlueskyApi = talk.api
    days, since, until = search_window(results.day)
    posts: dict[str, dt.datetime] = {}
    cursor: str | None = None
    complete = False
    for page_number in range(SEARCH_PAGES):
        call = functools.partial(api.search_posts, f"#{request.target}", since, until, cursor)
        page = talk.ask(request, call, payloads.parse_search_page)
        if page is None:
            if page_number == 0:
                return
            break
        posts |= page.posts
        cursor = page.cursor
        if cursor is None:
            complete = True
            break
    results.hashtags[request.target.casefold()] = payloads.day_counts(
        request.target, posts, days, complete
    )


READERS: dict[str, Callable[[Request, Conversation, BlueskyResults], None]] = {
    "profiles": _read_profiles,
    "feed": _read_feed,
    "resolve-handle": _read_resolve,
    "list": _read_list,
    "starter-pack": _read_list,
    "session": _read_session,
    "hashtag-search": _read_search,
}


def _planned(plan: NetworkPlan, slug: str, kinds: set[str]) -> tuple[str, ...]:
    """The targets of `kinds` movement `slug` asks for, in the plan's order."""
    wanted = plan.wanted.get(slug, frozenset())
    return tuple(
        r.target
        for r in plan.requests
        if r.kind in kinds and (r.kind, r.target.casefold()) in wanted
    )


def _lists(plan: NetworkPlan, slug: str) -> tuple[str, ...]:
    """Movement `slug`'s lists and starter packs, in its file's order when the plan kept it."""
    if isinstance(plan, BlueskyPlan):
        return plan.lists.get(slug, ())
    return _planned(plan, slug, {"list", "starter-pack"})


def _hashtags(plan: NetworkPlan, slug: str) -> tuple[str, ...]:
    """Movement `slug`'s hashtags, in its order and spelling when the plan kept them."""
    if isinstance(plan, BlueskyPlan):
        return plan.tags.get(slug, ())
    return _planned(plan, slug, {"hashtag-search"})


def _login_errors(
    plan: NetworkPlan, talk: Conversation, slug: str
) -> tuple[list[RequestError], bool]:
    """The login's errors, for a movement that searches hashtags (the plan cannot name the
    account it logs in as), and whether the login went unanswered."""
    if not any(kind == "session" for kind, _ in plan.wanted.get(slug, frozenset())):
        return [], False
    errors = [e for e in talk.errors if e.request == "session"]
    return errors, any(("session", e.target.casefold()) in talk.unanswered for e in errors)


def figures(
    plan: NetworkPlan, results: BlueskyResults, talk: Conversation, slug: str
) -> BlueskyFigures | None:
    """Movement `slug`'s part of what the run read from Bluesky, or None if nothing was."""
    wanted = plan.wanted.get(slug, frozenset())
    profiles = {
        results.profiles[t].did: results.profiles[t]
        for k, t in wanted
        if k == "profiles" and t in results.profiles
    }
    posts = [p for k, t in wanted if k == "feed" for p in results.posts.get(t, [])]
    hashtags = [
        results.hashtags[tag.casefold()].model_copy(update={"tag": tag})
        for tag in _hashtags(plan, slug)
        if tag.casefold() in results.hashtags
    ]
    lists = [
        results.lists[url.casefold()]
        for url in _lists(plan, slug)
        if url.casefold() in results.lists
    ]
    errors, partial = movement_errors(plan, talk, slug)
    login_errors, login_partial = _login_errors(plan, talk, slug)
    if not (profiles or posts or hashtags or lists or errors or login_errors):
        return None  # the movement asked nothing of Bluesky
    return BlueskyFigures(
        profiles=sorted(profiles.values(), key=lambda p: (p.handle, p.did)),
        posts=payloads.newest_first(posts),
        hashtags=hashtags,
        lists=lists,
        partial=partial or login_partial,
        errors=sorted(
            [*errors, *login_errors], key=lambda e: (e.request, e.target.casefold(), e.message)
        ),
    )
