"""What a snapshot run will ask X for, shared across movements, and what it may cost.

The price table is the one place that knows X's pay-per-use prices (February 2026): X bills
each resource an answer returns (a user, a post, a list) and each counts request, once per
resource and UTC day. Estimates here are upper bounds: they assume every page comes back full
and ignore X's same-day de-duplication.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from generator.movement import LoadedMovement
from generator.movement.schema_accounts import NETWORK_NAMES
from generator.snapshot.api import USERS_PER_REQUEST

PRICES_USD = {
    "user": 0.010,
    "post": 0.005,
    "list": 0.005,
    "counts": 0.005,
}
"""US dollars per user, post or list returned, and per counts request."""

POSTS_PER_ACCOUNT = 10
"""Latest posts read per tracked account: a daily run sees every post of an account that
posts up to ten times a day, for US$0.05."""
POSTS_PER_LIST = 10
MEMBERS_PER_LIST = 100
"""One page of members; a list's members are users, billed as user reads."""
DEFAULT_MEMBERS_MAX_AGE_DAYS = 7
"""A list's members are read again after a week even when its member count has not changed
(someone may have left as another joined)."""

Kind = Literal[
    "users",
    "users-by-id",
    "posts",
    "hashtag-counts",
    "mention-counts",
    "list",
    "list-posts",
    "list-members",
]
BATCHED = frozenset({("x", "users"), ("bluesky", "profiles")})
"""Requests whose target is several accounts joined by ','."""


@dataclass(frozen=True)
class Request:
    """One request of a run; equal requests are made once, whatever movements share them."""

    kind: str
    """On X one of `Kind`; on Bluesky and Mastodon the names their modules give."""
    target: str
    """The username, list id or query it is about; for a batch, the accounts joined by ','."""
    network: str = "x"
    label: str = ""
    """What the request reads, for `--dry-run`, when its network's module words it."""
    condition: str = ""
    """Empty for a request always made; else when it is made (`--dry-run` says so)."""

    @property
    def usernames(self) -> list[str]:
        return self.targets if self.kind == "users" and self.network == "x" else []

    @property
    def targets(self) -> list[str]:
        """The accounts, list or query the request is about, one per account of a batch."""
        batched = (self.network, self.kind) in BATCHED
        return self.target.split(",") if batched else [self.target]

    def describe(self) -> str:
        """The network, the endpoint and what it reads, for `--dry-run` and the run's report."""
        what = self.label if self.network != "x" else self._describe_x()
        when = f" [only {self.condition}]" if self.condition else ""
        return f"{NETWORK_NAMES.get(self.network, self.network)}: {what}{when}"

    def _describe_x(self) -> str:
        match self.kind:
            case "users":
                return f"GET /2/users/by: {len(self.usernames)} account(s): {self.target.replace(',', ', ')}"
            case "users-by-id":
                return f"GET /2/users: authors of list {self.target}'s posts not already read"
            case "posts":
                return f"GET /2/users/:id/tweets: @{self.target}'s latest {POSTS_PER_ACCOUNT} posts"
            case "hashtag-counts" | "mention-counts":
                return f"GET /2/tweets/counts/recent: posts per day for {self.target}"
            case "list":
                return f"GET /2/lists/{self.target}: name, owner's id, member and follower counts"
            case "list-posts":
                return f"GET /2/lists/{self.target}/tweets: latest {POSTS_PER_LIST} posts"
            case "list-members":
                return f"GET /2/lists/{self.target}/members: up to {MEMBERS_PER_LIST} members"
        return self.kind

    def most_resources(self) -> dict[str, int]:
        """What the answer can return at most, by billed resource (nothing off X)."""
        if self.network != "x":
            return {}
        match self.kind:
            case "users":
                return {"user": len(self.targets)}
            case "users-by-id":
                return {"user": POSTS_PER_LIST}
            case "posts":
                return {"post": POSTS_PER_ACCOUNT}
            case "hashtag-counts" | "mention-counts":
                return {"counts": 1}
            case "list":
                return {"list": 1}
            case "list-posts":
                return {"post": POSTS_PER_LIST}
            case "list-members":
                return {"user": MEMBERS_PER_LIST}
        return {}


def cost_usd(resources: dict[str, int]) -> float:
    """The price of `resources` (billed resource → how many) in US dollars."""
    return sum(PRICES_USD[kind] * count for kind, count in resources.items())


@dataclass(frozen=True)
class KnownList:
    """What earlier snapshots hold of an X List: its members, and when they were read."""

    member_count: int | None
    read_at: dt.datetime


@dataclass(frozen=True)
class Frugality:
    """When a run may skip what it already knows."""

    known_lists: dict[str, KnownList] = field(default_factory=dict)
    """List id → its members as the latest snapshots hold them."""
    now: dt.datetime | None = None
    members_max_age: dt.timedelta = dt.timedelta(days=DEFAULT_MEMBERS_MAX_AGE_DAYS)
    """Members older than this are read again, whatever the member count says."""

    def members_condition(self, list_id: str) -> str:
        """'' when the list's members must be read; else when they are read again."""
        known = self.known_lists.get(list_id)
        if known is None or self.now is None or self.now - known.read_at >= self.members_max_age:
            return ""
        return f"if its member count changed since {known.read_at.date().isoformat()}"


