"""Sample histories: seeded and reproducible, plausible, and never for real accounts."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

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
    assert {a.username for a in history[-1].accounts} == {a.handle for a in demo.spec.accounts}
    assert len(history[-1].lists) == 2 and all(lst.members for lst in history[-1].lists)


def test_real_movements_get_no_sample_figures(tmp_path: Path) -> None:
    project = make_project(tmp_path, examples=True)
    assert_refused(
        project,
        "ovpe",
        "'ovpe' names real accounts: sample figures are only made for fictional movements",
    )


def test_handles_that_may_be_real_are_refused(tmp_path: Path) -> None:
    text = (REPO / "movements" / "demo" / "movement.yml").read_text(encoding="utf-8")
    project = make_project(
        tmp_path,
        {
            "velo": text.replace("handle: DemoGazetteBelv", "handle: LaGazette")
            .replace("logo: logo.svg", "")
            .replace("image: photos/piste.jpg", "")
        },
    )
    assert_refused(
        project,
        "velo",
        "@LaGazette may be real accounts: sample figures are only made for movements whose "
        "every username starts with 'Demo'",
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
