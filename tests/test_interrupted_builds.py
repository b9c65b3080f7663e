"""Builds that are interrupted or run at once: workers die with their parent, leftovers are
removed by the next build, a lock keeps the output whole, `serve` cleans up on SIGTERM."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.site import output
from tests.support import REPO, make_project, snapshot_tree

COPIES = 6  # enough movements that a parallel build is still running when it is stopped


def _project(folder: Path) -> Path:
    root = make_project(folder / "project", examples=True)
    demo = root / "movements" / "demo"
    # The copies leave out the demo's posts: what these tests stop and restart is the build
    # of many sites, and each post would cost every copy four images to draw.
    head, rest = (demo / "movement.yml").read_text(encoding="utf-8").split("\nposts:\n", 1)
    without_posts = head + "\nquestions:\n" + rest.split("\nquestions:\n", 1)[1]
    for index in range(COPIES):
        copy = root / "movements" / f"copy-{index}"
        shutil.copytree(demo, copy, ignore=_no_snapshots)
        (copy / "movement.yml").write_text(without_posts, encoding="utf-8")
    return root


def _no_snapshots(folder: str, names: list[str]) -> list[str]:
    return ["snapshots"] if "snapshots" in names else []


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The examples and six copies of the demo, not built yet."""
    return _project(tmp_path)


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _project(tmp_path_factory.mktemp("built"))
    first = portevoix(root, "build")
    assert first.wait(timeout=300) == 0, first.stderr.read() if first.stderr else ""
    return root


@pytest.fixture
def built(built_once: Path, tmp_path: Path) -> Path:
    """A copy of the project once built: sources copied, site hard-linked (a build replaces
    its output by renames and never writes into a file of it)."""
    root = tmp_path / "project"
    shutil.copytree(built_once, root, ignore=shutil.ignore_patterns("site"))
    shutil.copytree(built_once / "site", root / "site", copy_function=os.link)
    return root


def portevoix(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *args, "--project", str(project)],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {seconds} s")
        time.sleep(0.05)


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid`, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def staging_folders(project: Path) -> list[Path]:
    return sorted(project.glob(".site.staging-*"))


def start_parallel_build(project: Path) -> tuple[subprocess.Popen[str], list[int]]:
    """A `--jobs 2` build, caught while its workers are writing the staging folder."""
    build = portevoix(project, "build", "--jobs", "2", "--force")
    wait_until(lambda: any((s / "copy-0").exists() for s in staging_folders(project)))
    workers = children_of(build.pid)
    assert len(workers) >= 2, workers
    return build, workers


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_die_with_their_build_and_the_next_build_cleans_up(
    built: Path, sig: signal.Signals
) -> None:
    project = built
    before = snapshot_tree(project / "site")
    build, workers = start_parallel_build(project)
    build.send_signal(sig)
    assert build.wait(timeout=30) == (-9 if sig == signal.SIGKILL else 128 + signal.SIGTERM)
    wait_until(lambda: not any(is_running(pid) for pid in workers), seconds=10)
    assert snapshot_tree(project / "site") == before  # the published site is whole
    if sig == signal.SIGTERM:
        assert staging_folders(project) == []  # removed on the way out
    else:
        assert len(staging_folders(project)) == 1  # a SIGKILL leaves it…
    again = portevoix(project, "build")
    assert again.wait(timeout=300) == 0
    assert staging_folders(project) == []  # …and the next build removes it
    assert list(project.glob(".site.previous-*")) == []


def test_simultaneous_builds_wait_for_each_other_and_keep_every_fingerprint(
    project: Path,
) -> None:
    builds = [
        portevoix(project, "build", "--movement", slug)
        for slug in ("demo", "ovpe", "copy-0", "copy-1")
    ]
    results = [(b.wait(timeout=300), b.stderr.read() if b.stderr else "") for b in builds]
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    assert not any("Errno" in err or "Traceback" in err for _, err in results)
    manifest = json.loads((project / "site" / output.MARKER).read_text(encoding="utf-8"))
    assert sorted(manifest["movements"]) == ["copy-0", "copy-1", "demo", "ovpe"]
    assert staging_folders(project) == []


def test_serve_removes_its_temporary_folder_on_sigterm(project: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    server = portevoix(
        project, "serve", "demo", "--port", str(free_port()), env={"TMPDIR": str(scratch)}
    )
    wait_until(lambda: any(scratch.glob("portevoix-serve-*/site/demo/index.html")))
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=30) == 128 + signal.SIGTERM
    assert list(scratch.glob("portevoix-serve-*")) == []


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
