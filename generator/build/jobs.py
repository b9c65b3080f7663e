"""Stage 4: build the sites with the engine, in this process or in worker processes that
never outlive the build."""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import layout
from generator.build.options import Progress
from generator.build.sites import SiteTarget, movement_site, portal_site
from generator.i18n import write_theme_catalogs
from generator.movement import LoadedMovement
from generator.project import Project
from generator.render.activity import History
from generator.site import output
from generator.site.engine import build_site
from generator.snapshot.store import read_history

PORTAL = "the portal"  # no slug has a space: never a movement's name
PORTAL_FOLDER = ".portal"
PARENT_POLL_SECONDS = 0.5

Task = LoadedMovement | None
"""A movement to build, or None for the portal."""


@dataclass(frozen=True)
class BuildContext:
    """What every task of one build shares; plain data, so worker processes receive it."""

    project: Project
    base: dict[str, Any]
    theme_dir: Path
    work: Path
    staging: Path
    now: dt.datetime
    movements: list[LoadedMovement]
    previous_output: Path | None = None
    """The output this build replaces, whose images may be taken again."""


def prepare_theme(overrides_dir: Path, theme_dir: Path) -> Path:
    """Our theme overrides with their translations compiled, shared by every site of a build."""
    output.copy_tree(overrides_dir, theme_dir)
    write_theme_catalogs(theme_dir, list(layout.PORTAL_LANGUAGES))
    return theme_dir


def run_tasks(
    context: BuildContext, tasks: list[Task], jobs: int, progress: Progress
) -> Iterator[tuple[str, list[str]]]:
    """(name, warnings) for each task, in the order they are given."""
    total = len(tasks)
    if jobs <= 1 or total <= 1:
        for done, task in enumerate(tasks):
            progress(task_name(task), done, total)
            yield task_name(task), build_task(context, task)
    else:
        yield from _run_in_workers(context, tasks, min(jobs, total), progress)
    if None in tasks:
        output.merge_into_parent(context.staging / PORTAL_FOLDER)


def _run_in_workers(
    context: BuildContext, tasks: list[Task], workers: int, progress: Progress
) -> Iterator[tuple[str, list[str]]]:
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),)
    )
    try:
        futures: list[Future[list[str]]] = [
            pool.submit(build_task, context, task) for task in tasks
        ]
        for done, (task, future) in enumerate(zip(tasks, futures, strict=True)):
            progress(task_name(task), done, len(tasks))
            yield task_name(task), future.result()
    except BaseException:
        # An error, Ctrl+C or SIGTERM: stop the workers before the staging folder they
        # write into is removed, instead of waiting for every queued site.
        _stop_workers(pool)
        raise
    pool.shutdown()


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    processes = list((pool._processes or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()


def _die_with_parent(parent: int) -> None:
    """In a worker: exit as soon as the build that started it is gone (even SIGKILLed),
    instead of blocking forever on a queue nobody will feed; and let SIGTERM end it at once
    (the command line's handler, inherited from the parent, would only unwind the task)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def task_name(task: Task) -> str:
    return PORTAL if task is None else task.slug


def build_task(context: BuildContext, task: Task) -> list[str]:
    """Build one task into the staging folder; return the engine's warnings."""
    if task is None:
        # MkDocs empties a site's folder before writing it: the portal, which owns the
        # output's root, is built apart and moved in once every site is written.
        return build_portal(context, context.staging / PORTAL_FOLDER)
    return build_movement(context, task)


def build_movement(context: BuildContext, loaded: LoadedMovement) -> list[str]:
    """Every language of one movement's site, default language first (it owns the root)."""
    history = History(read_history(loaded.folder), context.now)
    targets = [
        movement_site(loaded, language, context.project.docs_dir, history, context.previous_output)
        for language in loaded.spec.languages
    ]
    work = context.work / "movements" / loaded.slug
    return _build_sites(context, targets, context.staging, work, loaded.slug)


def build_portal(context: BuildContext, root: Path) -> list[str]:
    """The portal, one site per portal language, into `root`."""
    targets = [
        portal_site(context.movements, language, context.base, context.project.docs_dir)
        for language in layout.PORTAL_LANGUAGES
    ]
    return _build_sites(context, targets, root, context.work / "portal", "portal")


def _build_sites(
    context: BuildContext, targets: list[SiteTarget], root: Path, work: Path, name: str
) -> list[str]:
    warnings = []
    for target in targets:
        language = target.spec.language
        folder = output.safe_join(root, target.folder) if target.folder else root
        messages = build_site(target.spec, context.base, work / language, folder, context.theme_dir)
        messages = [*target.warnings, *messages]
        warnings += [f"{name} ({language}): {message}" for message in messages]
    return warnings
