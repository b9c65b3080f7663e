"""The one door for writes: everything is staged beside its target, then swapped in whole.

A crash or an error mid-build leaves the previous output as it was; names that come from
movement files (slugs) can never reach outside the output folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.errors import BuildError


def safe_join(root: Path, relative: str) -> Path:
    """`root / relative`, refusing any path that would leave `root`."""
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise BuildError(f"refusing to write {relative!r}: it is outside {root}")
    return target


def new_staging_dir(target: Path) -> Path:
    """An empty folder next to `target`, on the same file system so a rename can swap them."""
    target = target.resolve()
    if target.exists() and not target.is_dir():
        raise BuildError(f"{target} is a file, not a folder; move it away or choose --site-dir")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a published site is read by a web server
    return staging


def carry_over(previous: Path, staging: Path, names: list[str]) -> None:
    """Hard-link (or copy) the files and folders `names` of a previous output into staging."""
    for name in names:
        source = safe_join(previous, name)
        if source.is_dir():
            shutil.copytree(source, safe_join(staging, name), copy_function=_link_or_copy)
        elif source.is_file():
            _link_or_copy(str(source), str(safe_join(staging, name)))


def merge_into_parent(folder: Path) -> None:
    """Move everything in `folder` up into its parent (same file system: renames), then
    remove `folder`; an entry of the same name in the parent is an error, never overwritten."""
    parent = folder.parent
    for entry in sorted(folder.iterdir()):
        target = parent / entry.name
        if target.exists():
            raise BuildError(f"refusing to overwrite {target} with {entry}")
        entry.rename(target)
    folder.rmdir()


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def publish(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with two renames; the old output is removed last."""
    retired = None
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.previous-", dir=target.parent))
        retired.rmdir()
        target.rename(retired)
    try:
        staging.rename(target)
    except OSError:
        if retired is not None:
            retired.rename(target)
        raise
    if retired is not None:
        shutil.rmtree(retired)


def discard(staging: Path) -> None:
    """Remove a staging folder that will not be published."""
    shutil.rmtree(staging, ignore_errors=True)


def write_text_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
