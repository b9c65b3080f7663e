"""What a run plans before asking anything: networks read, X's queries, frugal conditions, costs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.movement import discover_movements, load_movements
from generator.snapshot.plan import (
    Frugality,
    KnownList,
    monthly_estimate_usd,
    plan_run,
    steady_daily_cost_usd,
)
from tests.support import make_project

BASE = """\
name: Vélo
tagline: Des pistes protégées.
organization: {{name: Coalition, handle: DemoVeloSur, url: https://example.org/{org}}}
hashtags: [{{tag: VéloSûr, primary: true}}]
lists: [{{id: "17", name: Alliés}}]
{extra}"""
NOW = dt.datetime(2026, 11, 18, 6, tzinfo=dt.UTC)


def movements(tmp_path: Path, org: str = "", extra: str = ""):
    project = make_project(tmp_path, {"velo": BASE.format(org=org, extra=extra)})
    return load_movements(discover_movements(project / "movements"))


def test_mentions_leave_reposts_out_unless_the_file_counts_them(tmp_path: Path) -> None:
    (plain,) = plan_run(movements(tmp_path / "a")).movements
    assert plain.mention_query == "@DemoVeloSur -from:DemoVeloSur -is:retweet"
    (counted,) = plan_run(
        movements(tmp_path / "b", extra="stats: {mention_reposts: true}\n")
    ).movements
    assert counted.mention_query == "@DemoVeloSur -from:DemoVeloSur"


@pytest.mark.parametrize(
    ("org", "extra", "networks"),
    [
        ("", "", ["x"]),
        (", bluesky: velo.bsky.social", "", ["x", "bluesky"]),
        (", mastodon: '@velo@mastodon.social'", "", ["x", "mastodon"]),
        ("", "accounts: [{mastodon: '@a@b.example'}]\n", ["x", "mastodon"]),
        (
            "",
            "bluesky_lists: [{url: 'https://bsky.app/starter-pack/a.bsky.social/3k', name: P}]\n",
            ["x", "bluesky"],
        ),
        (", bluesky: velo.bsky.social", "stats: {networks: [bluesky]}\n", ["bluesky"]),
    ],
    ids=["x-only", "org-bluesky", "org-mastodon", "account-mastodon", "bluesky-list", "chosen"],
)
def test_a_movement_reads_the_networks_its_file_names(
    tmp_path: Path, org: str, extra: str, networks: list[str]
) -> None:
    (loaded,) = movements(tmp_path, org, extra)
    assert loaded.spec.networks() == networks
    # A movement that does not read X asks X nothing.
    assert bool(plan_run([loaded]).requests) == ("x" in networks)


def test_list_members_are_read_when_unknown_stale_or_else_only_if_their_count_changed(
    tmp_path: Path,
) -> None:
    loaded = movements(tmp_path)

    def members(read_days_ago: float | None, max_age: int = 7) -> str:
        known = (
            {}
            if read_days_ago is None
            else {"17": KnownList(4, NOW - dt.timedelta(days=read_days_ago))}
        )
        frugal = Frugality(known, NOW, dt.timedelta(days=max_age))
        (request,) = [r for r in plan_run(loaded, frugal).requests if r.kind == "list-members"]
        return request.condition

    assert members(None) == ""  # never read: always
    assert members(7) == "" and members(30) == ""  # a week old or more: read again
    assert members(2) == "if its member count changed since 2026-11-16"
    assert members(2, max_age=1) == ""


def test_costs_the_steady_day_and_the_month(tmp_path: Path) -> None:
    loaded = movements(tmp_path)
    stale = Frugality({}, NOW)
    fresh = Frugality({"17": KnownList(4, NOW - dt.timedelta(days=1))}, NOW)
    today, steady = plan_run(loaded, stale), plan_run(loaded, fresh)
    # users/by 1 account, 10 posts, 2 counts, list, 10 list posts (+ 100 members when stale)
    base = 0.010 + 0.050 + 0.005 + 0.005 + 0.005 + 0.050
    assert today.most_cost_usd() == pytest.approx(base + 1.0)
    assert steady.most_cost_usd() == pytest.approx(base)
    assert steady_daily_cost_usd(today) == pytest.approx(base)
    # Only when needed: the members' re-read (fresh) and the unknown authors (up to 10 users).
    assert steady.most_conditional_cost_usd() == pytest.approx(1.0 + 0.1)
    # 30 steady days, and the members read again every 7 days.
    assert monthly_estimate_usd(today, stale) == pytest.approx(30 * base + 30 / 7)


TARGETS = """\
targets:
  - id: council
    name: Conseil
    people:
      - {name: Léa, role: Conseillère, handle: LeaConseil, bluesky: lea.bsky.social,
         mastodon: "@lea@piaille.fr"}
"""


@pytest.mark.parametrize("read", [False, True], ids=["off", "on"])
def test_targets_profiles_are_read_on_the_free_networks_only_when_asked(
    tmp_path: Path, read: bool
) -> None:
    from generator.snapshot import bluesky_plan, mastodon

    extra = TARGETS + ("stats: {targets: true}\n" if read else "")
    (loaded,) = movements(tmp_path, ", bluesky: velo.bsky.social", extra)
    bluesky = [r.target for r in bluesky_plan.plan([loaded], False).requests]
    lookups = [r.target for r in mastodon.plan([loaded]).requests if r.kind == "lookup"]
    assert any("lea.bsky.social" in target for target in bluesky) is read
    assert ("lea@piaille.fr" in lookups) is read
    # Never on X, whose reads are paid: no request names the target's X username.
    x_requests = [r.describe() for r in plan_run([loaded]).requests]
    assert x_requests and not any("LeaConseil" in line for line in x_requests)
