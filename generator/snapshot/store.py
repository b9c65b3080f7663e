"""Snapshot files: `movements/<slug>/snapshots/<YYYY-MM-DD>.json`, one per UTC day.

Written through a temporary file and a rename (a second run on the same day replaces that
day's file whole); read back through the typed format, so a hand-edited or truncated file is
reported with its name instead of breaking a page. Format 1 files are read as format 2 and
left as they are on disk.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from pydantic import ValidationError

from generator.errors import PorteVoixError
from generator.movement import LoadedMovement
from generator.site import output
from generator.snapshot.format import ListRecord, Snapshot, XFigures, snapshot_json, upgrade

SNAPSHOTS_DIR = "snapshots"
FILE_NAME = re.compile(r"\d{4}-\d{2}-\d{2}\.json")


class SnapshotFileError(PorteVoixError):
    """A snapshot file cannot be read as format 1 or 2."""


def snapshots_dir(movement_folder: Path) -> Path:
    return movement_folder / SNAPSHOTS_DIR


def write_snapshot(movement_folder: Path, snapshot: Snapshot) -> Path:
    """Write `snapshot` as its day's file, atomically; return the file's path."""
    target = output.safe_join(snapshots_dir(movement_folder), f"{snapshot.day.isoformat()}.json")
    output.write_text_atomically(target, snapshot_json(snapshot))
    return target


def read_snapshot(path: Path) -> Snapshot:
    """One snapshot file, validated; the error names the file and the key."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        snapshot = Snapshot.model_validate(upgrade(data))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SnapshotFileError(
            f"{path}: not a JSON file ({error}); delete it or restore it from git"
        ) from None
    except ValidationError as error:
        first = error.errors()[0]
        loc = list(first["loc"])
        if isinstance(data, dict) and data.get("format") == 1 and loc[:1] == ["x"]:
            loc = loc[1:]  # a format 1 file holds X's body at its top level
        where = ".".join(str(part) for part in loc) or "(top level)"
        raise SnapshotFileError(
            f"{path}: {where}: {first['msg']}; the file does not follow snapshot format 2 "
            "(generator/snapshot/snapshot.schema.json): fix it or delete it"
        ) from None
    if snapshot.day.isoformat() != path.stem:
        raise SnapshotFileError(
            f"{path}: fetched_at is {snapshot.fetched_at.isoformat()}, another day than the file's "
            f"name; rename the file to {snapshot.day.isoformat()}.json"
        )
    return snapshot


def snapshot_files(movement_folder: Path) -> list[Path]:
    """The movement's snapshot files, oldest first."""
    folder = snapshots_dir(movement_folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if FILE_NAME.fullmatch(p.name))


def read_history(movement_folder: Path) -> tuple[Snapshot, ...]:
    """Every snapshot of the movement, oldest first."""
    return tuple(read_snapshot(path) for path in snapshot_files(movement_folder))


CARRY_FROM_FILES = 8
"""How many of the newest files a run looks through for list members it may reuse."""


def carried_lists(movement_folder: Path) -> dict[str, ListRecord]:
    """The newest X List records with members among the latest files, by list id, each with
    the moment its members were read (a format 1 file's own `fetched_at`)."""
    found: dict[str, ListRecord] = {}
    for path in reversed(snapshot_files(movement_folder)[-CARRY_FROM_FILES:]):
        snapshot = read_snapshot(path)
        for record in snapshot.x.lists if snapshot.x else []:
            if record.members and record.id not in found:
                read_at = record.members_read_at or snapshot.fetched_at
                found[record.id] = record.model_copy(update={"members_read_at": read_at})
    return found


def same_day_x(loaded: LoadedMovement, fetched_at: dt.datetime) -> XFigures | None:
    """X's part of the file of `fetched_at`'s day, if a run already wrote one: a later run
    that X refuses replaces the day's file without losing what X gave that day."""
    path = snapshots_dir(loaded.folder) / f"{fetched_at.astimezone(dt.UTC).date().isoformat()}.json"
    return read_snapshot(path).x if path.is_file() else None
