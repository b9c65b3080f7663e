"""What a snapshot reads from Mastodon: public profiles, posts and hashtag figures, no login.

Each account is looked up on its own server (`GET /api/v1/accounts/lookup`), the tracked
ones' latest posts read with the id that returns, and each tracked hashtag's last days
counted by the one server a movement names (`GET /api/v1/tags/:name`: each server counts
only what it knows). Every request goes through the run's `Conversation`; a server that keeps
an endpoint to logged-in users (401, 403) is recorded as such, and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote

from generator.movement import LoadedMovement
from generator.movement.identities import mastodon_identity
from generator.snapshot import mastodon_payloads as payloads
from generator.snapshot.api import AccessRefused, MalformedResponse, Payload
from generator.snapshot.conversation import Conversation
from generator.snapshot.format_social import (
    MastodonAccount,
    MastodonFigures,
    MastodonPost,
    MastodonTagCounts,
)
from generator.snapshot.http import JsonHttp, Params
from generator.snapshot.networks import NetworkPlan, movement_errors, unique_requests
from generator.snapshot.plan import POSTS_PER_ACCOUNT, Request

NETWORK = "mastodon"
KINDS = ("lookup", "statuses", "tag")
"""The requests, in the order a run makes them: posts need the ids the lookups return."""
STATUSES_QUERY = f"limit={POSTS_PER_ACCOUNT}&exclude_reblogs=true&exclude_replies=true"
ENDPOINTS = {
    "lookup": "GET /api/v1/accounts/lookup",
    "statuses": "GET /api/v1/accounts/:id/statuses",
    "tag": "GET /api/v1/tags/:name",
}


class MastodonApi(Protocol):
    """The public endpoints of Mastodon's REST API a snapshot uses, each on a given server."""

    def lookup(self, server: str, user: str) -> Payload:
        """`GET /api/v1/accounts/lookup?acct=user`: an Account of `server`."""

    def statuses(self, server: str, account_id: str, limit: int) -> Payload:
        """`GET /api/v1/accounts/:id/statuses`, boosts and replies left out: `{"items": […]}`."""

    def tag(self, server: str, name: str) -> Payload:
        """`GET /api/v1/tags/:name`: a Tag with its daily `history`."""


class HttpMastodon:
    """`MastodonApi` over plain HTTPS, anonymous: no token is ever sent."""

    def __init__(self, http: JsonHttp | None = None) -> None:
        self.http = http or JsonHttp("Mastodon")

    def lookup(self, server: str, user: str) -> Payload:
        return self.http.get(f"https://{server}/api/v1/accounts/lookup", params={"acct": user})

    def statuses(self, server: str, account_id: str, limit: int) -> Payload:
        """The account's latest statuses; Mastodon answers a bare array, kept as `items`."""
        url = f"https://{server}/api/v1/accounts/{quote(account_id, safe='')}/statuses"
        params: Params = {"limit": limit, "exclude_reblogs": "true", "exclude_replies": "true"}
        answer = self.http.get_json(url, params=params)
        if not isinstance(answer, list):
            raise MalformedResponse(f"Mastodon's answer is not a JSON array ({url})")
        return {"items": answer}

    def tag(self, server: str, name: str) -> Payload:
        return self.http.get(f"https://{server}/api/v1/tags/{quote(name, safe='')}")


@dataclass(frozen=True)
class MastodonPlan(NetworkPlan):
    """A run's Mastodon requests, and each movement's hashtags in its own order."""

    tags: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Movement slug → (server, tag) of each hashtag it counts, as the movement spells it."""


@dataclass
class MastodonResults:
    """Everything a run read from Mastodon, keyed by casefolded request target."""

    accounts: dict[str, MastodonAccount] = field(default_factory=dict)
    """user@server → its account."""
    posts: dict[str, list[MastodonPost]] = field(default_factory=dict)
    """user@server → its latest posts, newest first."""
    tags: dict[str, MastodonTagCounts] = field(default_factory=dict)
    """server/tag → its daily figures on that server."""


def lookup_request(acct: str) -> Request:
    """The lookup of `acct` (user@server) on its own server."""
    identity = mastodon_identity(acct)
    url = f"https://{identity.server}/api/v1/accounts/lookup?acct={identity.user}"
    return Request("lookup", acct, NETWORK, label=f"GET {url}: profile and counts")


def statuses_request(acct: str) -> Request:
    """The latest posts of `acct`, made only once its lookup gave the account's id."""
    server = mastodon_identity(acct).server
    return Request(
        "statuses",
        acct,
        NETWORK,
        label=f"GET https://{server}/api/v1/accounts/:id/statuses?{STATUSES_QUERY}: "
        f"{acct}'s latest {POSTS_PER_ACCOUNT} posts, boosts and replies left out",
        condition="if its lookup finds the account",
    )


def tag_request(server: str, tag: str) -> Request:
    """The daily figures of `tag` as `server` counts them."""
    return Request(
        "tag",
        f"{server}/{tag}",
        NETWORK,
        label=f"GET https://{server}/api/v1/tags/{tag}: posts per day on {server} over 7 days",
    )


