"""What a snapshot reads from Bluesky: public profiles, posts, lists, and hashtag volume.

Everything but the hashtags comes from the public AppView without an account: profiles in
batches of 25 (`app.bsky.actor.getProfiles`), the tracked accounts' latest posts, each list
and starter pack (its creator's handle resolved to a DID only when no profile gave it), and
each list's latest posts (`app.bsky.feed.getListFeed`).
Counting a hashtag needs `app.bsky.feed.searchPosts`, which Bluesky keeps to logged-in
accounts since January 2025: a run logs in only when `BLUESKY_HANDLE` and
`BLUESKY_APP_PASSWORD` are set, and neither the app password nor the session's token ever
leaves `HttpBluesky` (no message, error, record or log quotes them).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.movement.identities import bluesky_list_address
from generator.snapshot import bluesky_payloads as payloads
from generator.snapshot.api import (
    AccessRefused,
    Payload,
)
from generator.snapshot.bluesky_api import (
    HANDLE_VARIABLE,
    PASSWORD_VARIABLE,
    BlueskyApi,
)
from generator.snapshot.bluesky_plan import (
    LIST_MEMBERS,
    NETWORK,
    SEARCH_DAYS,
    SEARCH_PAGES,
    BlueskyPlan,
    plan,
    session_request,
)
from generator.snapshot.conversation import Conversation
from generator.snapshot.format_social import (
    BlueskyFigures,
    BlueskyList,
    BlueskyPost,
    BlueskyProfile,
    TagCounts,
)
from generator.snapshot.networks import NetworkPlan, movement_errors
from generator.snapshot.plan import POSTS_PER_ACCOUNT, POSTS_PER_LIST, Request
from generator.snapshot.records import RequestError

__all__ = ["NETWORK", "SEARCH_PAGES", "BlueskyPlan", "BlueskyResults", "figures", "plan", "read"]


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
    list_posts: dict[str, list[BlueskyPost]] = field(default_factory=dict)
    """A list's address → its latest posts."""
    hashtags: dict[str, TagCounts] = field(default_factory=dict)
    logged_in: bool = False
    login_failure: tuple[str, bool] = ("the run did not log in to Bluesky", True)
    """Why searches were not requested, and whether that is an answer (not partial)."""


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


def _list_uri(request: Request, talk: Conversation, results: BlueskyResults) -> str | None:
    """The AT-URI of the list or starter pack `request` is about, or None (recorded) while
    its creator's DID is unknown."""
    address = bluesky_list_address(request.target)
    actor = address.actor
    did = actor if actor.startswith("did:") else results.dids.get(actor.casefold())
    if did is None:
        answered = ("resolve-handle", actor.casefold()) not in talk.unanswered
        message = f"not requested: the DID of its creator {actor} is unknown (see resolve-handle)"
        _note(talk, request, message, answered)
        return None
    return f"at://{did}/{address.collection}/{address.rkey}"


def _read_list(request: Request, talk: Conversation, results: BlueskyResults) -> None:
    api: BlueskyApi = talk.api
    uri = _list_uri(request, talk, results)
    if uri is None:
        return
    found = (
        talk.ask(request, lambda: api.get_list(uri, LIST_MEMBERS), payloads.parse_list)
        if request.kind == "list"
        else talk.ask(request, lambda: api.get_starter_pack(uri), payloads.parse_starter_pack)
    )
    if found is not None:
        results.lists[request.target.casefold()] = found


def _read_list_feed(request: Request, talk: Conversation, results: BlueskyResults) -> None:
    """A list's latest posts, asked for only once the list itself was read."""
    api: BlueskyApi = talk.api
    key = request.target.casefold()
    if key not in results.lists and talk.stop_reason is None:
        answered = ("list", key) not in talk.unanswered
        _note(talk, request, "not requested: the list itself was not read (see list)", answered)
        return
    uri = _list_uri(request, talk, results)
    if uri is None:
        return
    posts = talk.ask(
        request, lambda: api.get_list_feed(uri, POSTS_PER_LIST), payloads.parse_list_feed
    )
    if posts is not None:
        results.list_posts[request.target.casefold()] = posts


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
    "list-feed": _read_list_feed,
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
        results.lists[url.casefold()].model_copy(
            update={"posts": results.list_posts.get(url.casefold(), [])}
        )
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
