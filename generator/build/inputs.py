"""Stage 1: read the project's shared configuration and every movement, and pick those a
build works on."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

from generator.errors import PorteVoixError
from generator.movement import LoadedMovement, discover_movements, load_movements
from generator.movement.discover import skipped_entries
from generator.movement.notes import movement_notes
from generator.project import Project
from generator.site.engine import read_base_config
from generator.snapshot.store import snapshot_files


@dataclass(frozen=True)
class Inputs:
    """A project's validated inputs: its MkDocs base configuration, its movements, and the
    warnings found while reading them (each once, with its place)."""

    base: dict[str, Any]
    movements: list[LoadedMovement]
    warnings: list[str]


def load_inputs(project: Project) -> Inputs:
    """Validate every movement file of `project` (all problems of all files together)."""
    base = read_base_config(project.config_file)
    movements = load_movements(discover_movements(project.movements_dir))
    return Inputs(base, movements, movement_warnings(project, movements))


def movement_warnings(project: Project, movements: list[LoadedMovement]) -> list[str]:
    """What `check` warns about: skipped folders and files, then each movement's advice."""
    skipped = [str(problem) for problem in skipped_entries(project.movements_dir)]
    return skipped + [str(warning) for loaded in movements for warning in loaded.warnings]


def check_notes(movements: list[LoadedMovement]) -> list[str]:
    """What `check` says besides warnings: the kit pages each site leaves out, and why."""
    return [
        note
        for loaded in movements
        for note in movement_notes(loaded, bool(snapshot_files(loaded.folder)))
    ]


def select_movements(
    movements: list[LoadedMovement], only: tuple[str, ...]
) -> list[LoadedMovement]:
    """The movements named by `--movement` (or `serve`, `snapshot`…), or all of them."""
    if not only:
        return movements
    by_slug = {m.slug: m for m in movements}
    unknown = [slug for slug in only if slug not in by_slug]
    if unknown:
        known = ", ".join(by_slug) or "none yet"
        names = ", ".join(f"'{slug}'" for slug in unknown)
        raise PorteVoixError(
            f"no movement {names} in movements/ (known: {known}); a movement's name is its "
            "folder's name, movements/<name>/movement.yml (create one with `portevoix new NAME`)"
        )
    return [by_slug[slug] for slug in dict.fromkeys(only)]


def shard_of(movements: list[LoadedMovement], index: int, count: int) -> list[LoadedMovement]:
    """The movements of shard `index` (1-based) of `count`: a split by slug that does not
    move a movement to another shard when others are added or removed."""
    return [m for m in movements if zlib.crc32(m.slug.encode("utf-8")) % count == index - 1]
