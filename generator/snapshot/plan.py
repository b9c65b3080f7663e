"""What a snapshot run will ask X for, shared across movements, and what it may cost.

The price table is the one place that knows X's pay-per-use prices (February 2026): X bills
each resource an answer returns (a user, a post, a list) and each counts request, once per
resource and UTC day. Estimates here are upper bounds: they assume every page comes back full
and ignore X's same-day de-duplication.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from generator.movement import LoadedMovement
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

Kind = Literal[
    "users", "posts", "hashtag-counts", "mention-counts", "list", "list-posts", "list-members"
]


@dataclass(frozen=True)
class Request:
    """One request of a run; equal requests are made once, whatever movements share them."""

    kind: Kind
    target: str
    """The username, list id or query it is about; for `users`, the usernames joined by ','."""

    @property
    def usernames(self) -> list[str]:
        return self.target.split(",") if self.kind == "users" else []

    def describe(self) -> str:
        """The endpoint and what it reads, for `--dry-run` and the run's report."""
        match self.kind:
            case "users":
                return f"GET /2/users/by: {len(self.usernames)} account(s): {self.target.replace(',', ', ')}"
            case "posts":
                return f"GET /2/users/:id/tweets: @{self.target}'s latest {POSTS_PER_ACCOUNT} posts"
            case "hashtag-counts" | "mention-counts":
                return f"GET /2/tweets/counts/recent: posts per day for {self.target}"
            case "list":
                return f"GET /2/lists/{self.target}: name, owner, member and follower counts"
            case "list-posts":
                return (
                    f"GET /2/lists/{self.target}/tweets: latest {POSTS_PER_LIST} posts and authors"
                )
            case "list-members":
                return f"GET /2/lists/{self.target}/members: up to {MEMBERS_PER_LIST} members"

    def most_resources(self) -> dict[str, int]:
        """What the answer can return at most, by billed resource."""
        match self.kind:
            case "users":
                return {"user": len(self.usernames)}
            case "posts":
                return {"post": POSTS_PER_ACCOUNT}
            case "hashtag-counts" | "mention-counts":
                return {"counts": 1}
            case "list":
                return {"list": 1, "user": 1}
            case "list-posts":
                return {"post": POSTS_PER_LIST, "user": POSTS_PER_LIST}
            case "list-members":
                return {"user": MEMBERS_PER_LIST}


def cost_usd(resources: dict[str, int]) -> float:
    """The price of `resources` (billed resource → how many) in US dollars."""
    return sum(PRICES_USD[kind] * count for kind, count in resources.items())


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

    def requests(self, users: Iterable[Request]) -> list[Request]:
        """This movement's requests, given the shared users requests of the run."""
        wanted = {u.casefold() for u in self.usernames}
        return [
            *(r for r in users if wanted & {u.casefold() for u in r.usernames}),
            *(Request("posts", handle) for handle in self.tracked),
            *([Request("hashtag-counts", self.hashtag_query)] if self.hashtag_query else []),
            Request("mention-counts", self.mention_query),
            *(
                Request(kind, list_id)
                for list_id in self.list_ids
                for kind in ("list", "list-posts", "list-members")
            ),
        ]


@dataclass(frozen=True)
class Plan:
    """Every request of a run, in the order they are made, and each movement's share."""

    movements: tuple[MovementPlan, ...]
    requests: tuple[Request, ...]

    def most_cost_usd(self) -> float:
        """The most the run can cost."""
        return sum(cost_usd(r.most_resources()) for r in self.requests)


def hashtag_query(tags: list[str]) -> str | None:
    """One search query counting posts with any of `tags`."""
    return " OR ".join(f"#{tag}" for tag in tags) or None


def mention_query(handle: str) -> str:
    """Posts mentioning `handle`, the account's own excluded (its threads mention itself)."""
    return f"@{handle} -from:{handle}"


def movement_plan(loaded: LoadedMovement) -> MovementPlan:
    spec = loaded.spec
    tracked = spec.stats_accounts()
    return MovementPlan(
        slug=loaded.slug,
        usernames=tuple(_unique([*tracked, *(a.handle for a in spec.accounts)])),
        tracked=tuple(tracked),
        hashtag_query=hashtag_query(spec.stats_hashtags()),
        mention_query=mention_query(spec.organization.handle),
        list_ids=tuple(x.id for x in spec.lists),
    )


def plan_run(movements: list[LoadedMovement]) -> Plan:
    """The requests of a run over `movements`: users batched by 100 across movements."""
    plans = tuple(movement_plan(m) for m in movements)
    usernames = _unique([u for p in plans for u in p.usernames])
    users = [
        Request("users", ",".join(usernames[i : i + USERS_PER_REQUEST]))
        for i in range(0, len(usernames), USERS_PER_REQUEST)
    ]
    requests = [*users, *(r for p in plans for r in p.requests(users))]
    return Plan(movements=plans, requests=tuple(dict.fromkeys(requests)))


def _unique(handles: list[str]) -> list[str]:
    """`handles` without repeats (X usernames ignore case), first spelling kept."""
    first: dict[str, str] = {}
    for handle in handles:
        first.setdefault(handle.casefold(), handle)
    return list(first.values())
