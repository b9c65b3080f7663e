"""The GitHub Actions workflows and the pre-commit hook are valid and least-privileged."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from tests.support import REPO, installed_tool

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def load(path: Path) -> dict:
    # PyYAML reads the `on:` key as True (YAML 1.1); the workflows use it as a string.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def test_workflows_pass_actionlint() -> None:
    actionlint = installed_tool("actionlint")
    result = subprocess.run([actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_are_least_privileged_and_pinned(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"}
    assert "group" in workflow["concurrency"]
    for job in workflow["jobs"].values():
        assert "timeout-minutes" in job
        for step in job.get("steps", []):
            if "uses" in step:
                assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+\.\d+\.\d+", step["uses"]), step["uses"]


def test_refresh_snapshots_only_with_the_secret_and_deploys_with_pages_actions() -> None:
    refresh = load(REPO / ".github" / "workflows" / "refresh.yml")
    assert "schedule" in refresh["on"] and "workflow_dispatch" in refresh["on"]
    assert refresh["concurrency"]["cancel-in-progress"] is False
    jobs = refresh["jobs"]
    assert jobs["snapshot"]["permissions"] == {"contents": "write"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    snapshot_step = next(
        s for s in jobs["snapshot"]["steps"] if s.get("name") == "Take the activity snapshot"
    )
    assert snapshot_step["env"] == {
        "X_BEARER_TOKEN": "${{ secrets.X_BEARER_TOKEN }}",
        "BLUESKY_HANDLE": "${{ secrets.BLUESKY_HANDLE }}",
        "BLUESKY_APP_PASSWORD": "${{ secrets.BLUESKY_APP_PASSWORD }}",
        "BUDGET_USD": "${{ vars.SNAPSHOT_BUDGET_USD || '3.00' }}",
    }
    run = snapshot_step["run"]
    # Without X's secret the free networks are still read; X is always held to a budget.
    assert 'if [ -z "$X_BEARER_TOKEN" ]' in run and "::notice" in run
    assert "networks=(--network bluesky --network mastodon)" in run
    assert '.venv/bin/portevoix snapshot --budget "$BUDGET_USD" "${networks[@]}"' in run
    uses = {
        s["uses"].split("@")[0]
        for job in jobs.values()
        for s in job.get("steps", [])
        if "uses" in s
    }
    assert {
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "actions/configure-pages",
    } <= uses
    assert (
        jobs["build"]["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.plan.outputs.shards) }}"
    )


def test_commands_the_workflows_run_exist() -> None:
    runner = CliRunner()
    for command in (
        ["build", "--help"],
        ["assemble", "--help"],
        ["snapshot", "--help"],
        ["check", "--help"],
    ):
        result = runner.invoke(main, command)
        assert result.exit_code == 0, command
    assert "--shard K/N" in runner.invoke(main, ["build", "--help"]).output


def test_pre_commit_hook_runs_check_on_movement_files() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "portevoix-check" and hook["entry"] == "portevoix check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "movements/demo/movement.yml")
    assert not re.search(hook["files"], "movements/demo/snapshots/2026-11-25.json")
