"""What `portevoix snapshot` prints and which clients it builds: the command's thin edge.

`dry_run_lines` is pure: the requests of each network with their cost, the day's upper bound
on X, what requests made only when needed can add, and a month's estimate. `real_apis`
builds the clients from the environment, the only place secrets are read.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.movement import LoadedMovement
from generator.movement.schema_accounts import NETWORK_NAMES
from generator.snapshot.api import MissingTokenError, token_from_environment
from generator.snapshot.networks import NetworkPlan
from generator.snapshot.plan import cost_usd, monthly_estimate_usd, steady_daily_cost_usd
from generator.snapshot.run import Apis, RunPlan

PLANNING = object()
"""Stands for a client in a dry run: the network is planned, nothing can be asked."""


def planning_apis(networks: Sequence[str], logged_in_bluesky: bool) -> Apis:
    """Stand-ins for the clients of `networks` (all three when empty)."""
    chosen = set(networks or ("x", "bluesky", "mastodon"))
    return Apis(
        x=PLANNING if "x" in chosen else None,
        bluesky=PLANNING if "bluesky" in chosen else None,
        mastodon=PLANNING if "mastodon" in chosen else None,
        bluesky_logged_in=logged_in_bluesky,
    )


def dry_run_lines(plan: RunPlan) -> list[str]:
    """Each request and its cost, then each network's totals."""
    lines = []
    for request in plan.x.requests:
        most = cost_usd(request.most_resources())
        lines.append(f"{request.describe()} (≤ US${most:.3f})")
    for network_plan in (plan.bluesky, plan.mastodon):
        lines += [f"{r.describe()} (free)" for r in network_plan.requests]
    x = plan.x
    if x.requests:
        lines.append(
            f"X: {len(x.requests)} request(s), at most US${x.most_cost_usd():.3f} today, "
            f"US${steady_daily_cost_usd(x):.3f} on a day whose lists' members are held and "
            f"fresh; those made only when needed add at most "
            f"US${x.most_conditional_cost_usd():.3f}; about "
            f"US${monthly_estimate_usd(x, plan.frugality):.2f} a month at most when nothing "
            "changes (30 daily runs, each list's members read again weekly)."
        )
    lines += [_free_total(p) for p in (plan.bluesky, plan.mastodon) if p.requests]
    lines.append("Dry run: nothing was requested.")
    return lines


def _free_total(plan: NetworkPlan) -> str:
    name = NETWORK_NAMES.get(plan.network, plan.network)
    return f"{name}: {len(plan.requests)} request(s), US$0 (public API, free)."


def real_apis(
    movements: Sequence[LoadedMovement], networks: Sequence[str], warnings: list[str]
) -> Apis:
    """The clients of a real run on `networks` (all three when empty). Without X's token, X
    is left out with a warning when another network has something to read; a run with
    nothing but X needs the token (exit 2)."""
    from generator.snapshot import bluesky_api, mastodon

    chosen = set(networks or ("x", "bluesky", "mastodon"))
    named = {n for m in movements for n in m.spec.networks()} & chosen
    login = bluesky_api.credentials_from_environment() if "bluesky" in named else None
    apis = Apis(
        bluesky=bluesky_api.HttpBluesky(login=login) if "bluesky" in named else None,
        mastodon=mastodon.HttpMastodon() if "mastodon" in named else None,
        bluesky_logged_in=login is not None,
    )
    if "x" not in named:
        return apis
    try:
        token = token_from_environment()
    except MissingTokenError as error:
        if apis.bluesky is None and apis.mastodon is None:
            raise
        warnings.append(f"X left out of this run: {error.message.split(':')[0]}")
        return apis
    from generator.snapshot.client import TweepyApi

    return Apis(
        x=TweepyApi(token),
        bluesky=apis.bluesky,
        mastodon=apis.mastodon,
        bluesky_logged_in=apis.bluesky_logged_in,
    )
