"""What `portevoix build` is asked to do, and what it reports back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import StrictModeError
from generator.project import Project

LOCK_TIMEOUT_SECONDS = 120.0
"""How long a build waits for another build writing the same output before it gives up."""

Progress = Callable[[str, int, int], None]
"""Told (task name, tasks done, tasks in all) as a build goes."""


def no_progress(name: str, done: int, total: int) -> None:
    """A `Progress` that says nothing."""


@dataclass(frozen=True)
class BuildOptions:
    """What `portevoix build` was asked to do."""

    project: Project
    site_dir: Path
    only: tuple[str, ...] = ()
    strict: bool = False
    jobs: int = 1
    force: bool = False
    shard: tuple[int, int] | None = None
    """(K, N): build only the K-th of N stable parts of the movements, and no portal."""
    lock_timeout: float = LOCK_TIMEOUT_SECONDS


@dataclass
class BuildReport:
    """What a build did, for the command line to print."""

    built: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    portal_built: bool = False
    warnings: list[str] = field(default_factory=list)


def raise_if_strict(strict: bool, warnings: list[str]) -> None:
    """Under --strict, any warning stops the build before anything is published."""
    if strict and warnings:
        raise StrictModeError(
            "--strict: warnings were raised, the site was not written:\n" + "\n".join(warnings)
        )
