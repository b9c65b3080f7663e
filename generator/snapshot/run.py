"""`portevoix snapshot`: read each network in turn, then write one file per movement.

Faults follow one rule, nothing lost and nothing leaked. Each network's errors stay in its
own part of the snapshot and never cost the others their data. On X a refused token, spent
credits or a spent monthly cap stop X at once: nothing of X's is written, the other networks'
figures are, and the command exits 2 with the sentence that says what to fix. A run whose
upper bound on X passes `--budget` sends no request at all.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.movement import LoadedMovement
from generator.snapshot import bluesky, mastodon
from generator.snapshot.conversation import (
    Clock,
    Conversation,
    Made,
    Progress,
    Sleep,
    SnapshotError,
    SnapshotOptions,
)
from generator.snapshot.format import Snapshot, XFigures, has_figures
from generator.snapshot.networks import NetworkPlan
from generator.snapshot.plan import Frugality, Plan, cost_usd, plan_run
from generator.snapshot.store import carried_lists, same_day_x, write_snapshot
from generator.snapshot.x_read import Carried, Spending, XRun, assemble_x, read_x

__all__ = [
    "Apis",
    "RunPlan",
    "RunReport",
    "SnapshotError",
    "SnapshotOptions",
    "plan_snapshots",
    "take_snapshots",
]

DEFAULT_OPTIONS = SnapshotOptions()


@dataclass(frozen=True)
class Apis:
    """The client of each network a run may read; None leaves that network out."""

    x: Any = None
    bluesky: Any = None
    mastodon: Any = None
    bluesky_logged_in: bool = False


@dataclass(frozen=True)
class RunPlan:
    """Every request of a run, by network, before any is made (what `--dry-run` prints)."""

    x: Plan
    frugality: Frugality
    carried: Carried
    bluesky: NetworkPlan
    mastodon: NetworkPlan


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


def plan_snapshots(
    movements: Sequence[LoadedMovement],
    options: SnapshotOptions,
    now: dt.datetime,
    apis: Apis,
) -> RunPlan:
    """The run's requests on every network it can read; reads earlier snapshots, asks nothing."""
    carried = Carried({k: v for m in movements for k, v in carried_lists(m.folder).items()})
    frugality = Frugality(
        known_lists=carried.known(),
        now=now,
        members_max_age=dt.timedelta(days=options.members_max_age_days),
    )
    chosen = list(movements)
    return RunPlan(
        x=plan_run(chosen, frugality) if apis.x is not None else Plan((), ()),
        frugality=frugality,
        carried=carried,
        bluesky=bluesky.plan(chosen, apis.bluesky_logged_in)
        if apis.bluesky is not None
        else NetworkPlan("bluesky", ()),
        mastodon=mastodon.plan(chosen)
        if apis.mastodon is not None
        else NetworkPlan("mastodon", ()),
    )


def check_budget(plan: Plan, options: SnapshotOptions) -> None:
    """Refuse, before any request, a run whose upper bound on X passes the budget."""
    most = plan.most_cost_usd()
    if options.budget_usd is not None and most > options.budget_usd + 1e-9:
        raise SnapshotError(
            f"this run could cost up to US${most:.3f} on X, more than the --budget of "
            f"US${options.budget_usd:.2f}: nothing was requested. `portevoix snapshot "
            "--dry-run` lists the requests; raise --budget or track fewer accounts or lists"
        )


def take_snapshots(
    movements: list[LoadedMovement],
    apis: Apis,
    options: SnapshotOptions = DEFAULT_OPTIONS,
    clock: Clock = time.time,
    sleep: Sleep = time.sleep,
    say: Progress = lambda _: None,
) -> RunReport:
    """Read every movement's figures from each network and write one file per movement."""
    fetched_at = dt.datetime.fromtimestamp(int(clock()), dt.UTC)
    plan = plan_snapshots(movements, options, fetched_at, apis)
    check_budget(plan.x, options)
    report = RunReport()
    x_run, x_stop = _read_x(plan, apis, options, (clock, sleep, say), fetched_at, report)
    talks = {}
    for name, network_plan, module, api in (
        ("bluesky", plan.bluesky, bluesky, apis.bluesky),
        ("mastodon", plan.mastodon, mastodon, apis.mastodon),
    ):
        if api is None or not network_plan.requests:
            continue
        talk = Conversation(api, clock, sleep, options, say, network=name)
        talks[name] = (talk, module.read(network_plan, talk), network_plan, module)
        report.made += talk.made
        report.warnings += [f"{name} {e.request} {e.target}: {e.message}" for e in talk.errors]
    snapshots = {}
    for loaded in movements:
        x = _x_part(plan.x, x_run, loaded.slug) if x_stop is None else None
        parts = {
            name: module.figures(network_plan, results, talk, loaded.slug)
            for name, (talk, results, network_plan, module) in talks.items()
        }
        fresh = (x, *parts.values())
        if x_stop is not None:
            x = same_day_x(loaded, fetched_at)  # X refused this run: keep what it gave today
        if any(has_figures(part) for part in fresh):
            snapshots[loaded.slug] = Snapshot(
                movement=loaded.slug, fetched_at=fetched_at, source="networks", x=x, **parts
            )
    _write(movements, snapshots, report)
    _raise_if_failed(x_stop, snapshots, report)
    return report


def _read_x(
    plan: RunPlan,
    apis: Apis,
    options: SnapshotOptions,
    time_: tuple[Clock, Sleep, Progress],
    fetched_at: dt.datetime,
    report: RunReport,
) -> tuple[XRun | None, SnapshotError | None]:
    """X's requests; a refusal no later request can get past stops X alone."""
    if apis.x is None or not plan.x.requests:
        return None, None
    clock, sleep, say = time_
    talk = Conversation(apis.x, clock, sleep, options, say)
    run = XRun(talk, plan.carried, Spending(options.budget_usd, plan.x.most_cost_usd()))
    stop = None
    try:
        read_x(plan.x, run, fetched_at)
    except SnapshotError as error:
        stop = error
    report.made += talk.made
    report.warnings += [f"x {e.request} {e.target}: {e.message}" for e in talk.results.errors]
    report.warnings += run.spending.skipped
    return run, stop


def _x_part(plan: Plan, run: XRun | None, slug: str) -> XFigures | None:
    if run is None:
        return None
    movement_plan = next((p for p in plan.movements if p.slug == slug), None)
    return assemble_x(movement_plan, run) if movement_plan else None


def _write(
    movements: list[LoadedMovement], snapshots: dict[str, Snapshot], report: RunReport
) -> None:
    for loaded in movements:
        snapshot = snapshots.get(loaded.slug)
        if snapshot is not None:
            report.written.append((write_snapshot(loaded.folder, snapshot), snapshot.partial))


def _raise_if_failed(
    x_stop: SnapshotError | None, snapshots: dict[str, Snapshot], report: RunReport
) -> None:
    """Exit 2 when X refused the run, or when nothing at all was read."""
    if x_stop is not None:
        kept = (
            "Nothing new from X was written; the other "
            "networks' figures were, to " + ", ".join(str(path) for path, _ in report.written)
            if report.written
            else "Nothing was written"
        )
        raise SnapshotError(f"{x_stop.message} {kept}; earlier snapshots are untouched.")
    if not snapshots:
        reasons = "\n".join(report.warnings) or "no request was answered"
        raise SnapshotError(f"nothing was read, so nothing was written:\n{reasons}")
