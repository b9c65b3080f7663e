from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import BuildOptions, Project, build
from tests.support import make_project


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example movements, built once for the whole session."""
    root = make_project(tmp_path_factory.mktemp("examples"), examples=True)
    site = root / "site"
    build(BuildOptions(project=Project(root), site_dir=site))
    return site
