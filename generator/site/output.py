"""The one door for writes: everything is staged beside its target, then swapped in whole.

A crash or an error mid-build leaves the previous output as it was; names that come from
movement files (slugs) can never reach outside the output folder; an output folder is only
ever replaced when it is empty or is a Porte-voix output (it holds `MARKER`), and one build at
a time writes it (`output_lock`).
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import BuildError

MARKER = ".porte-voix-build.json"
"""The file every Porte-voix output holds at its root (the build manifest)."""
STAGING_MARKER = ".porte-voix-staging"
"""The file every staging folder holds from its first moment, so leftovers can be recognised."""
LOCK_POLL_SECONDS = 0.2
FILE_MODE = 0o644


def check_output_dir(target: Path, sources: list[Path], root: Path) -> None:
    """Refuse, before anything is built, an output folder that replacing would destroy:
    the project `root` or a folder holding it, any of the `sources` folders, a folder inside
    one or holding one, and any folder that is not empty and is not a Porte-voix output."""
    resolved = target.resolve()
    project = root.resolve()
    if project.is_relative_to(resolved):
        where = "is the project folder" if resolved == project else "holds the project folder"
        _refuse(target, f"it {where} {project}")
    for source in sources:
        folder = source.resolve()
        name = _shown(folder, project)
        if folder == resolved:
            _refuse(target, f"it is {name}, which the build reads")
        if folder.is_relative_to(resolved):
            _refuse(target, f"it holds {name}, which the build reads")
        if resolved.is_relative_to(folder):
            _refuse(target, f"it lies inside {name}, which the build reads")
    if resolved.exists() and not resolved.is_dir():
        _refuse(target, "it is a file")
    if resolved.is_dir() and not is_porte_voix_output(resolved) and any(resolved.iterdir()):
        _refuse(
            target,
            f"it is not empty and is not a Porte-voix output (it has no {MARKER}), so "
            "building would replace what it holds",
        )


def _shown(folder: Path, project: Path) -> str:
    """`docs/` for a folder of the project, the full path for one elsewhere."""
    if folder.is_relative_to(project):
        return f"{folder.relative_to(project).as_posix()}/"
    return str(folder)


def _refuse(target: Path, why: str) -> None:
    raise BuildError(
        f"refusing to write the site into {target}: {why}. Use an empty or new folder, "
        "such as site/ (the default) or --site-dir public"
    )


def is_porte_voix_output(folder: Path) -> bool:
    """Whether `folder` is an output a build of ours wrote."""
    return (folder / MARKER).is_file()


def lock_path(target: Path) -> Path:
    """The lock file of an output folder. Not beside it (that would leave a file in the
    project) nor inside it (the folder is swapped): in the system's temporary folder, named
    after the output's full path."""
    digest = hashlib.sha256(str(target.resolve()).encode("utf-8")).hexdigest()[:20]
    return Path(tempfile.gettempdir()) / f"porte-voix-{digest}.lock"


@contextmanager
def output_lock(target: Path, timeout: float) -> Iterator[None]:
    """Hold the output's lock while writing it; wait `timeout` seconds at most for another
    build to finish, then refuse. The lock dies with the process that holds it."""
    path = lock_path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise BuildError(
                        f"another build is writing {target} (it holds the lock {path}); wait "
                        "for it to finish, or build into another --site-dir"
                    ) from None
                time.sleep(LOCK_POLL_SECONDS)
        yield
    finally:
        os.close(handle)  # releases the lock


def remove_leftovers(target: Path) -> list[Path]:
    """Remove the staging and retired folders that interrupted builds of `target` left
    beside it; only folders of ours (named after it and marked). Call it holding the lock."""
    target = target.resolve()
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    for prefix in (f".{target.name}.staging-", f".{target.name}.previous-"):
        for folder in sorted(target.parent.glob(f"{prefix}*")):
            if folder.is_dir() and not folder.is_symlink() and _is_ours(folder):
                shutil.rmtree(folder)
                removed.append(folder)
    return removed


def _is_ours(folder: Path) -> bool:
    return (folder / STAGING_MARKER).is_file() or is_porte_voix_output(folder)


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
    (staging / STAGING_MARKER).touch()
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
    (staging / STAGING_MARKER).unlink(missing_ok=True)
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
    """Write `text` to `path` as UTF-8 through a temporary file and a rename."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(handle, FILE_MODE)  # mkstemp makes it private; our files are for sharing
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_files(root: Path, files: dict[str, bytes]) -> None:
    """Write each of `files` (paths relative to `root`, never outside it)."""
    for relative, data in files.items():
        write_bytes_atomically(safe_join(root, relative), data)


def copy_tree(source: Path, target: Path) -> None:
    """Copy the folder `source` to `target`, which must not exist yet."""
    shutil.copytree(source, target)


def replace_scratch_dir(folder: Path) -> Path:
    """An empty `folder` inside a build's own temporary folder (what was there is ours)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def remove_file(path: Path, within: Path) -> None:
    """Remove the file `path` (a link itself, not what it points to), which must sit inside the
    folder `within`; a folder, or anything outside `within`, is refused."""
    if not path.parent.resolve().is_relative_to(within.resolve()):
        raise BuildError(f"refusing to remove {path}: it is outside {within}")
    if path.is_dir() and not path.is_symlink():
        raise BuildError(f"refusing to remove {path}: it is a folder, not a file")
    path.unlink()
