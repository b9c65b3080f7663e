"""tweepy is loaded only when a real X client is made, never by importing the generator."""

from __future__ import annotations

import subprocess
import sys

from tests.support import REPO

IMPORTS = "import generator.snapshot.run, generator.snapshot.plan, generator.build, generator.cli"


def test_importing_the_snapshot_run_the_build_and_the_cli_does_not_load_tweepy() -> None:
    result = subprocess.run(
        [sys.executable, "-c", f"{IMPORTS}; import sys; print('tweepy' in sys.modules)"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_each_network_library_is_imported_by_one_edge_module() -> None:
    """tweepy only in the X client; requests only there and in the HTTP edge of Bluesky and
    Mastodon: the rest of the package never talks to a network itself."""
    importers: dict[str, set[str]] = {"tweepy": set(), "requests": set()}
    for path in sorted((REPO / "generator").rglob("*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            for library in importers:
                if words[:2] == ["import", library] or words[:2] == ["from", library]:
                    importers[library].add(path.relative_to(REPO).as_posix())
    assert importers == {
        "tweepy": {"generator/snapshot/client.py"},
        "requests": {"generator/snapshot/client.py", "generator/snapshot/http.py"},
    }
