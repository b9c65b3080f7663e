"""X's share of a run: make the plan's requests in order, frugally, and give each movement
its `XFigures`.

Frugal means paying X only for what the run does not already hold: a list's members are
carried from the latest snapshot while its member count is unchanged and they are less than
a week old, and list posts' authors are looked up only when neither the list's members nor
the run's accounts name them. A request made only when needed is made only while the run's
`--budget` still covers its upper bound (`Spending`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeVar

from generator.snapshot import payloads
from generator.snapshot.conversation import Conversation, Results
from generator.snapshot.format import ListRecord, Post, RequestError, UserRef, XFigures
from generator.snapshot.plan import (
    MEMBERS_PER_LIST,
    POSTS_PER_ACCOUNT,
    POSTS_PER_LIST,
    KnownList,
    MovementPlan,
    Plan,
    Request,
    cost_usd,
)

T = TypeVar("T")


@dataclass
class Spending:
    """What a run may still spend on requests made only when needed (None: no budget)."""

    budget_usd: float | None
    committed_usd: float
    """The upper bound of the requests always made, held against the budget first."""
    skipped: list[str] = field(default_factory=list)

    def allows(self, request: Request) -> bool:
        """Whether `request` fits in what is left; if it does, its upper bound is held."""
        most = cost_usd(request.most_resources())
        if self.budget_usd is not None and self.committed_usd + most > self.budget_usd + 1e-9:
            self.skipped.append(
                f"{request.describe()}: not made, its US${most:.3f} would pass the "
                f"--budget of US${self.budget_usd:.2f}"
            )
            return False
        self.committed_usd += most
        return True


@dataclass
class Carried:
    """What earlier snapshots hold that the run may reuse: list members, by list id."""

    lists: dict[str, ListRecord] = field(default_factory=dict)

    def known(self) -> dict[str, KnownList]:
        return {
            list_id: KnownList(record.member_count, record.members_read_at)
            for list_id, record in self.lists.items()
            if record.members_read_at is not None
        }


@dataclass
class XRun:
    """One run's conversation with X and what it may reuse and spend."""

    talk: Conversation
    carried: Carried
    spending: Spending
    members_read_at: dict[str, dt.datetime] = field(default_factory=dict)


def read_x(plan: Plan, run: XRun, fetched_at: dt.datetime) -> Results:
    """Make the plan's requests in order; posts need the ids the users requests return."""
    for request in plan.requests:
        _fetch(request, run, fetched_at)
    return run.talk.results


def _fetch(request: Request, run: XRun, fetched_at: dt.datetime) -> None:
    talk, target = run.talk, request.target
    api, results = talk.api, talk.results
    match request.kind:
        case "users":
            users = talk.ask(
                request, lambda: api.get_users(request.usernames), payloads.parse_users
            )
            results.accounts.update({a.username.casefold(): a for a in users or []})
        case "posts":
            account = results.accounts.get(target.casefold())
            if account is None:
                return  # the users request recorded why
            user_id = account.id
            posts = talk.ask(
                request,
                lambda: api.get_user_posts(user_id, POSTS_PER_ACCOUNT),
                payloads.parse_posts,
            )
            _keep(results.posts, target.casefold(), posts)
        case "hashtag-counts" | "mention-counts":
            counts = talk.ask(
                request,
                lambda: api.get_recent_counts(target),
                lambda payload: payloads.parse_counts(payload, target),
            )
            _keep(results.counts, target, counts)
        case "list":
            _keep(
                results.lists,
                target,
                talk.ask(request, lambda: api.get_list(target), payloads.parse_list),
            )
        case "list-members":
            _fetch_members(request, run, fetched_at)
        case "list-posts":
            posts = talk.ask(
                request, lambda: api.get_list_posts(target, POSTS_PER_LIST), payloads.parse_posts
            )
            if posts is not None:
                results.list_posts[target] = (posts, [])
        case "users-by-id":
            _fetch_authors(request, run)


def _fetch_members(request: Request, run: XRun, fetched_at: dt.datetime) -> None:
    """Read a list's members, unless the ones carried are still good (see the module)."""
    talk, list_id = run.talk, request.target
    carried = run.carried.lists.get(list_id)
    now = talk.results.lists.get(list_id)
    if request.condition and carried is not None:
        unchanged = now is None or now.member_count == carried.member_count
        if unchanged or not run.spending.allows(request):
            return  # `assemble` keeps the carried members
    members = talk.ask(
        request,
        lambda: talk.api.get_list_members(list_id, MEMBERS_PER_LIST),
        payloads.parse_members,
    )
    if members is not None:
        talk.results.list_members[list_id] = members
        run.members_read_at[list_id] = fetched_at


