"""What the Bluesky and Mastodon modules share: a plan of free requests, and each movement's
share of a run's errors.

Each network module (`bluesky`, `mastodon`) has the same three pure-or-thin steps, which the
run calls in order: `plan(movements, …) -> NetworkPlan` (no I/O: also what `--dry-run`
prints), `read(plan, talk) -> results` (every request through the `Conversation`, which
retries, waits and records), and `figures(plan, results, talk, slug) -> …Figures | None`
(one movement's part of the snapshot, None when nothing of it was read).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.snapshot.conversation import Conversation
from generator.snapshot.plan import Request
from generator.snapshot.records import RequestError


@dataclass(frozen=True)
class NetworkPlan:
    """A network's requests for a run, each once, and what each movement asks of it."""

    network: str
    requests: tuple[Request, ...]
    wanted: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    """Movement slug → (request kind, casefolded target) of everything it asks about."""


def unique_requests(requests: Iterable[Request]) -> tuple[Request, ...]:
    """`requests` in order, each once."""
    return tuple(dict.fromkeys(requests))


def movement_errors(
    plan: NetworkPlan, talk: Conversation, slug: str
) -> tuple[list[RequestError], bool]:
    """The errors of the run that concern movement `slug`, and whether its part is partial."""
    wanted = plan.wanted.get(slug, frozenset())
    errors = [e for e in talk.errors if (e.request, e.target.casefold()) in wanted]
    partial = any((e.request, e.target.casefold()) in talk.unanswered for e in errors)
    ordered = sorted(errors, key=lambda e: (e.request, e.target.casefold(), e.message))
    return ordered, partial
