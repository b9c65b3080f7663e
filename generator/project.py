"""A Porte-voix project: the folder of `mkdocs.yml`, `docs/`, `movements/` and `overrides/`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import PorteVoixError

PACKAGE_DIR = Path(__file__).resolve().parent


class NoProjectError(PorteVoixError):
    """A command that needs a project was run where there is none."""


@dataclass(frozen=True)
class Project:
    """Where a Porte-voix project keeps its inputs."""

    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def movements_dir(self) -> Path:
        return self.root / "movements"

    @property
    def overrides_dir(self) -> Path:
        return self.root / "overrides"

    @property
    def source_dirs(self) -> list[Path]:
        """The folders a build reads and must never write: the guide, the movements, the
        theme, and this package (in a clone of Porte-voix itself, `generator/`)."""
        return [self.docs_dir, self.movements_dir, self.overrides_dir, PACKAGE_DIR]


def open_project(root: Path) -> Project:
    """The project in `root`, or an error saying where to run the command instead."""
    project = Project(root)
    if not project.config_file.is_file():
        where = root.resolve()
        raise NoProjectError(
            f"no Porte-voix project in {where} (no mkdocs.yml); run this in the folder that "
            "holds mkdocs.yml, docs/ and movements/, or pass --project DIR"
        )
    return project