def _fetch_authors(request: Request, run: XRun) -> None:
    """Look up the authors of a list's posts that nothing the run holds names."""
    talk, list_id = run.talk, request.target
    posts = talk.results.list_posts.get(list_id, ([], []))[0]
    known = known_users(talk.results, run.carried)
    missing = sorted({p.author_id for p in posts} - set(known))
    if not missing or not run.spending.allows(request):
        return
    found = talk.ask(request, lambda: talk.api.get_users_by_id(missing), payloads.parse_members)
    if found is not None:
        talk.results.list_posts[list_id] = (posts, found)


def known_users(results: Results, carried: Carried) -> dict[str, UserRef]:
    """Every user the run holds, by id: accounts, members read or carried, authors found."""
    users: dict[str, UserRef] = {}
    for record in carried.lists.values():
        users.update({m.id: m for m in record.members})
    for members in results.list_members.values():
        users.update({m.id: m for m in members})
    for _, authors in results.list_posts.values():
        users.update({a.id: a for a in authors})
    for account in results.accounts.values():
        users[account.id] = UserRef(id=account.id, username=account.username, name=account.name)
    return users


def _keep(found: dict[str, T], key: str, answer: T | None) -> None:
    """Keep what a request returned; a failed one was recorded by the conversation."""
    if answer is not None:
        found[key] = answer


def _list_record(list_id: str, run: XRun, users: dict[str, UserRef]) -> ListRecord | None:
    results = run.talk.results
    record = results.lists.get(list_id)
    if record is None:
        return None
    carried = run.carried.lists.get(list_id)
    if list_id in results.list_members:
        members, read_at = results.list_members[list_id], run.members_read_at.get(list_id)
    elif carried is not None:
        members, read_at = list(carried.members), carried.members_read_at
    else:
        members, read_at = [], None
    posts: list[Post] = results.list_posts.get(list_id, ([], []))[0]
    authors = {p.author_id: users[p.author_id] for p in posts if p.author_id in users}
    owner = record.owner or (users.get(record.owner_id) if record.owner_id else None)
    return record.model_copy(
        update={
            "owner": owner,
            "posts": posts,
            "authors": payloads.by_username(list(authors.values()), lambda u: u.username),
            "members": members,
            "members_read_at": read_at,
        }
    )


def assemble_x(plan: MovementPlan, run: XRun) -> XFigures | None:
    """One movement's X figures from the run's results, or None if none of it was read."""
    results = run.talk.results
    accounts = [
        results.accounts[u.casefold()] for u in plan.usernames if u.casefold() in results.accounts
    ]
    posts = [p for handle in plan.tracked for p in results.posts.get(handle.casefold(), [])]
    users = known_users(results, run.carried)
    lists = [r for i in plan.list_ids if (r := _list_record(i, run, users)) is not None]
    hashtags = results.counts.get(plan.hashtag_query or "")
    mentions = results.counts.get(plan.mention_query)
    if not (accounts or posts or lists or hashtags or mentions):
        return None
    targets = _targets(plan)
    errors = [e for e in results.errors if (e.request, e.target.casefold()) in targets]
    return XFigures(
        partial=any((e.request, e.target.casefold()) in results.unanswered for e in errors),
        accounts=payloads.by_username(accounts, lambda a: a.username),
        posts=payloads.newest_first(posts),
        hashtags=hashtags,
        mentions=mentions,
        lists=lists,
        errors=_sorted(errors),
    )


def _sorted(errors: list[RequestError]) -> list[RequestError]:
    return sorted(errors, key=lambda e: (e.request, e.target.casefold(), e.message))


def _targets(plan: MovementPlan) -> set[tuple[str, str]]:
    """(request kind, casefolded target) of everything `plan` asks about."""
    kinds = ("list", "list-posts", "list-members", "users-by-id")
    return {
        *(("users", u.casefold()) for u in plan.usernames),
        *(("posts", u.casefold()) for u in plan.tracked),
        *([("hashtag-counts", plan.hashtag_query.casefold())] if plan.hashtag_query else []),
        ("mention-counts", plan.mention_query.casefold()),
        *((kind, i) for i in plan.list_ids for kind in kinds),
    }
