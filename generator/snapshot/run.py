"""`portevoix snapshot`: make each planned request once, within bounded waits, then write.

Faults follow one rule, nothing lost and nothing leaked: a refused token or exhausted credits
stop the run before anything is written; a missing user or list is recorded and the rest goes
on; rate limits are waited out only within `max_wait`, X's own failures are retried a bounded
number of times, and whatever was read by then is saved, marked partial.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from generator.errors import PorteVoixError
from generator.movement import LoadedMovement
from generator.snapshot import payloads
from generator.snapshot.api import (
    AccessRefused,
    ApiError,
    MalformedResponse,
    NotFound,
    Payload,
    RateLimited,
    TransientError,
    XApi,
)
from generator.snapshot.client import TOKEN_VARIABLE
from generator.snapshot.format import (
    Account,
    Counts,
    ListRecord,
    Post,
    RequestError,
    Snapshot,
    UserRef,
)
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

Clock = Callable[[], float]
Sleep = Callable[[float], None]
Progress = Callable[[str], None]
T = TypeVar("T")

DEFAULT_MAX_WAIT = 300.0
RATE_LIMIT_FALLBACK_WAIT = 60.0
"""How long to wait on a 429 that does not say when the limit resets."""

ACCESS_HELP = {
    401: "X did not accept the token (401 Unauthorized): check that "
    f"{TOKEN_VARIABLE} holds your X app's bearer token, not its API key or an access token, "
    "and that it was not regenerated since",
    402: "X refused the request for lack of credits (402 Payment Required): add credits to "
    "your X developer account, then run again",
    403: "X refused access (403 Forbidden): check in the X developer console that the app "
    "belongs to a project whose access includes users, posts, counts and lists",
}


class SnapshotError(PorteVoixError):
    """The run could not produce a snapshot; nothing was written."""


@dataclass(frozen=True)
class SnapshotOptions:
    """How patient a run is with X."""

    max_wait: float = DEFAULT_MAX_WAIT
    """Seconds the whole run may spend waiting for rate limits to reset."""
    retries: int = 3
    """Extra tries of a request after a 5xx, a timeout or a lost connection."""
    backoff: float = 2.0
    """Seconds before the first retry; each next one waits twice as long."""


@dataclass(frozen=True)
class Made:
    """A request X answered, and the resources it billed."""

    request: Request
    resources: dict[str, int]


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


@dataclass
class Results:
    """Everything a run read, keyed so each movement can take its share."""

    accounts: dict[str, Account] = field(default_factory=dict)
    posts: dict[str, list[Post]] = field(default_factory=dict)
    counts: dict[str, Counts] = field(default_factory=dict)
    lists: dict[str, ListRecord] = field(default_factory=dict)
    list_posts: dict[str, tuple[list[Post], list[UserRef]]] = field(default_factory=dict)
    list_members: dict[str, list[UserRef]] = field(default_factory=dict)
    errors: list[RequestError] = field(default_factory=list)
    unanswered: set[tuple[str, str]] = field(default_factory=set)
    """(request kind, casefolded target) of requests that got no usable answer."""


class _Conversation:
    """One run's requests to X: each made once, retried and waited for within bounds."""

    def __init__(
        self, api: XApi, clock: Clock, sleep: Sleep, options: SnapshotOptions, say: Progress
    ) -> None:
        self.api, self.clock, self.sleep, self.options, self.say = api, clock, sleep, options, say
        self.results = Results()
        self.made: list[Made] = []
        self.waited = 0.0
        self.stop_reason: str | None = None

    def ask(
        self, request: Request, call: Callable[[], Payload], parse: Callable[[Payload], T]
    ) -> T | None:
        """`parse` of X's answer to `request`, or None with the reason recorded."""
        return self._parse(request, self._answer(request, call), parse)

    def _parse(
        self, request: Request, payload: Payload | None, parse: Callable[[Payload], T]
    ) -> T | None:
        if payload is None:
            return None
        self.made.append(Made(request, billed_resources(request, payload)))
        try:
            for entry in payloads.payload_errors(payload):
                self._record_entry(request, entry)
            if "data" not in payload and payload.get("errors"):
                return None
            return parse(payload)
        except MalformedResponse as error:
            self._record(request, None, str(error), answered=False)
            return None

    def _answer(self, request: Request, call: Callable[[], Payload]) -> Payload | None:
        if self.stop_reason is not None:
            self._record(request, None, f"not requested: {self.stop_reason}", answered=False)
            return None
        failures = 0
        while True:
            try:
                return call()
            except RateLimited as error:
                wait = self._rate_limit_wait(error)
                if wait is None:
                    self._record(request, 429, self.stop_reason or "", answered=False)
                    return None
                self.say(f"X's rate limit: waiting {wait:.0f} s before {request.describe()}")
                self.sleep(wait)
                self.waited += wait
            except TransientError as error:
                failures += 1
                if failures > self.options.retries:
                    message = f"{error} (gave up after {failures} tries)"
                    self._record(request, error.status, message, answered=False)
                    return None
                delay = self.options.backoff * 2 ** (failures - 1)
                self.say(f"{error}; trying again in {delay:.0f} s: {request.describe()}")
                self.sleep(delay)
            except AccessRefused as error:
                raise access_error(error) from None
            except NotFound as error:
                self._record(request, 404, str(error), answered=True)
                return None
            except ApiError as error:
                self._record(request, error.status, str(error), answered=False)
                return None

    def _rate_limit_wait(self, error: RateLimited) -> float | None:
        """Seconds until the limit resets, or None (and the run stops) if past `max_wait`."""
        now = self.clock()
        if error.reset_at is None:
            wait = RATE_LIMIT_FALLBACK_WAIT
        else:
            wait = max(1.0, error.reset_at - now + 1)
        if self.waited + wait <= self.options.max_wait:
            return wait
        reset = dt.datetime.fromtimestamp(now + wait, dt.UTC).strftime("%H:%M:%S UTC")
        self.stop_reason = (
            f"X's rate limit was reached and resets at {reset}, past the --max-wait of "
            f"{self.options.max_wait:.0f} s; run again later or give a longer --max-wait"
        )
        return None

    def _record(self, request: Request, status: int | None, message: str, answered: bool) -> None:
        for target in request.usernames or [request.target]:
            self.results.errors.append(
                RequestError(request=request.kind, target=target, status=status, message=message)
            )
            if not answered:
                self.results.unanswered.add((request.kind, target.casefold()))

    def _record_entry(self, request: Request, entry: dict[str, object]) -> None:
        """An `errors` entry of a 200 answer: one user or list X could not return."""
        target = entry.get("value") or entry.get("resource_id") or request.target
        message = entry.get("detail") or entry.get("title") or "X returned an error"
        self.results.errors.append(
            RequestError(request=request.kind, target=str(target), message=str(message))
        )