def movement_requests(loaded: LoadedMovement) -> tuple[list[Request], tuple[tuple[str, str], ...]]:
    """One movement's Mastodon requests, and the (server, tag) it counts, in its order."""
    spec = loaded.spec
    if NETWORK not in spec.networks():
        return [], ()
    tracked = [mastodon_identity(a).acct for a in spec.stats_mastodon_accounts()]
    addresses = [mastodon_identity(a).acct for a in spec.profiled(NETWORK)] + tracked
    server = spec.stats_mastodon_server()
    tags = tuple((server, tag) for tag in spec.stats_hashtags()) if server else ()
    requests = [
        *(lookup_request(acct) for acct in addresses),
        *(statuses_request(acct) for acct in tracked),
        *(tag_request(*tag) for tag in tags),
    ]
    return requests, tuple({f"{s}/{t}".casefold(): (s, t) for s, t in tags}.values())


def plan(movements: Sequence[LoadedMovement]) -> MastodonPlan:
    """Every Mastodon request of a run over `movements`, each once (first spelling kept),
    lookups first, then posts, then hashtags."""
    shared: dict[tuple[str, str], Request] = {}
    wanted: dict[str, frozenset[tuple[str, str]]] = {}
    tags: dict[str, tuple[tuple[str, str], ...]] = {}
    for loaded in movements:
        requests, tags[loaded.slug] = movement_requests(loaded)
        keys = [(r.kind, r.target.casefold()) for r in requests]
        wanted[loaded.slug] = frozenset(keys)
        for key, request in zip(keys, requests, strict=True):
            shared.setdefault(key, request)
    ordered = sorted(shared.values(), key=lambda r: KINDS.index(r.kind))
    return MastodonPlan(NETWORK, unique_requests(ordered), wanted, tags)


def _public(call: Callable[[], Payload], request: Request, server: str) -> Payload:
    """`call`, a refusal (401, 403) worded as what it means: the endpoint is not public."""
    try:
        return call()
    except AccessRefused as error:
        raise AccessRefused(
            f"{ENDPOINTS[request.kind]} is not public on {server}: the server answers it to "
            f"logged-in users only, and a snapshot reads without an account ({error})",
            error.status,
        ) from None


def read(plan: NetworkPlan, talk: Conversation) -> MastodonResults:
    """Make the plan's requests in order through `talk` (whose `api` is a `MastodonApi`)."""
    results = MastodonResults()
    for request in plan.requests:
        _read(request, talk, results)
    return results


def _read(request: Request, talk: Conversation, results: MastodonResults) -> None:
    api: MastodonApi = talk.api
    key = request.target.casefold()
    if request.kind == "tag":
        server, _, tag = request.target.rpartition("/")
        counts = talk.ask(
            request,
            lambda: _public(lambda: api.tag(server, tag), request, server),
            lambda payload: payloads.parse_tag(payload, server, tag, talk.clock()),
        )
        if counts is not None:
            results.tags[key] = counts
        return
    identity = mastodon_identity(request.target)
    server = identity.server
    if request.kind == "lookup":
        account = talk.ask(
            request,
            lambda: _public(lambda: api.lookup(server, identity.user), request, server),
            lambda payload: payloads.parse_account(payload, server),
        )
        if account is not None:
            results.accounts[key] = account
        return
    found = results.accounts.get(key)
    if found is None:
        return  # its lookup recorded why
    account_id = found.id
    posts = talk.ask(
        request,
        lambda: _public(
            lambda: api.statuses(server, account_id, POSTS_PER_ACCOUNT), request, server
        ),
        lambda payload: payloads.parse_statuses(payload, server),
    )
    if posts is not None:
        results.posts[key] = posts


def _tag_order(plan: NetworkPlan, slug: str) -> tuple[tuple[str, str], ...]:
    """The (server, tag) movement `slug` counts, in its order when the plan kept it."""
    if isinstance(plan, MastodonPlan):
        return plan.tags.get(slug, ())
    wanted = plan.wanted.get(slug, frozenset())
    tags = [r.target.rpartition("/") for r in plan.requests if r.kind == "tag"]
    return tuple((s, t) for s, _, t in tags if ("tag", f"{s}/{t}".casefold()) in wanted)


def figures(
    plan: NetworkPlan, results: MastodonResults, talk: Conversation, slug: str
) -> MastodonFigures | None:
    """Movement `slug`'s part of what the run read from Mastodon, with its errors (a server
    that failed is recorded, not left out), or None if it asked nothing of Mastodon."""
    wanted = plan.wanted.get(slug, frozenset())
    accounts = [results.accounts[t] for k, t in wanted if k == "lookup" and t in results.accounts]
    posts = [p for k, t in wanted if k == "statuses" for p in results.posts.get(t, [])]
    hashtags = [
        results.tags[key].model_copy(update={"tag": tag})
        for server, tag in _tag_order(plan, slug)
        if (key := f"{server}/{tag}".casefold()) in results.tags
    ]
    errors, partial = movement_errors(plan, talk, slug)
    if not (accounts or posts or hashtags or errors):
        return None  # the movement asked nothing of Mastodon
    return MastodonFigures(
        accounts=sorted(accounts, key=lambda a: a.acct.casefold()),
        posts=payloads.newest_first(posts),
        hashtags=hashtags,
        partial=partial,
        errors=errors,
    )
