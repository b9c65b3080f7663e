"""What the last build was made from, so that a rebuild redoes only what changed.

The manifest sits inside the output folder, so it is swapped in and out with it: it can
never describe another output than the one beside it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_NAME = ".porte-voix-build.json"
FORMAT = 1


@dataclass
class Manifest:
    """Fingerprints of the inputs of the portal and of each movement site in an output."""

    portal: str | None = None
    movements: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        data = {"format": FORMAT, "portal": self.portal, "movements": self.movements}
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def read_manifest(site_dir: Path) -> Manifest:
    """The manifest of `site_dir`, or an empty one (everything will be built)."""
    try:
        data = json.loads((site_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Manifest()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return Manifest()
    movements = data.get("movements")
    portal = data.get("portal")
    if not isinstance(movements, dict) or not (portal is None or isinstance(portal, str)):
        return Manifest()
    return Manifest(portal, {str(k): str(v) for k, v in movements.items()})


def fingerprint_files(paths: Iterable[Path], root: Path) -> str:
    """A digest of the names and bytes of files, stable across machines and checkouts."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def fingerprint_tree(folder: Path, root: Path) -> str:
    """A digest of every file below `folder` (names relative to `root`)."""
    return fingerprint_files((p for p in folder.rglob("*") if "__pycache__" not in p.parts), root)


def fingerprint_values(*values: Any) -> str:
    """A digest of plain data (strings, numbers, lists, mappings)."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
