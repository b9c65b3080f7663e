"""Sample histories: seeded and reproducible, plausible, and never for real accounts."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.movement import load_movement
from generator.snapshot.sample import sample_history
from tests.support import REPO, make_project, snapshot_tree

# The command that made the committed demo history (README, "Activity snapshots").
DEMO_SAMPLE = ["sample", "demo", "--until", "2026-11-24", "--days", "64"]


def run(project: Path, *args: str):
    result = CliRunner().invoke(main, [*args, "--project", str(project)])
    assert "Traceback" not in result.output + result.stderr
    return result


def assert_refused(project: Path, slug: str, message: str) -> None:
    result = run(project, "sample", slug, "--until", "2026-11-24")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (project / "movements" / slug / "snapshots").exists()


def test_the_committed_demo_history_is_exactly_what_the_command_makes(tmp_path: Path) -> None:
    project = make_project(tmp_path, examples=True)
    folder = project / "movements" / "demo" / "snapshots"
    (folder / "2026-01-01.json").write_text(
        (folder / "2026-11-24.json").read_text("utf-8").replace("2026-11-24T", "2026-01-01T")
    )
    result = run(project, *DEMO_SAMPLE)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Wrote 64 sample snapshots, 2026-09-22.json to 2026-11-24.json.\n"
    assert snapshot_tree(folder) == snapshot_tree(REPO / "movements" / "demo" / "snapshots")


def test_sample_figures_are_smooth_and_plausible() -> None:
    demo = load_movement(REPO / "movements" / "demo" / "movement.yml")
    history = sample_history(demo, dt.date(2026, 11, 24), 64)
    followers = [s.account("DemoVeloSur").public_metrics.followers_count for s in history]
    steps = [b - a for a, b in itertools.pairwise(followers)]
    assert followers[-1] > followers[0] and max(abs(s) for s in steps) < 25
    assert all(s.source == "sample" and not s.partial for s in history)
    latest = history[-1]
    assert latest.x is not None and latest.bluesky is not None and latest.mastodon is not None
    assert {a.username for a in latest.x.accounts} == {
        a.handle for a in demo.spec.accounts if a.handle
    }
    assert len(latest.x.lists) == 2 and all(lst.members for lst in latest.x.lists)
    assert all(lst.members_read_at == latest.fetched_at for lst in latest.x.lists)
    # Every Bluesky and Mastodon identity of the file has a profile, the tracked ones posts.
    assert {p.handle for p in latest.bluesky.profiles} == set(demo.spec.profiled("bluesky"))
    assert {a.acct for a in latest.mastodon.accounts} == {
        m.lstrip("@") for m in demo.spec.profiled("mastodon")
    }
    assert {p.author_handle for p in latest.bluesky.posts} == {"velosur.belvent.example"}
    assert {p.account for p in latest.mastodon.posts} == {"velosur@social.belvent.example"}
    # Hashtag counts: the 7 whole days before the snapshot's, per tag, on each network.
    week = [latest.day - dt.timedelta(days=n) for n in range(7, 0, -1)]
    for counts in (*latest.bluesky.hashtags, *latest.mastodon.hashtags):
        assert [d.day for d in counts.days] == week
    assert [c.server for c in latest.mastodon.hashtags] == ["social.belvent.example"] * 3
    allies, pack = latest.bluesky.lists
    assert pack.kind == "starter-pack" and pack.joined_count and pack.members and not pack.posts
    assert allies.kind == "list" and len(allies.posts) == 5
    assert {p.author_handle for p in allies.posts} <= {m.handle for m in allies.members}
    assert [p.created_at for p in allies.posts] == sorted(
        (p.created_at for p in allies.posts), reverse=True
    )
    bluesky_followers = [
        next(p for p in s.bluesky.profiles if p.handle == "velosur.belvent.example").followers_count
        for s in history
        if s.bluesky
    ]
    assert bluesky_followers[-1] > bluesky_followers[0]
    assert max(abs(b - a) for a, b in itertools.pairwise(bluesky_followers)) < 15


def test_real_movements_get_no_sample_figures(tmp_path: Path) -> None:
    project = make_project(tmp_path, examples=True)
    assert_refused(
        project,
        "ovpe",
        "'ovpe' names real accounts: sample figures are only made for fictional movements",
    )


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ("handle: DemoGazetteBelv", "handle: LaGazette", "@LaGazette"),
        (
            "bluesky: parents-velo.belvent.example",
            "bluesky: parents.bsky.social",
            "parents.bsky.social",
        ),
        (
            'mastodon: "@gazette@social.belvent.example"',
            'mastodon: "@gazette@mastodon.social"',
            "mastodon.social",
        ),
    ],
    ids=["x", "bluesky", "mastodon"],
)
def test_handles_that_may_be_real_are_refused(
    tmp_path: Path, old: str, new: str, named: str
) -> None:
    text = (REPO / "movements" / "demo" / "movement.yml").read_text(encoding="utf-8")
    assert old in text
    project = make_project(
        tmp_path,
        {
            "velo": text.replace(old, new)
            .replace("logo: logo.svg", "")
            .replace("image: photos/piste.jpg", "")
        },
    )
    assert_refused(
        project,
        "velo",
        f"{named} may be real accounts: sample figures are only made for movements whose "
        "every X username starts with 'Demo' and whose every Bluesky handle and Mastodon "
        "server ends with '.example'",
    )


def test_samples_never_replace_figures_read_from_x(tmp_path: Path) -> None:
    project = make_project(tmp_path, examples=True)
    real = project / "movements" / "demo" / "snapshots" / "2026-11-24.json"
    data = json.loads(real.read_text(encoding="utf-8"))
    real.write_text(json.dumps({**data, "source": "x-api"}), encoding="utf-8")
    before = snapshot_tree(real.parent)
    result = run(project, *DEMO_SAMPLE)
    assert result.exit_code == 2
    assert (
        "2026-11-24.json: holds figures read from X; sample snapshots are never mixed with real ones"
        in result.stderr
    )
    assert snapshot_tree(real.parent) == before
