"""`portevoix snapshot`: make each planned request once, within bounded waits, then write.

Faults follow one rule, nothing lost and nothing leaked: a refused token or exhausted credits
stop the run before anything is written; a missing user or list is recorded and the rest goes
on; rate limits are waited out only within `max_wait`, X's own failures are retried a bounded
number of times (`conversation` holds that policy), and whatever was read by then is saved,
marked partial.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from generator.movement import LoadedMovement
from generator.snapshot import payloads
from generator.snapshot.api import XApi
from generator.snapshot.conversation import (
    Clock,
    Conversation,
    Made,
    Progress,
    Results,
    Sleep,
    SnapshotError,
    SnapshotOptions,
)
from generator.snapshot.format import Snapshot
from generator.snapshot.plan import (
    MEMBERS_PER_LIST,
    POSTS_PER_ACCOUNT,
    POSTS_PER_LIST,
    MovementPlan,
    Plan,
    Request,
    cost_usd,
    plan_run,
)
from generator.snapshot.store import write_snapshot

__all__ = [
    "RunReport",
    "SnapshotError",
    "SnapshotOptions",
    "assemble",
    "fetch_plan",
    "take_snapshots",
]

T = TypeVar("T")
DEFAULT_OPTIONS = SnapshotOptions()


@dataclass
class RunReport:
    """What a run did, for the command line to print."""

    written: list[tuple[Path, bool]] = field(default_factory=list)
    """Each file written, and whether its snapshot is partial."""
    made: list[Made] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def spent_usd(self) -> float:
        return sum(cost_usd(m.resources) for m in self.made)


def fetch_plan(plan: Plan, talk: Conversation) -> Results:
    """Make the plan's requests in order; posts need the ids the users requests return."""
    for request in plan.requests:
        _fetch(request, talk)
    return talk.results


def _fetch(request: Request, talk: Conversation) -> None:
    api, results, target = talk.api, talk.results, request.target
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
            record = talk.ask(request, lambda: api.get_list(target), payloads.parse_list)
            _keep(results.lists, target, record)
        case "list-posts":
            answer = talk.ask(
                request,
                lambda: api.get_list_posts(target, POSTS_PER_LIST),
                lambda payload: (
                    payloads.parse_posts(payload),
                    payloads.parse_included_users(payload),
                ),
            )
            _keep(results.list_posts, target, answer)
        case "list-members":
            members = talk.ask(
                request,
                lambda: api.get_list_members(target, MEMBERS_PER_LIST),
                payloads.parse_members,
            )
            _keep(results.list_members, target, members)


def _keep(found: dict[str, T], key: str, answer: T | None) -> None:
    """Keep what a request returned; a failed one was recorded by the conversation."""
    if answer is not None:
        found[key] = answer


def assemble(plan: MovementPlan, results: Results, fetched_at: dt.datetime) -> Snapshot | None:
    """One movement's snapshot from the run's results, or None if none of it was read."""
    accounts = [
        results.accounts[u.casefold()] for u in plan.usernames if u.casefold() in results.accounts
    ]
    posts = [p for handle in plan.tracked for p in results.posts.get(handle.casefold(), [])]
    lists = [
        results.lists[list_id].model_copy(
            update={
                "posts": results.list_posts.get(list_id, ([], []))[0],
                "authors": results.list_posts.get(list_id, ([], []))[1],
                "members": results.list_members.get(list_id, []),
            }
        )
        for list_id in plan.list_ids
        if list_id in results.lists
    ]
    hashtags = results.counts.get(plan.hashtag_query or "")
    mentions = results.counts.get(plan.mention_query)
    if not (accounts or posts or lists or hashtags or mentions):
        return None
    targets = _targets(plan)
    errors = [e for e in results.errors if (e.request, e.target.casefold()) in targets]
    return Snapshot(
        movement=plan.slug,
        fetched_at=fetched_at,
        source="x-api",
        partial=any((e.request, e.target.casefold()) in results.unanswered for e in errors),
        accounts=payloads.by_username(accounts, lambda a: a.username),
        posts=payloads.newest_first(posts),
        hashtags=hashtags,
        mentions=mentions,
        lists=lists,
        errors=sorted(errors, key=lambda e: (e.request, e.target.casefold(), e.message)),
    )


def _targets(plan: MovementPlan) -> set[tuple[str, str]]:
    """(request kind, casefolded target) of everything `plan` asks about."""
    return {
        *(("users", u.casefold()) for u in plan.usernames),
        *(("posts", u.casefold()) for u in plan.tracked),
        *([("hashtag-counts", plan.hashtag_query.casefold())] if plan.hashtag_query else []),
        ("mention-counts", plan.mention_query.casefold()),
        *((kind, i) for i in plan.list_ids for kind in ("list", "list-posts", "list-members")),
    }


def take_snapshots(
    movements: list[LoadedMovement],
    api: XApi,
    options: SnapshotOptions = DEFAULT_OPTIONS,
    clock: Clock = time.time,
    sleep: Sleep = time.sleep,
    say: Progress = lambda _: None,
) -> RunReport:
    """Read every movement's figures from X and write one snapshot file per movement."""
    fetched_at = dt.datetime.fromtimestamp(int(clock()), dt.UTC)
    plan = plan_run(movements)
    talk = Conversation(api, clock, sleep, options, say)
    results = fetch_plan(plan, talk)
    report = RunReport(made=talk.made)
    report.warnings = [f"{e.request} {e.target}: {e.message}" for e in results.errors]
    snapshots = {
        loaded.slug: assemble(movement_plan, results, fetched_at)
        for loaded, movement_plan in zip(movements, plan.movements, strict=True)
    }
    if not any(snapshots.values()):
        reasons = "\n".join(report.warnings) or "no request was answered"
        raise SnapshotError(f"nothing was read from X, so nothing was written:\n{reasons}")
    for loaded in movements:
        snapshot = snapshots[loaded.slug]
        if snapshot is not None:
            report.written.append((write_snapshot(loaded.folder, snapshot), snapshot.partial))
    return report
