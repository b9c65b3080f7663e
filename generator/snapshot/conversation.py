"""One run's conversation with X: each request made once, retried and waited for within bounds.

The policy of `portevoix snapshot` faced with X's faults: a refused token or exhausted credits
stop the run at once (`SnapshotError`); a missing user or list is recorded as answered; a rate
limit is waited out while the run's total wait stays within `max_wait`, then every later
request is skipped; X's own failures (5xx, timeouts) are retried `retries` times with a
doubling backoff. Whatever goes unanswered is recorded, so the snapshot can say it is partial.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from generator.errors import PorteVoixError
from generator.movement.schema_accounts import NETWORK_NAMES
from generator.snapshot import payloads
from generator.snapshot.api import (
    TOKEN_VARIABLE,
    AccessRefused,
    ApiError,
    MalformedResponse,
    NotFound,
    Payload,
    RateLimited,
    TransientError,
    UsageCapped,
)
from generator.snapshot.format import Account, Counts, ListRecord, Post, RequestError, UserRef
from generator.snapshot.plan import Request

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
    429: "X refused the request because the app's monthly usage cap is spent (429 "
    "UsageCapExceeded): waiting does not help; raise the cap or wait for the next month in the "
    "X developer console (Usage), then run again",
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
    budget_usd: float | None = None
    """The most the run may cost on X: a run whose upper bound is higher is not started,
    and requests made only when needed are made only while it still covers them."""
    members_max_age_days: int = 7
    """An X List's members are read again once they are this many days old."""


@dataclass(frozen=True)
class Made:
    """A request X answered, and the resources it billed."""

    request: Request
    resources: dict[str, int]


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


class Conversation:
    """One run's requests to one network: each made once, retried and waited for within bounds.

    On X a refused token, app or account (401, 402, 403, a spent usage cap) stops the run:
    no later request can succeed and each would be billed. On Bluesky and Mastodon the same
    statuses mean this one endpoint or server is not public: recorded, and the run goes on.
    """

    def __init__(
        self,
        api: Any,
        clock: Clock,
        sleep: Sleep,
        options: SnapshotOptions,
        say: Progress,
        network: str = "x",
    ) -> None:
        self.api, self.clock, self.sleep, self.options, self.say = api, clock, sleep, options, say
        self.network = network
        self.name = NETWORK_NAMES.get(network, network)
        self.results = Results()
        self.made: list[Made] = []
        self.waited = 0.0
        self.stop_reason: str | None = None
        self.errors: list[RequestError] = []
        """What went unanswered on networks other than X (X's are in `results`)."""
        self.unanswered: set[tuple[str, str]] = set()

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
        if self.network != "x":
            self.made.append(Made(request, {}))
            try:
                return parse(payload)
            except MalformedResponse as error:
                self._record(request, None, str(error), answered=False)
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
                self.say(
                    f"{self.name}'s rate limit: waiting {wait:.0f} s before {request.describe()}"
                )
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
                if self.network == "x":
                    raise access_error(error) from None
                self._record(request, error.status, str(error), answered=True)
                return None
            except NotFound as error:
                self._record(request, error.status or 404, str(error), answered=True)
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
            f"{self.name}'s rate limit was reached and resets at {reset}, past the --max-wait of "
            f"{self.options.max_wait:.0f} s; run again later or give a longer --max-wait"
        )
        return None

    def _record(self, request: Request, status: int | None, message: str, answered: bool) -> None:
        errors = self.results.errors if self.network == "x" else self.errors
        unanswered = self.results.unanswered if self.network == "x" else self.unanswered
        for target in request.targets:
            errors.append(
                RequestError(request=request.kind, target=target, status=status, message=message)
            )
            if not answered:
                unanswered.add((request.kind, target.casefold()))

    def _record_entry(self, request: Request, entry: dict[str, object]) -> None:
        """An `errors` entry of a 200 answer: one user or list X could not return.

        In a users batch the entry names the username (`value`); in any other request it is
        about the request's own target, whatever id X quotes (a protected or suspended
        account's posts are refused under its user id), so it reaches that movement.
        """
        target = entry.get("value") if request.kind == "users" else request.target
        message = entry.get("detail") or entry.get("title") or "X returned an error"
        self.results.errors.append(
            RequestError(
                request=request.kind, target=str(target or request.target), message=str(message)
            )
        )


def billed_resources(request: Request, payload: Payload) -> dict[str, int]:
    """The users, posts and lists X bills for `payload`, its answer to `request`."""
    data = payload.get("data")
    returned = len(data) if isinstance(data, list) else int(bool(data))
    includes = payload.get("includes")
    included = len(includes.get("users") or []) if isinstance(includes, dict) else 0
    match request.kind:
        case "users" | "users-by-id" | "list-members":
            return {"user": returned}
        case "posts":
            return {"post": returned}
        case "hashtag-counts" | "mention-counts":
            return {"counts": 1}
        case "list":
            return {"list": returned, "user": included}
        case "list-posts":
            return {"post": returned, "user": included}
    return {}


def access_error(error: AccessRefused) -> SnapshotError:
    """The sentence for a refused token, app or account: no further request can succeed."""
    status = 429 if isinstance(error, UsageCapped) else error.status or 0
    help_text = ACCESS_HELP.get(status, f"X refused access ({error.status})")
    return SnapshotError(f"{help_text}. X said: {str(error).rstrip('.')}.")