@dataclass(frozen=True)
class MovementPlan:
    """What one movement's snapshot is made of."""

    slug: str
    usernames: tuple[str, ...]
    """Tracked accounts first, then the recommended ones, each once."""
    tracked: tuple[str, ...]
    """The `stats.accounts`, whose posts are read."""
    hashtag_query: str | None
    mention_query: str
    list_ids: tuple[str, ...]

    def requests(self, users: Iterable[Request], frugality: Frugality) -> list[Request]:
        """This movement's requests, given the shared users requests of the run."""
        wanted = {u.casefold() for u in self.usernames}
        return [
            *(r for r in users if wanted & {u.casefold() for u in r.usernames}),
            *(Request("posts", handle) for handle in self.tracked),
            *([Request("hashtag-counts", self.hashtag_query)] if self.hashtag_query else []),
            Request("mention-counts", self.mention_query),
            *(r for list_id in self.list_ids for r in list_requests(list_id, frugality)),
        ]


def list_requests(list_id: str, frugality: Frugality) -> list[Request]:
    """A list's requests: its members before its posts, whose authors they mostly are."""
    return [
        Request("list", list_id),
        Request("list-members", list_id, condition=frugality.members_condition(list_id)),
        Request("list-posts", list_id),
        Request("users-by-id", list_id, condition="for authors the run does not hold"),
    ]


@dataclass(frozen=True)
class Plan:
    """Every request of a run, in the order they are made, and each movement's share."""

    movements: tuple[MovementPlan, ...]
    requests: tuple[Request, ...]

    def most_cost_usd(self) -> float:
        """The most the requests always made can cost: what `--budget` is held to."""
        return sum(cost_usd(r.most_resources()) for r in self.requests if not r.condition)

    def most_conditional_cost_usd(self) -> float:
        """The most the requests made only when needed can add."""
        return sum(cost_usd(r.most_resources()) for r in self.requests if r.condition)


def hashtag_query(tags: list[str]) -> str | None:
    """One search query counting posts with any of `tags`."""
    return " OR ".join(f"#{tag}" for tag in tags) or None


def mention_query(handle: str, reposts: bool = False) -> str:
    """Posts mentioning `handle`, the account's own excluded (its threads mention itself),
    and reposts too unless `reposts`."""
    return f"@{handle} -from:{handle}" + ("" if reposts else " -is:retweet")


def movement_plan(loaded: LoadedMovement) -> MovementPlan:
    spec = loaded.spec
    tracked = spec.stats_accounts()
    handles = [a.handle for a in spec.accounts if a.handle]
    return MovementPlan(
        slug=loaded.slug,
        usernames=tuple(_unique([*tracked, *handles])),
        tracked=tuple(tracked),
        hashtag_query=hashtag_query(spec.stats_hashtags()),
        mention_query=mention_query(spec.organization.handle, spec.stats.mention_reposts),
        list_ids=tuple(x.id for x in spec.lists),
    )


def plan_run(movements: list[LoadedMovement], frugality: Frugality | None = None) -> Plan:
    """The X requests of a run over the `movements` that read X: users batched by 100."""
    frugality = frugality or Frugality()
    plans = tuple(movement_plan(m) for m in movements if "x" in m.spec.networks())
    usernames = _unique([u for p in plans for u in p.usernames])
    users = [
        Request("users", ",".join(usernames[i : i + USERS_PER_REQUEST]))
        for i in range(0, len(usernames), USERS_PER_REQUEST)
    ]
    requests = [*users, *(r for p in plans for r in p.requests(users, frugality))]
    return Plan(movements=plans, requests=tuple(dict.fromkeys(requests)))


def steady_daily_cost_usd(plan: Plan) -> float:
    """The most a day costs once every list's members are held and fresh: what a daily run
    pays on the six days a week its lists' members are not read again."""
    members = sum(
        cost_usd(r.most_resources())
        for r in plan.requests
        if r.kind == "list-members" and not r.condition
    )
    return plan.most_cost_usd() - members


def monthly_estimate_usd(plan: Plan, frugality: Frugality) -> float:
    """What 30 daily runs cost at most when nothing changes: each list's members read again
    once per `members_max_age`, the other conditional requests never needed."""
    members = sum(cost_usd(r.most_resources()) for r in plan.requests if r.kind == "list-members")
    every = max(frugality.members_max_age / dt.timedelta(days=1), 1.0)
    return 30 * steady_daily_cost_usd(plan) + members * 30 / every


def _unique(handles: list[str]) -> list[str]:
    """`handles` without repeats (X usernames ignore case), first spelling kept."""
    first: dict[str, str] = {}
    for handle in handles:
        first.setdefault(handle.casefold(), handle)
    return list(first.values())
