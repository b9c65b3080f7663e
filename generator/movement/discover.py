"""Which folders of movements/ are movements, what is passed over, and links that leave it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import MovementError, Problem
from generator.movement.fields import SUPPORTED_LANGUAGES

MOVEMENT_FILE = "movement.yml"
SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
# Folder names the site itself uses next to the movement folders.
RESERVED_SLUGS = frozenset({*SUPPORTED_LANGUAGES, "assets", "search", "404", "sitemap"})


def discover_movements(movements_dir: Path) -> list[Path]:
    """The movement files under `movements_dir`, in slug order.

    A folder counts when it holds a file named exactly `movement.yml`: a case-insensitive
    file system would also open `Movement.yml`, which Linux, where sites are built, would
    not. A movement that leads out of `movements_dir` through a symbolic link is refused.
    """
    if not movements_dir.is_dir():
        raise MovementError(
            [
                Problem(
                    str(movements_dir),
                    1,
                    1,
                    "",
                    "no such folder; create it with `portevoix new SLUG`",
                )
            ]
        )
    files = sorted(
        path / MOVEMENT_FILE for path in movements_dir.iterdir() if _has_movement_file(path)
    )
    refused = [problem for file in files for problem in link_problems(file.parent, movements_dir)]
    if refused:
        raise MovementError(refused)
    return files


def _has_movement_file(folder: Path) -> bool:
    return (folder / MOVEMENT_FILE).is_file() and MOVEMENT_FILE in _names(folder)


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def link_problems(folder: Path, movements_dir: Path) -> list[Problem]:
    """Errors for the symbolic links of the movement `folder` that lead out of `movements_dir`
    (the folder itself, its movement file, its logo, its snapshots…)."""
    problems = []
    for found in escaping_links(folder, movements_dir):
        kind = "folder" if found.is_folder else "file"
        into = movements_dir if found.link == folder else found.link.parent
        problems.append(
            Problem(
                str(found.link),
                1,
                1,
                "",
                f"is a symbolic link to {found.target}, outside {movements_dir}{os.sep}: "
                f"{LINK_REASON}; {link_fix(kind, into)}",
            )
        )
    return problems


# Names meant as a movement file: movement.yaml, Movement.yml, movement.yml.txt, movement.json…
_MOVEMENT_FILE_LIKE = re.compile(r"movements?\.(ya?ml|json)\b.*", re.IGNORECASE)
_YAML_LIKE = re.compile(r".*\.(ya?ml|json)\b.*", re.IGNORECASE)


def skipped_entries(movements_dir: Path) -> list[Problem]:
    """Warnings for what `discover_movements` passes over though it looks meant as a
    movement: a folder without `movement.yml`, a misnamed movement file, a YAML file lying
    directly in `movements_dir`. Hidden entries, and other files (a README), are not."""
    if not movements_dir.is_dir():
        return []
    problems: list[Problem] = []
    for entry in sorted(movements_dir.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            problems += _skipped_folder(entry)
        elif entry.is_symlink() and not entry.exists():
            broken = f"a symbolic link to {entry.readlink()}, which does not exist; remove it"
            problems.append(_skipped(entry, broken))
        elif _YAML_LIKE.fullmatch(entry.name):
            stem = entry.name.split(".")[0]
            named = _is_free_slug(stem) and not _MOVEMENT_FILE_LIKE.match(entry.name)
            target = movements_dir / (stem if named else "SLUG") / MOVEMENT_FILE
            problems.append(
                _skipped(entry, f"a movement file goes in its own folder; move it to {target}")
            )
    return problems


def _skipped_folder(folder: Path) -> list[Problem]:
    names = _names(folder)
    if MOVEMENT_FILE in names:
        return []
    misnamed = sorted(name for name in names if _MOVEMENT_FILE_LIKE.fullmatch(name))
    if misnamed:
        return [
            _skipped(folder / name, f"a movement file must be named {MOVEMENT_FILE}; rename it")
            for name in misnamed
        ]
    slug = folder.name
    how = (
        f"portevoix new {slug}"
        if _is_free_slug(slug)
        else "portevoix new SLUG (a folder name of lower-case letters, digits and '-')"
    )
    message = f"no {MOVEMENT_FILE} in this folder; create one with {how}, or remove the folder"
    return [_skipped(folder, message)]


def _is_free_slug(name: str) -> bool:
    return bool(SLUG_PATTERN.fullmatch(name)) and name not in RESERVED_SLUGS


def _skipped(path: Path, message: str) -> Problem:
    return Problem(str(path), 1, 1, "", f"skipped: {message}", "warning")


LINK_REASON = "the site would publish files from elsewhere on the machine"


def link_fix(kind: str, where: Path) -> str:
    """How to replace a symbolic link to a `kind` ('file' or 'folder') by a copy in `where`."""
    return f"copy the {kind} into {where}{os.sep} instead of linking to it"


@dataclass(frozen=True)
class EscapingLink:
    """A symbolic link under movements/ that leads out of it."""

    link: Path
    target: Path
    is_folder: bool


def escaping_links(path: Path, root: Path) -> list[EscapingLink]:
    """Symbolic links at `path` or under it that resolve outside `root`.

    Hidden entries are left out: nothing publishes them (editors' lock files are links).
    Links that stay under `root` are followed, each folder once.
    """
    found: list[EscapingLink] = []
    _walk_links(path, root.resolve(), found, set())
    return found


def _walk_links(path: Path, root: Path, found: list[EscapingLink], seen: set[Path]) -> None:
    target = path.resolve()
    if path.is_symlink() and not target.is_relative_to(root):
        found.append(EscapingLink(path, target, target.is_dir()))
        return
    if not path.is_dir() or target in seen:
        return
    seen.add(target)
    try:
        entries = sorted(os.scandir(path), key=lambda entry: entry.name)
    except OSError:
        return  # unreadable folders are reported by whatever reads them
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() or entry.is_dir(follow_symlinks=False):
            _walk_links(Path(entry.path), root, found, seen)