def billed_resources(request: Request, payload: Payload) -> dict[str, int]:
    """The users, posts and lists X bills for `payload`, its answer to `request`."""
    data = payload.get("data")
    returned = len(data) if isinstance(data, list) else int(bool(data))
    includes = payload.get("includes")
    included = len(includes.get("users") or []) if isinstance(includes, dict) else 0
    match request.kind:
        case "users" | "list-members":
            return {"user": returned}
        case "posts":
            return {"post": returned}
        case "hashtag-counts" | "mention-counts":
            return {"counts": 1}
        case "list":
            return {"list": returned, "user": included}
        case "list-posts":
            return {"post": returned, "user": included}


def access_error(error: AccessRefused) -> SnapshotError:
    """The sentence for a refused token, app or account: no further request can succeed."""
    help_text = ACCESS_HELP.get(error.status or 0, f"X refused access ({error.status})")
    return SnapshotError(
        f"{help_text}. X said: {error}. Nothing was written; earlier snapshots are untouched."
    )


def fetch_plan(plan: Plan, talk: _Conversation) -> Results:
    """Make the plan's requests in order; posts need the ids the users requests return."""
    for request in plan.requests:
        _fetch(request, talk)
    return talk.results


def _fetch(request: Request, talk: _Conversation) -> None:
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
    options: SnapshotOptions = SnapshotOptions(),
    clock: Clock = time.time,
    sleep: Sleep = time.sleep,
    say: Progress = lambda _: None,
) -> RunReport:
    """Read every movement's figures from X and write one snapshot file per movement."""
    fetched_at = dt.datetime.fromtimestamp(int(clock()), dt.UTC)
    plan = plan_run(movements)
    talk = _Conversation(api, clock, sleep, options, say)
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
