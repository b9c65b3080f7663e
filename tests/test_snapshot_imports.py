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
